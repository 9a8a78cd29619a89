/**
 * Two running instances on one SQLite store and a feed server on 127.0.0.1: a feed followed through one
 * instance is scheduled on both at their next look at the store (no restart), its scheduled run posts
 * the feed's items, a schedule change moves the next run, and unfollowing removes the schedule.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type App, startApp } from '../../src/app/app.js';
import { loadConfig } from '../../src/config/index.js';
import type { FeedsCaller, NewsbriefService, SubscriptionService } from '../../src/contracts/index.js';
import { send, startServer, type TestServer } from '../sources/server.js';
import { RecordingPlatform, silentLog } from './fakes.js';

let dir: string;
let srv: TestServer;
const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour News</title>
<item><title>Night ferry approved</title><guid>ferry-1</guid><description>The harbour council voted 7-2 on Tuesday to run a night ferry to the outer islands from May. Shift workers had asked for it for a year.</description></item>
<item><title>Storm closes the port</title><guid>storm-2</guid><description>The port closed on Wednesday as a storm came in from the west. Ferries will sail again on Friday, the port authority said.</description></item>
</channel></rss>`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nb-live-'));
  srv = await startServer();
  srv.routes.set('/rss', send(rss, 'application/rss+xml'));
});
afterAll(async () => {
  await srv.close();
  rmSync(dir, { recursive: true, force: true });
});

async function instance(): Promise<{ app: App; platform: RecordingPlatform; subs: SubscriptionService }> {
  const configPath = join(dir, 'config.json');
  writeFileSync(configPath, JSON.stringify({ db: join(dir, 'store.db'), channels: [] }));
  const env = { NEWSBRIEF_ALLOW_PRIVATE: '1', NEWSBRIEF_CHAT_ALLOW_PRIVATE: '1' };
  const config = loadConfig({ configPath, env, dotenv: false });
  let service: NewsbriefService | undefined;
  const platform = new RecordingPlatform('slack');
  platform.start = async (s: NewsbriefService) => {
    service = s;
  };
  const app = await startApp(config, { log: silentLog, platforms: { slack: platform } });
  await app.startup;
  if (!service?.subscriptions) throw new Error('no subscription service');
  return { app, platform, subs: service.subscriptions };
}

const caller: FeedsCaller = { platform: 'slack', channelId: 'C1', workspaceId: 'T1', userId: 'U1' };

test('a change made on one instance is scheduled on every instance without a restart', async () => {
  const a = await instance();
  const b = await instance();
  try {
    expect(a.app.scheduler()?.tasks.size).toBe(0);
    await a.subs.change(caller, { kind: 'follow', url: `${srv.base}/rss` });
    // Each instance looks at the store's version on its own timer; here the look is asked for at once.
    expect(await b.app.checkSubscriptions()).toBe(true);
    expect(await a.app.checkSubscriptions()).toBe(true);
    expect(await b.app.checkSubscriptions()).toBe(false); // nothing new since
    const task = b.app.scheduler()?.tasks.get('slack:C1');
    expect(task?.getPattern()).toBe('0 8 * * *');
    // The scheduled run (what node-cron calls at 08:00) posts the feed's items in that channel.
    await task?.execute();
    expect(b.platform.titles('C1').sort()).toEqual(['Night ferry approved', 'Storm closes the port']);
    // Its read is recorded on the source.
    const [source] = (await a.subs.sources(caller)).sources;
    expect(source?.lastFetchAt).not.toBeNull();
    expect(source?.lastError).toBeNull();

    // A schedule change moves the next run on both.
    const before = b.app.scheduler()?.tasks.get('slack:C1')?.getNextRun()?.toISOString();
    await a.subs.change(caller, { kind: 'schedule', spec: '0 17 * * 1-5', timezone: 'UTC' });
    expect(await b.app.checkSubscriptions()).toBe(true);
    const moved = b.app.scheduler()?.tasks.get('slack:C1');
    expect(moved?.getPattern()).toBe('0 17 * * 1-5');
    expect(moved?.getNextRun()?.toISOString()).not.toBe(before);
    expect(moved?.getNextRun()?.toISOString()).toMatch(/T17:00:00/);

    // Unfollowing the only source stops the channel's schedule everywhere.
    await b.subs.change(caller, { kind: 'unfollow', target: `${srv.base}/rss` });
    expect(await a.app.checkSubscriptions()).toBe(true);
    expect(await b.app.checkSubscriptions()).toBe(true);
    expect(a.app.scheduler()?.tasks.has('slack:C1')).toBe(false);
    expect(b.app.scheduler()?.tasks.has('slack:C1')).toBe(false);
  } finally {
    await a.app.stop();
    await b.app.stop();
  }
});
