/**
 * Who is who across articles: rows naming people are grouped into one identity per first + last name
 * ("Witkoff", "Steve Witkoff" and "Mr Witkoff" are one person when only one Witkoff is known), while two
 * people who share a surname stay two. A query that fits several identities is answered with suggestions.
 */
import type { CardQuote, PersonCard, WhoResult } from '../types.js';
import { nameParts, nameTokens, sameFirstName } from './names.js';
import type { ArticleRef, PersonCandidates, PersonRow, QuoteRow, SentenceRow } from './rows.js';

export interface WhoOptions {
  maxQuotes?: number;
  maxSentences?: number;
}

/** One identity: the rows (one per article) that name the same person. */
export interface Identity {
  first: string | null;
  last: string;
  rows: PersonRow[];
}

export function articleTime(row: ArticleRef): string {
  return row.publishedAt ?? row.ingestedAt;
}

/** Newest article first; within an article, keep the given order. */
function byNewest<T extends ArticleRef>(a: T, b: T): number {
  const t = articleTime(b).localeCompare(articleTime(a));
  if (t !== 0) return t;
  return Number(b.articleId) - Number(a.articleId) || b.articleId.localeCompare(a.articleId);
}

function roleWords(role: string | null): Set<string> {
  return new Set(nameTokens(role ?? '').filter((w) => w.length > 2));
}

function overlaps(a: Set<string>, b: Set<string>): boolean {
  for (const x of a) if (b.has(x)) return true;
  return false;
}

/** Group person rows into identities. */
export function identities(rows: readonly PersonRow[]): Identity[] {
  const full: Identity[] = [];
  const surnameOnly: PersonRow[] = [];
  for (const row of rows) {
    const p = nameParts(row.name);
    if (!p.last) continue;
    if (!p.first) {
      surnameOnly.push(row);
      continue;
    }
    const first = p.first;
    const found = full.find((c) => c.last === p.last && c.first !== null && sameFirstName(c.first, first));
    if (found) {
      found.rows.push(row);
      if (first.length > (found.first ?? '').length) found.first = first;
    } else full.push({ first, last: p.last, rows: [row] });
  }
  const loose = new Map<string, Identity>();
  for (const row of surnameOnly) {
    const last = nameParts(row.name).last ?? '';
    const same = full.filter((c) => c.last === last);
    let target: Identity | undefined;
    if (same.length === 1) target = same[0];
    else if (same.length > 1) {
      const words = roleWords(row.role);
      const byRole = same.filter((c) => c.rows.some((r) => overlaps(words, roleWords(r.role))));
      if (byRole.length === 1) target = byRole[0];
    }
    if (target) {
      target.rows.push(row);
      continue;
    }
    const key = same.length > 1 ? `${last}|${[...roleWords(row.role)].sort().join(' ')}` : last;
    const id = loose.get(key) ?? { first: null, last, rows: [] };
    id.rows.push(row);
    loose.set(key, id);
  }
  return [...full, ...loose.values()];
}

/** The name an identity goes by: the fullest name its articles give, the most used on a tie. */
export function displayName(id: Identity): string {
  const counts = new Map<string, number>();
  for (const r of id.rows) counts.set(r.name, (counts.get(r.name) ?? 0) + 1);
  let best = id.rows[0]?.name ?? id.last;
  for (const [name, n] of counts) {
    const len = nameTokens(name).length;
    const bestLen = nameTokens(best).length;
    if (len > bestLen || (len === bestLen && n > (counts.get(best) ?? 0))) best = name;
  }
  return best;
}

function describe(id: Identity): string {
  return displayName(id);
}

export type Resolution =
  | { kind: 'found'; identity: Identity }
  | { kind: 'ambiguous'; identities: Identity[] }
  | { kind: 'none'; identities: Identity[] };

/** Share of a surname's rows one identity must hold for the bare surname to mean them. */
const DOMINANT_SHARE = 0.9;
/** ... and rows it must have, so that two or three articles never decide it. */
const DOMINANT_MIN_ROWS = 10;

