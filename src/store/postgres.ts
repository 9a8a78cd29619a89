/**
 * The PostgreSQL BriefingStore (node-postgres): the shared store for several instances on several
 * machines. Same contract as the SQLite store (one suite runs against both); versioned migrations under
 * an advisory lock (postgres-migrations.ts); one transaction per ingested article; `ask` reads each
 * term's newest postings from a (term, sentence id) b-tree (postgres-search.ts); `who` reads name totals
 * kept by a trigger; leases are rows with an expiry time, as in SQLite.
 *
 * The pool reconnects by itself: a query while the server is away fails with a store error, and the
 * next one after it is back opens a new connection. Connecting and migrating happen on first use and are
 * retried on the next use when they fail, so a bot started while the server restarts recovers.
 */
import pg from 'pg';
import { redactDbUrl, withPassword } from '../contracts/db-url.js';
import type { PlatformName } from '../contracts/index.js';
import { personKeys, queryKey } from '../core/answer/names.js';
import type { PersonCandidates, PersonRow } from '../core/answer/rows.js';
import type { Analysis, Briefing } from '../core/types.js';
import { NewsbriefError } from '../errors.js';
import { PG_MIGRATIONS } from './postgres-migrations.js';
import { createPgSentenceSearch, sentenceIndexRows } from './postgres-search.js';
import {
  articleRef,
  articleSentence,
  feedStateRow,
  knownArticle as known,
  personRow,
  quoteRow,
  type Row,
  sentenceRow,
  storedArticle,
  toDelivery,
} from './rows.js';
import type { SearchLimits } from './sentence-search.js';
import { DETAIL_LINES, DETAIL_ROWS } from './sqlite.js';
import type { BriefingStore, FeedState, IngestInput, IngestResult, StoreCounts } from './types.js';

type Queryable = Pick<pg.PoolClient, 'query'>;

export interface PostgresStoreOptions {
  /** Connections in the pool (default 10). */
  poolSize?: number;
  /** Used when the URL holds none (NEWSBRIEF_DB's or PGPASSWORD). */
  password?: string;
  /** How far `ask`'s candidate search reads. */
  searchLimits?: SearchLimits;
  /** Milliseconds to wait for a connection before a query fails (default 5000). */
  connectTimeoutMs?: number;
}

export interface PostgresStore extends BriefingStore {
  /** Connect and migrate now; throws one clear line when the server cannot be reached. */
  ready(): Promise<void>;
}

/** The advisory lock key around migrations ("newsb" in ASCII): any fixed number the app alone uses. */
const MIGRATION_LOCK = 0x6e65777362;

/** Errors a transaction may simply be run again after: deadlock, serialization, a racing unique insert. */
const RETRYABLE = new Set(['40P01', '40001', '23505']);

export async function migratePostgres(client: Queryable): Promise<void> {
  for (;;) {
    await client.query('BEGIN');
    try {
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      // Inside the lock: CREATE TABLE IF NOT EXISTS is not safe against itself in another session.
      await client.query('CREATE TABLE IF NOT EXISTS newsbrief_schema (version INTEGER NOT NULL)');
      const r = await client.query('SELECT version FROM newsbrief_schema');
      const current = r.rows.length ? Number(r.rows[0].version) : 0;
      if (current > PG_MIGRATIONS.length)
        throw new NewsbriefError(
          'store',
          `The store was written by a newer newsbrief (schema ${current}, this one knows ${PG_MIGRATIONS.length}); upgrade newsbrief.`,
        );
      if (current === PG_MIGRATIONS.length) {
        await client.query('COMMIT');
        return;
      }
      await client.query(PG_MIGRATIONS[current] ?? '');
      if (r.rows.length) await client.query('UPDATE newsbrief_schema SET version = $1', [current + 1]);
      else await client.query('INSERT INTO newsbrief_schema (version) VALUES ($1)', [current + 1]);
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    }
  }
}

const isId = (id: string) => /^\d{1,18}$/.test(id);

