/**
 * Copy a SQLite store into an empty PostgreSQL store (`newsbrief store copy`), so that a user can switch
 * without reposting anything: every row keeps its id, so deliveries keep pointing at the same article
 * versions and a pending delivery keeps its idempotency key. Articles, their versions and keys,
 * briefings, people, quotes, sentences (with the postings `ask` reads), mentions, deliveries, run state
 * and feed state are copied; leases are not (they belong to running instances).
 *
 * The SQLite side is read in one read transaction and the PostgreSQL side written in one transaction:
 * a copy that fails half-way leaves the target as empty as it was.
 *
 * It is a bulk load, shaped by what dominated (docs/STORE.md has the numbers): rows go in through
 * COPY FROM STDIN (text format) rather than INSERTs; the copied tables' keys, indexes and foreign keys
 * are dropped for the load and made again from their own catalogue definitions afterwards (one sorted
 * build per index instead of a b-tree insert per row, one join per foreign key instead of a check per
 * row); the tables are truncated (they are empty) so that COPY can FREEZE their rows, which leaves them
 * all-visible (index-only scans at once, no vacuum pass over the whole store later); and the totals the
 * triggers keep row by row (names) or per statement (sentences) are counted once with one query each.
 * All of it is transactional DDL: a failure rolls the schema back too.
 */

import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import Database from 'better-sqlite3';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { redactDbUrl, withPassword } from '../contracts/db-url.js';
import { NewsbriefError } from '../errors.js';
import { migratePostgres } from './postgres-db.js';
import { sentenceIndexRows } from './postgres-search.js';

interface TableSpec {
  name: string;
  /** The columns copied, in SQLite and PostgreSQL alike. */
  columns: string[];
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
    columns: [
      'id',
      'key',
      'version',
      'content_hash',
      'url',
      'title',
      'byline',
      'published_at',
      'source',
      'ingested_at',
      'updated_at',
    ],
  },
  { name: 'article_keys', columns: ['key', 'article_id'] },
  {
    name: 'article_versions',
    columns: ['article_id', 'version', 'content_hash', 'ingested_at'],
  },
  { name: 'briefings', columns: ['article_id', 'version', 'briefing'] },
  {
    name: 'people',
    identity: true,
    columns: ['id', 'article_id', 'name', 'role', 'aliases', 'mentions'],
  },
  { name: 'person_keys', columns: ['key', 'article_id', 'person_id'] },
  {
    name: 'quotes',
    identity: true,
    columns: ['id', 'article_id', 'idx', 'text', 'speaker', 'speaker_role'],
  },
  {
    name: 'sentences',
    identity: true,
    columns: ['id', 'article_id', 'idx', 'paragraph', 'text', 'people'],
  },
  { name: 'mentions', columns: ['person_id', 'sentence_id'] },
  {
    name: 'deliveries',
    identity: true,
    columns: [
      'id',
      'platform',
      'channel_id',
      'article_id',
      'version',
      'status',
      'message_id',
      'thread_id',
      'error',
      'attempts',
      'created_at',
      'updated_at',
    ],
  },
  { name: 'run_state', columns: ['name', 'at'] },
  {
    name: 'feeds',
    columns: ['url', 'etag', 'last_modified', 'checked_at', 'error'],
  },
  // What channels follow, set in chat: without them a switched bot would forget every /feeds change.
  {
    name: 'subscription_channels',
    since: SUBSCRIPTIONS_SINCE,
    // `paused` is 0/1 in SQLite; PostgreSQL reads '0' and '1' as booleans.
    columns: [
      'platform',
      'channel_id',
      'workspace_id',
      'name',
      'schedule',
      'timezone',
      'include',
      'exclude',
      'paused',
      'max_per_digest',
      'style',
      'origin',
      'updated_by',
      'updated_at',
    ],
  },
  {
    name: 'subscriptions',
    identity: true,
    since: SUBSCRIPTIONS_SINCE,
    columns: [
      'id',
      'platform',
      'channel_id',
      'kind',
      'url',
      'url_key',
      'title',
      'added_by',
      'added_at',
      'last_fetch_at',
      'last_error',
    ],
  },
];

/** The postings `ask` reads: made here from each sentence's text, as the store makes them on ingest. */
const POSTINGS = { name: 'sentence_terms', columns: ['term', 'sentence_id'] };

/** Triggers that keep totals as rows arrive: off for the load, their totals counted once at the end. */
const TOTALS_TRIGGERS = [
  ['people', 'people_totals'],
  ['sentences', 'sentences_totals_ai'],
];

/** Rows per COPY statement: a sentence chunk's postings are built in memory before they are sent. */
const CHUNK = 20_000;

/** COPY's text format pushes one chunk of about this many characters at a time. */
const PUSH_CHARS = 1 << 16;

export type CopyCounts = Record<string, number>;

