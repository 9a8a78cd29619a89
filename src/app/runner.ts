/**
 * The digest runner: for one channel, ingest its sources, pick the briefings not yet delivered there
 * that pass its filters, and deliver them through the store's outbox:
 *
 *   recordDeliveryPending -> platform.postBriefing(channelId, post, idempotencyKey) -> markDelivered | markFailed
 *
 * A changed article (a new version of one already posted to the channel) goes to `updateBriefing` with
 * the earlier message. Pending deliveries left by a crash are resolved with the same idempotency key.
 * Channels run independently: one failing channel never blocks another.
 */
import { resolve, sep } from 'node:path';
import type { Logger } from 'pino';
import type { ChannelConfig } from '../config/index.js';
import type { BriefingPost, Delivered, Platform, PlatformName } from '../contracts/index.js';
import { channelRef, leaseName, reportStateName, runStateName } from '../contracts/index.js';
import { analyse } from '../core/index.js';
import type { Analysis, Article, Briefing } from '../core/types.js';
import type { FetchOptions } from '../sources/fetch.js';
import type { BriefingStore, Delivery, StoredArticle } from '../store/types.js';
import { digestItems, postsAsRows } from './digest.js';
import { ingestInput, ingestUrl } from './ingest.js';
import {
  DEFAULT_RETRY,
  isPermanent,
  type RetryPolicy,
  StoppedError,
  sleep as sleepFor,
  withRetry,
} from './retry.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** A failed delivery is tried again at later runs until it has had this many attempts. */
export const MAX_DELIVERY_ATTEMPTS = 5;
/** A channel run's lease: renewed every third of it while the run lasts; a crashed holder's expires. */
export const DEFAULT_LEASE_MS = 60_000;

export type SkipReason = 'filtered' | 'already-posted' | 'over-limit' | 'no-platform' | 'superseded';

export interface RunItem {
  articleId: string;
  version: number;
  title: string | null;
}

export interface RunReport {
  channel: string;
  startedAt: string;
  finishedAt: string;
  /** Why the run did nothing at all, if so ("another instance holds the lease"). */
  skippedRun: string | null;
  posted: (RunItem & { messageId: string; update: boolean })[];
  failed: (RunItem & { error: string; permanent: boolean })[];
  skipped: (RunItem & { reason: SkipReason; detail: string })[];
  sourceErrors: { input: string; error: string }[];
}

export interface RunOptions {
  /** Console at start: show the channel's current briefings again, delivered or not. */
  replay?: boolean;
  /** Only deliveries left pending or failed (start-up recovery); no ingest, no new briefings. */
  onlyPending?: boolean;
  /** Wait for another holder's lease to be released or expire (start-up: the holder may have crashed). */
  waitForLease?: boolean;
}

