/**
 * Following sources from chat, on the store: the SubscriptionService the platforms call (`/feeds`,
 * `/newsbrief sources|preview`), the config's channels imported once, and the channels the scheduler
 * runs, read back from the store as ChannelConfigs (so the runner reads them as it reads the config's).
 */
import type { ChannelConfig } from '../config/index.js';
import { DEFAULT_MAX_PER_DIGEST, DEFAULT_SCHEDULE, DEFAULT_TIMEZONE } from '../config/index.js';
import type {
  ChannelInfo,
  ChannelRef,
  DigestItem,
  FeedsCaller,
  FeedsCommand,
  FeedsResult,
  SourceInfo,
  SubscriptionService,
} from '../contracts/index.js';
import { runStateName } from '../contracts/index.js';
import { NewsbriefError } from '../errors.js';
import { cronOf, type ScheduleProblem, scheduleProblem } from '../scheduler/check.js';
import { nextRunOf } from '../scheduler/index.js';
import type { FetchOptions } from '../sources/fetch.js';
import {
  type ChannelImport,
  type SubscribedChannel,
  type Subscription,
  type SubscriptionStore,
  sourceKey,
} from '../store/subscriptions.js';
import type { BriefingStore } from '../store/types.js';
import { digestItems, postsAsRows } from './digest.js';
import { probeSource } from './follow.js';
import { MAX_DELIVERY_ATTEMPTS, RECENT_ARTICLES } from './runner.js';
import { selectDeliveries } from './selection.js';

/** At most one run per channel in this long: a channel's feeds are not polled more often. */
export const MIN_RUN_GAP_MS = 15 * 60_000;
/** Most keywords of one filter list (as the config's). */
export const MAX_FILTER_WORDS = 100;
const DAY_MS = 24 * 60 * 60 * 1000;

const bad = (message: string) => new NewsbriefError('bad_input', message);

/** The channel as the runner and scheduler read a configured one. */
export function channelConfigOf(c: SubscribedChannel): ChannelConfig {
  const of = (kind: Subscription['kind']) => c.sources.filter((s) => s.kind === kind).map((s) => s.url);
  return {
    name: c.name,
    platform: c.platform,
    channelId: c.channelId,
    schedule: c.schedule,
    timezone: c.timezone,
    sources: { folders: of('folder'), urls: of('page'), feeds: of('feed') },
    include: c.include,
    exclude: c.exclude,
    maxPerDigest: c.maxPerDigest,
    style: c.style,
  };
}

/** A config channel as the store imports it (its sources become the config's subscriptions). */
export function channelImport(c: ChannelConfig): ChannelImport {
  return {
    platform: c.platform,
    channelId: c.channelId,
    workspaceId: '',
    name: c.name,
    schedule: c.schedule,
    timezone: c.timezone,
    include: c.include,
    exclude: c.exclude,
    paused: false,
    maxPerDigest: c.maxPerDigest,
    style: c.style,
    sources: [
      ...c.sources.folders.map((url) => ({ kind: 'folder' as const, url })),
      ...c.sources.urls.map((url) => ({ kind: 'page' as const, url })),
      ...c.sources.feeds.map((url) => ({ kind: 'feed' as const, url })),
    ],
  };
}

/** The channels to schedule: every channel the store holds that follows something and is not paused. */
export async function scheduledChannels(subs: SubscriptionStore): Promise<ChannelConfig[]> {
  return (await subs.channels()).filter((c) => !c.paused && c.sources.length > 0).map(channelConfigOf);
}

export function nextRunIso(
  c: Pick<SubscribedChannel, 'name' | 'schedule' | 'timezone' | 'paused'> & {
    sources: readonly unknown[];
  },
): string | null {
  if (c.paused || c.sources.length === 0) return null;
  return nextRunOf(c)?.toISOString() ?? null;
}

export function channelInfo(c: SubscribedChannel): ChannelInfo {
  return {
    schedule: c.schedule,
    timezone: c.timezone,
    paused: c.paused,
    include: c.include,
    exclude: c.exclude,
    nextRun: nextRunIso(c),
  };
}

const sourceInfo = (s: Subscription): SourceInfo => ({
  id: s.id,
  kind: s.kind,
  url: s.url,
  title: s.title,
  lastFetchAt: s.lastFetchAt,
  lastError: s.lastError,
});

const SCHEDULE_PROBLEMS: Record<ScheduleProblem, (spec: string, tz: string) => string> = {
  'invalid-cron': (spec) =>
    `“${spec.slice(0, 100)}” is neither a time (07:30) nor a cron expression (0 8 * * 1-5); nothing changed.`,
  'invalid-timezone': (_spec, tz) =>
    `“${tz.slice(0, 60)}” is not an IANA time zone (e.g. Europe/London, America/New_York); nothing changed.`,
  'too-often': () => 'That runs more than once every 15 minutes, the most a channel may; nothing changed.',
};

export interface SubscriptionServiceDeps {
  subs: SubscriptionStore;
  store: BriefingStore;
  /** Fetching a followed URL (the chat's private-address setting). */
  fetch?: FetchOptions;
  now?: () => Date;
}

