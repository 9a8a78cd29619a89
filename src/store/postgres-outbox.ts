/**
 * The PostgreSQL store's outbox. Several instances on several machines claim deliveries with
 * `SELECT ... FOR UPDATE SKIP LOCKED` inside one transaction: a row another instance is claiming at that
 * moment is skipped (it will hold it), not waited for; a row whose claim has expired (its holder
 * crashed) is taken over.
 */
import type pg from 'pg';
import type { PlatformName } from '../contracts/index.js';
import { NewsbriefError } from '../errors.js';
import { isId, type PgDb } from './postgres-db.js';
import { channelArticle, type Row, toDelivery } from './rows.js';
import type { ClaimedDelivery, ClaimOptions, DeliveryTarget, OutboxStore } from './types.js';

/** The same query as SQLite's (sqlite-outbox.ts), with numbered parameters. */
const CHANNEL_ARTICLES_SQL = `
  WITH recent AS (
    SELECT id FROM articles WHERE $3::text IS NOT NULL AND updated_at >= $3
    ORDER BY updated_at DESC, id DESC LIMIT $4
  ), open AS (
    SELECT article_id AS id FROM deliveries WHERE platform = $1 AND channel_id = $2 AND status = 'pending'
    UNION
    SELECT article_id FROM deliveries
    WHERE platform = $1 AND channel_id = $2 AND status = 'failed' AND attempts < $5
  )
  SELECT a.id AS article_id, a.key, a.version, a.url, a.title, a.source, a.published_at, a.ingested_at,
         b.briefing, s.version AS sent_version, s.message_id AS sent_message_id, s.thread_id AS sent_thread_id
  FROM (SELECT id FROM recent UNION SELECT id FROM open) p
  JOIN articles a ON a.id = p.id JOIN briefings b ON b.article_id = a.id
  LEFT JOIN LATERAL (
    SELECT d.version, d.message_id, d.thread_id FROM deliveries d
    WHERE d.platform = $1 AND d.channel_id = $2 AND d.article_id = a.id AND d.status = 'sent'
    ORDER BY d.version DESC, d.id DESC LIMIT 1) s ON true
  ORDER BY a.updated_at DESC, a.id DESC`;

/** The targets as four parallel arrays: `unnest($1::text[], $2::text[], $3::bigint[], $4::int[])`. */
const TARGETS = 'unnest($1::text[], $2::text[], $3::bigint[], $4::int[]) AS u(p, c, a, v)';
const ON_TARGET = 'd.platform = u.p AND d.channel_id = u.c AND d.article_id = u.a';

async function claimIn(
  c: pg.PoolClient,
  targets: readonly DeliveryTarget[],
  claim: ClaimOptions,
): Promise<ClaimedDelivery[]> {
  const now = claim.now ?? Date.now();
  const at = new Date(now).toISOString();
  const columns = [
    targets.map((t) => t.platform),
    targets.map((t) => t.channelId),
    targets.map((t) => t.articleId),
    targets.map((t) => t.version),
  ];
  await c.query(
    `INSERT INTO deliveries (platform, channel_id, article_id, version, status, created_at, updated_at)
     SELECT p, c, a, v, 'pending', $5, $5 FROM ${TARGETS} ON CONFLICT DO NOTHING`,
    [...columns, at],
  );
  await c.query(
    `UPDATE deliveries d SET status = 'failed', error = 'superseded by version ' || u.v,
       attempts = d.attempts + 1, updated_at = $5, claimed_by = NULL, claim_expires_at = NULL
     FROM ${TARGETS} WHERE ${ON_TARGET} AND d.version < u.v AND d.status <> 'sent'
       AND coalesce(d.error, '') <> 'superseded by version ' || u.v`,
    [...columns, at],
  );
  const claimed = await c.query(
    `WITH free AS (
       SELECT d.id FROM deliveries d JOIN ${TARGETS} ON ${ON_TARGET} AND d.version = u.v
       WHERE d.status <> 'sent' AND (d.claimed_by IS NULL OR d.claimed_by = $5 OR d.claim_expires_at <= $6)
       ORDER BY d.id FOR UPDATE OF d SKIP LOCKED)
     UPDATE deliveries SET claimed_by = $5, claim_expires_at = $7 FROM free
     WHERE deliveries.id = free.id RETURNING deliveries.id`,
    [...columns, claim.holder, now, now + claim.ttlMs],
  );
  const mine = new Set((claimed.rows as Row[]).map((r) => String(r.id)));
  const rows = await c.query(
    `SELECT d.* FROM deliveries d JOIN ${TARGETS} ON ${ON_TARGET} AND d.version = u.v`,
    columns,
  );
  const byTarget = new Map(
    (rows.rows as Row[]).map((r) => [`${r.platform} ${r.channel_id} ${r.article_id} ${r.version}`, r]),
  );
  return targets.map((t) => {
    const r = byTarget.get(`${t.platform} ${t.channelId} ${t.articleId} ${t.version}`);
    if (!r) throw new NewsbriefError('store', `No article ${t.articleId} to deliver.`);
    return { ...toDelivery(r), claimed: mine.has(String(r.id)) };
  });
}

