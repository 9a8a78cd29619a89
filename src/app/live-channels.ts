/**
 * The channels a running bot schedules, when the store keeps subscriptions: the config's channels are
 * imported once, then the store is the list. Every instance polls the store's subscriptions version and
 * reschedules when it moved, so a change made in chat on any instance runs here within one poll, with
 * no restart.
 */
import type { Logger } from 'pino';
import type { ChannelConfig } from '../config/index.js';
import type { SubscriptionStore } from '../store/subscriptions.js';
import type { RunReport } from './runner.js';
import { channelImport, scheduledChannels } from './subscriptions.js';

/** How often each instance looks for a change: well inside the minute a change may take to apply. */
export const SUBSCRIPTION_POLL_MS = 20_000;

/** Import the config's channels the store has never seen, then read every channel to schedule. */
export async function loadChannels(
  config: { channels: readonly ChannelConfig[] },
  subs: SubscriptionStore,
  now: Date = new Date(),
): Promise<{ channels: ChannelConfig[]; version: number }> {
  await subs.importChannels(config.channels.map(channelImport), now.toISOString());
  // The version before the read: a change made meanwhile is seen again at the first poll.
  const version = await subs.version();
  return { channels: await scheduledChannels(subs), version };
}

/** Record on each of the channel's sources when it was read and its error, after a run that ran. */
export async function recordReads(
  subs: SubscriptionStore,
  channel: Pick<ChannelConfig, 'platform' | 'channelId'>,
  report: RunReport,
): Promise<void> {
  if (report.skippedRun) return;
  const stored = await subs.channel(channel);
  for (const s of stored?.sources ?? []) {
    const error = report.sourceErrors.find((e) => e.input === s.url)?.error ?? null;
    await subs.recordFetch(s.id, report.startedAt, error);
  }
}

export interface ChannelWatch {
  /** Look once now: true when the channels changed (and `onChange` was called). */
  check(): Promise<boolean>;
  stop(): void;
}

export function watchChannels(deps: {
  subs: SubscriptionStore;
  log: Logger;
  /** The version the channels now scheduled were read at. */
  version: number;
  pollMs?: number;
  onChange(channels: ChannelConfig[]): Promise<void>;
}): ChannelWatch {
  let seen = deps.version;
  let stopped = false;
  let checking: Promise<boolean> | null = null;
  const check = (): Promise<boolean> => {
    checking ??= (async () => {
      try {
        const version = await deps.subs.version();
        if (version === seen) return false;
        seen = version;
        const channels = await scheduledChannels(deps.subs);
        if (stopped) return false;
        deps.log.info(
          { event: 'subscriptions.changed', version, channels: channels.length },
          'subscriptions changed',
        );
        await deps.onChange(channels);
        return true;
      } catch (err) {
        // An unreachable store is tried again at the next poll.
        deps.log.warn(
          { event: 'subscriptions.poll_failed', error: (err as Error).message },
          'could not read subscriptions',
        );
        return false;
      } finally {
        checking = null;
      }
    })();
    return checking;
  };
  const timer = setInterval(() => void check(), deps.pollMs ?? SUBSCRIPTION_POLL_MS);
  timer.unref();
  return {
    check,
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
