/**
 * Subscriptions: which sources each channel follows, on which schedule, with which filters, set from chat
 * (`/feeds`) or imported once from the config file. A store of its own, beside the BriefingStore, over
 * the same database (its tables come with the store's migrations): SQLite in subscriptions-sqlite.ts,
 * PostgreSQL in subscriptions-postgres.ts, one contract suite (test/store/subscriptions.test.ts).
 *
 * Every change bumps one counter, `version()`, which each running instance polls to pick up a change
 * made on any instance without a restart.
 */
import type { PlatformName } from '../contracts/index.js';

/** At most this many sources per channel, and per Slack workspace or Discord server. */
export const MAX_SOURCES_PER_CHANNEL = 50;
export const MAX_SOURCES_PER_WORKSPACE = 200;

/** What a source is read as: a feed (polled), a page (fetched each run), a folder (config only). */
export type SourceKind = 'feed' | 'page' | 'folder';
export type DigestStyleName = 'per-briefing' | 'digest';

export interface Subscription {
  id: string;
  platform: PlatformName;
  channelId: string;
  kind: SourceKind;
  /** What is read: the URL (or folder path) exactly as the runner reads it. */
  url: string;
  title: string | null;
  addedBy: string;
  addedAt: string;
  /** When the source was last read for this channel, and its error then (null when it was read). */
  lastFetchAt: string | null;
  lastError: string | null;
}

/** A channel's schedule and filters, and the sources it follows. */
export interface SubscribedChannel {
  platform: PlatformName;
  channelId: string;
  /** The Slack workspace or Discord server the channel belongs to ("" for the config's channels). */
  workspaceId: string;
  /** A stable name for logs and status (the config's name, else "platform:channelId"). */
  name: string;
  schedule: string;
  timezone: string;
  include: string[];
  exclude: string[];
  paused: boolean;
  maxPerDigest: number;
  style: DigestStyleName;
  /** Whether the channel was first imported from the config file or made in chat. */
  origin: 'config' | 'chat';
  updatedBy: string;
  updatedAt: string;
  sources: Subscription[];
}

/** A config channel to import once (its sources added as the config's). */
export interface ChannelImport
  extends Omit<SubscribedChannel, 'sources' | 'origin' | 'updatedBy' | 'updatedAt'> {
  sources: { kind: SourceKind; url: string; title?: string | null }[];
}

/** A source to follow; the channel is created with `defaults` when it follows nothing yet. */
export interface NewSubscription {
  platform: PlatformName;
  channelId: string;
  workspaceId: string;
  kind: SourceKind;
  url: string;
  title: string | null;
  by: string;
  now: string;
  defaults: Pick<SubscribedChannel, 'name' | 'schedule' | 'timezone' | 'maxPerDigest' | 'style'>;
}

export type SubscribeResult =
  | { ok: true; subscription: Subscription; channel: SubscribedChannel }
  | { ok: false; reason: 'duplicate'; existing: Subscription }
  | { ok: false; reason: 'channel-limit' | 'workspace-limit'; limit: number };

export type ChannelChange = Partial<
  Pick<SubscribedChannel, 'schedule' | 'timezone' | 'include' | 'exclude' | 'paused'>
>;

export interface ChannelKey {
  platform: PlatformName;
  channelId: string;
}

export interface SubscriptionStore {
  /** Import the config's channels that were never imported (nor made in chat); how many were. */
  importChannels(channels: readonly ChannelImport[], now: string): Promise<number>;
  /** Every channel with its sources, by platform and channel id. */
  channels(): Promise<SubscribedChannel[]>;
  channel(key: ChannelKey): Promise<SubscribedChannel | null>;
  /** Follow a source: refused when the channel already follows it or a limit is reached. */
  subscribe(input: NewSubscription): Promise<SubscribeResult>;
  /** Stop following a source of this channel, named by its id or its URL; null when none matched. */
  unsubscribe(key: ChannelKey, idOrUrl: string): Promise<Subscription | null>;
  /** Remove a source by id, whichever channel follows it (the operator's `feeds remove`). */
  remove(id: string): Promise<Subscription | null>;
  /** Change a channel's schedule, filters or pause; null when the channel follows nothing. */
  updateChannel(
    key: ChannelKey,
    change: ChannelChange,
    by: string,
    now: string,
  ): Promise<SubscribedChannel | null>;
  /** Record a read of a source (each source of a channel after its run). */
  recordFetch(id: string, at: string, error: string | null): Promise<void>;
  /** A counter every change raises: poll it to know that something changed. */
  version(): Promise<number>;
  close(): Promise<void>;
}

/** The key a source is compared by, so the same feed typed twice is one source. */
export function sourceKey(url: string): string {
  try {
    const u = new URL(url);
    u.hash = '';
    u.hostname = u.hostname.toLowerCase();
    const path = u.pathname.replace(/\/+$/, '') || '/';
    return `${u.protocol}//${u.host}${path}${u.search}`;
  } catch {
    return url;
  }
}
