/**
 * Answer rows built straight from analysed articles, for answering over a few files without a store
 * (`newsbrief who <name> <paths>`). The store produces the same rows from its tables.
 */
import type { Analysis, Article } from '../types.js';
import type { PersonCandidates } from './rows.js';

export interface AnalysedArticle {
  id: string;
  article: Article;
  analysis: Analysis;
  url: string | null;
}

/** Articles given on the command line were never ingested: no time, so cards carry no "last seen". */
const NO_TIME = '';

export function rowsFromAnalyses(items: readonly AnalysedArticle[]): PersonCandidates {
  const rows: PersonCandidates = { people: [], quotes: [], sentences: [] };
  for (const item of items) {
    const ref = {
      articleId: item.id,
      title: item.analysis.briefing.title,
      url: item.url,
      publishedAt: item.article.publishedAt,
      ingestedAt: NO_TIME,
    };
    for (const [i, p] of item.analysis.briefing.people.entries()) {
      rows.people.push({
        ...ref,
        personId: `${item.id}#${i}`,
        name: p.name,
        role: p.role,
        aliases: p.aliases,
        mentions: p.mentions,
      });
    }
    for (const [index, q] of item.analysis.briefing.quotes.entries()) {
      rows.quotes.push({ ...ref, index, text: q.text, speaker: q.speaker, speakerRole: q.speakerRole });
    }
    for (const [index, s] of item.analysis.sentences.entries()) {
      if (s.people.length > 0)
        rows.sentences.push({
          ...ref,
          sentenceId: `${item.id}#s${index}`,
          index,
          text: s.text,
          people: s.people,
        });
    }
  }
  return rows;
}
