/** Rows of the subscription tables as SubscriptionStore values, the same for SQLite and PostgreSQL. */
import type { PlatformName } from '../contracts/index.js';
import type { DigestStyleName, SourceKind, SubscribedChannel, Subscription } from './subscriptions.js';

type Row = Record<string, unknown>;

const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

export function toSubscription(r: Row): Subscription {
  return {
    id: String(r.id),
    platform: r.platform as PlatformName,
    channelId: String(r.channel_id),
    kind: r.kind as SourceKind,
    url: String(r.url),
    title: text(r.title),
    addedBy: String(r.added_by),
    addedAt: String(r.added_at),
    lastFetchAt: text(r.last_fetch_at),
    lastError: text(r.last_error),
  };
}

export function toChannel(r: Row, sources: Subscription[]): SubscribedChannel {
  return {
    platform: r.platform as PlatformName,
    channelId: String(r.channel_id),
    workspaceId: String(r.workspace_id),
    name: String(r.name),
    schedule: String(r.schedule),
    timezone: String(r.timezone),
    include: JSON.parse(String(r.include)) as string[],
    exclude: JSON.parse(String(r.exclude)) as string[],
    paused: r.paused === true || Number(r.paused) === 1,
    maxPerDigest: Number(r.max_per_digest),
    style: r.style as DigestStyleName,
    origin: r.origin as 'config' | 'chat',
    updatedBy: String(r.updated_by),
    updatedAt: String(r.updated_at),
    sources,
  };
}

/** Channels with their sources, from the two tables' rows (sources in the order they were added). */
export function channelsOf(channelRows: Row[], sourceRows: Row[]): SubscribedChannel[] {
  const byChannel = new Map<string, Subscription[]>();
  for (const r of sourceRows) {
    const s = toSubscription(r);
    const k = `${s.platform}\u0000${s.channelId}`;
    byChannel.set(k, [...(byChannel.get(k) ?? []), s]);
  }
  return channelRows.map((r) => toChannel(r, byChannel.get(`${r.platform}\u0000${r.channel_id}`) ?? []));
}

/** A user's "id or URL": a number is an id, anything else a URL compared by its key. */
export function isSourceId(idOrUrl: string): boolean {
  return /^\d{1,15}$/.test(idOrUrl.trim());
}