export function createSubscriptionService(deps: SubscriptionServiceDeps): SubscriptionService {
  const { subs, store } = deps;
  const now = deps.now ?? (() => new Date());
  const workspaceWord = (c: ChannelRef) => (c.platform === 'discord' ? 'server' : 'workspace');

  async function existing(c: ChannelRef): Promise<SubscribedChannel> {
    const channel = await subs.channel(c);
    if (!channel) throw bad('This channel follows nothing yet: /feeds follow <URL> first.');
    return channel;
  }

  async function update(caller: FeedsCaller, change: Parameters<SubscriptionStore['updateChannel']>[1]) {
    await existing(caller);
    const changed = await subs.updateChannel(caller, change, caller.userId, now().toISOString());
    if (!changed) throw bad('This channel follows nothing yet: /feeds follow <URL> first.');
    return channelInfo(changed);
  }

  const duplicate = (s: Pick<Subscription, 'url' | 'id'>) =>
    bad(`This channel already follows ${s.url} (id ${s.id}); nothing changed.`);

  async function follow(caller: FeedsCaller, url: string): Promise<FeedsResult> {
    // A source already followed is refused before it is fetched again.
    const known = (await subs.channel(caller))?.sources.find(
      (s) => sourceKey(s.url) === sourceKey(url.trim()),
    );
    if (known) throw duplicate(known);
    const probed = await probeSource(url, deps.fetch ?? {});
    const r = await subs.subscribe({
      platform: caller.platform,
      channelId: caller.channelId,
      workspaceId: caller.workspaceId,
      kind: probed.kind,
      url: probed.url,
      title: probed.title,
      by: caller.userId,
      now: now().toISOString(),
      defaults: {
        name: `${caller.platform}:${caller.channelId}`,
        schedule: DEFAULT_SCHEDULE,
        timezone: DEFAULT_TIMEZONE,
        maxPerDigest: DEFAULT_MAX_PER_DIGEST,
        style: 'per-briefing',
      },
    });
    if (!r.ok) {
      if (r.reason === 'duplicate') throw duplicate(r.existing);
      if (r.reason === 'channel-limit')
        throw bad(`This channel follows ${r.limit} sources, the most it may: unfollow one first.`);
      throw bad(
        `This ${workspaceWord(caller)} follows ${r.limit} sources, the most it may: unfollow one first.`,
      );
    }
    return {
      kind: 'followed',
      source: sourceInfo(r.subscription),
      foundOn: probed.foundOn,
      items: probed.items,
      newest: probed.newest,
      channel: channelInfo(r.channel),
    };
  }

  return {
    async change(caller, command: FeedsCommand): Promise<FeedsResult> {
      switch (command.kind) {
        case 'follow':
          return follow(caller, command.url);
        case 'unfollow': {
          const removed = await subs.unsubscribe(caller, command.target);
          if (!removed)
            throw bad(
              `This channel follows no source “${command.target.slice(0, 100)}” (see /newsbrief sources); nothing changed.`,
            );
          const left = await subs.channel(caller);
          return {
            kind: 'unfollowed',
            source: sourceInfo(removed),
            channel: left ? channelInfo(left) : null,
          };
        }
        case 'schedule': {
          const current = await existing(caller);
          const cron = cronOf(command.spec);
          const timezone = command.timezone ?? current.timezone;
          const problem = scheduleProblem(cron, timezone, MIN_RUN_GAP_MS);
          if (problem) throw bad(SCHEDULE_PROBLEMS[problem](command.spec, timezone));
          return { kind: 'scheduled', channel: await update(caller, { schedule: cron, timezone }) };
        }
        case 'filter': {
          if (command.mode === 'clear')
            return { kind: 'filtered', channel: await update(caller, { include: [], exclude: [] }) };
          const words = [...new Set(command.words.map((w) => w.trim()).filter(Boolean))];
          if (words.length === 0) throw bad('Give at least one word; nothing changed.');
          if (words.length > MAX_FILTER_WORDS || words.some((w) => w.length > 100))
            throw bad(`A filter holds at most ${MAX_FILTER_WORDS} words of 100 characters; nothing changed.`);
          return { kind: 'filtered', channel: await update(caller, { [command.mode]: words }) };
        }
        case 'pause':
          return { kind: 'paused', channel: await update(caller, { paused: true }) };
        case 'resume':
          return { kind: 'resumed', channel: await update(caller, { paused: false }) };
      }
    },

    async sources(channel) {
      const c = await subs.channel(channel);
      if (!c) return { channel: null, sources: [] };
      const sources = await Promise.all(
        c.sources.map(async (s) => {
          // A feed's own polling state is the freshest record of its last read.
          const state = s.kind === 'feed' ? await store.feedState(s.url) : null;
          return state?.checkedAt
            ? { ...sourceInfo(s), lastFetchAt: state.checkedAt, lastError: state.error }
            : sourceInfo(s);
        }),
      );
      return { channel: channelInfo(c), sources };
    },

    async preview(channel): Promise<DigestItem[]> {
      const c = await subs.channel(channel);
      if (!c) return [];
      const config = channelConfigOf(c);
      const since =
        (await store.lastRun(runStateName(channel))) ?? new Date(now().getTime() - DAY_MS).toISOString();
      // The same read and the same selection as the channel's next run, without claiming anything.
      const rows = await store.channelArticles(channel, {
        since,
        limit: RECENT_ARTICLES,
        retryBelowAttempts: MAX_DELIVERY_ATTEMPTS,
      });
      const plan = selectDeliveries(rows, config);
      return digestItems(postsAsRows(plan.deliver.map((d) => d.post)));
    },
  };
}
