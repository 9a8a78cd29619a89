/**
 * Turns discord.js failures into `PlatformError`s the app layer can act on: rate limits carry
 * `retryAfterMs`, 5xx and network failures are retryable, other 4xx (missing access, unknown channel,
 * bad token) are permanent. Messages never include the token or request URLs.
 */
import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import { isPermanentStatus, PlatformError } from '../../errors.js';

export function wrapDiscordError(error: unknown, action: string): PlatformError {
  if (error instanceof PlatformError) return error;
  if (error instanceof RateLimitError) {
    return new PlatformError('discord', `${action}: rate limited`, {
      permanent: false,
      retryAfterMs: error.retryAfter,
      cause: error,
    });
  }
  if (error instanceof DiscordAPIError) {
    const permanent = isPermanentStatus(error.status);
    return new PlatformError('discord', `${action}: ${error.status} ${error.message} (code ${error.code})`, {
      permanent,
      cause: error,
    });
  }
  if (error instanceof HTTPError) {
    return new PlatformError('discord', `${action}: HTTP ${error.status}`, {
      permanent: isPermanentStatus(error.status),
      cause: error,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  const invalidToken = /token/i.test(message) && /invalid/i.test(message);
  return new PlatformError(
    'discord',
    `${action}: ${invalidToken ? 'the token was refused (check DISCORD_TOKEN)' : message}`,
    {
      permanent: invalidToken,
      cause: error,
    },
  );
}

/** Discord's JSON error code, when the error is an API error. */
export function discordCode(error: unknown): number | string | null {
  const cause = error instanceof PlatformError ? error.cause : error;
  return cause instanceof DiscordAPIError ? cause.code : null;
}
