/** Starts the real Discord platform against a fresh fake Discord, with a log the test can read. */

import { createDiscordPlatform } from '../../src/adapters/discord/platform.js';
import { views } from '../../src/app/views.js';
import { discordSettingsFromEnv } from '../../src/contracts/discord-settings.js';
import type { NewsbriefService, Platform } from '../../src/contracts/index.js';
import { FakeDiscord, IDS } from './fake-discord.js';

export const TOKEN = 'MzAwMDAwMDAwMDAwMDAwMDAx.fakeTS.fake-signature-for-tests';

export interface Bot {
  fake: FakeDiscord;
  platform: Platform;
  logs: string[];
  stop(): Promise<void>;
}

export async function startBot(service: NewsbriefService, env: Record<string, string> = {}): Promise<Bot> {
  const fake = new FakeDiscord(TOKEN);
  await fake.listen();
  const settings = discordSettingsFromEnv({
    DISCORD_TOKEN: TOKEN,
    DISCORD_GUILD_ID: IDS.guild,
    DISCORD_API_URL: `${fake.apiUrl}/`,
    ...env,
  });
  if (!settings) throw new Error('settings expected');
  const logs: string[] = [];
  const platform = createDiscordPlatform(settings, {
    deferAfterMs: 150,
    readyTimeoutMs: 10_000,
    clientOptions: { waitGuildTimeout: 500 },
    log: {
      info: (m) => logs.push(`info ${m}`),
      warn: (m) => logs.push(`warn ${m}`),
      error: (m) => logs.push(`error ${m}`),
    },
  });
  await platform.start(service, views);
  return {
    fake,
    platform,
    logs,
    async stop() {
      await platform.stop();
      await fake.close();
    },
  };
}