/**
 * The identity a bare surname means when the news uses it almost only for one person ("Trump" with
 * Donald Trump in 53,000 articles and Ivanka Trump in 300); null when it is shared more evenly.
 */
function dominantIdentity(ids: readonly Identity[]): Identity | null {
  const total = ids.reduce((n, id) => n + id.rows.length, 0);
  const top = [...ids].sort((a, b) => b.rows.length - a.rows.length)[0];
  if (!top || top.rows.length < DOMINANT_MIN_ROWS || top.rows.length < DOMINANT_SHARE * total) return null;
  return top;
}

/** Which identity a query names. */
export function resolve(query: string, rows: readonly PersonRow[]): Resolution {
  const q = nameParts(query);
  const all = identities(rows);
  if (!q.last) return { kind: 'none', identities: all };
  const qFirst = q.first;
  const qLast = q.last;
  const exact = all.filter((id) => id.rows.some((r) => nameTokens(r.name).join(' ') === q.tokens.join(' ')));
  let matches: Identity[];
  if (qFirst) {
    matches = all.filter((id) => id.last === qLast && (id.first === null || sameFirstName(id.first, qFirst)));
    const withFirst = matches.filter((id) => id.first !== null);
    if (withFirst.length > 0) matches = withFirst;
  } else {
    matches = all.filter((id) => id.last === qLast);
    if (matches.length === 0) matches = all.filter((id) => id.first === qLast);
  }
  if (matches.length > 1 && exact.length === 1 && q.tokens.length > 1) matches = exact;
  if (matches.length > 1) {
    const full = matches.filter((id) => id.first !== null);
    // A surname-only identity that could not be tied to one of several full names is not a third person.
    if (full.length === 1) matches = full;
  }
  if (matches.length > 1 && !qFirst) {
    const dominant = dominantIdentity(matches);
    if (dominant) matches = [dominant];
  }
  if (matches.length === 1 && matches[0]) return { kind: 'found', identity: matches[0] };
  if (matches.length > 1) return { kind: 'ambiguous', identities: matches };
  return { kind: 'none', identities: all };
}

/** Suggestions for a query that found nobody: names sharing a token or a prefix with it. */
export function suggestionsFor(query: string, ids: readonly Identity[], limit = 5): string[] {
  const qt = nameTokens(query);
  const scored = ids
    .map((id) => {
      const name = describe(id);
      const nt = nameTokens(name);
      let s = 0;
      for (const q of qt)
        for (const t of nt) {
          if (t === q) s += 3;
          else if (t.startsWith(q.slice(0, 3)) || q.startsWith(t.slice(0, 3))) s += 1;
        }
      return { name, s, n: id.rows.length };
    })
    .filter((x) => x.s > 0)
    .sort((a, b) => b.s - a.s || b.n - a.n || a.name.localeCompare(b.name));
  return [...new Set(scored.map((x) => x.name))].slice(0, limit);
}

/** Is this quote spoken by the identity (same article, and the speaker is the row's name or alias)? */
export function spokenBy(id: Identity, quote: QuoteRow): boolean {
  if (!quote.speaker) return false;
  const rows = rowsByArticle(id).get(quote.articleId) ?? [];
  if (rows.length === 0) return false;
  const sp = nameParts(quote.speaker);
  const spKey = nameTokens(quote.speaker).join(' ');
  return rows.some(
    (r) =>
      nameTokens(r.name).join(' ') === spKey ||
      r.aliases.some((a) => nameTokens(a).join(' ') === spKey) ||
      (sp.last === id.last && (sp.first === null || id.first === null || sameFirstName(sp.first, id.first))),
  );
}

const byArticle = new WeakMap<Identity, { n: number; map: Map<string, PersonRow[]> }>();

function rowsByArticle(id: Identity): Map<string, PersonRow[]> {
  const cached = byArticle.get(id);
  if (cached && cached.n === id.rows.length) return cached.map;
  const map = new Map<string, PersonRow[]>();
  for (const r of id.rows) map.set(r.articleId, [...(map.get(r.articleId) ?? []), r]);
  byArticle.set(id, { n: id.rows.length, map });
  return map;
}

