/**
 * The outbox: deliver a run's plan through the store. Every delivery is claimed before its post and
 * marked after it:
 *
 *   claimDeliveries -> platform.postBriefing(channelId, post, idempotencyKey) -> markDelivered | markFailed
 *
 * A claim held by another live instance is left to it; a delivery the platform accepted but the store
 * did not record stays pending and is resolved at the next start with the same idempotency key.
 */
import type { Logger } from 'pino';
import type { ChannelConfig } from '../config/index.js';
import type { Delivered, Platform } from '../contracts/index.js';
import { channelRef } from '../contracts/index.js';
import type { ClaimedDelivery, ClaimOptions, Delivery, OutboxStore } from '../store/types.js';
import { digestItems, postsAsRows } from './digest.js';
import { isPermanent, type RetryPolicy, StoppedError, withRetry } from './retry.js';
import type { PlannedDelivery, RunItem, SkippedItem } from './selection.js';

/** What a run reports of its deliveries (the runner's RunReport holds these lists). */
export interface DeliveryReport {
  posted: (RunItem & { messageId: string; update: boolean })[];
  failed: (RunItem & { error: string; permanent: boolean })[];
  skipped: SkippedItem[];
}

export interface OutboxDeps {
  store: OutboxStore;
  log: Logger;
  policy: RetryPolicy;
  signal: AbortSignal;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** The idempotency key of a delivery: stable across retries and restarts. */
export function idempotencyKey(d: Pick<Delivery, 'id' | 'platform' | 'channelId'>): string {
  return `nb-${d.platform}-${d.id}`;
}

export function errorText(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? 'unknown error';
}

/** Why a claimed-for delivery is not posted by this run, or null to post it. */
function notMine(d: ClaimedDelivery, replay: boolean): Pick<SkippedItem, 'reason' | 'detail'> | null {
  if (d.status === 'sent')
    return replay ? null : { reason: 'already-posted', detail: `already posted as message ${d.messageId}` };
  return d.claimed ? null : { reason: 'claimed-elsewhere', detail: 'another instance is delivering it' };
}

export function createOutbox(deps: OutboxDeps) {
  const { store, log, policy, signal } = deps;
  const retrying = (channel: ChannelConfig, delivery: string) => ({
    signal,
    ...(deps.sleep ? { sleep: deps.sleep } : {}),
    onRetry: (err: unknown, attempt: number, delayMs: number) =>
      log.warn(
        { event: 'delivery.retry', channel: channel.name, delivery, attempt, delayMs, error: errorText(err) },
        'delivery retry',
      ),
  });

  async function post(channel: ChannelConfig, platform: Platform, p: PlannedDelivery, d: Delivery) {
    const { previous } = p;
    return withRetry(
      () =>
        previous
          ? platform.updateBriefing(channel.channelId, previous, p.post)
          : platform.postBriefing(channel.channelId, p.post, idempotencyKey(d)),
      policy,
      retrying(channel, d.id),
    );
  }

  /** Deliver one briefing whose claim this run holds (or a sent one again, on replay). */
  async function deliverOne(
    channel: ChannelConfig,
    platform: Platform,
    p: PlannedDelivery,
    d: Delivery,
    report: DeliveryReport,
  ) {
    const update = p.previous !== null;
    try {
      const delivered: Delivered = await post(channel, platform, p, d);
      await store.markDelivered([d.id], delivered);
      report.posted.push({ ...p.item, messageId: delivered.messageId, update });
      log.info(
        {
          event: update ? 'delivery.updated' : 'delivery.sent',
          channel: channel.name,
          delivery: d.id,
          articleId: p.item.articleId,
          version: p.item.version,
        },
        update ? 'briefing updated' : 'briefing posted',
      );
    } catch (err) {
      if (err instanceof StoppedError) throw err; // left pending: resolved at the next start
      const permanent = isPermanent(err);
      await store.markFailed([d.id], errorText(err));
      report.failed.push({ ...p.item, error: errorText(err), permanent });
      log.error(
        {
          event: 'delivery.failed',
          channel: channel.name,
          delivery: d.id,
          articleId: p.item.articleId,
          permanent,
          error: errorText(err),
        },
        'delivery failed',
      );
    }
  }

  const targets = (channel: ChannelConfig, plan: readonly PlannedDelivery[]) =>
    plan.map((p) => ({ ...channelRef(channel), articleId: p.post.articleId, version: p.post.version }));

  return {
    /** Each briefing its own post (or an update of its earlier one), oldest first, all claimed at once. */
    async deliverEach(
      channel: ChannelConfig,
      platform: Platform,
      plan: readonly PlannedDelivery[],
      claim: ClaimOptions,
      report: DeliveryReport,
      replay: boolean,
    ) {
      if (plan.length === 0) return;
      const claims = await store.claimDeliveries(targets(channel, plan), claim);
      for (const [i, p] of plan.entries()) {
        const d = claims[i] as ClaimedDelivery;
        const skip = notMine(d, replay);
        if (skip) report.skipped.push({ ...p.item, ...skip });
        else if (signal.aborted) break;
        else await deliverOne(channel, platform, p, d, report);
      }
    },

    /** One digest message of every briefing this run claims; each delivery is still recorded. */
    async deliverDigest(
      channel: ChannelConfig,
      platform: Platform,
      plan: readonly PlannedDelivery[],
      claim: ClaimOptions,
      report: DeliveryReport,
    ) {
      const claims = await store.claimDeliveries(targets(channel, plan), claim);
      const mine = plan.flatMap((p, i) => {
        const d = claims[i] as ClaimedDelivery;
        const skip = notMine(d, false);
        if (skip) report.skipped.push({ ...p.item, ...skip });
        return skip ? [] : [{ p, d }];
      });
      if (mine.length === 0) return;
      // Several reports of one story become one headline citing the others.
      const items = digestItems(postsAsRows(mine.map((m) => m.p.post)));
      const ids = mine.map((m) => m.d.id);
      const key = `nb-${channel.platform}-digest-${ids.join('.')}`;
      try {
        const delivered = await withRetry(
          () => platform.postDigest(channel.channelId, items, key),
          policy,
          retrying(channel, key),
        );
        await store.markDelivered(ids, delivered);
        for (const { p } of mine)
          report.posted.push({ ...p.item, messageId: delivered.messageId, update: false });
        log.info({ event: 'digest.sent', channel: channel.name, items: items.length }, 'digest posted');
      } catch (err) {
        if (err instanceof StoppedError) throw err;
        await store.markFailed(ids, errorText(err));
        for (const { p } of mine)
          report.failed.push({ ...p.item, error: errorText(err), permanent: isPermanent(err) });
        log.error({ event: 'digest.failed', channel: channel.name, error: errorText(err) }, 'digest failed');
      }
    },
  };
}
export type Outbox = ReturnType<typeof createOutbox>;
