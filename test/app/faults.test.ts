/**
 * Fault test: the fake platform answers 429, 500 and timeouts for a share of requests. Every briefing
 * still arrives exactly once, and a healthy channel is not delayed by the failing one.
 * Two instances on one store: each briefing is posted once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { createRunner } from '../../src/app/runner.js';
import { createSqliteStore } from '../../src/store/index.js';
import type { BriefingStore } from '../../src/store/types.js';
import {
  type Call,
  channel,
  RecordingPlatform,
  rateLimited,
  serverError,
  silentLog,
  writeArticles,
} from './fakes.js';

let dir: string;
let store: BriefingStore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'nb-fault-'));
  store = createSqliteStore(join(dir, 'db.sqlite'));
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A seeded generator, so a failure can be replayed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function perArticle(calls: Call[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const c of calls) m.set(c.articleId, (m.get(c.articleId) ?? 0) + 1);
  return m;
}

test('429, 500 and timeouts on one channel: every briefing arrives once, the other channel is not delayed', async () => {
  const folder = join(dir, 'news');
  writeArticles(folder, 30);
  const random = rng(7);
  const faults = { rate: 0, server: 0, timeout: 0 };
  const flaky = new RecordingPlatform('slack', (call) => {
    if (call.channelId !== 'FLAKY') return undefined;
    const r = random();
    if (r < 0.15) {
      faults.rate++;
      return { error: rateLimited(20) };
    }
    if (r < 0.3) {
      faults.server++;
      return { error: serverError() };
    }
    // a request that hangs past the deadline and is then dropped
    if (r < 0.4) {
      faults.timeout++;
      return { delayMs: 120, error: new Error('socket hang up') };
    }
    return undefined;
  });
  const runner = createRunner({
    store,
    platforms: { slack: flaky },
    log: silentLog,
    holder: 'a',
    retry: { attempts: 12, baseMs: 5, maxDelayMs: 40, timeoutMs: 60, maxRetryAfterMs: 1000 },
  });
  const src = { folders: [folder], urls: [], feeds: [] };
  const t0 = Date.now();
  let healthyMs = 0;
  const [bad, good] = await Promise.all([
    runner.runChannel(channel({ channelId: 'FLAKY', sources: src })),
    runner.runChannel(channel({ channelId: 'HEALTHY', sources: src })).then((r) => {
      healthyMs = Date.now() - t0;
      return r;
    }),
  ]);
  const flakyMs = Date.now() - t0;
  expect(bad?.failed).toEqual([]);
  expect(bad?.posted).toHaveLength(30);
  expect(good?.posted).toHaveLength(30);
  for (const id of ['FLAKY', 'HEALTHY']) {
    const accepted = flaky.accepted.filter((c) => c.channelId === id);
    expect(accepted).toHaveLength(30);
    expect([...perArticle(accepted).values()].every((n) => n === 1)).toBe(true);
  }
  expect(faults.rate + faults.server + faults.timeout).toBeGreaterThan(5);
  expect(healthyMs).toBeLessThan(flakyMs);
  console.info(
    `fault test: ${JSON.stringify(faults)}, flaky channel ${flakyMs} ms, healthy channel ${healthyMs} ms`,
  );
});

test('two instances on one store post each briefing once', async () => {
  const folder = join(dir, 'news');
  writeArticles(folder, 20);
  const other = createSqliteStore(join(dir, 'db.sqlite'));
  const platform = new RecordingPlatform('slack', () => ({ delayMs: 2 }));
  const ch = channel({ channelId: 'C1', sources: { folders: [folder], urls: [], feeds: [] } });
  const a = createRunner({ store, platforms: { slack: platform }, log: silentLog, holder: 'a' });
  const b = createRunner({ store: other, platforms: { slack: platform }, log: silentLog, holder: 'b' });
  try {
    const [ra, rb] = await Promise.all([a.runChannel(ch), b.runChannel(ch)]);
    // the one that lost the lease skipped the run; a later run by either finds nothing new
    expect([ra?.skippedRun, rb?.skippedRun]).toContain('another instance is running this channel');
    expect((await b.runChannel(ch)).posted).toHaveLength(0);
    expect((await a.runChannel(ch)).posted).toHaveLength(0);
    expect(platform.accepted).toHaveLength(20);
    expect(new Set(platform.accepted.map((c) => c.articleId)).size).toBe(20);
  } finally {
    await other.close();
  }
});
