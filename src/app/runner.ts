/**
 * The digest runner: for one channel, under its lease (leases.ts), ingest its sources, read its
 * articles once (`channelArticles`), choose what to deliver (selection.ts, pure) and deliver it through
 * the outbox (outbox.ts). Channels run independently: one failing channel never blocks another.
 */
import type { Logger } from 'pino';
import type { ChannelConfig } from '../config/index.js';
import type { Platform, PlatformName } from '../contracts/index.js';
import { channelRef, leaseName, reportStateName, runStateName } from '../contracts/index.js';
import { analyse } from '../core/index.js';
import type { Analysis, Article } from '../core/types.js';
import type { FetchOptions } from '../sources/fetch.js';
import type { BriefingStore } from '../store/types.js';
import { ingestInput, ingestUrl } from './ingest.js';
import { acquireLease, type HeldLease } from './leases.js';
import { createOutbox, type DeliveryReport, type Outbox } from './outbox.js';
import { DEFAULT_RETRY, type RetryPolicy, StoppedError } from './retry.js';
import { selectDeliveries } from './selection.js';

export { idempotencyKey } from './outbox.js';
export type { RunItem, SkipReason } from './selection.js';
export { filterReason, fromSources } from './selection.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** A failed delivery is tried again at later runs until it has had this many attempts. */
export const MAX_DELIVERY_ATTEMPTS = 5;
/** A channel run's lease: renewed every third of it while the run lasts; a crashed holder's expires. */
export const DEFAULT_LEASE_MS = 60_000;
/** The most recent articles a run reads (a channel's window rarely holds more than a few dozen). */
export const RECENT_ARTICLES = 2000;

export interface RunReport extends DeliveryReport {
  channel: string;
  startedAt: string;
  finishedAt: string;
  /** Why the run did nothing at all, if so ("another instance holds the lease"). */
  skippedRun: string | null;
  sourceErrors: { input: string; error: string }[];
}

export interface RunOptions {
  /** Console at start: show the channel's current briefings again, delivered or not. */
  replay?: boolean;
  /** Only deliveries left pending or failed (start-up recovery); no ingest, no new briefings. */
  onlyPending?: boolean;
  /** Wait for another holder's lease to be released or expire (start-up: the holder may have crashed). */
  waitForLease?: boolean;
  /** The sources were ingested just before (start-up's `ingestAll`): do not read them again. */
  sourcesIngested?: boolean;
}

