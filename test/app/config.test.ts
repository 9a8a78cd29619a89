/** Config loading: every error names its field; precedence flag > env > file > default. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { loadConfig } from '../../src/config/index.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'nb-cfg-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
function file(content: unknown): string {
  const p = join(dir, `c${++n}.json`);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
}
const ch = { platform: 'console', channelId: 't', sources: { folders: ['briefings'] } };

test('the shipped config briefs briefings/ to the console', () => {
  const c = loadConfig({ env: {}, dotenv: false });
  expect(c.channels).toEqual([
    expect.objectContaining({
      platform: 'console',
      sources: expect.objectContaining({ folders: ['briefings'] }),
    }),
  ]);
  expect(c.slack).toBeNull();
  expect(c.discord).toBeNull();
});

test('errors name the field', () => {
  const p = file({
    channels: [{ ...ch, schedule: '61 * * * *', timezone: 'Nowhere/Town', maxPerDigest: 0, style: 'long' }],
  });
  expect(() => loadConfig({ configPath: p, env: {}, dotenv: false })).toThrow(
    /channels\[0\]\.schedule: invalid cron expression.*channels\[0\]\.timezone: unknown IANA time zone.*channels\[0\]\.maxPerDigest: must be at least 1.*channels\[0\]\.style: must be "per-briefing" or "digest"/,
  );
  expect(() =>
    loadConfig({ configPath: file({ channels: [{ ...ch, platform: 'irc' }] }), env: {}, dotenv: false }),
  ).toThrow('channels[0].platform: must be one of console, slack, discord');
  expect(() =>
    loadConfig({ configPath: file({ channels: [{ ...ch, colour: 'red' }] }), env: {}, dotenv: false }),
  ).toThrow('channels[0]: unknown field(s) colour');
  expect(() => loadConfig({ configPath: file('{ nope'), env: {}, dotenv: false })).toThrow(/not valid JSON/);
  expect(() => loadConfig({ configPath: join(dir, 'missing.json'), env: {}, dotenv: false })).toThrow(
    /not found \(set by --config\)/,
  );
  expect(() => loadConfig({ configPath: file({ channels: [ch, ch] }), env: {}, dotenv: false })).toThrow(
    /configured twice/,
  );
});

test('a flag beats the environment, which beats the file, which beats the default', () => {
  const p = file({ db: 'from-file.db', channels: [ch] });
  expect(loadConfig({ configPath: p, env: {}, dotenv: false }).db).toBe('from-file.db');
  expect(loadConfig({ configPath: p, env: { NEWSBRIEF_DB: 'env.db' }, dotenv: false }).db).toBe('env.db');
  expect(
    loadConfig({ configPath: p, db: 'flag.db', env: { NEWSBRIEF_DB: 'env.db' }, dotenv: false }).db,
  ).toBe('flag.db');
  expect(loadConfig({ configPath: file({ channels: [ch] }), env: {}, dotenv: false }).db).toBe(
    'data/newsbrief.db',
  );
  expect(loadConfig({ env: { NEWSBRIEF_CONFIG: p }, dotenv: false }).db).toBe('from-file.db');
});

test('platforms are switched on by their secrets, and a missing one is named', () => {
  const p = file({ channels: [ch] });
  const on = loadConfig({
    configPath: p,
    env: { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' },
    dotenv: false,
  });
  expect(on.slack).toMatchObject({ mode: 'http' });
  expect(() => loadConfig({ configPath: p, env: { SLACK_BOT_TOKEN: 'xoxb-1' }, dotenv: false })).toThrow(
    /SLACK_SIGNING_SECRET/,
  );
});

test("Slack's behaviour comes from the config file, and the environment wins over it", () => {
  const secrets = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' };
  const p = file({
    slack: { visibility: 'in_channel', threadReplies: 'all', rateLimit: '3/10' },
    channels: [ch],
  });
  expect(loadConfig({ configPath: p, env: secrets, dotenv: false }).slack).toMatchObject({
    visibility: 'in_channel',
    threadReplies: 'all',
    rateLimit: { max: 3, windowMs: 10_000 },
  });
  const env = { ...secrets, SLACK_RESPONSE_VISIBILITY: 'ephemeral', SLACK_RATE_LIMIT: 'off' };
  expect(loadConfig({ configPath: p, env, dotenv: false }).slack).toMatchObject({
    visibility: 'ephemeral',
    threadReplies: 'all',
    rateLimit: null,
  });
  const off = file({ slack: { rateLimit: 'off' }, channels: [ch] });
  expect(loadConfig({ configPath: off, env: secrets, dotenv: false }).slack?.rateLimit).toBeNull();
  expect(() =>
    loadConfig({
      configPath: file({ slack: { rateLimit: 'lots', colour: 1 }, channels: [ch] }),
      env: secrets,
      dotenv: false,
    }),
  ).toThrow(
    /slack: unknown field\(s\) colour.*slack\.rateLimit: must be "N\/SECONDS"|slack\.rateLimit: must be "N\/SECONDS".*slack: unknown field\(s\) colour/,
  );
});

test('include and exclude lists are bounded: a pasted word list is refused naming the field', () => {
  const many = Array.from({ length: 101 }, (_, i) => `word${i}`);
  const p = file({ channels: [{ ...ch, include: many, exclude: ['x'.repeat(101)] }] });
  expect(() => loadConfig({ configPath: p, env: {}, dotenv: false })).toThrow(
    /channels\[0\]\.include: must hold at most 100 keywords.*channels\[0\]\.exclude\[0\]: must be at most 100 characters/,
  );
});
