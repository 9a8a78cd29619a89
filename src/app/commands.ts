/**
 * The service as the command line sees it: the same NewsbriefService the chat platforms call, over
 * the store the one validated Config names, plus what only an operator runs (ingest, status, the
 * digest with the instant it looks back to, moving a store, registering Discord's commands).
 */
import type { Config } from '../config/index.js';
import { requireDiscordSettings } from '../contracts/discord-settings.js';
import type { ChannelRef, NewsbriefService } from '../contracts/index.js';
import { analyse } from '../core/index.js';
import type { FetchOptions } from '../sources/fetch.js';
import { createStore, createSubscriptionStore, storeSettings } from '../store/index.js';
import { type CopyCounts, copySqliteToPostgres } from '../store/postgres-copy.js';
import type { SubscribedChannel, Subscription, SubscriptionStore } from '../store/subscriptions.js';
import { type IngestedItem, type IngestReport, ingestInput } from './ingest.js';
import { createService, type DigestWindow, takeDigest } from './service.js';
import { type StatusReport, statusOf } from './status.js';

export type { DigestWindow, IngestReport, StatusReport };

export interface IngestOptions {
  fetch?: FetchOptions;
  /** Called after each article (progress on a terminal). */
  onItem?: (item: IngestedItem) => void;
}

export interface CommandService extends NewsbriefService {
  /** Like `digest`, with the instant the digest looks back to. */
  digestWindow(channel: ChannelRef, options?: { since?: string }): Promise<DigestWindow>;
  /** Read each input (folder, file, page, feed) into the store, in order. */
  ingest(inputs: readonly string[], options?: IngestOptions): Promise<IngestReport[]>;
  /** Every channel's next and last run, posts, failures and last report (the store's and the config's). */
  status(): Promise<StatusReport>;
  /** The channels the store keeps, with their sources (one channel: "platform:channelId" or its id). */
  feedsList(channel?: string): Promise<SubscribedChannel[]>;
  /** Remove a source by its id, whichever channel follows it; null when there is none. */
  feedsRemove(id: string): Promise<Subscription | null>;
  close(): Promise<void>;
}

/** The command line's service over the configured store; `close()` it when the command is done. */
export function openCommandService(config: Config, now: () => Date = () => new Date()): CommandService {
  const store = createStore(config.db, storeSettings(config));
  // Opened by the commands that need them: most commands never read the subscriptions.
  let subs: SubscriptionStore | null = null;
  const subscriptions = () => {
    subs ??= createSubscriptionStore(config.db, storeSettings(config));
    return subs;
  };
  return {
    ...createService({ store, now }),
    digestWindow: (channel, options = {}) => takeDigest(store, channel, now(), options),
    async ingest(inputs, options = {}) {
      const reports: IngestReport[] = [];
      // The configured permission (NEWSBRIEF_ALLOW_PRIVATE) unless the command's flag says otherwise.
      const fetch = { allowPrivateAddresses: config.allowPrivateAddresses, ...options.fetch };
      for (const input of inputs)
        reports.push(await ingestInput(input, { store, analyse, ...options, fetch }));
      return reports;
    },
    status: () => statusOf(config, store, subscriptions()),
    async feedsList(channel) {
      const all = await subscriptions().channels();
      if (!channel) return all;
      return all.filter(
        (c) => channel === c.channelId || channel === `${c.platform}:${c.channelId}` || channel === c.name,
      );
    },
    feedsRemove: (id) => subscriptions().remove(id),
    async close() {
      await subs?.close();
      await store.close();
    },
  };
}

/** Copy a SQLite store into an empty PostgreSQL one; the password comes from the config (PGPASSWORD). */
export function copyStore(from: string, config: Pick<Config, 'db' | 'dbPassword'>): Promise<CopyCounts> {
  return copySqliteToPostgres(from, config.db, { password: config.dbPassword });
}

/** Register the Discord slash commands with the configured Discord settings. */
export async function registerSlashCommands(config: Pick<Config, 'discord'>): Promise<string> {
  const settings = requireDiscordSettings(config.discord);
  // discord.js is loaded only by the command that needs it, not by every store command.
  const { registerDiscordCommands } = await import('../adapters/discord/commands.js');
  return (await registerDiscordCommands(settings)).message;
}