export interface RunnerDeps {
  store: BriefingStore;
  platforms: Partial<Record<PlatformName, Platform>>;
  log: Logger;
  /** This instance's id for leases and delivery claims. */
  holder: string;
  analyse?: (article: Article) => Analysis;
  fetch?: FetchOptions;
  retry?: RetryPolicy;
  leaseMs?: number;
  now?: () => Date;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface Runner {
  runChannel(channel: ChannelConfig, options?: RunOptions): Promise<RunReport>;
  /** Ingest every source of these channels once (start-up), each distinct source once. */
  ingestAll(channels: readonly ChannelConfig[]): Promise<{ input: string; error: string }[]>;
  /** Channels with deliveries left pending by a crash. */
  channelsWithPending(channels: readonly ChannelConfig[]): Promise<ChannelConfig[]>;
  /** Finish the post in flight, start no other, interrupt retry waits. */
  stop(): void;
  readonly stopped: boolean;
}

function emptyReport(channel: ChannelConfig, at: string, skippedRun: string | null = null): RunReport {
  const report = { channel: channel.name, startedAt: at, finishedAt: at, skippedRun };
  return { ...report, posted: [], failed: [], skipped: [], sourceErrors: [] };
}

/** Each source of these channels once: folders and pages, then feeds. */
function sourcesOf(channels: readonly ChannelConfig[]): { input: string; feed: boolean }[] {
  const seen = new Map<string, boolean>();
  for (const c of channels) {
    for (const input of [...c.sources.folders, ...c.sources.urls])
      if (!seen.has(input)) seen.set(input, false);
    for (const input of c.sources.feeds) if (!seen.has(input)) seen.set(input, true);
  }
  return [...seen].map(([input, feed]) => ({ input, feed }));
}

/** What one channel's run works with (built once per runner). */
interface RunContext {
  store: BriefingStore;
  log: Logger;
  outbox: Outbox;
  now: () => Date;
  ingestSources(channels: readonly ChannelConfig[]): Promise<{ input: string; error: string }[]>;
}

/** The time the run looks back to: its last run (else a day), everything on replay, nothing for recovery. */
async function since(ctx: RunContext, channel: ChannelConfig, options: RunOptions): Promise<string | null> {
  if (options.onlyPending) return null;
  if (options.replay) return new Date(0).toISOString();
  return (
    (await ctx.store.lastRun(runStateName(channelRef(channel)))) ??
    new Date(ctx.now().getTime() - DAY_MS).toISOString()
  );
}

/** Under the channel's lease: ingest its sources, read its articles once, select, deliver. */
async function ingestSelectDeliver(
  ctx: RunContext,
  target: { channel: ChannelConfig; platform: Platform; lease: HeldLease },
  options: RunOptions,
  report: RunReport,
) {
  const { channel, platform, lease } = target;
  if (!options.onlyPending && !options.sourcesIngested)
    report.sourceErrors = await ctx.ingestSources([channel]);
  for (const e of report.sourceErrors)
    ctx.log.warn(
      { event: 'source.error', channel: channel.name, input: e.input, error: e.error },
      'source error',
    );
  const rows = await ctx.store.channelArticles(channelRef(channel), {
    since: await since(ctx, channel, options),
    limit: RECENT_ARTICLES,
    retryBelowAttempts: MAX_DELIVERY_ATTEMPTS,
  });
  const plan = selectDeliveries(rows, channel, { replay: Boolean(options.replay) });
  report.skipped.push(...plan.skipped);
  if (plan.deliver.length === 0) return;
  try {
    if (channel.style === 'digest' && !options.onlyPending && plan.deliver.length > 1)
      await ctx.outbox.deliverDigest(channel, platform, plan.deliver, lease.claim(), report);
    else
      await ctx.outbox.deliverEach(
        channel,
        platform,
        plan.deliver,
        lease.claim(),
        report,
        Boolean(options.replay),
      );
  } catch (err) {
    if (!(err instanceof StoppedError)) throw err;
  }
}

export function createRunner(deps: RunnerDeps): Runner {
  const { store, log } = deps;
  const leaseMs = deps.leaseMs ?? DEFAULT_LEASE_MS;
  const now = deps.now ?? (() => new Date());
  const abort = new AbortController();
  const running = new Map<string, Promise<RunReport>>();
  const sleep = deps.sleep ? { sleep: deps.sleep } : {};
  const outbox = createOutbox({
    store,
    log,
    policy: deps.retry ?? DEFAULT_RETRY,
    signal: abort.signal,
    ...sleep,
  });
  const leases = { store, holder: deps.holder, ttlMs: leaseMs, signal: abort.signal, ...sleep };
  const ingestDeps = {
    store,
    analyse: deps.analyse ?? ((a: Article) => analyse(a)),
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
  };

  async function ingestSources(channels: readonly ChannelConfig[]) {
    const errors: { input: string; error: string }[] = [];
    for (const { input, feed } of sourcesOf(channels)) {
      const report = feed
        ? await ingestUrl(input, ingestDeps, { feed })
        : await ingestInput(input, ingestDeps);
      errors.push(...report.errors);
    }
    return errors;
  }
  const ctx: RunContext = { store, log, outbox, now, ingestSources };

  async function run(channel: ChannelConfig, options: RunOptions): Promise<RunReport> {
    const ref = channelRef(channel);
    const startedAt = now().toISOString();
    const platform = deps.platforms[channel.platform];
    if (!platform)
      return emptyReport(
        channel,
        startedAt,
        `${channel.platform} is not switched on (set its secrets in the environment)`,
      );
    const lease = await acquireLease(leases, leaseName(ref), Boolean(options.waitForLease));
    const report = emptyReport(channel, startedAt, lease ? null : 'another instance is running this channel');
    if (!lease) {
      log.info({ event: 'run.skipped', channel: channel.name, reason: report.skippedRun }, 'run skipped');
      return report;
    }
    try {
      const flags = { replay: Boolean(options.replay), onlyPending: Boolean(options.onlyPending) };
      log.info({ event: 'run.started', channel: channel.name, ...flags }, 'run started');
      await ingestSelectDeliver(ctx, { channel, platform, lease }, options, report);
      // Over-limit articles stay skipped: the window moves on. Failed ones are retried at later runs.
      if (!options.onlyPending && !abort.signal.aborted) await store.setLastRun(runStateName(ref), startedAt);
    } finally {
      await lease.release();
      report.finishedAt = now().toISOString();
      await store.setLastRun(reportStateName(ref), JSON.stringify(summarise(report))).catch(() => {});
      const counts = {
        posted: report.posted.length,
        failed: report.failed.length,
        skipped: report.skipped.length,
      };
      log.info({ event: 'run.finished', channel: channel.name, ...counts }, 'run finished');
    }
    return report;
  }

  return {
    get stopped() {
      return abort.signal.aborted;
    },
    stop() {
      abort.abort();
    },
    runChannel(channel, options = {}) {
      // One run per channel at a time in this process: a run asked for meanwhile waits for it, then runs.
      const next = (running.get(channel.name) ?? Promise.resolve(null))
        .catch(() => null)
        .then(() =>
          abort.signal.aborted
            ? emptyReport(channel, now().toISOString(), 'stopping')
            : run(channel, options),
        );
      running.set(channel.name, next);
      return next;
    },
    ingestAll: ingestSources,
    async channelsWithPending(channels) {
      const pending = await store.pendingChannels();
      return channels.filter((c) =>
        pending.some((p) => p.platform === c.platform && p.channelId === c.channelId),
      );
    },
  };
}

/** What `status` shows of a run: counts and the first few items of each kind. */
export function summarise(r: RunReport) {
  return {
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    skippedRun: r.skippedRun,
    posted: r.posted.length,
    failed: r.failed.slice(0, 20),
    skipped: r.skipped.slice(0, 50),
    sourceErrors: r.sourceErrors.slice(0, 20),
  };
}
export type RunSummary = ReturnType<typeof summarise>;
