import { describe, expect, it } from 'vitest';
import { NewsbriefError } from '../errors.js';
import { parseSlackSettings } from './slack-settings.js';

const BOT = 'xoxb-1-2-abc';
const APP = 'xapp-1-A1-abc';

function errorOf(env: Record<string, string>): string {
  try {
    parseSlackSettings(env);
  } catch (error) {
    expect(error).toBeInstanceOf(NewsbriefError);
    expect((error as NewsbriefError).code).toBe('bad_config');
    return (error as Error).message;
  }
  throw new Error('expected an error');
}

describe('parseSlackSettings', () => {
  it('is off when no Slack secret is set', () => {
    expect(parseSlackSettings({})).toBeNull();
    expect(parseSlackSettings({ SLACK_PORT: '4000', SLACK_BOT_TOKEN: '  ' })).toBeNull();
  });

  it('reads HTTP mode with defaults', () => {
    expect(parseSlackSettings({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: 's3cret' })).toEqual({
      mode: 'http',
      botToken: BOT,
      signingSecret: 's3cret',
      port: 3000,
      path: '/slack/events',
      apiUrl: null,
      visibility: 'ephemeral',
      threadReplies: 'mentions',
      rateLimit: { max: 10, windowMs: 60_000 },
      feedsAdmins: [],
    });
  });

  it('reads the users who may use /feeds from SLACK_FEEDS_ADMINS, and refuses what is not a user id', () => {
    const env = { SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: 's3cret' };
    expect(parseSlackSettings({ ...env, SLACK_FEEDS_ADMINS: 'U0123ABC, W0456DEF' })?.feedsAdmins).toEqual([
      'U0123ABC',
      'W0456DEF',
    ]);
    expect(parseSlackSettings(env, { feedsAdmins: ['U0999'] })?.feedsAdmins).toEqual(['U0999']);
    expect(() => parseSlackSettings({ ...env, SLACK_FEEDS_ADMINS: 'alice' })).toThrow(/SLACK_FEEDS_ADMINS/);
  });

  it('reads Socket Mode when SLACK_APP_TOKEN is set, and adds a missing final slash to SLACK_API_URL', () => {
    const s = parseSlackSettings({
      SLACK_BOT_TOKEN: BOT,
      SLACK_APP_TOKEN: APP,
      SLACK_API_URL: 'http://127.0.0.1:8080/api',
    });
    expect(s).toMatchObject({ mode: 'socket', appToken: APP, apiUrl: 'http://127.0.0.1:8080/api/' });
    const kept = parseSlackSettings({
      SLACK_BOT_TOKEN: BOT,
      SLACK_APP_TOKEN: APP,
      SLACK_API_URL: 'https://x.example/api/',
    });
    expect(kept?.apiUrl).toBe('https://x.example/api/');
  });

  it('reads the options, the environment beating defaults from the config file', () => {
    const env = {
      SLACK_BOT_TOKEN: BOT,
      SLACK_SIGNING_SECRET: 's',
      SLACK_PORT: '8123',
      SLACK_RESPONSE_VISIBILITY: 'in_channel',
      SLACK_THREAD_REPLIES: 'all',
      SLACK_RATE_LIMIT: '3/10',
    };
    expect(parseSlackSettings(env, { visibility: 'ephemeral' })).toMatchObject({
      port: 8123,
      visibility: 'in_channel',
      threadReplies: 'all',
      rateLimit: { max: 3, windowMs: 10_000 },
    });
    const fromFile = parseSlackSettings(
      { SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: 's' },
      { visibility: 'in_channel', rateLimit: null },
    );
    expect(fromFile).toMatchObject({ visibility: 'in_channel', rateLimit: null });
    expect(parseSlackSettings({ ...env, SLACK_RATE_LIMIT: 'off' })?.rateLimit).toBeNull();
  });

  it('names the variable in one line when something is missing or wrong, never echoing a secret', () => {
    expect(errorOf({ SLACK_SIGNING_SECRET: 's' })).toBe(
      'Set SLACK_BOT_TOKEN (xoxb-...) to use Slack over HTTP',
    );
    expect(errorOf({ SLACK_APP_TOKEN: APP })).toBe(
      'Set SLACK_BOT_TOKEN (xoxb-...) to use Slack in Socket Mode',
    );
    expect(errorOf({ SLACK_BOT_TOKEN: BOT })).toBe(
      'Set SLACK_SIGNING_SECRET to use Slack over HTTP (or SLACK_APP_TOKEN for Socket Mode)',
    );
    const wrongKind = errorOf({ SLACK_BOT_TOKEN: 'xoxp-user-token-secret', SLACK_SIGNING_SECRET: 's' });
    expect(wrongKind).toMatch(/^SLACK_BOT_TOKEN must be a bot token starting with xoxb-/);
    expect(wrongKind).not.toContain('xoxp-user-token-secret');
    expect(errorOf({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: 'xoxb-nope' })).toMatch(
      /^SLACK_APP_TOKEN must be/,
    );
    expect(errorOf({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: 's', SLACK_PORT: 'eighty' })).toMatch(
      /^SLACK_PORT /,
    );
    expect(errorOf({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: 's', SLACK_PORT: '70000' })).toMatch(
      /^SLACK_PORT /,
    );
    expect(
      errorOf({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: 's', SLACK_API_URL: 'slack.com/api' }),
    ).toMatch(/^SLACK_API_URL /);
    expect(errorOf({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: 's', SLACK_API_URL: 'ftp://x/' })).toMatch(
      /^SLACK_API_URL /,
    );
    expect(
      errorOf({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: 's', SLACK_RESPONSE_VISIBILITY: 'public' }),
    ).toMatch(/^SLACK_RESPONSE_VISIBILITY /);
    expect(
      errorOf({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: 's', SLACK_THREAD_REPLIES: 'some' }),
    ).toMatch(/^SLACK_THREAD_REPLIES /);
    expect(errorOf({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: 's', SLACK_RATE_LIMIT: 'lots' })).toMatch(
      /^SLACK_RATE_LIMIT /,
    );
    for (const message of [errorOf({ SLACK_BOT_TOKEN: BOT })]) expect(message).not.toContain('\n');
  });
});
