/**
 * Condense throughput and latency on real articles (CNN/DM dev articles, read by path), beside a
 * baseline measured in the same run: compromise's nlp(text) with .people(), .places() and
 * .organizations(). Times are measured here and reported, never asserted in tests.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { condense } from '../core/index.js';

export interface LatencySummary {
  articles: number;
  medianMs: number;
  p99Ms: number;
  articlesPerSecond: number;
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
  return sorted[Math.max(0, i)] as number;
}

function summarise(times: number[], totalMs: number): LatencySummary {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    articles: times.length,
    medianMs: round(quantile(sorted, 0.5)),
    p99Ms: round(quantile(sorted, 0.99)),
    articlesPerSecond: round((times.length / totalMs) * 1000),
  };
}

export function timeEach(texts: string[], fn: (text: string) => void): LatencySummary {
  return timeInterleaved(texts, [fn])[0] as LatencySummary;
}

/**
 * Each text through every function in turn before the next text: a ratio between two of them is then
 * measured under the same machine load and the same garbage-collector state, not in two separate spans
 * of time (run one after the other on a shared machine, the ratio moved from 0.09 to 0.13 between runs).
 */
export function timeInterleaved(texts: string[], fns: ((text: string) => void)[]): LatencySummary[] {
  const times = fns.map(() => [] as number[]);
  const totals = fns.map(() => 0);
  for (const text of texts)
    for (const [i, fn] of fns.entries()) {
      const t0 = performance.now();
      fn(text);
      const ms = performance.now() - t0;
      times[i]?.push(ms);
      totals[i] = (totals[i] ?? 0) + ms;
    }
  return times.map((t, i) => summarise(t, totals[i] ?? 0));
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

export function loadArticles(evalDir: string): string[] {
  const file = path.join(evalDir, 'cnndm-dev.jsonl');
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { article: string }).article);
}

export function benchCore(evalDir: string, repoRoot: string, rounds = 3): Record<string, unknown> {
  const texts = loadArticles(evalDir);
  const many = Array.from({ length: rounds }, () => texts).flat();
  const require = createRequire(import.meta.url);
  const nlp = require('compromise') as (text: string) => {
    people(): { out(kind: string): unknown };
    places(): { out(kind: string): unknown };
    organizations(): { out(kind: string): unknown };
  };
  const baselinePass = (text: string) => {
    const doc = nlp(text);
    doc.people().out('array');
    doc.places().out('array');
    doc.organizations().out('array');
  };
  const condensePass = (text: string) => {
    condense({ title: null, text, url: null, byline: null, publishedAt: null });
  };
  // Warm up the JIT on both before measuring.
  for (const t of texts.slice(0, 10)) {
    condensePass(t);
    baselinePass(t);
  }
  const rssBefore = process.memoryUsage().rss;
  const [core, baseline] = timeInterleaved(many, [condensePass, baselinePass]) as [
    LatencySummary,
    LatencySummary,
  ];
  const coreRss = process.memoryUsage().rss;

  const cli = path.join(repoRoot, 'dist', 'cli.js');
  const sample = path.join(repoRoot, 'briefings', 'alaska-summit.txt');
  const coldStarts: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [cli, 'brief', sample, '--format', 'json'], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`cold start run failed: ${r.stderr}`);
    coldStarts.push(performance.now() - t0);
  }
  coldStarts.sort((a, b) => a - b);
  return {
    condense: core,
    compromiseBaseline: baseline,
    medianRatio: round(core.medianMs / baseline.medianMs),
    peakRssMb: round(Math.max(coreRss, rssBefore, process.memoryUsage().rss) / 1024 / 1024),
    cliColdStartMedianMs: round(quantile(coldStarts, 0.5)),
  };
}
