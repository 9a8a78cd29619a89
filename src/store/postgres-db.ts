/**
 * The PostgreSQL store's connection: a pool that reconnects by itself, migrations under an advisory lock
 * run on first use (and again on the next use when they fail), and the three ways the parts query: `q`
 * (rows), `run` (row count) and `tx` (one transaction, run again after a deadlock or a racing insert).
 */
import pg from 'pg';
import { redactDbUrl, withPassword } from '../contracts/db-url.js';
import { NewsbriefError } from '../errors.js';
import { PG_MIGRATIONS } from './postgres-migrations.js';
import type { Row } from './rows.js';

export type Queryable = Pick<pg.PoolClient, 'query'>;

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

export const isId = (id: string) => /^\d{1,18}$/.test(id);

export interface PgConnectOptions {
  poolSize?: number;
  password?: string;
  connectTimeoutMs?: number;
}

/** What every part of the PostgreSQL store queries through. */
export interface PgDb {
  pool: pg.Pool;
  ready(): Promise<void>;
  q(sql: string, params?: unknown[]): Promise<Row[]>;
  run(sql: string, params?: unknown[]): Promise<number>;
  tx<T>(body: (c: pg.PoolClient) => Promise<T>): Promise<T>;
  /** A store error naming the server (password redacted). */
  fail(what: string, err: unknown): NewsbriefError;
  close(): Promise<void>;
}

export function connectPostgres(url: string, options: PgConnectOptions = {}): PgDb {
  const shown = redactDbUrl(url);
  const pool = new pg.Pool({
    connectionString: withPassword(url, options.password),
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
  });
  // An idle connection the server closed (a restart) is dropped; the next query opens a new one.
  pool.on('error', () => {});

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

  return {
    pool,
    ready,
    q,
    run,
    tx,
    fail,
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

/** The first line of an error's message (a server's messages can run to several). */
export function oneLine(err: unknown): string {
  const e = err as { message?: string; code?: string };
  const msg = (e.message || e.code || String(err)).split('\n')[0] ?? '';
  return msg;
}
