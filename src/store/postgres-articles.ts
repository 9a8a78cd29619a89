/** The PostgreSQL store's articles: ingest (one transaction per article), lookups, delete, counts. */
import type pg from 'pg';
import { personKeys } from '../core/answer/names.js';
import type { Analysis } from '../core/types.js';
import { NewsbriefError } from '../errors.js';
import { isId, oneLine, type PgDb, type Queryable } from './postgres-db.js';
import { sentenceIndexRows } from './postgres-search.js';
import {
  articleSentence,
  COUNTS_SQL,
  countsRow,
  knownArticle as known,
  type Row,
  storedArticle,
} from './rows.js';
import type { ArticleStore, IngestInput, IngestResult } from './types.js';

async function writeDerived(c: Queryable, id: string, version: number, analysis: Analysis) {
  await c.query(
    `INSERT INTO briefings (article_id, version, briefing) VALUES ($1, $2, $3)
     ON CONFLICT (article_id) DO UPDATE SET version = excluded.version, briefing = excluded.briefing`,
    [id, version, JSON.stringify(analysis.briefing)],
  );
  // Every person in one statement (a statement each was most of an article's round trips). The rows
  // are inserted in the array's order and take their ids from the sequence in that order, so the
  // returned ids sorted ascending are the people's in turn.
  const people = analysis.briefing.people;
  const personIds = new Map<string, string>();
  const keys: [string, string][] = [];
  if (people.length) {
    const inserted = await c.query(
      `INSERT INTO people (article_id, name, role, aliases, mentions)
       SELECT $1, n, r, a, m FROM unnest($2::text[], $3::text[], $4::text[], $5::int[])
         WITH ORDINALITY AS u(n, r, a, m, i) ORDER BY i
       RETURNING id`,
      [
        id,
        people.map((p) => p.name),
        people.map((p) => p.role),
        people.map((p) => JSON.stringify(p.aliases)),
        people.map((p) => p.mentions),
      ],
    );
    const ids = (inserted.rows as Row[]).map((r) => BigInt(String(r.id))).sort((a, b) => (a < b ? -1 : 1));
    people.forEach((p, i) => {
      const pid = String(ids[i]);
      personIds.set(p.name, pid);
      for (const k of personKeys(p.name, p.aliases)) keys.push([k, pid]);
    });
  }
  if (keys.length)
    await c.query(
      `INSERT INTO person_keys (key, article_id, person_id)
       SELECT k, $1, p FROM unnest($2::text[], $3::bigint[]) AS u(k, p) ON CONFLICT DO NOTHING`,
      [id, keys.map((k) => k[0]), keys.map((k) => k[1])],
    );
  const quotes = analysis.briefing.quotes;
  if (quotes.length)
    await c.query(
      `INSERT INTO quotes (article_id, idx, text, speaker, speaker_role)
       SELECT $1, i - 1, t, s, r FROM unnest($2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS u(t, s, r, i)`,
      [id, quotes.map((x) => x.text), quotes.map((x) => x.speaker), quotes.map((x) => x.speakerRole)],
    );
  const sentences = analysis.sentences;
  if (sentences.length === 0) return;
  const indexed = sentences.map((s) => sentenceIndexRows(s.text));
  const inserted = await c.query(
    `INSERT INTO sentences (article_id, idx, paragraph, text, people, tokens)
     SELECT $1, i - 1, p, t, pe, n FROM unnest($2::int[], $3::text[], $4::text[], $5::int[])
       WITH ORDINALITY AS u(p, t, pe, n, i)
     RETURNING id, idx`,
    [
      id,
      sentences.map((s) => s.paragraph),
      sentences.map((s) => s.text),
      sentences.map((s) => JSON.stringify(s.people)),
      indexed.map((x) => x.tokens),
    ],
  );
  const ids: string[] = [];
  for (const r of inserted.rows as Row[]) ids[Number(r.idx)] = String(r.id);
  const terms: string[] = [];
  const termSentences: string[] = [];
  const mentionPeople: string[] = [];
  const mentionSentences: string[] = [];
  sentences.forEach((s, i) => {
    const sid = ids[i] as string;
    for (const t of indexed[i]?.terms ?? []) {
      terms.push(t);
      termSentences.push(sid);
    }
    for (const name of new Set(s.people)) {
      const pid = personIds.get(name);
      if (pid !== undefined) {
        mentionPeople.push(pid);
        mentionSentences.push(sid);
      }
    }
  });
  if (terms.length)
    await c.query(
      'INSERT INTO sentence_terms (term, sentence_id) SELECT * FROM unnest($1::text[], $2::bigint[])',
      [terms, termSentences],
    );
  if (mentionPeople.length)
    await c.query(
      `INSERT INTO mentions (person_id, sentence_id) SELECT * FROM unnest($1::bigint[], $2::bigint[])
       ON CONFLICT DO NOTHING`,
      [mentionPeople, mentionSentences],
    );
}

