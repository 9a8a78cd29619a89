/**
 * Following a feed from Discord, end to end: the real discord.js bot of a running newsbrief (the real
 * service over a SQLite store) against the fake Discord on 127.0.0.1, and a feed served by a local
 * server. A member without Manage Server is refused and nothing changes; a channel where the bot may
 * not post is refused with the fix; a member with it follows the feed, the next scheduled run posts the
 * items in that channel, a schedule change moves the next run and unfollowing drops the schedule.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createDiscordPlatform } from '../../src/adapters/discord/platform.js';
import { type App, startApp } from '../../src/app/app.js';
import { loadConfig } from '../../src/config/index.js';
import { silentLog } from '../app/fakes.js';
import { send, startServer, type TestServer } from '../sources/server.js';
import { FakeDiscord, IDS } from './fake-discord.js';
import { TOKEN } from './harness.js';

let dir: string;
let feedServer: TestServer;
let fake: FakeDiscord;
let app: App;

const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour News</title>
<item><title>Night ferry approved</title><guid>ferry-1</guid><description>The harbour council voted 7-2 on Tuesday to run a night ferry to the outer islands from May. Shift workers had asked for it for a year.</description></item>
</channel></rss>`;

/** Manage Server (1 << 5) and nothing else; and a bot that may only view the channel. */
const MANAGE_GUILD = String(1 << 5);
const VIEW_ONLY = String(1 << 10);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nb-discord-feeds-'));
  feedServer = await startServer();
  feedServer.routes.set('/rss', send(rss, 'application/rss+xml'));
  fake = new FakeDiscord(TOKEN);
  await fake.listen();
  const configPath = join(dir, 'config.json');
  writeFileSync(configPath, JSON.stringify({ db: join(dir, 'store.db'), channels: [] }));
  const env = {
    DISCORD_TOKEN: TOKEN,
    DISCORD_GUILD_ID: IDS.guild,
    DISCORD_API_URL: `${fake.apiUrl}/`,
    DISCORD_RATE_LIMIT: 'off',
    NEWSBRIEF_ALLOW_PRIVATE: '1',
    NEWSBRIEF_CHAT_ALLOW_PRIVATE: '1',
  };
  const config = loadConfig({ configPath, env, dotenv: false });
  if (!config.discord) throw new Error('no Discord settings');
  const discord = createDiscordPlatform(config.discord, {
    deferAfterMs: 150,
    readyTimeoutMs: 10_000,
    clientOptions: { waitGuildTimeout: 500 },
    log: { info: () => {}, warn: () => {}, error: () => {} },
  });
  app = await startApp(config, { log: silentLog, platforms: { discord } });
  await app.startup;
});
afterAll(async () => {
  await app?.stop();
  await fake?.close();
  await feedServer?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every body the bot sent for an interaction (its reply, an edit, a follow-up), as one string. */
async function reply(token: string, expected: RegExp): Promise<string> {
  const sent = () =>
    fake.calls
      .filter((c) => c.path.includes(`/${token}/`))
      .map((c) => JSON.stringify(c.body))
      .join('\n');
  return fake.waitFor(() => (expected.test(sent()) ? sent() : null), 10_000, `reply for ${token}`);
}

const sub = (name: string, options: Record<string, string> = {}) => [
  { type: 1, name, options: Object.entries(options).map(([n, value]) => ({ type: 3, name: n, value })) },
];

const channelPosts = () =>
  fake.calls.filter((c) => c.method === 'POST' && c.path === `/channels/${IDS.channel}/messages`);

test('a member without Manage Server is refused, and nothing changes', async () => {
  const { token } = fake.command('feeds', sub('follow', { url: `${feedServer.base}/rss` }), {
    permissions: '0',
  });
  const text = await reply(token, /Only members with Manage Server/);
  expect(text).toContain('"flags":64'); // only the member sees it
  expect(await app.subscriptions?.channels()).toEqual([]);
  expect(feedServer.requests).toEqual([]);
});

test('a channel where the bot may not post is refused with the fix', async () => {
  const { token } = fake.command('feeds', sub('follow', { url: `${feedServer.base}/rss` }), {
    permissions: MANAGE_GUILD,
    appPermissions: VIEW_ONLY,
  });
  await reply(token, /Send Messages and Create Public Threads/);
  expect(await app.subscriptions?.channels()).toEqual([]);
});

test('follow, the scheduled run posts the items, schedule moves it, unfollow drops it', async () => {
  const follow = fake.command('feeds', sub('follow', { url: `${feedServer.base}/rss` }), {
    permissions: MANAGE_GUILD,
  });
  expect(await reply(follow.token, /Following the feed Harbour News/)).toContain('Next run:');
  expect(await app.checkSubscriptions()).toBe(true);
  const name = `discord:${IDS.channel}`;
  const task = app.scheduler()?.tasks.get(name);
  expect(channelPosts()).toEqual([]);
  await task?.execute();
  expect(JSON.stringify(channelPosts().map((c) => c.body))).toContain('Night ferry approved');

  const sources = fake.command('newsbrief', sub('sources'), { permissions: '0' });
  const listed = await reply(sources.token, /#\d+ feed Harbour News/);
  const id = /#(\d+) feed Harbour News/.exec(listed)?.[1];

  const schedule = fake.command('feeds', sub('schedule', { time: '06:45', timezone: 'Asia/Tokyo' }), {
    permissions: MANAGE_GUILD,
  });
  await reply(schedule.token, /Schedule changed/);
  expect(await app.checkSubscriptions()).toBe(true);
  expect(app.scheduler()?.tasks.get(name)?.getNextRun()?.toISOString()).toMatch(/T21:45:00/); // 06:45 in Tokyo

  const unfollow = fake.command('feeds', sub('unfollow', { source: String(id) }), {
    permissions: MANAGE_GUILD,
  });
  await reply(unfollow.token, /No longer following/);
  expect(await app.checkSubscriptions()).toBe(true);
  expect(app.scheduler()?.tasks.has(name)).toBe(false);
});
