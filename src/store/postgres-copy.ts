/**
 * Copy a SQLite store into an empty PostgreSQL store (`newsbrief store copy`), so that a user can switch
 * without reposting anything: every row keeps its id, so deliveries keep pointing at the same article
 * versions and a pending delivery keeps its idempotency key. Articles, their versions and keys,
 * briefings, people, quotes, sentences (with the postings `ask` reads), mentions, deliveries, run state
 * and feed state are copied; leases are not (they belong to running instances). Name and sentence
 * totals are rebuilt by the PostgreSQL triggers as rows arrive.
 *
 * The SQLite side is read in one read transaction and the PostgreSQL side written in one transaction:
 * a copy that fails half-way leaves the target as empty as it was.
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import { redactDbUrl, withPassword } from '../contracts/db-url.js';
import { NewsbriefError } from '../errors.js';
import { migratePostgres } from './postgres-db.js';
import { sentenceIndexRows } from './postgres-search.js';

type Row = Record<string, unknown>;

interface TableSpec {
  name: string;
  /** Column name -> PostgreSQL array element type for unnest. */
  columns: Record<string, string>;
  /** The table has an identity column `id` whose sequence must move past the copied ids. */
  identity?: boolean;
  /** The SQLite migration that made the table: a store from before it has none to copy. */
  since?: number;
}

/** The SQLite migration that added subscriptions (src/store/migrations.ts). */
const SUBSCRIPTIONS_SINCE = 4;

/** In foreign-key order. */
const TABLES: TableSpec[] = [
  {
    name: 'articles',
    identity: true,
    columns: {
      id: 'bigint',
      key: 'text',
      version: 'int',
      content_hash: 'text',
      url: 'text',
      title: 'text',
      byline: 'text',
      published_at: 'text',
      source: 'text',
      ingested_at: 'text',
      updated_at: 'text',
    },
  },
  { name: 'article_keys', columns: { key: 'text', article_id: 'bigint' } },
  {
    name: 'article_versions',
    columns: { article_id: 'bigint', version: 'int', content_hash: 'text', ingested_at: 'text' },
  },
  { name: 'briefings', columns: { article_id: 'bigint', version: 'int', briefing: 'text' } },
  {
    name: 'people',
    identity: true,
    columns: {
      id: 'bigint',
      article_id: 'bigint',
      name: 'text',
      role: 'text',
      aliases: 'text',
      mentions: 'int',
    },
  },
  { name: 'person_keys', columns: { key: 'text', article_id: 'bigint', person_id: 'bigint' } },
  {
    name: 'quotes',
    identity: true,
    columns: {
      id: 'bigint',
      article_id: 'bigint',
      idx: 'int',
      text: 'text',
      speaker: 'text',
      speaker_role: 'text',
    },
  },
  {
    name: 'sentences',
    identity: true,
    columns: {
      id: 'bigint',
      article_id: 'bigint',
      idx: 'int',
      paragraph: 'int',
      text: 'text',
      people: 'text',
    },
  },
  { name: 'mentions', columns: { person_id: 'bigint', sentence_id: 'bigint' } },
  {
    name: 'deliveries',
    identity: true,
    columns: {
      id: 'bigint',
      platform: 'text',
      channel_id: 'text',
      article_id: 'bigint',
      version: 'int',
      status: 'text',
      message_id: 'text',
      thread_id: 'text',
      error: 'text',
      attempts: 'int',
      created_at: 'text',
      updated_at: 'text',
    },
  },
  { name: 'run_state', columns: { name: 'text', at: 'text' } },
  {
    name: 'feeds',
    columns: { url: 'text', etag: 'text', last_modified: 'text', checked_at: 'text', error: 'text' },
  },
  // What channels follow, set in chat: without them a switched bot would forget every /feeds change.
  {
    name: 'subscription_channels',
    since: SUBSCRIPTIONS_SINCE,
    columns: {
      platform: 'text',
      channel_id: 'text',
      workspace_id: 'text',
      name: 'text',
      schedule: 'text',
      timezone: 'text',
      include: 'text',
      exclude: 'text',
      // SQLite keeps 0/1; PostgreSQL reads '0' and '1' as booleans.
      paused: 'boolean',
      max_per_digest: 'int',
      style: 'text',
      origin: 'text',
      updated_by: 'text',
      updated_at: 'text',
    },
  },
  {
    name: 'subscriptions',
    identity: true,
    since: SUBSCRIPTIONS_SINCE,
    columns: {
      id: 'bigint',
      platform: 'text',
      channel_id: 'text',
      kind: 'text',
      url: 'text',
      url_key: 'text',
      title: 'text',
      added_by: 'text',
      added_at: 'text',
      last_fetch_at: 'text',
      last_error: 'text',
    },
  },
];

const BATCH = 2000;

export type CopyCounts = Record<string, number>;

export interface CopyOptions {
  password?: string | null;
  /** Called after each batch with the table and the rows copied so far. */
  progress?: (table: string, rows: number) => void;
}

