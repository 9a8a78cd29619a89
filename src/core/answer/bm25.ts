/**
 * BM25 over sentences, scored here rather than by FTS5's bm25(): bm25() counts each query term's
 * documents by reading the term's whole posting list, which costs 15 ms for a word in 500,000
 * sentences (docs/STORE.md). A store only has to find candidates and say how many sentences hold each
 * term, which it can estimate cheaply.
 */
import { porterStem } from '../text/porter.js';
import { queryTerms, STOPWORDS } from './terms.js';

/** What BM25 needs to know about the whole collection of sentences. */
export interface CollectionStats {
  /** Number of sentences. */
  documents: number;
  /** Mean tokens per sentence. */
  averageLength: number;
  /** Search token -> number of sentences that contain it (estimates are fine: idf is a logarithm). */
  documentFrequency: ReadonlyMap<string, number>;
}

/** FTS5's bm25() defaults. */
const K1 = 1.2;
const B = 0.75;

/** Most terms one question is searched for; more only adds cost. */
export const MAX_QUERY_TERMS = 8;

/**
 * Printable ASCII plus the typographic punctuation news text is full of (‘’‚‛“”„‟ – — …): none of it is a letter
 * or digit, and NFKD leaves the letters alone, so such text splits the same on ASCII classes alone.
 */
const PLAIN_TEXT = /^[\t\n\r\x20-\x7e\u2013\u2014\u2018-\u201f\u2026]*$/;
const PLAIN_WORD = /[a-z0-9]+/g;

/** Lower-case words split as FTS5's unicode61 tokenizer splits them, diacritics removed. */
export function searchWords(text: string): string[] {
  // Scoring reads hundreds of candidate sentences per question, and NFKD with Unicode classes was a
  // fifth of `ask`'s time at 100,000 articles; most sentences take this path (same words, docs/STORE.md).
  if (PLAIN_TEXT.test(text)) return text.toLowerCase().match(PLAIN_WORD) ?? [];
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

/**
 * Tokens as the store's full-text index makes them (`porter unicode61 remove_diacritics 2`). The stem
 * is NLTK's Porter variant, which differs from FTS5's on a few rare suffixes; a word stemmed
 * differently only loses its term-frequency credit, it is still found by the index.
 */
export function searchTokens(text: string): string[] {
  return searchWords(text).map(stemOf);
}

/** Porter is ~5 µs a word and scoring reads hundreds of sentences; news vocabulary repeats a lot. */
const stems = new Map<string, string>();
const MAX_CACHED_STEMS = 50_000;

function stemOf(word: string): string {
  let s = stems.get(word);
  if (s === undefined) {
    s = porterStem(word);
    if (stems.size >= MAX_CACHED_STEMS) stems.clear();
    stems.set(word, s);
  }
  return s;
}

/** The distinct search tokens of a text's content words (stop words left out). */
export function contentTokens(text: string): Set<string> {
  return new Set(
    searchWords(text)
      .filter((w) => !STOPWORDS.has(w))
      .map(stemOf),
  );
}

export interface QueryTerm {
  /** The word as the user wrote it, for the full-text index to tokenize itself. */
  word: string;
  /** Its search token, for counting. */
  token: string;
}

/** The question's content words as search terms, one per distinct token, at most MAX_QUERY_TERMS. */
export function searchTerms(question: string): QueryTerm[] {
  const out = new Map<string, QueryTerm>();
  for (const term of queryTerms(question))
    for (const word of searchWords(term)) {
      if (word.length < 2) continue;
      const token = stemOf(word);
      if (!out.has(token)) out.set(token, { word, token });
    }
  return [...out.values()].slice(0, MAX_QUERY_TERMS);
}

/** Inverse document frequency, in the form that never goes negative for very common terms. */
export function idf(documentFrequency: number, documents: number): number {
  return Math.log(1 + (documents - documentFrequency + 0.5) / (documentFrequency + 0.5));
}

/**
 * BM25 of one sentence for the query tokens; higher is better, 0 when none occur. Only the sentence's
 * words that could stem to a query token are stemmed: Porter only removes or rewrites a suffix, so a
 * word's stem keeps all but the last letter of its beginning.
 */
export function bm25(queryTokens: readonly string[], sentence: string, stats: CollectionStats): number {
  const words = searchWords(sentence);
  const n = queryTokens.length;
  const prefixes = queryTokens.map((t) => t.slice(0, Math.max(1, t.length - 1)));
  // Counts by query token, summed below in the order the tokens first occur (as a Map would iterate),
  // so that the score is the same to the last bit: indexed arrays instead of a Map and an iterator per
  // word were most of the time of scoring 200 candidates for `ask`.
  const counts = new Array<number>(n).fill(0);
  const order: number[] = [];
  for (const w of words)
    for (let i = 0; i < n; i++) {
      if (!w.startsWith(prefixes[i] as string) || stemOf(w) !== queryTokens[i]) continue;
      if (counts[i] === 0) order.push(i);
      counts[i] = (counts[i] as number) + 1;
      break; // query tokens are distinct: a word stems to at most one of them
    }
  if (order.length === 0) return 0;
  const lengthNorm = 1 - B + (B * words.length) / Math.max(1e-9, stats.averageLength);
  let score = 0;
  for (const i of order) {
    const f = counts[i] as number;
    const df = Math.max(1, stats.documentFrequency.get(queryTokens[i] as string) ?? 1);
    score += (idf(df, stats.documents) * f * (K1 + 1)) / (f + K1 * lengthNorm);
  }
  return score;
}