async function ingestIn(c: pg.PoolClient, input: IngestInput): Promise<IngestResult> {
  const now = input.now ?? new Date().toISOString();
  const a = input.article;
  const keys = [input.key, ...(input.otherKeys ?? [])];
  const addKeys = (id: string) =>
    c.query(
      'INSERT INTO article_keys (key, article_id) SELECT k, $2 FROM unnest($1::text[]) AS k ON CONFLICT DO NOTHING',
      [keys, id],
    );
  let known: Row | undefined;
  for (const k of keys) {
    // FOR UPDATE: two instances updating one article take turns.
    known = (
      await c.query(
        `SELECT a.id, a.version, a.content_hash FROM article_keys k JOIN articles a ON a.id = k.article_id
         WHERE k.key = $1 FOR UPDATE OF a`,
        [k],
      )
    ).rows[0] as Row | undefined;
    if (known) break;
  }
  const fields = [input.contentHash, a.url, a.title, a.byline, a.publishedAt, input.source ?? null, now];
  if (known) {
    const id = String(known.id);
    await addKeys(id);
    if (known.content_hash === input.contentHash)
      return { status: 'unchanged', articleId: id, version: Number(known.version) };
    const version = Number(known.version) + 1;
    await c.query(
      `UPDATE articles SET version = version + 1, content_hash = $1, url = $2, title = $3, byline = $4,
       published_at = $5, source = coalesce($6, source), updated_at = $7 WHERE id = $8`,
      [...fields, id],
    );
    await c.query(
      'INSERT INTO article_versions (article_id, version, content_hash, ingested_at) VALUES ($1, $2, $3, $4)',
      [id, version, input.contentHash, now],
    );
    await c.query('DELETE FROM sentences WHERE article_id = $1', [id]);
    await c.query('DELETE FROM quotes WHERE article_id = $1', [id]);
    await c.query('DELETE FROM people WHERE article_id = $1', [id]);
    await writeDerived(c, id, version, input.analysis);
    return { status: 'updated', articleId: id, version };
  }
  const same = (
    await c.query('SELECT id, version FROM articles WHERE content_hash = $1 ORDER BY id LIMIT 1', [
      input.contentHash,
    ])
  ).rows[0] as Row | undefined;
  if (same) {
    await addKeys(String(same.id));
    return { status: 'duplicate', articleId: String(same.id), version: Number(same.version) };
  }
  const r = await c.query(
    `INSERT INTO articles (key, version, content_hash, url, title, byline, published_at, source, ingested_at, updated_at)
     VALUES ($8, 1, $1, $2, $3, $4, $5, $6, $7, $7) RETURNING id`,
    [...fields, input.key],
  );
  const id = String(r.rows[0].id);
  await addKeys(id);
  await c.query(
    'INSERT INTO article_versions (article_id, version, content_hash, ingested_at) VALUES ($1, 1, $2, $3)',
    [id, input.contentHash, now],
  );
  await writeDerived(c, id, 1, input.analysis);
  return { status: 'new', articleId: id, version: 1 };
}

export function postgresArticles(db: PgDb): ArticleStore {
  const { q, run, tx } = db;
  return {
    async ingest(input) {
      try {
        return await tx((c) => ingestIn(c, input));
      } catch (err) {
        if (err instanceof NewsbriefError) throw err;
        throw new NewsbriefError('store', `Could not store "${input.key}": ${oneLine(err)}`, { cause: err });
      }
    },
    async findByKey(key) {
      const rows = await q(
        'SELECT a.id, a.version, a.content_hash FROM article_keys k JOIN articles a ON a.id = k.article_id WHERE k.key = $1',
        [key],
      );
      return known(rows[0]);
    },
    async getArticle(articleId) {
      if (!isId(articleId)) return null;
      const [r] = await q(
        'SELECT a.*, b.briefing FROM articles a LEFT JOIN briefings b ON b.article_id = a.id WHERE a.id = $1',
        [articleId],
      );
      if (!r) return null;
      const sentences = (
        await q('SELECT text, paragraph, people FROM sentences WHERE article_id = $1 ORDER BY idx', [
          articleId,
        ])
      ).map(articleSentence);
      return storedArticle(r, sentences);
    },
    async deleteArticle(articleId) {
      if (!isId(articleId)) return false;
      return (await run('DELETE FROM articles WHERE id = $1', [articleId])) > 0;
    },
    async counts() {
      const [r] = await q(COUNTS_SQL);
      return countsRow(r);
    },
  };
}
