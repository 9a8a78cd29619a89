/**
 * node-cron wiring only: one named task per channel (its time zone, no overlapping runs) that calls the
 * app's runner. Missed runs: after each run the channel's next scheduled time is stored; on start, a
 * channel whose stored next time has passed gets one run (not one per missed day).
 */
import { createTask, type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';
import { channelRef, nextStateName, type Runner } from '../app/runner.js';
import type { ChannelConfig } from '../config/index.js';
import type { BriefingStore } from '../store/types.js';

export interface SchedulerDeps {
  store: BriefingStore;
  runner: Runner;
  log: Logger;
  now?: () => Date;
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
  stop(): Promise<void>;
}

export function startScheduler(channels: readonly ChannelConfig[], deps: SchedulerDeps): Scheduler {
  const tasks = new Map<string, ScheduledTask>();
  for (const channel of channels) {
    const task = createTask(
      channel.schedule,
      async () => {
        try {
          await deps.runner.runChannel(channel);
        } catch (err) {
          deps.log.error(
            { event: 'run.error', channel: channel.name, error: (err as Error).message },
            'run failed',
          );
        } finally {
          await recordNext(channel, deps.store).catch(() => {});
        }
      },
      { name: `newsbrief:${channel.name}`, timezone: channel.timezone, noOverlap: true },
    );
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
    async stop() {
      for (const t of tasks.values()) await t.destroy();
    },
  };
}
