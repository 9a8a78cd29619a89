/** `newsbrief feeds list|remove` and `status` over a real SQLite store holding a channel set in chat. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createSqliteStore } from '../../src/store/index.js';
import { createSqliteSubscriptions } from '../../src/store/subscriptions-sqlite.js';
import { runCli } from '../helpers.js';

let dir: string;
let db: string;
let config: string;
let id = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nb-feeds-cli-'));
  db = join(dir, 'store.db');
  await createSqliteStore(db).close();
  const subs = createSqliteSubscriptions(db);
  const r = await subs.subscribe({
    platform: 'slack',
    channelId: 'C0NEWS',
    workspaceId: 'T1',
    kind: 'feed',
    url: 'https://news.test/rss',
    title: 'Harbour News',
    by: 'U0ALICE',
    now: '2026-12-02T10:00:00.000Z',
    defaults: {
      name: 'slack:C0NEWS',
      schedule: '0 8 * * *',
      timezone: 'UTC',
      maxPerDigest: 10,
      style: 'per-briefing',
    },
  });
  if (r.ok) id = r.subscription.id;
  await subs.close();
  config = join(dir, 'config.json');
  writeFileSync(
    config,
    JSON.stringify({
      db,
      channels: [{ platform: 'console', channelId: 'terminal', sources: { folders: ['briefings'] } }],
    }),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('feeds list shows each channel set in chat with its sources, ids and who set them', async () => {
  const all = await runCli(['feeds', 'list', '--config', config]);
  expect(all.code).toBe(0);
  expect(all.stdout).toContain('slack:C0NEWS  0 8 * * * (UTC)  [set in chat, by U0ALICE');
  expect(all.stdout).toContain(`#${id}  feed   https://news.test/rss  “Harbour News”`);
  const none = await runCli(['feeds', 'list', '--config', config, '--channel', 'discord:1']);
  expect(none.stdout.trim()).toBe('No channel discord:1 follows anything.');
  const json = await runCli(['feeds', 'list', '--config', config, '--channel', 'C0NEWS', '--format', 'json']);
  expect(JSON.parse(json.stdout).sources[0].url).toBe('https://news.test/rss');
});

test('status lists the channel set in chat and the config channel not imported yet', async () => {
  const r = await runCli(['status', '--config', config, '--format', 'json']);
  expect(r.code).toBe(0);
  const { channels } = JSON.parse(r.stdout);
  expect(channels.map((c: { name: string; origin: string }) => [c.name, c.origin])).toEqual([
    ['slack:C0NEWS', 'chat'],
    ['console:terminal', 'config'],
  ]);
});

test('feeds remove takes a source away by id; an unknown id is an error that changes nothing', async () => {
  expect((await runCli(['feeds', 'remove', '999999', '--config', config])).code).toBe(1);
  const removed = await runCli(['feeds', 'remove', id, '--config', config]);
  expect(removed.code).toBe(0);
  expect(removed.stdout.trim()).toBe(`Removed #${id} https://news.test/rss from slack:C0NEWS.`);
  expect((await runCli(['feeds', 'list', '--config', config])).stdout).not.toContain('news.test/rss');
  expect((await runCli(['feeds', 'frobnicate', '--config', config])).code).toBe(2);
});