async function insertBatch(c: pg.Client, t: TableSpec, rows: Row[]): Promise<void> {
  const columns = { ...t.columns };
  // Sentences get their token counts and postings, as the PostgreSQL store writes them on ingest.
  const terms: string[] = [];
  const termIds: unknown[] = [];
  if (t.name === 'sentences') {
    columns.tokens = 'int';
    for (const r of rows) {
      const x = sentenceIndexRows(String(r.text));
      r.tokens = x.tokens;
      for (const term of x.terms) {
        terms.push(term);
        termIds.push(r.id);
      }
    }
  }
  const cols = Object.keys(columns);
  const arrays = cols.map((col) => rows.map((r) => (r[col] === undefined ? null : r[col])));
  const unnest = cols.map((col, i) => `$${i + 1}::${columns[col]}[]`).join(', ');
  await c.query(`INSERT INTO ${t.name} (${cols.join(', ')}) SELECT * FROM unnest(${unnest})`, arrays);
  if (terms.length)
    await c.query(
      'INSERT INTO sentence_terms (term, sentence_id) SELECT * FROM unnest($1::text[], $2::bigint[])',
      [terms, termIds],
    );
}

export async function copySqliteToPostgres(
  from: string,
  to: string,
  options: CopyOptions = {},
): Promise<CopyCounts> {
  let source: Database.Database;
  try {
    source = new Database(from, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new NewsbriefError('store', `Cannot open the SQLite store ${from}: ${(err as Error).message}`, {
      cause: err,
    });
  }
  const client = new pg.Client({
    connectionString: withPassword(to, options.password),
    connectionTimeoutMillis: 5000,
  });
  // A server that goes away mid-copy fails the running query; the event must not end the process.
  client.on('error', () => {});
  const shown = redactDbUrl(to);
  const counts: CopyCounts = {};
  try {
    const version = Number(source.pragma('user_version', { simple: true }));
    if (version < 1) throw new NewsbriefError('store', `${from} is not a newsbrief store.`);
    try {
      await client.connect();
    } catch (err) {
      throw new NewsbriefError('store', `Cannot reach PostgreSQL at ${shown}: ${(err as Error).message}`, {
        cause: err,
      });
    }
    await migratePostgres(client);
    const existing = await client.query(
      'SELECT (SELECT count(*) FROM articles) + (SELECT count(*) FROM deliveries) AS n',
    );
    if (Number(existing.rows[0].n) > 0)
      throw new NewsbriefError(
        'store',
        `The PostgreSQL store at ${shown} is not empty; copy only into an empty one (nothing was copied).`,
      );
    source.exec('BEGIN'); // one consistent snapshot of the SQLite store
    await client.query('BEGIN');
    try {
      // Name totals are counted once at the end rather than by the per-row trigger: on a big store the
      // trigger's upsert for each of a million people dominated the copy.
      await client.query('ALTER TABLE people DISABLE TRIGGER people_totals');
      for (const t of TABLES) {
        if (t.since !== undefined && version < t.since) continue;
        const cols = Object.keys(t.columns).join(', ');
        const order = t.identity ? ' ORDER BY id' : '';
        let batch: Row[] = [];
        let n = 0;
        for (const r of source
          .prepare(`SELECT ${cols} FROM ${t.name}${order}`)
          .iterate() as IterableIterator<Row>) {
          batch.push(r);
          if (batch.length >= BATCH) {
            await insertBatch(client, t, batch);
            n += batch.length;
            options.progress?.(t.name, n);
            batch = [];
          }
        }
        if (batch.length) await insertBatch(client, t, batch);
        n += batch.length;
        if (t.identity)
          await client.query(
            `SELECT setval(pg_get_serial_sequence('${t.name}', 'id'), coalesce((SELECT max(id) FROM ${t.name}), 0) + 1, false)`,
          );
        counts[t.name] = n;
      }
      await client.query('ALTER TABLE people ENABLE TRIGGER people_totals');
      // Running instances reschedule when this number moves, so it continues from the source's.
      if (version >= SUBSCRIPTIONS_SINCE)
        await client.query('UPDATE subscriptions_version SET version = $1 WHERE id = 1', [
          Number(source.prepare('SELECT version FROM subscriptions_version WHERE id = 1').pluck().get() ?? 0),
        ]);
      // The first spelling of each name (lowest id) is kept, as the trigger keeps it.
      await client.query(
        `INSERT INTO name_totals (name_key, name, articles, mentions)
         SELECT t.name_key, f.name, t.articles, t.mentions
         FROM (SELECT lower(name) AS name_key, count(*) AS articles, sum(mentions) AS mentions, min(id) AS first
               FROM people GROUP BY lower(name)) t JOIN people f ON f.id = t.first`,
      );
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      source.exec('COMMIT');
    }
    return counts;
  } catch (err) {
    if (err instanceof NewsbriefError) throw err;
    throw new NewsbriefError('store', `Copy to ${shown} failed: ${(err as Error).message.split('\n')[0]}`, {
      cause: err,
    });
  } finally {
    source.close();
    await client.end().catch(() => {});
  }
}