function mentionedBy(id: Identity, s: SentenceRow): boolean {
  return (rowsByArticle(id).get(s.articleId) ?? []).some((r) => s.people.includes(r.name));
}

function newestRole(id: Identity): string | null {
  const withRole = id.rows.filter((r) => r.role);
  if (withRole.length === 0) return null;
  return [...withRole].sort(byNewest)[0]?.role ?? null;
}

function aliasesOf(id: Identity, name: string): string[] {
  const seen = new Map<string, string>();
  const key = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();
  for (const r of id.rows)
    for (const a of [r.name, ...r.aliases]) {
      const k = key(a);
      if (k && k !== key(name) && !seen.has(k)) seen.set(k, a);
    }
  return [...seen.values()];
}

/**
 * An identity's articles and mentions. When the store read only a name's newest rows, each of the
 * identity's names counts its store-wide total, shared in proportion to the rows read with any other
 * identity that name went to (two Trumps told apart by role).
 */
function totalsOf(id: Identity, rows: PersonCandidates): { articles: number; mentions: number } {
  const read = {
    articles: new Set(id.rows.map((r) => r.articleId)).size,
    mentions: id.rows.reduce((n, r) => n + r.mentions, 0),
  };
  if (!rows.nameTotals?.length) return read;
  const key = (name: string) => name.toLowerCase();
  const totals = new Map(rows.nameTotals.map((t) => [key(t.name), t]));
  const readAnywhere = new Map<string, number>();
  for (const r of rows.people) readAnywhere.set(key(r.name), (readAnywhere.get(key(r.name)) ?? 0) + 1);
  const readHere = new Map<string, PersonRow[]>();
  for (const r of id.rows) readHere.set(key(r.name), [...(readHere.get(key(r.name)) ?? []), r]);
  let articles = 0;
  let mentions = 0;
  for (const [name, here] of readHere) {
    const total = totals.get(name);
    const share = here.length / (readAnywhere.get(name) ?? here.length);
    articles += total ? total.articles * share : here.length;
    mentions += total ? total.mentions * share : here.reduce((n, r) => n + r.mentions, 0);
  }
  return {
    articles: Math.max(read.articles, Math.round(articles)),
    mentions: Math.max(read.mentions, Math.round(mentions)),
  };
}

export function card(id: Identity, rows: PersonCandidates, options: WhoOptions = {}): PersonCard {
  const name = displayName(id);
  const { articles, mentions } = totalsOf(id, rows);
  const quotes: CardQuote[] = rows.quotes
    .filter((q) => spokenBy(id, q))
    .sort((a, b) => byNewest(a, b) || a.index - b.index)
    .slice(0, options.maxQuotes ?? 5)
    .map((q) => ({ text: q.text, title: q.title, url: q.url }));
  const seenText = new Set<string>();
  const sentences: string[] = [];
  for (const s of [...rows.sentences].sort((a, b) => byNewest(a, b) || a.index - b.index)) {
    if (sentences.length >= (options.maxSentences ?? 5)) break;
    if (!mentionedBy(id, s) || seenText.has(s.text)) continue;
    seenText.add(s.text);
    sentences.push(s.text);
  }
  const lastSeen = [...id.rows].sort(byNewest)[0];
  return {
    found: true,
    name,
    role: newestRole(id),
    aliases: aliasesOf(id, name),
    mentions,
    articles,
    quotes,
    sentences,
    ...(lastSeen && articleTime(lastSeen) ? { lastSeen: articleTime(lastSeen) } : {}),
  };
}

/** Answer `who(name)` from the store's candidate rows. */
export function who(query: string, rows: PersonCandidates, options: WhoOptions = {}): WhoResult {
  const r = resolve(query, rows.people);
  if (r.kind === 'found') return card(r.identity, rows, options);
  const suggestions =
    r.kind === 'ambiguous'
      ? [...new Set(r.identities.map(describe))].slice(0, 10)
      : suggestionsFor(query, r.identities);
  return { found: false, query, suggestions };
}