export interface CopyOptions {
  password?: string | null;
  /** Called after each chunk with the table and the rows copied so far. */
  progress?: (table: string, rows: number) => void;
  /** Rows per COPY statement (CHUNK by default; the tests take small chunks to have many). */
  chunkRows?: number;
  /** Called when a table or a step of the load is done, with its rows and milliseconds. */
  step?: (name: string, rows: number, ms: number) => void;
}

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** One value in COPY's text format: `\N` for null; backslash, tab, newline and return escaped. */
export function copyField(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  return String(v).replace(/[\\\t\n\r]/g, (ch) => ESCAPES[ch] as string);
}

const copyLine = (values: unknown[]) => `${values.map(copyField).join('\t')}\n`;

/** Lines joined into chunks of about PUSH_CHARS, so each CopyData message carries many rows. */
function* joined(lines: string[]): Generator<string> {
  let buf = '';
  for (const l of lines) {
    buf += l;
    if (buf.length >= PUSH_CHARS) {
      yield buf;
      buf = '';
    }
  }
  if (buf) yield buf;
}

async function copyLines(c: pg.Client, table: string, columns: string[], lines: string[]): Promise<void> {
  if (lines.length === 0) return;
  // FREEZE: the table was truncated in this transaction, so its rows can be written frozen.
  const sql = `COPY ${table} (${columns.join(', ')}) FROM STDIN WITH (FREEZE)`;
  await pipeline(Readable.from(joined(lines)), c.query(copyFrom(sql)));
}

/** One table from SQLite, CHUNK rows per COPY; sentences bring their postings, copied after each chunk. */
async function copyTable(c: pg.Client, source: Database.Database, t: TableSpec, options: CopyOptions) {
  const order = t.identity ? ' ORDER BY id' : '';
  const withPostings = t.name === 'sentences';
  const columns = withPostings ? [...t.columns, 'tokens'] : t.columns;
  let rows = 0;
  let postings = 0;
  let lines: string[] = [];
  let terms: string[] = [];
  const flush = async () => {
    await copyLines(c, t.name, columns, lines);
    await copyLines(c, POSTINGS.name, POSTINGS.columns, terms);
    rows += lines.length;
    postings += terms.length;
    lines = [];
    terms = [];
    options.progress?.(t.name, rows);
  };
  const read = source.prepare(`SELECT ${t.columns.join(', ')} FROM ${t.name}${order}`).raw();
  for (const r of read.iterate() as IterableIterator<unknown[]>) {
    if (withPostings) {
      const x = sentenceIndexRows(String(r[t.columns.indexOf('text')]));
      r.push(x.tokens);
      const id = copyField(r[0]);
      for (const term of x.terms) terms.push(`${copyField(term)}\t${id}\n`);
    }
    lines.push(copyLine(r));
    if (lines.length >= (options.chunkRows ?? CHUNK)) await flush();
  }
  await flush();
  return { rows, postings };
}

interface Definition {
  table: string;
  name: string;
  def: string;
}

/**
 * Drop the keys, indexes and foreign keys of the tables about to be loaded, and return what makes them
 * again: the catalogue's own definitions, so that the schema after the copy is the one the migrations
 * made, whatever they have become.
 */
async function dropForLoad(c: pg.Client, tables: string[]): Promise<() => Promise<void>> {
  const q = async (sql: string) => (await c.query(sql, [tables])).rows as Definition[];
  const foreign = await q(
    `SELECT conrelid::regclass::text AS table, quote_ident(conname) AS name, pg_get_constraintdef(oid) AS def
     FROM pg_constraint WHERE contype = 'f'
       AND (conrelid::regclass::text = ANY($1::text[]) OR confrelid::regclass::text = ANY($1::text[]))`,
  );
  const keys = await q(
    `SELECT conrelid::regclass::text AS table, quote_ident(conname) AS name, pg_get_constraintdef(oid) AS def
     FROM pg_constraint WHERE contype IN ('p', 'u') AND conrelid::regclass::text = ANY($1::text[])`,
  );
  const indexes = await q(
    `SELECT i.indrelid::regclass::text AS table, i.indexrelid::regclass::text AS name,
            pg_get_indexdef(i.indexrelid) AS def
     FROM pg_index i WHERE i.indrelid::regclass::text = ANY($1::text[])
       AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.contype IN ('p', 'u'))`,
  );
  for (const f of foreign) await c.query(`ALTER TABLE ${f.table} DROP CONSTRAINT ${f.name}`);
  for (const k of keys) await c.query(`ALTER TABLE ${k.table} DROP CONSTRAINT ${k.name}`);
  for (const i of indexes) await c.query(`DROP INDEX ${i.name}`);
  return async () => {
    for (const k of keys) await c.query(`ALTER TABLE ${k.table} ADD CONSTRAINT ${k.name} ${k.def}`);
    for (const i of indexes) await c.query(i.def);
    for (const f of foreign) await c.query(`ALTER TABLE ${f.table} ADD CONSTRAINT ${f.name} ${f.def}`);
  };
}

