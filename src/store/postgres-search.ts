/**
 * Candidate sentences for `ask` on PostgreSQL, in time that does not grow with the store: the same
 * three steps as the SQLite search (sentence-search.ts, which explains them), over a table of postings
 * whose primary key is (term, sentence id). A GIN index cannot return a term's postings newest first;
 * this b-tree read backwards can, so each term costs at most `probe` index entries.
 *
 * The postings hold each sentence's distinct search tokens as the core makes them (searchTokens: the
 * words split as FTS5's unicode61 splits them, Porter-stemmed), stop words left out: a question's
 * search terms never are stop words, and they are a third of all tokens. Totals for BM25 (sentences and
 * tokens) are kept by triggers in sharded rows, so reading them is O(1).
 */
import type pg from 'pg';
import { type CollectionStats, searchTerms, searchTokens, searchWords } from '../core/answer/bm25.js';
import { STOPWORDS } from '../core/answer/terms.js';
import {
  chooseCandidates,
  conjunctionPlan,
  SEARCH_LIMITS,
  type SearchLimits,
  scoreCandidates,
  weighPostings,
} from './sentence-search.js';

type Row = Record<string, unknown>;

/** What the store writes for one sentence: its token count (for the average length) and its terms. */
export function sentenceIndexRows(text: string): { tokens: number; terms: string[] } {
  const words = searchWords(text);
  const tokens = searchTokens(text);
  const terms = new Set<string>();
  words.forEach((w, i) => {
    if (w.length >= 2 && !STOPWORDS.has(w)) terms.add(tokens[i] as string);
  });
  return { tokens: words.length, terms: [...terms] };
}

export interface PgSentenceSearch {
  search(db: pg.Pool | pg.PoolClient, question: string, limit: number): Promise<Row[]>;
}

export function createPgSentenceSearch({
  probe,
  scanBudget,
  window,
}: SearchLimits = SEARCH_LIMITS): PgSentenceSearch {
  return {
    async search(db, question, limit) {
      const terms = searchTerms(question);
      if (terms.length === 0) return [];
      // 1. The collection's totals and the newest postings of every term (all of them for a rare term),
      //    in one round trip and one row, each term's list a JSON array. Measured on 10,000 articles
      //    (6 terms, best of 7): totals and postings as two queries 3.0-4.3 ms; as one query of a row
      //    per posting 8.5-10.2 ms (3,000 rows to send and parse); as this one row 1.7-1.9 ms.
      const posted = (
        await db.query(
          `SELECT (SELECT coalesce(sum(documents), 0) FROM sentence_totals) AS documents,
                  (SELECT coalesce(sum(tokens), 0) FROM sentence_totals) AS tokens,
                  (SELECT min(id) FROM sentences) AS lo, (SELECT max(id) FROM sentences) AS hi,
                  (SELECT json_object_agg(t.term, (SELECT coalesce(json_agg(p.sentence_id), '[]')
                                                   FROM (SELECT sentence_id FROM sentence_terms s WHERE s.term = t.term
                                                         ORDER BY sentence_id DESC LIMIT $2) p))
                   FROM unnest($1::text[]) AS t(term)) AS postings`,
          [terms.map((t) => t.token), probe],
        )
      ).rows[0] as Row;
      const documents = Number(posted.documents);
      if (documents <= 0 || posted.hi === null) return [];
      const c = {
        documents,
        averageLength: Number(posted.tokens) / documents,
        lo: Number(posted.lo),
        hi: Number(posted.hi),
      };
      const byTerm = new Map(Object.entries((posted.postings ?? {}) as Record<string, number[]>));
      const lists = terms.map((t) => (byTerm.get(t.token) ?? []).map(Number).sort((a, b) => b - a));
      const w = weighPostings(terms, lists, c, probe);
      const stats: CollectionStats = { ...c, documentFrequency: w.documentFrequency };

      // 2. Too few rare candidates: sentences holding the rarest common terms together, newest first,
      //    as far back as scanBudget postings reach.
      const plan = conjunctionPlan(w, c, limit, { probe, scanBudget, window });
      if (plan) {
        // One join of the postings per term, on the sentence, each bounded by the look-back, merged
        // newest first (b-trees read backwards) and stopped at `window` matches; the database function
        // (PostgreSQL migration 4) keeps the planner from probing per posting. Measured on 10,000
        // articles (best of 5): "donald" AND "trump" 44.8 ms grouping every posting since the look-back
        // -> 0.8 ms; walking the rarest term and probing the others per sentence was fast where matches
        // are dense (1.8 ms) but slow where they are sparse (53.5 ms), so it was dropped. At 100,000
        // articles, "york", "primari", "presidenti": 36.3 ms as a plain join bounded on the first term
        // only, 6.2 ms now; the same 116 sentences.
        const both = await db.query('SELECT sentence_id FROM newsbrief_terms_together($1, $2, $3)', [
          plan.rarest.map((t) => t.token),
          plan.since,
          window,
        ]);
        for (const r of both.rows as Row[]) {
          const id = Number(r.sentence_id);
          w.known.set(id, Math.max(w.known.get(id) ?? 0, plan.together));
        }
      }

      // 3. Read and score the most promising candidates (ties: newest first). The article is looked up
      //    per sentence (LIMIT 1 keeps the subquery a lookup by key): joined plainly, the planner hashed
      //    the whole articles table for 200 sentences of a 10,000-article store (15 of the 19 ms of this
      //    read; 1 ms as lookups).
      const chosen = chooseCandidates(w.known, window);
      if (chosen.length === 0) return [];
      const rows = await db.query(
        `SELECT s.id, s.idx, s.text, s.people, a.id AS article_id, a.title, a.url, a.published_at, a.updated_at
         FROM sentences s CROSS JOIN LATERAL
           (SELECT id, title, url, published_at, updated_at FROM articles WHERE id = s.article_id LIMIT 1) a
         WHERE s.id = ANY($1::bigint[])`,
        [chosen],
      );
      return scoreCandidates(rows.rows as Row[], terms, stats, limit);
    },
  };
}