export function createPostgresStore(url: string, options: PostgresStoreOptions = {}): PostgresStore {
  const shown = redactDbUrl(url);
  const pool = new pg.Pool({
    connectionString: withPassword(url, options.password),
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
  });
  // An idle connection the server closed (a restart) is dropped; the next query opens a new one.
  pool.on('error', () => {});
  const search = createPgSentenceSearch(options.searchLimits);

  /**
   * A connection of our own for a transaction. The pool listens for a checked-out connection's errors
   * only while it is idle: without a listener here, a server going away mid-transaction would be an
   * unhandled 'error' event that ends the process. The failed query reports the error instead.
   */
  async function checkOut(): Promise<pg.PoolClient> {
    const client = await pool.connect();
    const ignore = () => {};
    client.on('error', ignore);
    const release = client.release.bind(client);
    client.release = (err?: Error | boolean) => {
      client.removeListener('error', ignore);
      release(err);
    };
    return client;
  }

  let opening: Promise<void> | null = null;
  let closed = false;
  const fail = (what: string, err: unknown): NewsbriefError =>
    err instanceof NewsbriefError
      ? err
      : new NewsbriefError('store', `${what} (PostgreSQL at ${shown}): ${oneLine(err)}`, { cause: err });

  function ready(): Promise<void> {
    if (closed) return Promise.reject(new NewsbriefError('store', `The store at ${shown} is closed.`));
    opening ??= (async () => {
      const client = await checkOut();
      try {
        await migratePostgres(client);
      } finally {
        client.release();
      }
    })().catch((err: unknown) => {
      opening = null; // try again on the next use
      throw fail('Cannot open the store', err);
    });
    return opening;
  }

  async function q(sql: string, params: unknown[] = []): Promise<Row[]> {
    await ready();
    try {
      return (await pool.query(sql, params)).rows as Row[];
    } catch (err) {
      throw fail('Store query failed', err);
    }
  }
  async function run(sql: string, params: unknown[] = []): Promise<number> {
    await ready();
    try {
      return (await pool.query(sql, params)).rowCount ?? 0;
    } catch (err) {
      throw fail('Store query failed', err);
    }
  }

  /** One transaction, run again (up to 5 times) after a deadlock or a racing insert of the same key. */
  async function tx<T>(body: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    await ready();
    for (let attempt = 1; ; attempt++) {
      const client = await checkOut().catch((err: unknown) => {
        throw fail('Cannot reach the store', err);
      });
      // A connection that cannot even roll back is broken (the server went away): the pool drops it.
      let broken = false;
      try {
        await client.query('BEGIN');
        const out = await body(client);
        await client.query('COMMIT');
        return out;
      } catch (err) {
        broken = await client.query('ROLLBACK').then(
          () => false,
          () => true,
        );
        const code = (err as { code?: string }).code;
        if (attempt < 5 && code && RETRYABLE.has(code)) continue;
        throw err;
      } finally {
        client.release(broken || undefined);
      }
    }
  }

  async function writeDerived(c: Queryable, id: string, version: number, analysis: Analysis) {
    await c.query(
      `INSERT INTO briefings (article_id, version, briefing) VALUES ($1, $2, $3)
       ON CONFLICT (article_id) DO UPDATE SET version = excluded.version, briefing = excluded.briefing`,
      [id, version, JSON.stringify(analysis.briefing)],
    );
    const personIds = new Map<string, string>();
    const keys: [string, string][] = [];
    for (const p of analysis.briefing.people) {
      const r = await c.query(
        'INSERT INTO people (article_id, name, role, aliases, mentions) VALUES ($1, $2, $3, $4, $5) RETURNING id',
        [id, p.name, p.role, JSON.stringify(p.aliases), p.mentions],
      );
      const pid = String(r.rows[0].id);
      personIds.set(p.name, pid);
      for (const k of personKeys(p.name, p.aliases)) keys.push([k, pid]);
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

  const store: PostgresStore = {
    ready,
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
    async findByContentHash(hash) {
      const rows = await q(
        'SELECT id, version, content_hash FROM articles WHERE content_hash = $1 ORDER BY id LIMIT 1',
        [hash],
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
      const [r] = await q(
        `SELECT (SELECT count(*) FROM articles) AS articles, (SELECT count(*) FROM article_versions) AS versions,
         (SELECT count(*) FROM briefings) AS briefings, (SELECT count(*) FROM people) AS people,
         (SELECT count(*) FROM quotes) AS quotes, (SELECT count(*) FROM sentences) AS sentences,
         (SELECT count(*) FROM deliveries) AS deliveries`,
      );
      return Object.fromEntries(
        Object.entries(r ?? {}).map(([k, v]) => [k, Number(v)]),
      ) as unknown as StoreCounts;
    },
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
      let nameTotals: PersonCandidates['nameTotals'];
      if (people.length >= limit) {
        const names = [...new Map(people.map((p) => [p.name.toLowerCase(), p.name])).values()];
        const totals = await q(
          'SELECT name_key, articles, mentions FROM name_totals WHERE name_key = ANY($1::text[])',
          [names.map((n) => n.toLowerCase())],
        );
        const byKey = new Map(totals.map((t) => [String(t.name_key), t]));
        nameTotals = names.map((n) => {
          const t = byKey.get(n.toLowerCase());
          return { name: n, articles: Number(t?.articles ?? 0), mentions: Number(t?.mentions ?? 0) };
        });
      }
      // Cards show the newest few quotes and sentences: read them from the newest articles only, so a
      // name in thousands of articles costs a bounded number of row reads. Counts come from `people`.
      const newest = people.slice(0, DETAIL_ROWS);
      const quotes = (
        await q(
          `SELECT q.idx, q.text, q.speaker, q.speaker_role, a.id AS article_id, a.title, a.url, a.published_at, a.updated_at
           FROM quotes q JOIN articles a ON a.id = q.article_id
           WHERE q.article_id = ANY($1::bigint[]) AND strpos(lower(q.speaker), $2) > 0
           ORDER BY q.article_id DESC, q.idx LIMIT $3`,
          [[...new Set(newest.map((p) => p.articleId))], key, DETAIL_LINES],
        )
      ).map(quoteRow);
      const sentences = (
        await q(
          `SELECT s.id, s.idx, s.text, s.people, a.id AS article_id, a.title, a.url, a.published_at, a.updated_at
           FROM mentions m JOIN sentences s ON s.id = m.sentence_id JOIN articles a ON a.id = s.article_id
           WHERE m.person_id = ANY($1::bigint[])
           ORDER BY s.article_id DESC, s.idx LIMIT $2`,
          [newest.map((p) => p.personId), DETAIL_LINES],
        )
      ).map(sentenceRow);
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
    async recordDeliveryPending(t, now = new Date().toISOString()) {
      const target = [t.platform, t.channelId, t.articleId, t.version];
      if (!isId(t.articleId)) throw new NewsbriefError('store', `No article ${t.articleId} to deliver.`);
      try {
        await run(
          `INSERT INTO deliveries (platform, channel_id, article_id, version, status, created_at, updated_at)
           VALUES ($1, $2, $3, $4, 'pending', $5, $5) ON CONFLICT DO NOTHING`,
          [...target, now],
        );
      } catch (err) {
        if ((err as { cause?: { code?: string } }).cause?.code === '23503')
          throw new NewsbriefError('store', `No article ${t.articleId} to deliver.`, { cause: err });
        throw err;
      }
      const [r] = await q(
        'SELECT * FROM deliveries WHERE platform = $1 AND channel_id = $2 AND article_id = $3 AND version = $4',
        target,
      );
      if (!r) throw new NewsbriefError('store', `No article ${t.articleId} to deliver.`);
      return toDelivery(r);
    },
    async markDelivered(id, d, now = new Date().toISOString()) {
      await run(
        `UPDATE deliveries SET status = 'sent', message_id = $1, thread_id = $2, error = NULL,
         attempts = attempts + 1, updated_at = $3 WHERE id = $4`,
        [d.messageId, d.threadId, now, id],
      );
    },
    async markFailed(id, error, now = new Date().toISOString()) {
      await run(
        `UPDATE deliveries SET status = 'failed', error = $1, attempts = attempts + 1, updated_at = $2 WHERE id = $3`,
        [error, now, id],
      );
    },
    async pendingDeliveries(limit = 100) {
      return (await q(`SELECT * FROM deliveries WHERE status = 'pending' ORDER BY id LIMIT $1`, [limit])).map(
        toDelivery,
      );
    },
    async deliveriesFor(channel) {
      return (
        await q('SELECT * FROM deliveries WHERE platform = $1 AND channel_id = $2 ORDER BY id', [
          channel.platform,
          channel.channelId,
        ])
      ).map(toDelivery);
    },
    async lastDelivery(channel, articleId) {
      if (!isId(articleId)) return null;
      const [r] = await q(
        `SELECT * FROM deliveries WHERE platform = $1 AND channel_id = $2 AND article_id = $3 AND status = 'sent'
         ORDER BY version DESC, id DESC LIMIT 1`,
        [channel.platform, channel.channelId, articleId],
      );
      return r ? toDelivery(r) : null;
    },
    async threadArticle(platform: PlatformName, channelId, threadId) {
      const [r] = await q(
        'SELECT article_id FROM deliveries WHERE platform = $1 AND channel_id = $2 AND thread_id = $3 ORDER BY id DESC LIMIT 1',
        [platform, channelId, threadId],
      );
      return r ? { articleId: String(r.article_id) } : null;
    },
    async lastRun(name) {
      const [r] = await q('SELECT at FROM run_state WHERE name = $1', [name]);
      return r ? String(r.at) : null;
    },
    async setLastRun(name, at) {
      await run(
        'INSERT INTO run_state (name, at) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET at = excluded.at',
        [name, at],
      );
    },
    async tryAcquireLease(name, holder, ttlMs, now = Date.now()) {
      // One statement: the row lock of ON CONFLICT makes two instances' attempts take turns, and the
      // WHERE lets only the holder renew, or anyone take an expired lease.
      const changed = await run(
        `INSERT INTO leases (name, holder, expires_at) VALUES ($1, $2, $3)
         ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
         WHERE leases.holder = excluded.holder OR leases.expires_at <= $4`,
        [name, holder, now + ttlMs, now],
      );
      return changed > 0;
    },
    async releaseLease(name, holder) {
      await run('DELETE FROM leases WHERE name = $1 AND holder = $2', [name, holder]);
    },
    async feedState(url) {
      const [r] = await q('SELECT * FROM feeds WHERE url = $1', [url]);
      return feedStateRow(r);
    },
    async setFeedState(s: FeedState) {
      await run(
        `INSERT INTO feeds (url, etag, last_modified, checked_at, error) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
         checked_at = excluded.checked_at, error = excluded.error`,
        [s.url, s.etag, s.lastModified, s.checkedAt, s.error],
      );
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
  return store;
}

/** The first line of an error's message (a server's messages can run to several). */
function oneLine(err: unknown): string {
  const e = err as { message?: string; code?: string };
  const msg = (e.message || e.code || String(err)).split('\n')[0] ?? '';
  return msg;
}
