/**
 * Following a feed from Slack, end to end: signed slash commands into the real Bolt app of a running
 * newsbrief (the real service over a SQLite store), the fake Slack on 127.0.0.1, and a feed served by a
 * local server. A workspace admin follows the feed; the channel's next scheduled run posts its items
 * there; the schedule moves the next run; unfollowing stops the runs; a member who is not an admin is
 * refused and nothing changes; a channel the bot is not in is refused with how to fix it. A second
 * running instance on the same store follows every change without a restart.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createSlackPlatform } from '../../src/adapters/slack/platform.js';
import { type App, startApp } from '../../src/app/app.js';
import { loadConfig } from '../../src/config/index.js';
import { parseSlackSettings } from '../../src/contracts/slack-settings.js';
import { silentLog } from '../app/fakes.js';
import { send, startServer, type TestServer } from '../sources/server.js';
import { BOT_TOKEN, FakeSlack, waitFor } from './fake-slack.js';
import { postSigned, RecordingLogger, SIGNING_SECRET, slashCommand } from './harness.js';

let dir: string;
let feedServer: TestServer;
let fake: FakeSlack;
let app: App;
/** A second running instance on the same store: it must pick up every change made through the first. */
let other: App;
let eventsUrl: string;

const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour News</title>
<item><title>Night ferry approved</title><guid>ferry-1</guid><description>The harbour council voted 7-2 on Tuesday to run a night ferry to the outer islands from May. Shift workers had asked for it for a year.</description></item>
<item><title>Storm closes the port</title><guid>storm-2</guid><description>The port closed on Wednesday as a storm came in from the west. Ferries will sail again on Friday, the port authority said.</description></item>
</channel></rss>`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nb-slack-feeds-'));
  feedServer = await startServer();
  feedServer.routes.set('/rss', send(rss, 'application/rss+xml'));
  fake = await new FakeSlack().start();
  fake.admins.add('U0ALICE');
  fake.notMemberOf.add('C0QUIET');
  const configPath = join(dir, 'config.json');
  writeFileSync(configPath, JSON.stringify({ db: join(dir, 'store.db'), channels: [] }));
  const env = {
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_PORT: '0',
    SLACK_API_URL: fake.apiUrl.replace(/\/$/, ''),
    SLACK_RATE_LIMIT: 'off',
    NEWSBRIEF_ALLOW_PRIVATE: '1',
    NEWSBRIEF_CHAT_ALLOW_PRIVATE: '1',
  };
  const config = loadConfig({ configPath, env, dotenv: false });
  const settings = parseSlackSettings(env);
  if (!settings) throw new Error('no Slack settings');
  const platform = () =>
    createSlackPlatform(settings, {
      logger: new RecordingLogger(),
      host: '127.0.0.1',
      retryConfig: { retries: 0 },
    });
  const slack = platform();
  app = await startApp(config, { log: silentLog, platforms: { slack } });
  await app.startup;
  other = await startApp(config, { log: silentLog, platforms: { slack: platform() } });
  await other.startup;
  eventsUrl = `http://127.0.0.1:${slack.port}/slack/events`;
});
afterAll(async () => {
  await other?.stop();
  await app?.stop();
  await fake?.stop();
  await feedServer?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs a slash command as `user` in `channel` and returns the text of its answer. */
async function run(command: string, text: string, user = 'U0ALICE', channel = 'C0NEWS') {
  const { body, responseId } = slashCommand(fake, command, text, { user_id: user, channel_id: channel });
  expect((await postSigned(eventsUrl, body)).status).toBe(200);
  const answer = await waitFor(() => fake.responses.find((r) => r.id === responseId), 10_000);
  return { body: answer.body as Record<string, unknown>, text: JSON.stringify(answer.body) };
}

const posted = (channel: string) =>
  fake.callsTo('chat.postMessage').filter((c) => c.params.channel === channel && !c.params.thread_ts);

test('a member who is not an admin is refused, and nothing changes', async () => {
  const { body, text } = await run('/feeds', `follow ${feedServer.base}/rss`, 'U0BOB');
  expect(body.response_type).toBe('ephemeral');
  expect(text).toContain('Only workspace admins and owners');
  expect(await app.subscriptions?.channels()).toEqual([]);
  expect(feedServer.requests.filter((r) => r.path === '/rss')).toEqual([]); // not even fetched
});

test('a channel the bot is not in is refused with how to fix it', async () => {
  const { text } = await run('/feeds', `follow ${feedServer.base}/rss`, 'U0ALICE', 'C0QUIET');
  expect(text).toContain('invite me first');
  expect(await app.subscriptions?.channels()).toEqual([]);
});

test('an admin follows a feed; the next scheduled run posts its items in that channel', async () => {
  const { text } = await run('/feeds', `follow ${feedServer.base}/rss`);
  expect(text).toContain('Following the feed Harbour News');
  expect(text).toContain('Next run:');
  expect(await app.checkSubscriptions()).toBe(true);
  const task = app.scheduler()?.tasks.get('slack:C0NEWS');
  expect(task?.getPattern()).toBe('0 8 * * *');
  // The other instance was not restarted: its next look at the store schedules the channel too.
  expect(await other.checkSubscriptions()).toBe(true);
  expect(other.scheduler()?.tasks.get('slack:C0NEWS')?.getPattern()).toBe('0 8 * * *');
  expect(posted('C0NEWS')).toEqual([]);
  await task?.execute(); // what node-cron does at the scheduled time
  const texts = posted('C0NEWS').map((c) => String(c.params.text));
  expect(texts.some((t) => t.includes('Night ferry approved'))).toBe(true);
  expect(texts.some((t) => t.includes('Storm closes the port'))).toBe(true);
  const sources = await run('/newsbrief', 'sources', 'U0BOB');
  expect(sources.body.response_type).toBe('ephemeral');
  expect(sources.text).toMatch(/#\d+ feed Harbour News/);
  expect(sources.text).toContain('last read');
});

test('schedule changes the next run; bad schedules change nothing', async () => {
  const tooOften = await run('/feeds', 'schedule */5 * * * *');
  expect(tooOften.text).toContain('more than once every 15 minutes');
  expect(await app.checkSubscriptions()).toBe(false);
  const { text } = await run('/feeds', 'schedule 17:30 UTC');
  expect(text).toContain('Schedule changed');
  expect(await app.checkSubscriptions()).toBe(true);
  const task = app.scheduler()?.tasks.get('slack:C0NEWS');
  expect(task?.getPattern()).toBe('30 17 * * *');
  expect(task?.getNextRun()?.toISOString()).toMatch(/T17:30:00/);
  expect(await other.checkSubscriptions()).toBe(true);
  expect(other.scheduler()?.tasks.get('slack:C0NEWS')?.getPattern()).toBe('30 17 * * *');
});

test('unfollow stops the runs: the channel has no schedule any more', async () => {
  const channel = (await app.subscriptions?.channels())?.[0];
  const id = channel?.sources[0]?.id;
  const { text } = await run('/feeds', `unfollow ${id}`);
  expect(text).toContain(`No longer following #${id}`);
  expect(await app.checkSubscriptions()).toBe(true);
  expect(app.scheduler()?.tasks.has('slack:C0NEWS')).toBe(false);
  expect(await other.checkSubscriptions()).toBe(true);
  expect(other.scheduler()?.tasks.has('slack:C0NEWS')).toBe(false);
  const before = posted('C0NEWS').length;
  feedServer.routes.set(
    '/rss',
    send(
      rss.replace(
        '</channel>',
        '<item><title>Ferry delayed</title><guid>late-3</guid><description>The first night ferry will sail a week late, the operator said on Thursday, because a crew is still being trained.</description></item></channel>',
      ),
      'application/rss+xml',
    ),
  );
  expect(await app.checkSubscriptions()).toBe(false);
  expect(posted('C0NEWS').length).toBe(before);
});
