/** The latest quotes, of anyone or of one person, from the store's rows. */

import type { PersonCandidates, QuoteRow } from './rows.js';
import { articleTime, displayName, resolve, spokenBy, suggestionsFor } from './who.js';

export interface QuoteLine {
  text: string;
  speaker: string | null;
  title: string | null;
  url: string | null;
}

export interface QuotesAnswer {
  query: string | null;
  quotes: QuoteLine[];
  suggestions: string[];
}

function newestFirst(a: QuoteRow, b: QuoteRow): number {
  return (
    articleTime(b).localeCompare(articleTime(a)) ||
    Number(b.articleId) - Number(a.articleId) ||
    a.index - b.index
  );
}

/** Latest quotes of anyone: `rows` are the store's newest quotes. */
export function latestQuotes(rows: readonly QuoteRow[], limit = 10): QuotesAnswer {
  const quotes = [...rows]
    .sort(newestFirst)
    .slice(0, limit)
    .map((q) => ({ text: q.text, speaker: q.speaker, title: q.title, url: q.url }));
  return { query: null, quotes, suggestions: [] };
}

/** Latest quotes of the person `name` names, or suggestions when it names nobody or several people. */
export function quotesOf(name: string, rows: PersonCandidates, limit = 10): QuotesAnswer {
  const r = resolve(name, rows.people);
  if (r.kind !== 'found') {
    const suggestions =
      r.kind === 'ambiguous' ? r.identities.map(displayName) : suggestionsFor(name, r.identities);
    return { query: name, quotes: [], suggestions: [...new Set(suggestions)] };
  }
  const speaker = displayName(r.identity);
  const quotes = rows.quotes
    .filter((q) => spokenBy(r.identity, q))
    .sort(newestFirst)
    .slice(0, limit)
    .map((q) => ({ text: q.text, speaker, title: q.title, url: q.url }));
  return { query: name, quotes, suggestions: [] };
}
