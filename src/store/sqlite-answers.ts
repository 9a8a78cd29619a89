/** The SQLite store's rows for the core's answers: who, quotes, ask (sentence-search.ts), digest. */
import type Database from 'better-sqlite3';
import { queryKey } from '../core/answer/names.js';
import type { PersonCandidates, PersonRow, QuoteRow, SentenceRow } from '../core/answer/rows.js';
import type { Briefing } from '../core/types.js';
import { articleRef, DETAIL_LINES, DETAIL_ROWS, personRow, quoteRow, type Row, sentenceRow } from './rows.js';
import { createSentenceSearch, type SearchLimits } from './sentence-search.js';
import type { SearchStore } from './types.js';

function answerStatements(db: Database.Database) {
  return {
    peopleByKey: db.prepare(
      `SELECT p.id AS person_id, p.name, p.role, p.aliases, p.mentions, a.id AS article_id, a.title, a.url,
              a.published_at, a.updated_at
       FROM person_keys k JOIN people p ON p.id = k.person_id JOIN articles a ON a.id = k.article_id
       WHERE k.key = ? ORDER BY k.article_id DESC LIMIT ?`,
    ),
    nameTotal: db.prepare('SELECT articles, mentions FROM name_totals WHERE name = ?'),
    quotesInArticles: db.prepare(
      `SELECT q.idx, q.text, q.speaker, q.speaker_role, a.id AS article_id, a.title, a.url, a.published_at, a.updated_at
       FROM quotes q JOIN articles a ON a.id = q.article_id
       WHERE q.article_id IN (SELECT value FROM json_each(?)) AND instr(lower(q.speaker), ?) > 0
       ORDER BY q.article_id DESC, q.idx LIMIT ?`,
    ),
    sentencesOfPeople: db.prepare(
      `SELECT s.id, s.idx, s.text, s.people, a.id AS article_id, a.title, a.url, a.published_at, a.updated_at
       FROM mentions m JOIN sentences s ON s.id = m.sentence_id JOIN articles a ON a.id = s.article_id
       WHERE m.person_id IN (SELECT value FROM json_each(?))
       ORDER BY s.article_id DESC, s.idx LIMIT ?`,
    ),
    latestQuotes: db.prepare(
      `SELECT q.idx, q.text, q.speaker, q.speaker_role, a.id AS article_id, a.title, a.url, a.published_at, a.updated_at
       FROM quotes q JOIN articles a ON a.id = q.article_id ORDER BY q.id DESC LIMIT ?`,
    ),
    peopleNames: db.prepare(
      `SELECT p.name, SUM(p.mentions) AS n, MIN(instr(lower(p.name), lower(@prefix))) AS pos
       FROM (SELECT person_id FROM person_keys WHERE key >= @lo AND key < @hi LIMIT 5000) k
       JOIN people p ON p.id = k.person_id GROUP BY p.name ORDER BY pos = 1 DESC, n DESC, p.name LIMIT @limit`,
    ),
    briefingsSince: db.prepare(
      `SELECT a.id AS article_id, a.title, a.url, a.published_at, a.updated_at, b.version, b.briefing
       FROM articles a JOIN briefings b ON b.article_id = a.id WHERE a.updated_at >= ?
       ORDER BY a.updated_at DESC, a.id DESC LIMIT ?`,
    ),
  };
}

export function sqliteAnswers(db: Database.Database, searchLimits?: SearchLimits): SearchStore {
  const s = answerStatements(db);
  const search = createSentenceSearch(db, searchLimits);

  function personCandidates(name: string, limit = 100): PersonCandidates {
    const key = queryKey(name);
    if (!key) return { people: [], quotes: [], sentences: [] };
    const people: PersonRow[] = (s.peopleByKey.all(key, limit) as Row[]).map(personRow);
    if (people.length === 0) return { people, quotes: [], sentences: [] };
    const nameTotals =
      people.length < limit
        ? undefined
        : [...new Map(people.map((p) => [p.name.toLowerCase(), p.name])).values()].map((n) => {
            const t = s.nameTotal.get(n) as Row | undefined;
            return { name: n, articles: Number(t?.articles ?? 0), mentions: Number(t?.mentions ?? 0) };
          });
    // Cards show the newest few quotes and sentences: read them from the newest articles only, so a
    // name in thousands of articles costs a bounded number of row reads. Counts come from `people`.
    const newest = people.slice(0, DETAIL_ROWS);
    const articleIds = JSON.stringify([...new Set(newest.map((p) => Number(p.articleId)))]);
    const quotes: QuoteRow[] = (s.quotesInArticles.all(articleIds, key, DETAIL_LINES) as Row[]).map(quoteRow);
    const personIds = JSON.stringify(newest.map((p) => Number(p.personId)));
    const sentences: SentenceRow[] = (s.sentencesOfPeople.all(personIds, DETAIL_LINES) as Row[]).map(
      sentenceRow,
    );
    return { people, quotes, sentences, ...(nameTotals ? { nameTotals } : {}) };
  }

  return {
    async personCandidates(name, limit) {
      return personCandidates(name, limit);
    },
    async searchSentences(question, limit = 50) {
      const rows = search.search(question, limit);
      return rows.map((r) => ({ ...sentenceRow(r), score: Number(r.score) }));
    },
    async latestQuotes(limit = 10) {
      return (s.latestQuotes.all(limit) as Row[]).map(quoteRow);
    },
    async peopleNames(prefix, limit) {
      const lo = prefix.trim().toLowerCase();
      if (!lo) return [];
      const rows = s.peopleNames.all({ prefix: lo, lo, hi: `${lo}\uffff`, limit }) as Row[];
      return rows.map((r) => String(r.name));
    },
    async briefingsSince(since, limit = 500) {
      return (s.briefingsSince.all(since, limit) as Row[]).map((r) => ({
        ...articleRef(r),
        version: Number(r.version),
        briefing: JSON.parse(String(r.briefing)) as Briefing,
      }));
    },
  };
}
