/**
 * Configuration: one JSON file (config/newsbrief.json, or NEWSBRIEF_CONFIG), validated with zod at start;
 * secrets come from the environment (.env via dotenv fills what the environment leaves unset). Every
 * error names the field and what is wrong, and loading throws rather than half-starting.
 *
 * Precedence: a command-line flag beats the environment, which beats the file, which beats the default.
 * Platforms are switched on by their secrets (the adapters' own config functions read them).
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { validateDetailed } from 'node-cron';
import { z } from 'zod';
import { isPostgresUrl, redactDbUrl, urlHasPassword } from '../contracts/db-url.js';
import { type DiscordSettings, discordSettingsFromEnv } from '../contracts/discord-settings.js';
import type { PlatformName } from '../contracts/index.js';
import { parseRateLimit } from '../contracts/rate-limit.js';
import { parseSlackSettings, type SlackSettings } from '../contracts/slack-settings.js';
import { NewsbriefError } from '../errors.js';

export const DEFAULT_CONFIG_PATH = 'config/newsbrief.json';
export const DEFAULT_DB_PATH = 'data/newsbrief.db';
export const DEFAULT_SCHEDULE = '0 8 * * *';
export const DEFAULT_TIMEZONE = 'Europe/London';
export const DEFAULT_MAX_PER_DIGEST = 10;

export type DigestStyle = 'per-briefing' | 'digest';
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const DEFAULT_LOG_LEVEL: LogLevel = 'info';
const LOG_LEVEL_CHOICES = `one of ${LOG_LEVELS.join(', ')}`;

export interface ChannelSources {
  folders: string[];
  urls: string[];
  feeds: string[];
}

export interface ChannelConfig {
  /** A stable name for logs, status and the scheduler task ("console:terminal"). */
  name: string;
  platform: PlatformName;
  channelId: string;
  schedule: string;
  timezone: string;
  sources: ChannelSources;
  include: string[];
  exclude: string[];
  maxPerDigest: number;
  style: DigestStyle;
}

export interface Config {
  /** The file the config was read from, or null when none exists and the defaults are used. */
  file: string | null;
  /** A SQLite file path, or a postgres:// URL (which may hold a password: show it with `redactDbUrl`). */
  db: string;
  /** A PostgreSQL URL's password when the URL holds none (PGPASSWORD); null otherwise. */
  dbPassword: string | null;
  /** Connections in a PostgreSQL store's pool (per instance). */
  dbPoolSize: number;
  logLevel: LogLevel;
  channels: ChannelConfig[];
  slack: SlackSettings | null;
  discord: DiscordSettings | null;
  /** How long a channel run's lease lasts without renewal (a crashed instance's run is taken over after it). */
  leaseSeconds: number;
  /** Fetching private addresses (tests on 127.0.0.1 only). */
  /** Configured sources may be on private addresses (NEWSBRIEF_ALLOW_PRIVATE=1: an operator's intranet). */
  allowPrivateAddresses: boolean;
  /**
   * URLs typed in chat may be on private addresses too (NEWSBRIEF_CHAT_ALLOW_PRIVATE=1). Separate from the
   * above because anyone in a channel can type a URL, while only the operator writes the config.
   */
  chatAllowPrivateAddresses: boolean;
}

function validCron(expr: string): boolean {
  try {
    return validateDetailed(expr).valid;
  } catch {
    return false;
  }
}

function validTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Enough for any real filter; a bound keeps a pasted word list from slowing every digest. */
export const MAX_KEYWORDS = 100;
const keywords = z
  .array(z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'))
  .max(MAX_KEYWORDS, `must hold at most ${MAX_KEYWORDS} keywords`)
  .default([]);

const channelSchema = z
  .object({
    name: z.string().trim().min(1).optional(),
    platform: z.enum(['console', 'slack', 'discord'], { error: 'must be one of console, slack, discord' }),
    channelId: z.string().trim().min(1, 'must not be empty'),
    schedule: z
      .string()
      .default(DEFAULT_SCHEDULE)
      .refine(validCron, { message: 'invalid cron expression (e.g. "0 8 * * *")' }),
    timezone: z
      .string()
      .default(DEFAULT_TIMEZONE)
      .refine(validTimezone, { message: 'unknown IANA time zone (e.g. "Europe/London")' }),
    sources: z
      .object({
        folders: z.array(z.string().min(1, 'must not be empty')).default([]),
        urls: z.array(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' })).default([]),
        feeds: z.array(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' })).default([]),
      })
      .strict(),
    include: keywords,
    exclude: keywords,
    maxPerDigest: z
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(100, 'must be at most 100')
      .default(DEFAULT_MAX_PER_DIGEST),
    style: z
      .enum(['per-briefing', 'digest'], { error: 'must be "per-briefing" or "digest"' })
      .default('per-briefing'),
  })
  .strict();

/** "N/SECONDS" or "off", read once into the adapters' RateLimit (null: no limit). */
const rateLimitSchema = z.string().transform((v, ctx) => {
  try {
    return parseRateLimit('rateLimit', v, null);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'must be "N/SECONDS" such as 10/60, or "off"' });
    return z.NEVER;
  }
});

/** Slack's behaviour; its secrets only ever come from the environment, which also wins over these. */
const slackSchema = z
  .object({
    visibility: z
      .enum(['ephemeral', 'in_channel'], { error: 'must be "ephemeral" or "in_channel"' })
      .optional(),
    threadReplies: z.enum(['mentions', 'all'], { error: 'must be "mentions" or "all"' }).optional(),
    rateLimit: rateLimitSchema.optional(),
    feedsAdmins: z
      .array(z.string().regex(/^[UW][A-Z0-9]{2,}$/, 'must be a Slack user id such as U0123ABCD'))
      .optional(),
  })
  .strict();

const fileSchema = z
  .object({
    $schema: z.string().optional(),
    slack: slackSchema.optional(),
    db: z
      .string()
      .min(1, 'must not be empty')
      .refine((v) => !urlHasPassword(v), {
        message: 'must not hold a password: set it in NEWSBRIEF_DB (the whole URL) or PGPASSWORD',
      })
      .optional(),
    dbPoolSize: z
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(100, 'must be at most 100')
      .optional(),
    logLevel: z.enum(LOG_LEVELS, { error: `must be ${LOG_LEVEL_CHOICES}` }).optional(),
    leaseSeconds: z
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(3600, 'must be at most 3600')
      .default(60),
    channels: z.array(channelSchema).default([]),
  })
  .strict();

export type ConfigFile = z.input<typeof fileSchema>;

/** "channels[0].schedule" from zod's path. */
function fieldName(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : `${out ? '.' : ''}${String(p)}`;
  return out || '(top level)';
}

function bad(message: string): NewsbriefError {
  return new NewsbriefError('bad_config', message);
}

/** Validate a parsed config file; throws one line per problem (joined by "; "), each naming its field. */
export function parseConfigFile(raw: unknown, source = 'config'): z.output<typeof fileSchema> {
  const r = fileSchema.safeParse(raw);
  if (r.success) {
    const seen = new Set<string>();
    r.data.channels.forEach((c, i) => {
      const key = `${c.platform}:${c.channelId}`;
      if (seen.has(key)) throw bad(`${source}: channels[${i}].channelId: ${key} is configured twice`);
      seen.add(key);
    });
    return r.data;
  }
  const lines = r.error.issues.map((i) => {
    const msg = i.code === 'unrecognized_keys' ? `unknown field(s) ${i.keys.join(', ')}` : i.message;
    return `${fieldName(i.path)}: ${msg}`;
  });
  throw bad(`${source}: ${lines.join('; ')}`);
}

/** The environment with `.env` filling what the process environment leaves unset (secrets only go there). */
export function environment(env: NodeJS.ProcessEnv, dotenvPath = '.env'): NodeJS.ProcessEnv {
  if (!existsSync(dotenvPath)) return env;
  let parsed: Record<string, string>;
  try {
    parsed = parseDotenv(readFileSync(dotenvPath));
  } catch (err) {
    throw bad(`${dotenvPath}: cannot read (${(err as Error).message})`);
  }
  return { ...parsed, ...env };
}

export interface LoadOptions {
  /** --config */
  configPath?: string | undefined;
  /** --db */
  db?: string | undefined;
  /** --log-level */
  logLevel?: string | undefined;
  env?: NodeJS.ProcessEnv;
  /** Read `.env` (default true; tests pass false). */
  dotenv?: boolean;
}

function level(value: string | undefined, where: string): LogLevel | undefined {
  if (value === undefined || value === '') return undefined;
  if (!(LOG_LEVELS as readonly string[]).includes(value))
    throw bad(`${where} must be ${LOG_LEVEL_CHOICES} (got "${value}")`);
  return value as LogLevel;
}

/** The shipped default when no config file exists: briefings/ to the console, daily at 08:00 London. */
export const DEFAULT_FILE: ConfigFile = {
  channels: [
    {
      platform: 'console',
      channelId: 'terminal',
      schedule: DEFAULT_SCHEDULE,
      timezone: DEFAULT_TIMEZONE,
      sources: { folders: ['briefings'] },
      maxPerDigest: 5,
    },
  ],
};

export const DEFAULT_DB_POOL = 10;

function poolSize(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 100)
    throw bad(`NEWSBRIEF_DB_POOL must be a whole number from 1 to 100 (got "${value.slice(0, 20)}")`);
  return n;
}

