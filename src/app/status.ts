/**
 * What `newsbrief status` shows of each configured channel, read from the store's run state and
 * deliveries: its next and last run, what was posted, what failed and why, and the last run's report.
 */
import { type Config, channelsWithoutPlatform, shownDb } from '../config/index.js';
import {
  channelRef,
  outageStateName,
  reportStateName,
  runStateName,
  type StoreOutage,
} from '../contracts/index.js';
import { nextRunOf } from '../scheduler/index.js';
import type { SubscriptionStore } from '../store/subscriptions.js';
import type { BriefingStore } from '../store/types.js';
import type { RunSummary } from './runner.js';
import { channelConfigOf } from './subscriptions.js';

/** A JSON run-state value; null when absent or unreadable (written by an older version, say). */
function parseState<T>(raw: string | null): T | null {
  try {
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

/** Recent posts shown per channel. */
const RECENT_POSTS = 10;

/** Where a channel's settings come from: the config file, or the store (imported from it, or made in chat). */
interface ChannelOrigin {
  origin: 'config' | 'chat';
  paused: boolean;
  sources: number;
}

async function channelStatus(
  store: BriefingStore,
  c: Config['channels'][number],
  platformOn: boolean,
  from: ChannelOrigin,
) {
  const ref = channelRef(c);
  const deliveries = await store.deliveriesFor(ref);
  const title = async (articleId: string) => (await store.getArticle(articleId))?.title ?? null;
  const sent = deliveries.filter((d) => d.status === 'sent');
  const recent = [];
  for (const d of sent.slice(-RECENT_POSTS).reverse())
    recent.push({
      articleId: d.articleId,
      version: d.version,
      title: await title(d.articleId),
      messageId: d.messageId,
      at: d.updatedAt,
    });
  const failed = [];
  for (const d of deliveries.filter((x) => x.status === 'failed'))
    failed.push({
      articleId: d.articleId,
      version: d.version,
      title: await title(d.articleId),
      error: d.error,
      attempts: d.attempts,
      at: d.updatedAt,
    });
  return {
    name: c.name,
    platform: c.platform,
    channelId: c.channelId,
    platformOn,
    ...from,
    schedule: c.schedule,
    timezone: c.timezone,
    nextRun: from.paused || from.sources === 0 ? null : (nextRunOf(c)?.toISOString() ?? null),
    lastRun: await store.lastRun(runStateName(ref)),
    counts: {
      sent: sent.length,
      pending: deliveries.filter((d) => d.status === 'pending').length,
      failed: failed.length,
    },
    recent,
    failed,
    lastReport: parseState<RunSummary>(await store.lastRun(reportStateName(ref))),
    storeOutage: parseState<StoreOutage>(await store.lastRun(outageStateName(ref))),
  };
}

export type ChannelStatus = Awaited<ReturnType<typeof channelStatus>>;

export interface StatusReport {
  /** The store as it may be shown (a URL's password hidden). */
  db: string;
  channels: ChannelStatus[];
}

/**
 * Every channel's status: the channels the store keeps (imported from the config, or made in chat),
 * then the config's channels the store has not imported yet (the bot imports them when it starts).
 */
export async function statusOf(
  config: Config,
  store: BriefingStore,
  subs: SubscriptionStore | null = null,
): Promise<StatusReport> {
  const on = (platform: string) =>
    platform === 'console' || (platform === 'slack' ? config.slack !== null : config.discord !== null);
  const off = new Set(channelsWithoutPlatform(config).map((c) => c.name));
  const stored = subs ? await subs.channels() : [];
  const known = new Set(stored.map((c) => `${c.platform}:${c.channelId}`));
  const channels = [];
  for (const c of stored)
    channels.push(
      await channelStatus(store, channelConfigOf(c), on(c.platform), {
        origin: c.origin,
        paused: c.paused,
        sources: c.sources.length,
      }),
    );
  for (const c of config.channels)
    if (!known.has(`${c.platform}:${c.channelId}`))
      channels.push(
        await channelStatus(store, c, !off.has(c.name), {
          origin: 'config',
          paused: false,
          sources: c.sources.folders.length + c.sources.urls.length + c.sources.feeds.length,
        }),
      );
  return { db: shownDb(config), channels };
}
