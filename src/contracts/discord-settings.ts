/**
 * Discord settings from an environment record (the caller passes `process.env` or a test's record; this
 * module never reads the process environment itself). A bad value throws one line naming the variable.
 * They live with the contracts because both the config and the Discord adapter may import the contracts.
 *
 * - DISCORD_TOKEN             the bot token (required to switch Discord on)
 * - DISCORD_GUILD_ID          register commands in this one guild (development); global otherwise
 * - DISCORD_API_URL           REST base without the version, e.g. http://127.0.0.1:8080/api (final slash removed)
 * - DISCORD_MESSAGE_CONTENT   on/off (default off): with it, any message in a briefing's thread is answered
 *                             (needs the privileged Message Content intent); without it, only mentions
 * - DISCORD_RATE_LIMIT        commands per user, "N/SECONDS" (default 5/30), or "off"
 * - DISCORD_REGISTER_ON_START on/off (default on): register the slash commands when the bot starts
 */
import { NewsbriefError } from '../errors.js';
import { parseRateLimit, type RateLimit } from './rate-limit.js';

/** The shared per-user command limit, under the name the Discord adapter has always exported. */
export type DiscordRateLimit = RateLimit;

export interface DiscordSettings {
  token: string;
  guildId: string | null;
  /** REST base without version and without a final slash, or null for Discord itself. */
  apiUrl: string | null;
  /** Request the Message Content intent and answer every message in a briefing thread. */
  messageContent: boolean;
  /** Per-user command limit, or null for none. */
  rateLimit: DiscordRateLimit | null;
  /** Register the slash commands when the bot starts (bulk overwrite, so it is idempotent). */
  registerOnStart: boolean;
}

export type Env = Readonly<Record<string, string | undefined>>;

export const DEFAULT_RATE_LIMIT: DiscordRateLimit = { max: 5, windowMs: 30_000 };

const bad = (message: string) => new NewsbriefError('bad_config', message);

/** A bot token has three dot-separated base64url parts. Its value is never echoed. */
export function checkToken(token: string): string {
  const trimmed = token.trim();
  if (!/^[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{3,}\.[A-Za-z0-9_-]{10,}$/.test(trimmed)) {
    throw bad(
      'DISCORD_TOKEN does not look like a bot token (three dot-separated parts); copy it from the Developer Portal, Bot page, Reset Token.',
    );
  }
  return trimmed;
}

function parseSwitch(name: string, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value.trim() === '') return fallback;
  const v = value.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  throw bad(`${name} must be on or off (got "${value.slice(0, 20)}").`);
}

export function parseApiUrl(value: string | undefined): string | null {
  if (value === undefined || value.trim() === '') return null;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw bad(
      `DISCORD_API_URL must be an http(s) URL such as http://127.0.0.1:8080/api (got "${value.slice(0, 60)}").`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw bad(`DISCORD_API_URL must be an http(s) URL (got "${value.slice(0, 60)}").`);
  }
  if (url.search || url.hash) throw bad('DISCORD_API_URL must not carry a query or fragment.');
  return url.href.replace(/\/+$/, '');
}

/**
 * The Discord settings, or null when DISCORD_TOKEN is unset (Discord is then off). Throws a
 * `NewsbriefError('bad_config')` naming the variable when a value is wrong.
 */
export function discordSettingsFromEnv(env: Env): DiscordSettings | null {
  const raw = env.DISCORD_TOKEN;
  if (raw === undefined || raw.trim() === '') return null;
  const token = checkToken(raw);
  const guild = env.DISCORD_GUILD_ID?.trim() || null;
  if (guild !== null && !/^\d{17,20}$/.test(guild)) {
    throw bad(
      `DISCORD_GUILD_ID must be a server id (17 to 20 digits; Developer Mode, right-click the server, Copy Server ID).`,
    );
  }
  return {
    token,
    guildId: guild,
    apiUrl: parseApiUrl(env.DISCORD_API_URL),
    messageContent: parseSwitch('DISCORD_MESSAGE_CONTENT', env.DISCORD_MESSAGE_CONTENT, false),
    rateLimit: parseRateLimit('DISCORD_RATE_LIMIT', env.DISCORD_RATE_LIMIT, DEFAULT_RATE_LIMIT),
    registerOnStart: parseSwitch('DISCORD_REGISTER_ON_START', env.DISCORD_REGISTER_ON_START, true),
  };
}

/** The settings of a command that needs Discord (`newsbrief discord register`): Discord must be on. */
export function requireDiscordSettings(settings: DiscordSettings | null): DiscordSettings {
  if (!settings)
    throw bad('Set DISCORD_TOKEN to use Discord (the bot token from the Developer Portal, Bot page).');
  return settings;
}
