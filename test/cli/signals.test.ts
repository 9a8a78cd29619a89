/**
 * `newsbrief run` as a real process (src/cli.ts bundled), stopped by SIGTERM and SIGINT: it finishes
 * what is in flight, logs why it stopped, closes the store and exits 0.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { writeArticles } from '../app/fakes.js';
import { bundleForChild, type ChildBundle } from '../child-bundle.js';

let cli: string;
let bundle: ChildBundle;
let dir: string;

beforeAll(async () => {
  bundle = await bundleForChild('src/cli.ts', 'newsbrief-cli');
  cli = bundle.path;
  dir = mkdtempSync(join(tmpdir(), 'nb-signal-'));
}, 60_000);
afterAll(() => {
  bundle?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

interface Running {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function start(name: string, articles: number): Running {
  const folder = join(dir, name, 'news');
  writeArticles(folder, articles);
  const config = join(dir, name, 'config.json');
  writeFileSync(
    config,
    JSON.stringify({
      channels: [
        { platform: 'console', channelId: 'terminal', schedule: '0 8 * * *', sources: { folders: [folder] } },
      ],
    }),
  );
  // cwd is the test folder, so no .env of the developer's is read.
  const child = spawn(
    process.execPath,
    [cli, 'run', '--config', config, '--db', join(dir, name, 'store.db')],
    {
      cwd: join(dir, name),
      env: { PATH: process.env.PATH, NO_COLOR: '1', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
  });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) =>
    child.on('exit', (code, signal) => res({ code, signal })),
  );
  return { child, stdout: () => out, stderr: () => err, exit };
}

async function until(ok: () => boolean, what: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const events = (stderr: string) =>
  stderr
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => (JSON.parse(l) as { event?: string }).event);

function storeIsWhole(path: string): number {
  const db = new Database(path, { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    return (db.prepare('SELECT count(*) FROM articles').pluck().get() as number) ?? 0;
  } finally {
    db.close();
  }
}

test('SIGTERM once the start-up run is over: stops the scheduler, closes the store, exits 0', async () => {
  const bot = start('term', 3);
  await until(
    () => events(bot.stderr()).includes('run.startup') && bot.stdout().includes('Item 002'),
    'the start-up run',
  );
  bot.child.kill('SIGTERM');
  expect(await bot.exit).toEqual({ code: 0, signal: null });
  const seen = events(bot.stderr());
  expect(seen.indexOf('signal')).toBeGreaterThan(seen.indexOf('run.startup'));
  expect(seen.at(-1)).toBe('stopped');
  expect(storeIsWhole(join(dir, 'term', 'store.db'))).toBe(3);
}, 30_000);

test('SIGINT during start-up: what is in flight finishes, nothing half-written, exit 0', async () => {
  const bot = start('int', 40);
  await until(() => events(bot.stderr()).includes('config.loaded'), 'start-up');
  bot.child.kill('SIGINT');
  expect(await bot.exit).toEqual({ code: 0, signal: null });
  expect(events(bot.stderr()).at(-1)).toBe('stopped');
  expect(storeIsWhole(join(dir, 'int', 'store.db'))).toBeLessThanOrEqual(40);
}, 30_000);
