/** The PostgreSQL store's rows for the core's answers: who, quotes, ask (postgres-search.ts), digest. */

import { queryKey } from '../core/answer/names.js';
import type { PersonCandidates, PersonRow } from '../core/answer/rows.js';
import type { Briefing } from '../core/types.js';
import type { PgDb } from './postgres-db.js';
import { createPgSentenceSearch } from './postgres-search.js';
import { articleRef, DETAIL_LINES, DETAIL_ROWS, personRow, quoteRow, sentenceRow } from './rows.js';
import type { SearchLimits } from './sentence-search.js';
import type { SearchStore } from './types.js';

export function postgresAnswers(db: PgDb, searchLimits?: SearchLimits): SearchStore {
  const { q, ready, pool, fail } = db;
  const search = createPgSentenceSearch(searchLimits);
  return {
    async personCandidates(name, limit = 100): Promise<PersonCandidates> {
      const key = queryKey(name);
      if (!key) return { people: [], quotes: [], sentences: [] };
      const people: PersonRow[] = (
        await q(
          `SELECT p.id AS person_id, p.name, p.role, p.aliases, p.mentions, a.id AS article_id, a.title, a.url,
                  a.published_at, a.updated_at
           FROM person_keys k JOIN people p ON p.id = k.person_id JOIN articles a ON a.id = k.article_id
           WHERE k.key = $1 ORDER BY k.article_id DESC, k.person_id DESC LIMIT $2`,
          [key, limit],
        )
      ).map(personRow);
      if (people.length === 0) return { people, quotes: [], sentences: [] };
      // The name totals, quotes and sentences all follow from the rows read: asked at once, on three of
      // the pool's connections, a card costs two round trips rather than four.
      const names = [...new Map(people.map((p) => [p.name.toLowerCase(), p.name])).values()];
      // Cards show the newest few quotes and sentences: read them from the newest articles only, so a
      // name in thousands of articles costs a bounded number of row reads. Counts come from `people`.
      const newest = people.slice(0, DETAIL_ROWS);
      const [totals, quoteRows, sentenceRows] = await Promise.all([
        people.length >= limit
          ? q('SELECT name_key, articles, mentions FROM name_totals WHERE name_key = ANY($1::text[])', [
              names.map((n) => n.toLowerCase()),
            ])
          : null,
        q(
          `SELECT q.idx, q.text, q.speaker, q.speaker_role, a.id AS article_id, a.title, a.url, a.published_at, a.updated_at
           FROM quotes q JOIN articles a ON a.id = q.article_id
           WHERE q.article_id = ANY($1::bigint[]) AND strpos(lower(q.speaker), $2) > 0
           ORDER BY q.article_id DESC, q.idx LIMIT $3`,
          [[...new Set(newest.map((p) => p.articleId))], key, DETAIL_LINES],
        ),
        q(
          `SELECT s.id, s.idx, s.text, s.people, a.id AS article_id, a.title, a.url, a.published_at, a.updated_at
           FROM mentions m JOIN sentences s ON s.id = m.sentence_id JOIN articles a ON a.id = s.article_id
           WHERE m.person_id = ANY($1::bigint[])
           ORDER BY s.article_id DESC, s.idx LIMIT $2`,
          [newest.map((p) => p.personId), DETAIL_LINES],
        ),
      ]);
      const byKey = new Map((totals ?? []).map((t) => [String(t.name_key), t]));
      const nameTotals: PersonCandidates['nameTotals'] = totals
        ? names.map((n) => {
            const t = byKey.get(n.toLowerCase());
            return { name: n, articles: Number(t?.articles ?? 0), mentions: Number(t?.mentions ?? 0) };
          })
        : undefined;
      const quotes = quoteRows.map(quoteRow);
      const sentences = sentenceRows.map(sentenceRow);
      return { people, quotes, sentences, ...(nameTotals ? { nameTotals } : {}) };
    },
    async searchSentences(question, limit = 50) {
      await ready();
      try {
        const rows = await search.search(pool, question, limit);
        return rows.map((r) => ({ ...sentenceRow(r), score: Number(r.score) }));
      } catch (err) {
        throw fail('Store query failed', err);
      }
    },
    async latestQuotes(limit = 10) {
      return (
        await q(
          `SELECT q.idx, q.text, q.speaker, q.speaker_role, a.id AS article_id, a.title, a.url, a.published_at, a.updated_at
           FROM quotes q JOIN articles a ON a.id = q.article_id ORDER BY q.id DESC LIMIT $1`,
          [limit],
        )
      ).map(quoteRow);
    },
    async peopleNames(prefix, limit) {
      const lo = prefix.trim().toLowerCase();
      if (!lo) return [];
      const rows = await q(
        `SELECT p.name, sum(p.mentions) AS n, min(strpos(lower(p.name), $1)) AS pos
         FROM (SELECT person_id FROM person_keys WHERE key >= $1 AND key < $2 LIMIT 5000) k
         JOIN people p ON p.id = k.person_id GROUP BY p.name
         ORDER BY min(strpos(lower(p.name), $1)) = 1 DESC, n DESC, p.name COLLATE "C" LIMIT $3`,
        [lo, `${lo}\uffff`, limit],
      );
      return rows.map((r) => String(r.name));
    },
    async briefingsSince(since, limit = 500) {
      return (
        await q(
          `SELECT a.id AS article_id, a.title, a.url, a.published_at, a.updated_at, b.version, b.briefing
           FROM articles a JOIN briefings b ON b.article_id = a.id WHERE a.updated_at >= $1
           ORDER BY a.updated_at DESC, a.id DESC LIMIT $2`,
          [since, limit],
        )
      ).map((r) => ({
        ...articleRef(r),
        version: Number(r.version),
        briefing: JSON.parse(String(r.briefing)) as Briefing,
      }));
    },
  };
}