/** The totals the triggers keep, counted once over the loaded rows. */
async function countTotals(c: pg.Client): Promise<void> {
  await c.query(
    `INSERT INTO sentence_totals (shard, documents, tokens)
       SELECT pg_backend_pid() % 16, count(*), coalesce(sum(tokens), 0) FROM sentences
     ON CONFLICT (shard) DO UPDATE SET documents = sentence_totals.documents + excluded.documents,
       tokens = sentence_totals.tokens + excluded.tokens`,
  );
  // The first spelling of each name (lowest id) is kept, as the trigger keeps it.
  await c.query(
    `INSERT INTO name_totals (name_key, name, articles, mentions)
     SELECT t.name_key, f.name, t.articles, t.mentions
     FROM (SELECT lower(name) AS name_key, count(*) AS articles, sum(mentions) AS mentions, min(id) AS first
           FROM people GROUP BY lower(name)) t JOIN people f ON f.id = t.first`,
  );
}

/**
 * The load truncates every table it fills (so that COPY can freeze the rows), so all of them must be
 * empty: they are locked first, so nothing can be written between this look and the load.
 */
async function refuseNonEmpty(c: pg.Client, tables: string[], shown: string): Promise<void> {
  await c.query(`LOCK TABLE ${tables.join(', ')} IN ACCESS EXCLUSIVE MODE`);
  const held = (
    await c.query(
      tables.map((t) => `SELECT '${t}' AS t WHERE EXISTS (SELECT 1 FROM ${t})`).join(' UNION ALL '),
    )
  ).rows.map((r) => String(r.t));
  if (held.length > 0)
    throw new NewsbriefError(
      'store',
      `The PostgreSQL store at ${shown} is not empty (${held.join(', ')}); copy only into an empty one (nothing was copied).`,
    );
}

/** Inside the open transaction: every table, then keys and indexes, totals, sequences and statistics. */
async function load(
  c: pg.Client,
  source: Database.Database,
  version: number,
  shown: string,
  options: CopyOptions,
) {
  const counts: CopyCounts = {};
  const timed = async <T>(name: string, rows: () => number, body: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const out = await body();
    options.step?.(name, rows(), performance.now() - t0);
    return out;
  };
  const tables = TABLES.filter((t) => t.since === undefined || version >= t.since);
  const loaded = [...tables.map((t) => t.name), POSTINGS.name];
  await refuseNonEmpty(c, loaded, shown);
  // Index builds sort in memory up to this much (the default, 64 MB, spills a big store to disk).
  await c.query("SET LOCAL maintenance_work_mem = '256MB'");
  for (const [table, trigger] of TOTALS_TRIGGERS)
    await c.query(`ALTER TABLE ${table} DISABLE TRIGGER ${trigger}`);
  const restore = await dropForLoad(c, loaded);
  // The tables are empty (checked before), so this removes nothing: it lets COPY write frozen rows.
  await c.query(`TRUNCATE ${loaded.join(', ')}`);
  // A sentence's postings are written with it: the step counts both.
  for (const t of tables)
    await timed(
      t.name,
      () => (counts[t.name] ?? 0) + (t.name === 'sentences' ? (counts[POSTINGS.name] ?? 0) : 0),
      async () => {
        const x = await copyTable(c, source, t, options);
        counts[t.name] = x.rows;
        if (t.name === 'sentences') counts[POSTINGS.name] = x.postings;
      },
    );
  const rows = () => Object.values(counts).reduce((a, b) => a + b, 0);
  await timed('keys, indexes, foreign keys', rows, restore);
  for (const [table, trigger] of TOTALS_TRIGGERS)
    await c.query(`ALTER TABLE ${table} ENABLE TRIGGER ${trigger}`);
  await timed('totals', rows, () => countTotals(c));
  for (const t of tables.filter((x) => x.identity))
    await c.query(
      `SELECT setval(pg_get_serial_sequence('${t.name}', 'id'), coalesce((SELECT max(id) FROM ${t.name}), 0) + 1, false)`,
    );
  // Running instances reschedule when this number moves, so it continues from the source's.
  if (version >= SUBSCRIPTIONS_SINCE)
    await c.query('UPDATE subscriptions_version SET version = $1 WHERE id = 1', [
      Number(source.prepare('SELECT version FROM subscriptions_version WHERE id = 1').pluck().get() ?? 0),
    ]);
  // The planner's statistics, so the first queries on the copied store are planned for its real size.
  await timed('analyze', rows, () => c.query(`ANALYZE ${loaded.join(', ')}`));
  const { sentence_terms: _postings, ...copied } = counts;
  return copied;
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
    source.exec('BEGIN'); // one consistent snapshot of the SQLite store
    await client.query('BEGIN');
    try {
      const counts = await load(client, source, version, shown, options);
      await client.query('COMMIT');
      return counts;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      source.exec('COMMIT');
    }
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
