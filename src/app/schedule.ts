/**
 * The app's side of the schedule: what the scheduler runs for each channel, and the run state it keeps
 * in the store. Missed runs: after each run the channel's next scheduled time is stored; on start, a
 * channel whose stored next time has passed gets one run (not one per missed day).
 */
import type { Logger } from 'pino';
import type { ChannelConfig } from '../config/index.js';
import { channelRef, nextStateName, outageStateName } from '../contracts/index.js';
import { nextRunOf, type Scheduler, startScheduler } from '../scheduler/index.js';
import type { BriefingStore } from '../store/types.js';
import type { Runner, RunReport } from './runner.js';

/** Why the channel should run now at start: never run here before, or a scheduled time passed while down. */
export async function startReason(
  channel: ChannelConfig,
  store: BriefingStore,
  now: Date = new Date(),
): Promise<'first' | 'missed' | null> {
  const next = await store.lastRun(nextStateName(channelRef(channel)));
  if (next === null) return 'first';
  return Date.parse(next) <= now.getTime() ? 'missed' : null;
}

/** Store the channel's next scheduled time (for missed-run detection and `status`). */
export async function recordNext(channel: ChannelConfig, store: BriefingStore): Promise<Date | null> {
  const next = nextRunOf(channel);
  if (next) await store.setLastRun(nextStateName(channelRef(channel)), next.toISOString());
  return next;
}

export interface ScheduleDeps {
  store: BriefingStore;
  runner: Runner;
  log: Logger;
  /** How often a run that failed on an unreachable store tries it again (default 5 s). */
  storeRetryMs?: number;
  /** After each scheduled run, with its report (the subscriptions record each source's read). */
  onReport?: (channel: ChannelConfig, report: RunReport) => Promise<void>;
}

/** Start each channel's schedule: the scheduler ticks, the runner runs, the store keeps the run state. */
export function scheduleChannels(
  channels: readonly ChannelConfig[],
  deps: ScheduleDeps,
): Scheduler<ChannelConfig> {
  const { store, runner } = deps;
  return startScheduler(channels, {
    run: async (channel) => {
      const report = await runner.runChannel(channel);
      await deps
        .onReport?.(channel, report)
        .catch((err: Error) =>
          deps.log.warn(
            { event: 'sources.record_failed', channel: channel.name, error: err.message },
            'could not record the reads',
          ),
        );
      return report;
    },
    afterRun: (channel) => recordNext(channel, store),
    // Any read tells whether the store answers again.
    storeAnswers: (channel) => store.lastRun(nextStateName(channelRef(channel))),
    recordOutage: (channel, outage) =>
      store.setLastRun(outageStateName(channelRef(channel)), JSON.stringify(outage)),
    log: deps.log,
    ...(deps.storeRetryMs ? { storeRetryMs: deps.storeRetryMs } : {}),
  });
}
