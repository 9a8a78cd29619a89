/**
 * node-cron wiring only: one named task per channel (its time zone, no overlapping runs) that calls
 * back into the app. It knows nothing of the store or the runner: the app gives it what to run and
 * what to record after each run. A run that fails on an unreachable store is kept here and started
 * again once `storeAnswers` resolves, so nothing scheduled during a store outage is lost.
 */
import { createTask, type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';
import type { StoreOutage } from '../contracts/index.js';
import { NewsbriefError } from '../errors.js';

/** A channel as the scheduler sees it: a stable name, a cron schedule and its IANA time zone. */
export interface ScheduledChannel {
  name: string;
  schedule: string;
  timezone: string;
}

export interface SchedulerDeps<C extends ScheduledChannel> {
  /** Run the channel now. */
  run(channel: C): Promise<unknown>;
  /** After every run, failed or not (the app records the channel's next run). */
  afterRun(channel: C): Promise<unknown>;
  /** Resolves once the store answers again, rejects while it does not. */
  storeAnswers(channel: C): Promise<unknown>;
  /** Record a run that failed on an unreachable store, once it answers again (for `status`). */
  recordOutage(channel: C, outage: StoreOutage): Promise<unknown>;
  log: Logger;
  now?: () => Date;
  /** How often to try an unreachable store again (default 5 s). */
  storeRetryMs?: number;
}

/** The channel's next scheduled run from now. */
export function nextRunOf(channel: ScheduledChannel): Date | null {
  // A task that is never started: only asked for its schedule.
  const task = createTask(channel.schedule, () => {}, {
    name: `probe:${channel.name}`,
    timezone: channel.timezone,
  });
  try {
    return task.getNextRuns(1)[0] ?? null; // getNextRun() answers null for a task not started
  } finally {
    void task.destroy();
  }
}

export interface Scheduler<C extends ScheduledChannel = ScheduledChannel> {
  tasks: Map<string, ScheduledTask>;
  /**
   * Schedule these channels from now on: a channel that is new or whose schedule or zone changed gets a
   * new task, one no longer listed loses its task, and the others keep theirs but run as now given.
   */
  update(channels: readonly C[]): void;
  /** Runs that failed on an unreachable store and wait for it to answer again. */
  waiting(): string[];
  stop(): Promise<void>;
}

const isStoreError = (err: unknown) => err instanceof NewsbriefError && err.code === 'store';

export function startScheduler<C extends ScheduledChannel>(
  channels: readonly C[],
  deps: SchedulerDeps<C>,
): Scheduler<C> {
  const tasks = new Map<string, ScheduledTask>();
  /** The channel each task runs, as last given: a task looks it up when it fires. */
  const current = new Map<string, C>();
  const now = deps.now ?? (() => new Date());
  // A store server that goes away (a restart, a failover) fails the runs of that moment. Their failures
  // cannot be written to a store that is away: they are kept here, written once it answers again, and
  // the runs are started again then, so nothing scheduled in the outage is lost.
  const waiting = new Map<string, { channel: C; at: string; error: string }>();
  let retry: NodeJS.Timeout | null = null;
  let stopped = false;

  async function runOnce(channel: C): Promise<void> {
    try {
      await deps.run(channel);
    } catch (err) {
      const error = (err as Error).message;
      deps.log.error({ event: 'run.error', channel: channel.name, error }, 'run failed');
      if (isStoreError(err) && !stopped) {
        if (!waiting.has(channel.name))
          waiting.set(channel.name, { channel, at: now().toISOString(), error });
        retry ??= setTimeout(() => void recover(), deps.storeRetryMs ?? 5000);
      }
    } finally {
      await deps.afterRun(channel).catch(() => {});
    }
  }

  async function recover(): Promise<void> {
    retry = null;
    if (stopped || waiting.size === 0) return;
    const first = [...waiting.values()][0];
    try {
      if (first) await deps.storeAnswers(first.channel);
    } catch {
      retry = setTimeout(() => void recover(), deps.storeRetryMs ?? 5000);
      return;
    }
    for (const [name, w] of [...waiting]) {
      waiting.delete(name);
      const outage: StoreOutage = { at: w.at, error: w.error, recoveredAt: now().toISOString() };
      await deps.recordOutage(w.channel, outage).catch(() => {});
      deps.log.info({ event: 'run.recovered', channel: name, failedAt: w.at }, 'store back: running again');
      await runOnce(w.channel);
    }
  }

  function schedule(channel: C): void {
    current.set(channel.name, channel);
    const task = createTask(
      channel.schedule,
      () => {
        const now = current.get(channel.name);
        return now ? runOnce(now) : undefined;
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

  function unschedule(name: string): void {
    const task = tasks.get(name);
    tasks.delete(name);
    current.delete(name);
    if (task) void task.destroy();
  }

  for (const channel of channels) schedule(channel);
  return {
    tasks,
    waiting: () => [...waiting.keys()],
    update(next) {
      if (stopped) return;
      const names = new Set(next.map((c) => c.name));
      for (const name of [...tasks.keys()])
        if (!names.has(name)) {
          unschedule(name);
          deps.log.info({ event: 'schedule.removed', channel: name }, 'schedule removed');
        }
      for (const channel of next) {
        const was = current.get(channel.name);
        if (was && was.schedule === channel.schedule && was.timezone === channel.timezone)
          current.set(channel.name, channel);
        else {
          unschedule(channel.name);
          schedule(channel);
        }
      }
    },
    async stop() {
      stopped = true;
      if (retry) clearTimeout(retry);
      for (const t of tasks.values()) await t.destroy();
    },
  };
}
