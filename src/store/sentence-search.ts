/**
 * Candidate sentences for `ask`, found with FTS5 and scored with the core's BM25, in time that does not
 * grow with the store. FTS5's own bm25() reads every query term's whole posting list to count its
 * documents (15 ms for a word in 500,000 sentences), and an AND of common words that never meet scans
 * all of them; both are avoided here (measurements in docs/STORE.md):
 *
 * 1. Each term's newest `probe` postings are read. A term with fewer is rare: its count is exact and
 *    every sentence holding it is a candidate. A common term's count is estimated from how densely it
 *    occurs among the newest sentences (idf is a logarithm, so the estimate's error hardly matters);
 *    its newest postings are candidates too, and a sentence in several terms' lists adds up their idf.
 * 2. When the rare terms give too few candidates, sentences holding the three rarest common terms
 *    together are looked for, as far back as `scanBudget` of their postings reach, so that a
 *    conjunction of common words that never meet costs a bounded scan.
 * 3. The best `window` candidates by the idf of the terms they are known to hold are read and scored.
 */
import type Database from 'better-sqlite3';
import { bm25, type CollectionStats, idf, type QueryTerm, searchTerms } from '../core/answer/bm25.js';

export interface SearchLimits {
  /** Newest postings read per term: below this a term's count is exact. */
  probe: number;
  /**
   * Postings the search for common terms may read: it looks back over as many of the newest sentences
   * as its terms' estimated postings allow (all of them when the terms are not too common).
   */
  scanBudget: number;
  /** Candidates read from the table and scored. */
  window: number;
}

/** Measured on 100,000 articles (docs/STORE.md). */
export const SEARCH_LIMITS: SearchLimits = { probe: 500, scanBudget: 50_000, window: 200 };

/** Common terms ANDed together: each one more lengthens the scan and rarely changes the candidates. */
const AND_TERMS = 3;

type Row = Record<string, unknown> & { id?: unknown };

export interface SentenceSearch {
  /** The best `limit` sentences for the question, best first, each with its (negative) BM25 score. */
  search(question: string, limit: number): Row[];
}

const phrase = (word: string) => `"${word.replace(/"/g, '""')}"`;

/**
 * FTS5's averages record (id 1 of the `_data` table): a varint row count, then one varint token total
 * per column. Reading it is O(1); count(*) over millions of sentences is not.
 */
export function decodeAverages(block: Uint8Array): { rows: number; tokens: number } | null {
  const values: number[] = [];
  let i = 0;
  while (i < block.length && values.length < 2) {
    let v = 0;
    let n = 0;
    for (;;) {
      const byte = block[i++];
      if (byte === undefined) return null;
      if (n === 8) {
        v = v * 256 + byte;
        break;
      }
      v = v * 128 + (byte & 0x7f);
      n++;
      if (byte < 0x80) break;
    }
    values.push(v);
  }
  const [rows, tokens] = values;
  return rows !== undefined && tokens !== undefined ? { rows, tokens } : null;
}

/** The collection as the search sees it: sentence count, mean length and the span of sentence ids. */
export interface SearchCollection {
  documents: number;
  averageLength: number;
  lo: number;
  hi: number;
}

export interface Weighed {
  documentFrequency: Map<string, number>;
  /** Candidate sentence id -> idf of the query terms it is known to hold. */
  known: Map<number, number>;
  /** Candidates holding a rare term (every sentence holding one is known). */
  rareCandidates: number;
  /** The terms with `probe` postings or more, whose counts are estimates. */
  common: QueryTerm[];
}

/**
 * Step 1, from each term's newest postings (newest first, at most `probe`): counts, exact for a rare
 * term and estimated from the density of its newest postings for a common one, and candidates.
 */
export function weighPostings(
  terms: readonly QueryTerm[],
  lists: readonly (readonly number[])[],
  c: SearchCollection,
  probe: number,
): Weighed {
  const documentFrequency = new Map<string, number>();
  const postings = terms.map((term, i) => {
    const rowids = lists[i] ?? [];
    const last = rowids[rowids.length - 1];
    const rare = rowids.length < probe || last === undefined;
    const density = rare ? 0 : probe / (c.hi - last + 1);
    documentFrequency.set(
      term.token,
      rare ? rowids.length : Math.min(c.documents, Math.round(density * (c.hi - c.lo + 1))),
    );
    return { term, rowids, rare };
  });
  const known = new Map<number, number>();
  let rareCandidates = 0;
  for (const p of postings) {
    const w = idf(Math.max(1, documentFrequency.get(p.term.token) ?? 1), c.documents);
    for (const r of p.rowids) {
      if (p.rare && !known.has(r)) rareCandidates++;
      known.set(r, (known.get(r) ?? 0) + w);
    }
  }
  const common = postings.filter((p) => !p.rare).map((p) => p.term);
  return { documentFrequency, known, rareCandidates, common };
}

/**
 * Step 2's plan, or null when not needed: the rarest common terms to AND, the sentence id to look back
 * to (as far as `scanBudget` of their postings reach) and the idf a sentence holding all of them gets.
 */
