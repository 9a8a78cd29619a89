/**
 * `npm run bench`: the core's speed beside compromise, the store's ingest and answer latency, and
 * PostgreSQL beside SQLite on the same store (postgres.ts).
 * Options: --data DIR (evaluation data, default ../shared/eval), --articles N (store size, default
 * 100000; the built store is cached under --cache-dir, default .bench-cache/), --skip-core (and page
 * reading), --skip-store (and PostgreSQL), --skip-postgres, --out FILE, --cold (drop the OS page cache
 * before the first query pass, as a freshly booted machine would have it; needs root on Linux).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultEvalDataDir, repoRoot } from '../eval/data-dir.js';
import { benchCore } from './core.js';
import { benchPages } from './pages.js';
import { benchPostgres } from './postgres.js';
import { benchStore } from './store.js';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' },
      articles: { type: 'string' },
      'skip-core': { type: 'boolean' },
      'skip-store': { type: 'boolean' },
      'cache-dir': { type: 'string' },
      'skip-postgres': { type: 'boolean' },
      cold: { type: 'boolean' },
      out: { type: 'string' },
    },
  });
  const evalDir = values.data ? path.resolve(values.data) : defaultEvalDataDir();
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const results: Record<string, unknown> = { at: new Date().toISOString(), node: process.version };
  if (!values['skip-core']) {
    log(`core: condensing the CNN/DM dev articles from ${evalDir} ...`);
    const core = benchCore(evalDir, repoRoot);
    results.core = core;
    printCore(core);
    log(`pages: reading the saved news pages from ${evalDir}/pages ...`);
    const pages = benchPages(evalDir);
    results.pages = pages;
    process.stdout.write(
      'skipped' in pages
        ? `Page reading: skipped (${pages.skipped})\n`
        : `Page reading (${pages.articles} extractHtml calls): median ${pages.medianMs} ms, p99 ${pages.p99Ms} ms, CPU median ${pages.cpuMedianMs} ms (target: median < 150 ms)\n`,
    );
  }
  if (!values['skip-store']) {
    const articles = values.articles ? Number(values.articles) : 100_000;
    const cacheDir = path.resolve(values['cache-dir'] ?? path.join(repoRoot, '.bench-cache'));
    log(`store: ${articles} articles (cached under ${cacheDir}) ...`);
    const { result, big } = await benchStore({
      articles,
      evalDir,
      log,
      cacheDir,
      dropPageCache: values.cold === true,
    });
    results.store = result;
    process.stdout.write(`\nStore\n${JSON.stringify(result, null, 2)}\n`);
    if (big && !values['skip-postgres']) {
      const postgres = await benchPostgres(big, log);
      results.postgres = postgres;
      printPostgres(postgres);
    }
  }
  const out = path.resolve(values.out ?? path.join(repoRoot, 'bench-results', 'latest.json'));
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  log(`results written to ${path.relative(process.cwd(), out)}`);
}

function printCore(core: Record<string, unknown>): void {
  const c = core.condense as { medianMs: number; p99Ms: number; articlesPerSecond: number; articles: number };
  const b = core.compromiseBaseline as typeof c;
  const lines = [
    `Core (${c.articles} condense calls)      median ms   p99 ms   articles/s`,
    `newsbrief condense          ${String(c.medianMs).padStart(12)} ${String(c.p99Ms).padStart(8)} ${String(c.articlesPerSecond).padStart(12)}`,
    `compromise people/places/orgs ${String(b.medianMs).padStart(10)} ${String(b.p99Ms).padStart(8)} ${String(b.articlesPerSecond).padStart(12)}`,
    `median ratio (target: at most 1/8 = 0.125): ${core.medianRatio}`,
    `peak RSS: ${core.peakRssMb} MB; CLI cold start (one article): ${core.cliColdStartMedianMs} ms median`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

function printPostgres(r: Record<string, unknown>): void {
  if ('skipped' in r) {
    process.stdout.write(`\nPostgreSQL beside SQLite: skipped (${r.skipped})\n`);
    return;
  }
  type Warm = { medianMs: number; p99Ms: number };
  const i = r.ingest as { articles: number; sqlitePerSecond: number; postgresPerSecond: number };
  const c = r.copy as { rows: number; seconds: number; rowsPerSecond: number };
  const [s, p] = [r.sqlite, r.postgres] as { who: Warm; ask: Warm }[];
  const ms = (w: Warm | undefined) => `${w?.medianMs} / ${w?.p99Ms}`.padStart(16);
  const lines = [
    '\nPostgreSQL beside SQLite (warm median / p99 ms; target p99 < 20 ms)      SQLite      PostgreSQL',
    `ingest, ${i.articles} articles through store.ingest (articles/s) ${String(i.sqlitePerSecond).padStart(14)} ${String(i.postgresPerSecond).padStart(15)}`,
    `store copy of the bench store: ${c.rows} rows in ${c.seconds} s, ${c.rowsPerSecond} rows/s`,
    `who ${' '.repeat(56)}${ms(s?.who)}${ms(p?.who)}`,
    `ask ${' '.repeat(56)}${ms(s?.ask)}${ms(p?.ask)}`,
    `answers alike: ${Object.entries(r.agreement as object)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench: ${(err as Error).message}\n`);
  process.exitCode = 1;
});