export interface RunnerDeps {
  store: BriefingStore;
  platforms: Partial<Record<PlatformName, Platform>>;
  log: Logger;
  /** This instance's id for leases. */
  holder: string;
  analyse?: (article: Article) => Analysis;
  fetch?: FetchOptions;
  retry?: RetryPolicy;
  leaseMs?: number;
  now?: () => Date;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** The idempotency key of a delivery: stable across retries and restarts. */
export function idempotencyKey(d: Pick<Delivery, 'id' | 'platform' | 'channelId'>): string {
  return `nb-${d.platform}-${d.id}`;
}

/** Does an article come from one of the channel's sources? */
export function fromSources(
  article: Pick<StoredArticle, 'source' | 'key' | 'url'>,
  channel: ChannelConfig,
): boolean {
  const src = article.source ?? '';
  for (const folder of channel.sources.folders) {
    const dir = resolve(folder);
    if (src === dir || src.startsWith(dir + sep)) return true;
  }
  for (const u of [...channel.sources.urls, ...channel.sources.feeds]) {
    if (src === u || article.key === u || article.url === u) return true;
  }
  return false;
}

function searchable(b: Briefing, title: string | null): string {
  return [
    title ?? '',
    b.title ?? '',
    b.summary ?? '',
    ...b.keyPoints.map((k) => k.text),
    ...b.people.map((p) => p.name),
  ]
    .join('\n')
    .toLowerCase();
}

const keywordPatterns = new WeakMap<readonly string[], RegExp[]>();

/** One whole-word pattern per keyword, compiled once per channel's list rather than per article. */
function patternsOf(list: readonly string[]): RegExp[] {
  let patterns = keywordPatterns.get(list);
  if (!patterns) {
    patterns = list.map((keyword) => {
      const k = keyword.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      return new RegExp(`(^|[^\\p{L}\\p{N}])${k}($|[^\\p{L}\\p{N}])`, 'u');
    });
    keywordPatterns.set(list, patterns);
  }
  return patterns;
}

function firstMatch(text: string, list: readonly string[]): string | undefined {
  const patterns = patternsOf(list);
  const i = patterns.findIndex((p) => p.test(text));
  return i < 0 ? undefined : list[i];
}

/** null when the briefing passes the channel's filters, else why not. */
export function filterReason(
  b: Briefing,
  title: string | null,
  channel: Pick<ChannelConfig, 'include' | 'exclude'>,
): string | null {
  const text = searchable(b, title);
  const ex = firstMatch(text, channel.exclude);
  if (ex) return `matches exclude keyword "${ex}"`;
  if (channel.include.length > 0 && firstMatch(text, channel.include) === undefined)
    return `matches none of the include keywords (${channel.include.join(', ')})`;
  return null;
}

function errorText(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? 'unknown error';
}

interface Candidate {
  article: StoredArticle;
  post: BriefingPost;
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

export function createRunner(deps: RunnerDeps): Runner {
  const { store, log } = deps;
  const policy = deps.retry ?? DEFAULT_RETRY;
  const leaseMs = deps.leaseMs ?? DEFAULT_LEASE_MS;
  const now = deps.now ?? (() => new Date());
  const analyseFn = deps.analyse ?? ((a: Article) => analyse(a));
  const abort = new AbortController();
  const running = new Map<string, Promise<RunReport>>();

  const ingestDeps = { store, analyse: analyseFn, ...(deps.fetch ? { fetch: deps.fetch } : {}) };

  async function ingestSource(input: string, feed: boolean) {
    const report = feed ? await ingestUrl(input, ingestDeps, { feed }) : await ingestInput(input, ingestDeps);
    return report.errors;
  }

  async function ingestChannel(channel: ChannelConfig) {
    const errors: { input: string; error: string }[] = [];
    for (const f of channel.sources.folders) errors.push(...(await ingestSource(f, false)));
    for (const u of channel.sources.urls) errors.push(...(await ingestSource(u, false)));
    for (const u of channel.sources.feeds) errors.push(...(await ingestSource(u, true)));
    return errors;
  }

  async function candidates(channel: ChannelConfig, options: RunOptions): Promise<Map<string, Candidate>> {
    const ref = channelRef(channel);
    const out = new Map<string, Candidate>();
    const add = async (articleId: string) => {
      if (out.has(articleId)) return;
      const article = await store.getArticle(articleId);
      if (!article || !fromSources(article, channel)) return;
      out.set(articleId, {
        article,
        post: { articleId, version: article.version, url: article.url, briefing: article.analysis.briefing },
      });
    };
    if (!options.onlyPending) {
      const last = await store.lastRun(runStateName(ref));
      const since =
        options.replay || last === null
          ? new Date(options.replay ? 0 : now().getTime() - DAY_MS).toISOString()
          : last;
      for (const row of await store.briefingsSince(since, 2000)) await add(row.articleId);
    }
    for (const d of await store.deliveriesFor(ref)) {
      if (d.status === 'pending' || (d.status === 'failed' && d.attempts < MAX_DELIVERY_ATTEMPTS))
        await add(d.articleId);
    }
    return out;
  }

  function chronological(a: Candidate, b: Candidate): number {
    const ta = a.article.publishedAt ?? a.article.ingestedAt;
    const tb = b.article.publishedAt ?? b.article.ingestedAt;
    return ta.localeCompare(tb) || Number(a.article.articleId) - Number(b.article.articleId);
  }

  async function deliverOne(
    channel: ChannelConfig,
    platform: Platform,
    c: Candidate,
    replay: boolean,
    report: RunReport,
  ) {
    const ref = channelRef(channel);
    const item: RunItem = {
      articleId: c.post.articleId,
      version: c.post.version,
      title: c.post.briefing.title ?? c.article.title,
    };
    const previous = await store.lastDelivery(ref, c.post.articleId);
    const isUpdate = previous !== null && previous.version < c.post.version && previous.messageId !== null;
    const d = await store.recordDeliveryPending({
      ...ref,
      articleId: c.post.articleId,
      version: c.post.version,
    });
    if (d.status === 'sent' && !replay) {
      report.skipped.push({
        ...item,
        reason: 'already-posted',
        detail: `already posted as message ${d.messageId}`,
      });
      return;
    }
    // Older pending or failed versions of this article are superseded by this one.
    for (const old of await store.deliveriesFor(ref))
      if (old.articleId === d.articleId && old.version < d.version && old.status !== 'sent')
        await store.markFailed(old.id, `superseded by version ${d.version}`);
    const key = idempotencyKey(d);
    const started = Date.now();
    try {
      const delivered: Delivered = await withRetry(
        () =>
          isUpdate && previous?.messageId
            ? platform.updateBriefing(
                channel.channelId,
                { messageId: previous.messageId, threadId: previous.threadId },
                c.post,
              )
            : platform.postBriefing(channel.channelId, c.post, key),
        policy,
        {
          signal: abort.signal,
          ...(deps.sleep ? { sleep: deps.sleep } : {}),
          onRetry: (err, attempt, delayMs) =>
            log.warn(
              {
                event: 'delivery.retry',
                channel: channel.name,
                delivery: d.id,
                attempt,
                delayMs,
                error: errorText(err),
              },
              'delivery retry',
            ),
        },
      );
      await store.markDelivered(d.id, delivered);
      report.posted.push({ ...item, messageId: delivered.messageId, update: isUpdate });
      log.info(
        {
          event: isUpdate ? 'delivery.updated' : 'delivery.sent',
          channel: channel.name,
          delivery: d.id,
          articleId: item.articleId,
          version: item.version,
          ms: Date.now() - started,
        },
        isUpdate ? 'briefing updated' : 'briefing posted',
      );
    } catch (err) {
      if (err instanceof StoppedError) throw err; // left pending: resolved at the next start
      const permanent = isPermanent(err);
      await store.markFailed(d.id, errorText(err));
      report.failed.push({ ...item, error: errorText(err), permanent });
      log.error(
        {
          event: 'delivery.failed',
          channel: channel.name,
          delivery: d.id,
          articleId: item.articleId,
          permanent,
          error: errorText(err),
        },
        'delivery failed',
      );
    }
  }

  async function deliverDigest(
    channel: ChannelConfig,
    platform: Platform,
    chosen: Candidate[],
    report: RunReport,
  ) {
    const ref = channelRef(channel);
    const records: Delivery[] = [];
    const posts: BriefingPost[] = [];
    for (const c of chosen) {
      const d = await store.recordDeliveryPending({
        ...ref,
        articleId: c.post.articleId,
        version: c.post.version,
      });
      if (d.status === 'sent') {
        report.skipped.push({
          articleId: c.post.articleId,
          version: c.post.version,
          title: c.post.briefing.title,
          reason: 'already-posted',
          detail: `already posted as message ${d.messageId}`,
        });
        continue;
      }
      records.push(d);
      posts.push(c.post);
    }
    if (records.length === 0) return;
    // Several reports of one story become one headline citing the others; every delivery is still recorded.
    const items = digestItems(postsAsRows(posts));
    const key = `nb-${ref.platform}-digest-${records.map((r) => r.id).join('.')}`;
    try {
      const delivered = await withRetry(() => platform.postDigest(channel.channelId, items, key), policy, {
        signal: abort.signal,
        ...(deps.sleep ? { sleep: deps.sleep } : {}),
      });
      for (const r of records) await store.markDelivered(r.id, delivered);
      for (const post of posts)
        report.posted.push({
          articleId: post.articleId,
          version: post.version,
          title: post.briefing.title,
          messageId: delivered.messageId,
          update: false,
        });
      log.info({ event: 'digest.sent', channel: channel.name, items: items.length }, 'digest posted');
    } catch (err) {
      if (err instanceof StoppedError) throw err;
      for (const r of records) await store.markFailed(r.id, errorText(err));
      for (const post of posts)
        report.failed.push({
          articleId: post.articleId,
          version: post.version,
          title: post.briefing.title,
          error: errorText(err),
          permanent: isPermanent(err),
        });
      log.error({ event: 'digest.failed', channel: channel.name, error: errorText(err) }, 'digest failed');
    }
  }

  async function run(channel: ChannelConfig, options: RunOptions): Promise<RunReport> {
    const ref = channelRef(channel);
    const startedAt = now().toISOString();
    const report: RunReport = {
      channel: channel.name,
      startedAt,
      finishedAt: startedAt,
      skippedRun: null,
      posted: [],
      failed: [],
      skipped: [],
      sourceErrors: [],
    };
    const platform = deps.platforms[channel.platform];
    if (!platform) {
      report.skippedRun = `${channel.platform} is not switched on (set its secrets in the environment)`;
      return report;
    }
    const lease = leaseName(ref);
    let held = await store.tryAcquireLease(lease, deps.holder, leaseMs);
    while (!held && options.waitForLease && !abort.signal.aborted) {
      await (deps.sleep ?? sleepFor)(Math.min(1000, Math.max(50, leaseMs / 4)), abort.signal).catch(() => {});
      held = await store.tryAcquireLease(lease, deps.holder, leaseMs);
    }
    if (!held) {
      report.skippedRun = 'another instance is running this channel';
      log.info({ event: 'run.skipped', channel: channel.name, reason: report.skippedRun }, 'run skipped');
      return report;
    }
    const renew = setInterval(
      () => void store.tryAcquireLease(lease, deps.holder, leaseMs).catch(() => {}),
      Math.max(1000, leaseMs / 3),
    );
    renew.unref();
    try {
      log.info(
        {
          event: 'run.started',
          channel: channel.name,
          replay: Boolean(options.replay),
          onlyPending: Boolean(options.onlyPending),
        },
        'run started',
      );
      if (!options.onlyPending) report.sourceErrors = await ingestChannel(channel);
      for (const e of report.sourceErrors)
        log.warn(
          { event: 'source.error', channel: channel.name, input: e.input, error: e.error },
          'source error',
        );
      const all = [...(await candidates(channel, options)).values()].sort(chronological);
      const eligible: Candidate[] = [];
      for (const c of all) {
        const title = c.post.briefing.title ?? c.article.title;
        const item = { articleId: c.post.articleId, version: c.post.version, title };
        const why = filterReason(c.post.briefing, c.article.title, channel);
        if (why) {
          report.skipped.push({ ...item, reason: 'filtered', detail: why });
          continue;
        }
        if (!options.replay) {
          const last = await store.lastDelivery(ref, c.post.articleId);
          if (last && last.version >= c.post.version) {
            report.skipped.push({
              ...item,
              reason: 'already-posted',
              detail: `already posted as message ${last.messageId}`,
            });
            continue;
          }
        }
        eligible.push(c);
      }
      const chosen = eligible.slice(-channel.maxPerDigest);
      for (const c of eligible.slice(0, Math.max(0, eligible.length - channel.maxPerDigest)))
        report.skipped.push({
          articleId: c.post.articleId,
          version: c.post.version,
          title: c.post.briefing.title,
          reason: 'over-limit',
          detail: `more than maxPerDigest (${channel.maxPerDigest}) new briefings; the newest were posted`,
        });
      try {
        if (channel.style === 'digest' && !options.onlyPending && chosen.length > 1)
          await deliverDigest(channel, platform, chosen, report);
        else
          for (const c of chosen) {
            if (abort.signal.aborted) break;
            await deliverOne(channel, platform, c, Boolean(options.replay), report);
          }
      } catch (err) {
        if (!(err instanceof StoppedError)) throw err;
      }
      // Over-limit articles stay skipped: the window moves on. Failed ones are retried at later runs.
      if (!options.onlyPending && !abort.signal.aborted) await store.setLastRun(runStateName(ref), startedAt);
    } finally {
      clearInterval(renew);
      await store.releaseLease(lease, deps.holder).catch(() => {});
      report.finishedAt = now().toISOString();
      await store.setLastRun(reportStateName(ref), JSON.stringify(summarise(report))).catch(() => {});
      log.info(
        {
          event: 'run.finished',
          channel: channel.name,
          posted: report.posted.length,
          failed: report.failed.length,
          skipped: report.skipped.length,
        },
        'run finished',
      );
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
      const prev = running.get(channel.name) ?? Promise.resolve(null);
      const next = prev
        .catch(() => null)
        .then(() => {
          if (abort.signal.aborted) {
            const at = now().toISOString();
            return {
              channel: channel.name,
              startedAt: at,
              finishedAt: at,
              skippedRun: 'stopping',
              posted: [],
              failed: [],
              skipped: [],
              sourceErrors: [],
            };
          }
          return run(channel, options);
        });
      running.set(channel.name, next);
      return next;
    },
    async ingestAll(channels) {
      const errors: { input: string; error: string }[] = [];
      const seen = new Set<string>();
      for (const c of channels)
        for (const [list, feed] of [
          [c.sources.folders, false],
          [c.sources.urls, false],
          [c.sources.feeds, true],
        ] as const)
          for (const input of list) {
            if (seen.has(input)) continue;
            seen.add(input);
            errors.push(...(await ingestSource(input, feed)));
          }
      return errors;
    },
    async channelsWithPending(channels) {
      const pending = await store.pendingDeliveries(10_000);
      return channels.filter((c) =>
        pending.some((d) => d.platform === c.platform && d.channelId === c.channelId),
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