/** The store setting as it may be shown (logs, status, errors): a URL's password replaced by "***". */
export function shownDb(config: Pick<Config, 'db'>): string {
  return redactDbUrl(config.db);
}

/** Load and validate everything `newsbrief run` needs. Throws `NewsbriefError('bad_config')`. */
export function loadConfig(options: LoadOptions = {}): Config {
  const env =
    options.dotenv === false ? (options.env ?? process.env) : environment(options.env ?? process.env);
  const explicit = options.configPath || env.NEWSBRIEF_CONFIG;
  const path = explicit || DEFAULT_CONFIG_PATH;
  let raw: unknown;
  let file: string | null = resolve(path);
  if (!existsSync(path)) {
    if (explicit)
      throw bad(
        `config file ${path} not found (set by ${options.configPath ? '--config' : 'NEWSBRIEF_CONFIG'})`,
      );
    raw = DEFAULT_FILE;
    file = null;
  } else {
    try {
      raw = JSON.parse(readFileSync(path, 'utf8'));
    } catch (err) {
      throw bad(`${path}: not valid JSON (${(err as Error).message.split('\n')[0]})`);
    }
  }
  const parsed = parseConfigFile(raw, path);
  const channels: ChannelConfig[] = parsed.channels.map((c) => ({
    name: c.name ?? `${c.platform}:${c.channelId}`,
    platform: c.platform,
    channelId: c.channelId,
    schedule: c.schedule,
    timezone: c.timezone,
    sources: c.sources,
    include: c.include,
    exclude: c.exclude,
    maxPerDigest: c.maxPerDigest,
    style: c.style,
  }));
  const slack = parseSlackSettings(env, {
    ...(parsed.slack?.visibility ? { visibility: parsed.slack.visibility } : {}),
    ...(parsed.slack?.threadReplies ? { threadReplies: parsed.slack.threadReplies } : {}),
    ...(parsed.slack?.rateLimit !== undefined ? { rateLimit: parsed.slack.rateLimit } : {}),
    ...(parsed.slack?.feedsAdmins ? { feedsAdmins: parsed.slack.feedsAdmins } : {}),
  });
  const discord = discordSettingsFromEnv(env);
  const db = options.db || env.NEWSBRIEF_DB || parsed.db || DEFAULT_DB_PATH;
  return {
    file,
    db,
    dbPassword: isPostgresUrl(db) && !urlHasPassword(db) && env.PGPASSWORD ? env.PGPASSWORD : null,
    dbPoolSize: poolSize(env.NEWSBRIEF_DB_POOL) ?? parsed.dbPoolSize ?? DEFAULT_DB_POOL,
    logLevel:
      level(options.logLevel, '--log-level') ??
      level(env.LOG_LEVEL, 'LOG_LEVEL') ??
      parsed.logLevel ??
      DEFAULT_LOG_LEVEL,
    channels,
    slack,
    discord,
    leaseSeconds: parsed.leaseSeconds,
    allowPrivateAddresses: env.NEWSBRIEF_ALLOW_PRIVATE === '1',
    chatAllowPrivateAddresses: env.NEWSBRIEF_CHAT_ALLOW_PRIVATE === '1',
  };
}

/** Channels whose platform is switched off (no secrets): named so `run` can warn and `status` can show it. */
export function channelsWithoutPlatform(config: Config): ChannelConfig[] {
  return config.channels.filter(
    (c) => (c.platform === 'slack' && !config.slack) || (c.platform === 'discord' && !config.discord),
  );
}
