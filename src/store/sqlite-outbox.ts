/**
 * The SQLite store's outbox. A claim runs in one IMMEDIATE transaction: SQLite's single writer lock
 * serialises claims of several processes on one file, so "not claimed by another live holder" is read
 * and written with nothing in between (PostgreSQL needs `FOR UPDATE SKIP LOCKED` for the same).
 */
import type Database from 'better-sqlite3';
import type { PlatformName } from '../contracts/index.js';
import { NewsbriefError } from '../errors.js';
import { channelArticle, type Row, toDelivery } from './rows.js';
import type { ClaimedDelivery, ClaimOptions, DeliveryTarget, OutboxStore } from './types.js';

/**
 * A channel's recent articles and those with an open delivery there, each with its last sent delivery.
 * The open ones are read from `deliveries_open` (named: without statistics SQLite would otherwise walk
 * the channel's whole delivery history through the unique index).
 */
export const CHANNEL_ARTICLES_SQL = `
  WITH recent AS (
    SELECT id FROM articles WHERE @since IS NOT NULL AND updated_at >= @since
    ORDER BY updated_at DESC, id DESC LIMIT @limit
  ), open AS (
    SELECT article_id AS id FROM deliveries INDEXED BY deliveries_open
    WHERE platform = @platform AND channel_id = @channel AND status = 'pending'
    UNION
    SELECT article_id FROM deliveries INDEXED BY deliveries_open
    WHERE platform = @platform AND channel_id = @channel AND status = 'failed' AND attempts < @attempts
  )
  SELECT a.id AS article_id, a.key, a.version, a.url, a.title, a.source, a.published_at, a.ingested_at,
         b.briefing, s.version AS sent_version, s.message_id AS sent_message_id, s.thread_id AS sent_thread_id
  FROM (SELECT id FROM recent UNION SELECT id FROM open) p
  JOIN articles a ON a.id = p.id JOIN briefings b ON b.article_id = a.id
  LEFT JOIN deliveries s ON s.id = (
    SELECT d.id FROM deliveries d
    WHERE d.platform = @platform AND d.channel_id = @channel AND d.article_id = a.id AND d.status = 'sent'
    ORDER BY d.version DESC, d.id DESC LIMIT 1)
  ORDER BY a.updated_at DESC, a.id DESC`;

function outboxStatements(db: Database.Database) {
  return {
    channelArticles: db.prepare(CHANNEL_ARTICLES_SQL),
    insert: db.prepare(
      `INSERT INTO deliveries (platform, channel_id, article_id, version, status, created_at, updated_at)
       VALUES (@platform, @channelId, @articleId, @version, 'pending', @at, @at) ON CONFLICT DO NOTHING`,
    ),
    supersede: db.prepare(
      `UPDATE deliveries SET status = 'failed', error = @superseded, attempts = attempts + 1, updated_at = @at,
       claimed_by = NULL, claim_expires_at = NULL
       WHERE platform = @platform AND channel_id = @channelId AND article_id = @articleId AND version < @version
         AND status <> 'sent' AND coalesce(error, '') <> @superseded`,
    ),
    claim: db.prepare(
      `UPDATE deliveries SET claimed_by = @holder, claim_expires_at = @expires
       WHERE platform = @platform AND channel_id = @channelId AND article_id = @articleId AND version = @version
         AND status <> 'sent' AND (claimed_by IS NULL OR claimed_by = @holder OR claim_expires_at <= @now)`,
    ),
    byTarget: db.prepare(
      `SELECT * FROM deliveries
       WHERE platform = @platform AND channel_id = @channelId AND article_id = @articleId AND version = @version`,
    ),
    renew: db.prepare(`UPDATE deliveries SET claim_expires_at = ? WHERE claimed_by = ? AND status <> 'sent'`),
    markDelivered: db.prepare(
      `UPDATE deliveries SET status = 'sent', message_id = ?, thread_id = ?, error = NULL, attempts = attempts + 1,
       updated_at = ?, claimed_by = NULL, claim_expires_at = NULL WHERE id IN (SELECT value FROM json_each(?))`,
    ),
    markFailed: db.prepare(
      `UPDATE deliveries SET status = 'failed', error = ?, attempts = attempts + 1, updated_at = ?,
       claimed_by = NULL, claim_expires_at = NULL WHERE id IN (SELECT value FROM json_each(?))`,
    ),
    pendingChannels: db.prepare(
      `SELECT DISTINCT platform, channel_id FROM deliveries WHERE status = 'pending' ORDER BY platform, channel_id`,
    ),
    deliveriesFor: db.prepare(
      `SELECT * FROM (SELECT * FROM deliveries WHERE platform = ? AND channel_id = ? ORDER BY id DESC LIMIT ?)
       ORDER BY id`,
    ),
    threadArticle: db.prepare(
      'SELECT article_id FROM deliveries WHERE platform = ? AND channel_id = ? AND thread_id = ? ORDER BY id DESC LIMIT 1',
    ),
  };
}

const idList = (ids: readonly string[]) => JSON.stringify(ids.map(Number));

export function sqliteOutbox(db: Database.Database): OutboxStore {
  const s = outboxStatements(db);
  const claimTx = db.transaction((targets: readonly DeliveryTarget[], c: ClaimOptions): ClaimedDelivery[] => {
    const now = c.now ?? Date.now();
    const at = new Date(now).toISOString();
    return targets.map((t) => {
      const target = { ...t, articleId: Number(t.articleId) };
      try {
        s.insert.run({ ...target, at });
      } catch (err) {
        throw new NewsbriefError('store', `No article ${t.articleId} to deliver.`, { cause: err });
      }
      s.supersede.run({ ...target, at, superseded: `superseded by version ${t.version}` });
      const claimed = s.claim.run({ ...target, holder: c.holder, expires: now + c.ttlMs, now }).changes > 0;
      return { ...toDelivery(s.byTarget.get(target) as Row), claimed };
    });
  });
  return {
    async channelArticles(channel, query) {
      const rows = s.channelArticles.all({
        platform: channel.platform,
        channel: channel.channelId,
        since: query.since,
        limit: query.limit,
        attempts: query.retryBelowAttempts,
      }) as Row[];
      return rows.map(channelArticle);
    },
    async claimDeliveries(targets, claim) {
      return claimTx.immediate(targets, claim);
    },
    async renewClaims(claim) {
      s.renew.run((claim.now ?? Date.now()) + claim.ttlMs, claim.holder);
    },
    async markDelivered(ids, d, now = new Date().toISOString()) {
      s.markDelivered.run(d.messageId, d.threadId, now, idList(ids));
    },
    async markFailed(ids, error, now = new Date().toISOString()) {
      s.markFailed.run(error, now, idList(ids));
    },
    async pendingChannels() {
      return (s.pendingChannels.all() as Row[]).map((r) => ({
        platform: r.platform as PlatformName,
        channelId: String(r.channel_id),
      }));
    },
    async deliveriesFor(channel, limit) {
      return (s.deliveriesFor.all(channel.platform, channel.channelId, limit ?? -1) as Row[]).map(toDelivery);
    },
    async threadArticle(platform, channelId, threadId) {
      const r = s.threadArticle.get(platform, channelId, threadId) as Row | undefined;
      return r ? { articleId: String(r.article_id) } : null;
    },
  };
}
