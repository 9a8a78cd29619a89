/**
 * How many times a run goes to the store, counted through a wrapper of the real SQLite store, and how
 * many times `run --once` fetches a URL source (a local HTTP server counting requests).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { startApp } from '../../src/app/app.js';
import type { Config } from '../../src/config/index.js';
import { createSqliteStore } from '../../src/store/index.js';
import type { BriefingStore } from '../../src/store/types.js';
import { send, startServer } from '../sources/server.js';
import { articleText, channel, RecordingPlatform, silentLog, writeArticles } from './fakes.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'nb-calls-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The store with every method call counted by name. */
function counting(store: BriefingStore) {
  const calls = new Map<string, number>();
  const wrapped = new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.set(String(prop), (calls.get(String(prop)) ?? 0) + 1);
        return value.apply(target, args);
      };
    },
  });
  /** Calls since the last reset, ingest's per-file lookups (`findByKey`) left out. */
  const take = () => {
    const n = [...calls].reduce((sum, [name, count]) => (name === 'findByKey' ? sum : sum + count), 0);
    const byName = Object.fromEntries(calls);
    calls.clear();
    return { n, byName };
  };
  return { store: wrapped, take };
}

function config(channels: Config['channels']): Config {
  return {
    file: null,
    db: join(dir, 'unused.db'),
    dbPassword: null,
    dbPoolSize: 1,
    logLevel: 'silent',
    channels,
    slack: null,
    discord: null,
    leaseSeconds: 60,
    allowPrivateAddresses: true,
    chatAllowPrivateAddresses: false,
  };
}

test('a console run of 20 new briefings makes at most 3 store calls per briefing plus 10; a run with nothing new at most 10', async () => {
  const folder = join(dir, 'news');
  writeArticles(folder, 20);
  const real = createSqliteStore(join(dir, 'db.sqlite'));
  const { store, take } = counting(real);
  const console = new RecordingPlatform('console');
  const ch = channel({
    platform: 'console',
    channelId: 'terminal',
    sources: { folders: [folder], urls: [], feeds: [] },
  });
  const app = await startApp(config([ch]), {
    log: silentLog,
    platforms: { console },
    store,
    schedule: false,
  });
  try {
    const [report] = await app.startup;
    expect(report?.posted).toHaveLength(20);
    expect(console.accepted).toHaveLength(20);
    const first = take();
    expect(first.n, JSON.stringify(first.byName)).toBeLessThanOrEqual(3 * 20 + 10);

    const second = await app.runner.runChannel(ch);
    expect(second.posted).toHaveLength(0);
    const again = take();
    expect(again.n, JSON.stringify(again.byName)).toBeLessThanOrEqual(10);
  } finally {
    await app.stop();
    await real.close();
  }
});

test('run --once fetches a URL source once', async () => {
  const server = await startServer();
  const page = `<html><head><title>Harbour opens</title></head><body><article><h1>Harbour opens</h1>${articleText(
    3,
  )
    .split('\n')
    .map((p) => `<p>${p}</p>`)
    .join('')}</article></body></html>`;
  server.routes.set('/story', send(page, 'text/html'));
  const real = createSqliteStore(join(dir, 'db.sqlite'));
  const console = new RecordingPlatform('console');
  const ch = channel({
    platform: 'console',
    channelId: 'terminal',
    sources: { folders: [], urls: [`${server.base}/story`], feeds: [] },
  });
  const app = await startApp(config([ch]), {
    log: silentLog,
    platforms: { console },
    store: real,
    schedule: false,
  });
  try {
    await app.startup;
    expect(console.accepted).toHaveLength(1);
    expect(server.requests.filter((r) => r.path === '/story')).toHaveLength(1);
  } finally {
    await app.stop();
    await real.close();
    await server.close();
  }
});
