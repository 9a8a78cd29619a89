/** The app manifest declares every command the adapter answers, and the scopes and events it uses. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/adapters/slack/index.js';

const manifest = readFileSync(new URL('../../slack-app-manifest.yml', import.meta.url), 'utf8');

describe('slack-app-manifest.yml', () => {
  it('declares exactly the slash commands the adapter handles', () => {
    const commands = [...manifest.matchAll(/^\s*- command: (\/\S+)$/gm)].map((m) => m[1]);
    expect(commands.sort()).toEqual(
      Object.keys(COMMANDS)
        .map((c) => `/${c}`)
        .sort(),
    );
  });

  it('asks for the scopes and events the adapter relies on', () => {
    const lines = manifest.split('\n').map((l) => l.trim());
    for (const scope of [
      'commands',
      'chat:write',
      'app_mentions:read',
      'channels:history',
      'groups:history',
      'users:read',
      'channels:read',
      'groups:read',
    ]) {
      expect(lines).toContain(`- ${scope}`);
    }
    for (const event of ['app_mention', 'message.channels', 'message.groups'])
      expect(lines).toContain(`- ${event}`);
  });
});
