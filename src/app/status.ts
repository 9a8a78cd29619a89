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
import type { BriefingStore } from '../store/types.js';
import type { RunSummary } from './runner.js';

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

async function channelStatus(store: BriefingStore, c: Config['channels'][number], platformOn: boolean) {
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
    schedule: c.schedule,
    timezone: c.timezone,
    nextRun: nextRunOf(c)?.toISOString() ?? null,
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

/** Every configured channel's status, in config order. */
export async function statusOf(config: Config, store: BriefingStore): Promise<StatusReport> {
  const off = new Set(channelsWithoutPlatform(config).map((c) => c.name));
  const channels = [];
  for (const c of config.channels) channels.push(await channelStatus(store, c, !off.has(c.name)));
  return { db: shownDb(config), channels };
}
