/**
 * node-cron wiring only: one named task per channel (its time zone, no overlapping runs) that calls the
 * app's runner. Missed runs: after each run the channel's next scheduled time is stored; on start, a
 * channel whose stored next time has passed gets one run (not one per missed day).
 */
import { createTask, type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';
import type { Runner } from '../app/runner.js';
import type { ChannelConfig } from '../config/index.js';
import { channelRef, nextStateName, outageStateName } from '../contracts/index.js';
import { NewsbriefError } from '../errors.js';
import type { BriefingStore } from '../store/types.js';

export interface SchedulerDeps {
  store: BriefingStore;
  runner: Runner;
  log: Logger;
  now?: () => Date;
  /** How often to try an unreachable store again (default 5 s). */
  storeRetryMs?: number;
}

/** What `status` shows of a scheduled run that failed because the store could not be reached. */
export interface StoreOutage {
  /** When the run failed. */
  at: string;
  error: string;
  /** When the store answered again and the run was started again. */
  recoveredAt: string;
}

/** A task that is never started: only asked for its schedule. */
function probe(channel: ChannelConfig): ScheduledTask {
  return createTask(channel.schedule, () => {}, {
    name: `probe:${channel.name}`,
    timezone: channel.timezone,
  });
}

/** The channel's next scheduled run from now. */
export function nextRunOf(channel: ChannelConfig): Date | null {
  const task = probe(channel);
  try {
    return task.getNextRuns(1)[0] ?? null; // getNextRun() answers null for a task not started
  } finally {
    void task.destroy();
  }
}

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

export interface Scheduler {
  tasks: Map<string, ScheduledTask>;
  /** Runs that failed on an unreachable store and wait for it to answer again. */
  waiting(): string[];
  stop(): Promise<void>;
}

const isStoreError = (err: unknown) => err instanceof NewsbriefError && err.code === 'store';

export function startScheduler(channels: readonly ChannelConfig[], deps: SchedulerDeps): Scheduler {
  const tasks = new Map<string, ScheduledTask>();
  const now = deps.now ?? (() => new Date());
  // A store server that goes away (a restart, a failover) fails the runs of that moment. Their failures
  // cannot be written to a store that is away: they are kept here, written once it answers again, and
  // the runs are started again then, so nothing scheduled in the outage is lost.
  const waiting = new Map<string, { channel: ChannelConfig; at: string; error: string }>();
  let retry: NodeJS.Timeout | null = null;
  let stopped = false;

  async function runOnce(channel: ChannelConfig): Promise<void> {
    try {
      await deps.runner.runChannel(channel);
    } catch (err) {
      const error = (err as Error).message;
      deps.log.error({ event: 'run.error', channel: channel.name, error }, 'run failed');
      if (isStoreError(err) && !stopped) {
        if (!waiting.has(channel.name))
          waiting.set(channel.name, { channel, at: now().toISOString(), error });
        retry ??= setTimeout(() => void recover(), deps.storeRetryMs ?? 5000);
      }
    } finally {
      await recordNext(channel, deps.store).catch(() => {});
    }
  }

  async function recover(): Promise<void> {
    retry = null;
    if (stopped || waiting.size === 0) return;
    const first = [...waiting.values()][0];
    try {
      // Any read tells whether the store answers again.
      await deps.store.lastRun(nextStateName(channelRef(first?.channel ?? (channels[0] as ChannelConfig))));
    } catch {
      retry = setTimeout(() => void recover(), deps.storeRetryMs ?? 5000);
      return;
    }
    for (const [name, w] of [...waiting]) {
      waiting.delete(name);
      const outage: StoreOutage = { at: w.at, error: w.error, recoveredAt: now().toISOString() };
      await deps.store
        .setLastRun(outageStateName(channelRef(w.channel)), JSON.stringify(outage))
        .catch(() => {});
      deps.log.info({ event: 'run.recovered', channel: name, failedAt: w.at }, 'store back: running again');
      await runOnce(w.channel);
    }
  }

  for (const channel of channels) {
    const task = createTask(channel.schedule, () => runOnce(channel), {
      name: `newsbrief:${channel.name}`,
      timezone: channel.timezone,
      noOverlap: true,
    });
    tasks.set(channel.name, task);
    void task.start();
    deps.log.info(
      {
        event: 'schedule.started',
        channel: channel.name,
        schedule: channel.schedule,
        timezone: channel.timezone,
        next: task.getNextRun()?.toISOString() ?? null,
      },
      'schedule started',
    );
  }
  return {
    tasks,
    waiting: () => [...waiting.keys()],
    async stop() {
      stopped = true;
      if (retry) clearTimeout(retry);
      for (const t of tasks.values()) await t.destroy();
    },
  };
}
