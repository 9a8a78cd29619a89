import { describe, expect, it } from 'vitest';
import { NewsbriefError } from '../errors.js';
import { discordSettingsFromEnv, requireDiscordSettings } from './discord-settings.js';

const TOKEN = 'MzAwMDAwMDAwMDAwMDAwMDAx.fakeTS.fake-signature-for-tests';

function errorOf(fn: () => unknown): NewsbriefError {
  try {
    fn();
  } catch (error) {
    if (error instanceof NewsbriefError) return error;
    throw error;
  }
  throw new Error('expected an error');
}

describe('discord config', () => {
  it('is off without DISCORD_TOKEN, and says which variable to set when required', () => {
    expect(discordSettingsFromEnv({})).toBeNull();
    expect(discordSettingsFromEnv({ DISCORD_TOKEN: '  ' })).toBeNull();
    const error = errorOf(() => requireDiscordSettings(discordSettingsFromEnv({})));
    expect(error.code).toBe('bad_config');
    expect(error.message).toMatch(/^Set DISCORD_TOKEN /);
  });

  it('reads every setting, with defaults', () => {
    expect(discordSettingsFromEnv({ DISCORD_TOKEN: ` ${TOKEN}\n` })).toEqual({
      token: TOKEN,
      guildId: null,
      apiUrl: null,
      messageContent: false,
      rateLimit: { max: 5, windowMs: 30_000 },
      registerOnStart: true,
    });
    expect(
      discordSettingsFromEnv({
        DISCORD_TOKEN: TOKEN,
        DISCORD_GUILD_ID: '100000000000000001',
        DISCORD_API_URL: 'http://127.0.0.1:8080/api/',
        DISCORD_MESSAGE_CONTENT: 'on',
        DISCORD_RATE_LIMIT: '10/60s',
        DISCORD_REGISTER_ON_START: 'no',
      }),
    ).toEqual({
      token: TOKEN,
      guildId: '100000000000000001',
      apiUrl: 'http://127.0.0.1:8080/api',
      messageContent: true,
      rateLimit: { max: 10, windowMs: 60_000 },
      registerOnStart: false,
    });
    expect(discordSettingsFromEnv({ DISCORD_TOKEN: TOKEN, DISCORD_RATE_LIMIT: 'off' })?.rateLimit).toBeNull();
  });

  it.each([
    [{ DISCORD_TOKEN: 'not-a-token' }, 'DISCORD_TOKEN'],
    [{ DISCORD_TOKEN: TOKEN, DISCORD_GUILD_ID: 'my-server' }, 'DISCORD_GUILD_ID'],
    [{ DISCORD_TOKEN: TOKEN, DISCORD_API_URL: 'localhost:8080' }, 'DISCORD_API_URL'],
    [{ DISCORD_TOKEN: TOKEN, DISCORD_API_URL: 'ftp://example.com/api' }, 'DISCORD_API_URL'],
    [{ DISCORD_TOKEN: TOKEN, DISCORD_MESSAGE_CONTENT: 'maybe' }, 'DISCORD_MESSAGE_CONTENT'],
    [{ DISCORD_TOKEN: TOKEN, DISCORD_RATE_LIMIT: 'fast' }, 'DISCORD_RATE_LIMIT'],
    [{ DISCORD_TOKEN: TOKEN, DISCORD_RATE_LIMIT: '0/10' }, 'DISCORD_RATE_LIMIT'],
  ])('names the variable in one line: %j', (env, variable) => {
    const error = errorOf(() => discordSettingsFromEnv(env));
    expect(error.code).toBe('bad_config');
    expect(error.message.startsWith(variable)).toBe(true);
    expect(error.message).not.toContain('\n');
  });

  it('never echoes the token', () => {
    const secret = 'abc def.secret-value.xyz';
    expect(errorOf(() => discordSettingsFromEnv({ DISCORD_TOKEN: secret })).message).not.toContain(
      'secret-value',
    );
  });
});