export function postgresOutbox(db: PgDb): OutboxStore {
  const { q, run, tx, fail } = db;
  return {
    async channelArticles(channel, query) {
      const rows = await q(CHANNEL_ARTICLES_SQL, [
        channel.platform,
        channel.channelId,
        query.since,
        query.limit,
        query.retryBelowAttempts,
      ]);
      return rows.map(channelArticle);
    },
    async claimDeliveries(targets, claim) {
      if (targets.length === 0) return [];
      const bad = targets.find((t) => !isId(t.articleId));
      if (bad) throw new NewsbriefError('store', `No article ${bad.articleId} to deliver.`);
      try {
        return await tx((c) => claimIn(c, targets, claim));
      } catch (err) {
        if ((err as { code?: string }).code === '23503')
          throw new NewsbriefError('store', 'No article to deliver.', { cause: err });
        throw fail('Store query failed', err);
      }
    },
    async renewClaims(claim) {
      await run(`UPDATE deliveries SET claim_expires_at = $1 WHERE claimed_by = $2 AND status <> 'sent'`, [
        (claim.now ?? Date.now()) + claim.ttlMs,
        claim.holder,
      ]);
    },
    async markDelivered(ids, d, now = new Date().toISOString()) {
      await run(
        `UPDATE deliveries SET status = 'sent', message_id = $1, thread_id = $2, error = NULL,
         attempts = attempts + 1, updated_at = $3, claimed_by = NULL, claim_expires_at = NULL
         WHERE id = ANY($4::bigint[])`,
        [d.messageId, d.threadId, now, ids],
      );
    },
    async markFailed(ids, error, now = new Date().toISOString()) {
      await run(
        `UPDATE deliveries SET status = 'failed', error = $1, attempts = attempts + 1, updated_at = $2,
         claimed_by = NULL, claim_expires_at = NULL WHERE id = ANY($3::bigint[])`,
        [error, now, ids],
      );
    },
    async pendingChannels() {
      const rows = await q(
        `SELECT DISTINCT platform, channel_id FROM deliveries WHERE status = 'pending' ORDER BY platform, channel_id`,
      );
      return rows.map((r) => ({ platform: r.platform as PlatformName, channelId: String(r.channel_id) }));
    },
    async deliveriesFor(channel, limit) {
      const rows = await q(
        `SELECT * FROM (SELECT * FROM deliveries WHERE platform = $1 AND channel_id = $2 ORDER BY id DESC LIMIT $3) d
         ORDER BY id`,
        [channel.platform, channel.channelId, limit ?? null],
      );
      return rows.map(toDelivery);
    },
    async threadArticle(platform, channelId, threadId) {
      const [r] = await q(
        'SELECT article_id FROM deliveries WHERE platform = $1 AND channel_id = $2 AND thread_id = $3 ORDER BY id DESC LIMIT 1',
        [platform, channelId, threadId],
      );
      return r ? { articleId: String(r.article_id) } : null;
    },
  };
}
