/**
 * Slack settings from an environment record (the caller passes `process.env` or a test's record; this
 * module never reads the process environment itself). They live with the contracts because both the
 * config (which reads them) and the Slack adapter (which uses them) may import the contracts.
 *
 * Slack is switched on by its secrets: `SLACK_BOT_TOKEN` plus either `SLACK_SIGNING_SECRET` (HTTP mode,
 * listening on `SLACK_PORT`, default 3000, at `/slack/events`) or `SLACK_APP_TOKEN` (Socket Mode, which
 * needs no public URL). With none of the three set, Slack is off (`null`). Anything missing or malformed
 * throws a `NewsbriefError('bad_config')` whose message is one line naming the variable.
 *
 * Options (each optional):
 * - `SLACK_API_URL`: Web API base, e.g. `http://127.0.0.1:8080/api/`; a missing final slash is added.
 * - `SLACK_RESPONSE_VISIBILITY`: `ephemeral` (default: only the asker sees command answers) or `in_channel`.
 * - `SLACK_THREAD_REPLIES`: `mentions` (default: answer in a briefing's thread when mentioned) or `all`
 *   (answer every message in a briefing's thread).
 * - `SLACK_RATE_LIMIT`: commands per user per window, `N/SECONDS` (default `10/60`), or `off`.
 */
import { NewsbriefError } from '../errors.js';
import { parseRateLimit, type RateLimit } from './rate-limit.js';

export type ResponseVisibility = 'ephemeral' | 'in_channel';
export type ThreadReplies = 'mentions' | 'all';

export type { RateLimit };

export interface SlackOptions {
  visibility: ResponseVisibility;
  threadReplies: ThreadReplies;
  /** null: no per-user limit. */
  rateLimit: RateLimit | null;
  /** Users who may change what a channel follows (`/feeds`) besides the workspace's admins and owners. */
  feedsAdmins?: readonly string[];
}

interface CommonSettings extends SlackOptions {
  botToken: string;
  /** Web API base ending in `/`, or null for Slack's own. */
  apiUrl: string | null;
}

export interface SlackHttpSettings extends CommonSettings {
  mode: 'http';
  signingSecret: string;
  port: number;
  path: '/slack/events';
}

export interface SlackSocketSettings extends CommonSettings {
  mode: 'socket';
  appToken: string;
}

export type SlackSettings = SlackHttpSettings | SlackSocketSettings;

export const DEFAULT_SLACK_OPTIONS: SlackOptions = {
  visibility: 'ephemeral',
  threadReplies: 'mentions',
  rateLimit: { max: 10, windowMs: 60_000 },
};

export type Env = Readonly<Record<string, string | undefined>>;

const bad = (message: string) => new NewsbriefError('bad_config', message);

function value(env: Env, name: string): string | undefined {
  const v = env[name]?.trim();
  return v ? v : undefined;
}

/**
 * Reads Slack's settings. `defaults` (e.g. from the config file) are used where the environment says
 * nothing; the environment wins. Returns null when no Slack secret is set at all.
 */
export function parseSlackSettings(env: Env, defaults: Partial<SlackOptions> = {}): SlackSettings | null {
  const botToken = value(env, 'SLACK_BOT_TOKEN');
  const signingSecret = value(env, 'SLACK_SIGNING_SECRET');
  const appToken = value(env, 'SLACK_APP_TOKEN');
  if (!botToken && !signingSecret && !appToken) return null;

  if (!botToken) {
    throw bad(
      appToken
        ? 'Set SLACK_BOT_TOKEN (xoxb-...) to use Slack in Socket Mode'
        : 'Set SLACK_BOT_TOKEN (xoxb-...) to use Slack over HTTP',
    );
  }
  if (!botToken.startsWith('xoxb-')) {
    throw bad('SLACK_BOT_TOKEN must be a bot token starting with xoxb- (OAuth & Permissions page)');
  }
  if (appToken && !appToken.startsWith('xapp-')) {
    throw bad('SLACK_APP_TOKEN must be an app-level token starting with xapp- (Basic Information page)');
  }
  if (!appToken && !signingSecret) {
    throw bad('Set SLACK_SIGNING_SECRET to use Slack over HTTP (or SLACK_APP_TOKEN for Socket Mode)');
  }

  const common: CommonSettings = {
    botToken,
    apiUrl: parseApiUrl(value(env, 'SLACK_API_URL')),
    visibility:
      parseVisibility(value(env, 'SLACK_RESPONSE_VISIBILITY')) ?? defaults.visibility ?? 'ephemeral',
    threadReplies:
      parseThreadReplies(value(env, 'SLACK_THREAD_REPLIES')) ?? defaults.threadReplies ?? 'mentions',
    rateLimit: parseRateLimit(
      'SLACK_RATE_LIMIT',
      value(env, 'SLACK_RATE_LIMIT'),
      defaults.rateLimit === undefined ? DEFAULT_SLACK_OPTIONS.rateLimit : defaults.rateLimit,
    ),
    feedsAdmins: parseUserIds(value(env, 'SLACK_FEEDS_ADMINS')) ?? defaults.feedsAdmins ?? [],
  };

  if (appToken) return { ...common, mode: 'socket', appToken };
  return {
    ...common,
    mode: 'http',
    signingSecret: signingSecret as string,
    port: parsePort(value(env, 'SLACK_PORT')),
    path: '/slack/events',
  };
}

function parseApiUrl(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw bad(`SLACK_API_URL must be an absolute http(s) URL such as https://slack.com/api/ (got "${raw}")`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw bad(`SLACK_API_URL must be an http(s) URL such as https://slack.com/api/ (got "${raw}")`);
  }
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

/** "U0123, U0456": Slack user ids, comma-separated. */
function parseUserIds(raw: string | undefined): string[] | undefined {
  if (raw === undefined) return undefined;
  const ids = raw
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  const wrong = ids.find((id) => !/^[UW][A-Z0-9]{2,}$/.test(id));
  if (wrong)
    throw bad(
      `SLACK_FEEDS_ADMINS must list Slack user ids such as U0123ABCD, comma-separated (got "${wrong.slice(0, 40)}")`,
    );
  return ids;
}

function parsePort(raw: string | undefined): number {
  if (raw === undefined) return 3000;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw bad(`SLACK_PORT must be a port number from 0 to 65535 (got "${raw}")`);
  }
  return port;
}

function parseVisibility(raw: string | undefined): ResponseVisibility | undefined {
  if (raw === undefined) return undefined;
  if (raw === 'ephemeral' || raw === 'in_channel') return raw;
  throw bad(`SLACK_RESPONSE_VISIBILITY must be ephemeral or in_channel (got "${raw}")`);
}

function parseThreadReplies(raw: string | undefined): ThreadReplies | undefined {
  if (raw === undefined) return undefined;
  if (raw === 'mentions' || raw === 'all') return raw;
  throw bad(`SLACK_THREAD_REPLIES must be mentions or all (got "${raw}")`);
}