export function conjunctionPlan(
  w: Weighed,
  c: SearchCollection,
  limit: number,
  { scanBudget, window }: SearchLimits,
): { rarest: QueryTerm[]; since: number; together: number } | null {
  if (w.rareCandidates >= limit || w.common.length < 2) return null;
  const df = (t: QueryTerm) => Math.max(1, w.documentFrequency.get(t.token) ?? 1);
  const rarest = [...w.common].sort((a, b) => df(a) - df(b)).slice(0, AND_TERMS);
  const read = rarest.reduce((sum, t) => sum + df(t), 0);
  const since = c.hi - Math.max(window, Math.floor((scanBudget / read) * (c.hi - c.lo + 1)));
  const together = rarest.reduce((sum, t) => sum + idf(df(t), c.documents), 0);
  return { rarest, since, together };
}

/** Step 3: the most promising `window` candidates (ties: newest first). */
export function chooseCandidates(known: ReadonlyMap<number, number>, window: number): number[] {
  return [...known.entries()]
    .sort((a, b) => b[1] - a[1] || b[0] - a[0])
    .slice(0, window)
    .map(([r]) => r);
}

/** The candidates' rows scored with the core's BM25 (negative, best first), the best `limit`. */
export function scoreCandidates(
  rows: readonly Row[],
  terms: readonly QueryTerm[],
  stats: CollectionStats,
  limit: number,
): (Row & { score: number })[] {
  const queryTokens = terms.map((t) => t.token);
  return rows
    .map((r) => ({ ...r, score: -bm25(queryTokens, String(r.text), stats) }))
    .filter((r) => r.score < 0)
    .sort((a, b) => a.score - b.score || Number(b.id) - Number(a.id))
    .slice(0, limit);
}

export function createSentenceSearch(
  db: Database.Database,
  { probe, scanBudget, window }: SearchLimits = SEARCH_LIMITS,
): SentenceSearch {
  const s = {
    averages: db.prepare(`SELECT block FROM sentences_fts_data WHERE id = 1`).pluck(),
    // Two subqueries: min() and max() in one SELECT would scan the table.
    bounds: db.prepare(`SELECT (SELECT min(id) FROM sentences) AS lo, (SELECT max(id) FROM sentences) AS hi`),
    newest: db
      .prepare(
        `SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ? ORDER BY rowid DESC LIMIT ${probe}`,
      )
      .pluck(),
    recent: db
      .prepare(
        `SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ? AND rowid > ? ORDER BY rowid DESC LIMIT ?`,
      )
      .pluck(),
    // Candidates are scored from their text alone; only the best `limit` are read whole (with their
    // article), which takes a third of the time of reading all `window` of them whole.
    texts: db.prepare(`SELECT id, text FROM sentences WHERE id IN (SELECT value FROM json_each(?))`),
    rows: db.prepare(
      `SELECT s.id, s.idx, s.text, s.people, a.id AS article_id, a.title, a.url, a.published_at, a.updated_at
       FROM sentences s JOIN articles a ON a.id = s.article_id
       WHERE s.id IN (SELECT value FROM json_each(?))`,
    ),
  };

  function collection(): { documents: number; averageLength: number; lo: number; hi: number } {
    const { lo, hi } = s.bounds.get() as { lo: number | null; hi: number | null };
    const span = lo === null || hi === null ? 0 : hi - lo + 1;
    const block = s.averages.get() as Uint8Array | undefined;
    const averages = block ? decodeAverages(block) : null;
    const documents = averages && averages.rows > 0 ? averages.rows : span;
    const averageLength = averages && averages.rows > 0 ? averages.tokens / averages.rows : 25;
    return { documents, averageLength, lo: lo ?? 0, hi: hi ?? 0 };
  }

  return {
    search(question, limit) {
      const terms = searchTerms(question);
      if (terms.length === 0) return [];
      const c = collection();
      if (c.documents === 0) return [];

      // 1. Counts, and the newest postings of every term (all of them for a rare term).
      const lists = terms.map((t) => s.newest.all(phrase(t.word)) as number[]);
      const w = weighPostings(terms, lists, c, probe);
      const stats: CollectionStats = { ...c, documentFrequency: w.documentFrequency };

      // 2. Every sentence holding a rare term is known now. When those are too few, sentences with the
      //    rarest common terms together are looked for, as far back as scanBudget postings allow.
      const plan = conjunctionPlan(w, c, limit, { probe, scanBudget, window });
      if (plan)
        for (const r of s.recent.all(
          plan.rarest.map((t) => phrase(t.word)).join(' '),
          plan.since,
          window,
        ) as number[])
          w.known.set(r, Math.max(w.known.get(r) ?? 0, plan.together));

      // 3. Read and score the most promising candidates (ties: newest first).
      const chosen = chooseCandidates(w.known, window);
      const best = scoreCandidates(s.texts.all(JSON.stringify(chosen)) as Row[], terms, stats, limit);
      const whole = new Map(
        (s.rows.all(JSON.stringify(best.map((r) => r.id))) as Row[]).map((r) => [Number(r.id), r]),
      );
      return best.flatMap((r) => {
        const row = whole.get(Number(r.id));
        return row ? [{ ...row, score: r.score }] : [];
      });
    },
  };
}
