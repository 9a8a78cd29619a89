/**
 * The SubscriptionStore over a SQLite store's file: a connection of its own (WAL lets it sit beside the
 * BriefingStore's), the same migrations, one immediate transaction per change so that the limits hold
 * when two processes follow at once.
 */
import Database from 'better-sqlite3';
import { NewsbriefError } from '../errors.js';
import { migrate } from './sqlite.js';
import { channelsOf, isSourceId, toSubscription } from './subscription-rows.js';
import {
  type ChannelImport,
  type ChannelKey,
  MAX_SOURCES_PER_CHANNEL,
  MAX_SOURCES_PER_WORKSPACE,
  type NewSubscription,
  type SubscribedChannel,
  type SubscribeResult,
  type Subscription,
  type SubscriptionStore,
  sourceKey,
} from './subscriptions.js';

type Row = Record<string, unknown>;

/** The statements and row readers the subscription store's methods share. */
function subscriptionStatements(conn: Database.Database) {
  const bump = conn.prepare('UPDATE subscriptions_version SET version = version + 1 WHERE id = 1');
  const insertChannel = conn.prepare(
    `INSERT INTO subscription_channels (platform, channel_id, workspace_id, name, schedule, timezone, include,
       exclude, paused, max_per_digest, style, origin, updated_by, updated_at)
     VALUES (@platform, @channelId, @workspaceId, @name, @schedule, @timezone, @include, @exclude, @paused,
       @maxPerDigest, @style, @origin, @by, @now)
     ON CONFLICT (platform, channel_id) DO NOTHING`,
  );
  const insertSource = conn.prepare(
    `INSERT INTO subscriptions (platform, channel_id, kind, url, url_key, title, added_by, added_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (platform, channel_id, url_key) DO NOTHING RETURNING *`,
  );
  const sourceRows = (where = '', ...params: unknown[]) =>
    conn.prepare(`SELECT * FROM subscriptions ${where} ORDER BY id`).all(...params) as Row[];
  const channelRows = (where = '', ...params: unknown[]) =>
    conn
      .prepare(`SELECT * FROM subscription_channels ${where} ORDER BY platform, channel_id`)
      .all(...params) as Row[];
  const oneChannel = (key: ChannelKey): SubscribedChannel | null =>
    channelsOf(
      channelRows('WHERE platform = ? AND channel_id = ?', key.platform, key.channelId),
      sourceRows('WHERE platform = ? AND channel_id = ?', key.platform, key.channelId),
    )[0] ?? null;
  const count = (sql: string, ...params: unknown[]) =>
    Number((conn.prepare(sql).get(...params) as { n: number }).n);
  return { conn, bump, insertChannel, insertSource, sourceRows, channelRows, oneChannel, count };
}

type Statements = ReturnType<typeof subscriptionStatements>;

/** Each change in one write transaction, so two instances changing at once cannot both pass a limit. */
function subscriptionTransactions(st: Statements) {
  const { conn, bump, insertChannel, insertSource, sourceRows, oneChannel, count } = st;
  const importAll = conn.transaction((channels: readonly ChannelImport[], now: string): number => {
    let imported = 0;
    for (const c of channels) {
      const added = insertChannel.run({
        ...c,
        include: JSON.stringify(c.include),
        exclude: JSON.stringify(c.exclude),
        paused: c.paused ? 1 : 0,
        origin: 'config',
        by: 'config',
        now,
      });
      if (added.changes === 0) continue; // imported before, or made in chat: the store wins
      imported++;
      for (const s of c.sources)
        insertSource.get(
          c.platform,
          c.channelId,
          s.kind,
          s.url,
          sourceKey(s.url),
          s.title ?? null,
          'config',
          now,
        );
    }
    if (imported > 0) bump.run();
    return imported;
  });

  const subscribeTx = conn.transaction((n: NewSubscription): SubscribeResult => {
    const key = sourceKey(n.url);
    const existing = sourceRows(
      'WHERE platform = ? AND channel_id = ? AND url_key = ?',
      n.platform,
      n.channelId,
      key,
    )[0];
    if (existing) return { ok: false, reason: 'duplicate', existing: toSubscription(existing) };
    const inChannel = count(
      'SELECT count(*) AS n FROM subscriptions WHERE platform = ? AND channel_id = ?',
      n.platform,
      n.channelId,
    );
    if (inChannel >= MAX_SOURCES_PER_CHANNEL)
      return { ok: false, reason: 'channel-limit', limit: MAX_SOURCES_PER_CHANNEL };
    const inWorkspace = count(
      `SELECT count(*) AS n FROM subscriptions s JOIN subscription_channels c
         ON c.platform = s.platform AND c.channel_id = s.channel_id
       WHERE c.platform = ? AND c.workspace_id = ?`,
      n.platform,
      n.workspaceId,
    );
    if (n.workspaceId !== '' && inWorkspace >= MAX_SOURCES_PER_WORKSPACE)
      return { ok: false, reason: 'workspace-limit', limit: MAX_SOURCES_PER_WORKSPACE };
    insertChannel.run({
      ...n.defaults,
      platform: n.platform,
      channelId: n.channelId,
      workspaceId: n.workspaceId,
      include: '[]',
      exclude: '[]',
      paused: 0,
      origin: 'chat',
      by: n.by,
      now: n.now,
    });
    const row = insertSource.get(n.platform, n.channelId, n.kind, n.url, key, n.title, n.by, n.now) as Row;
    bump.run();
    const channel = oneChannel(n);
    if (!channel) throw new NewsbriefError('store', 'The channel vanished while following a source');
    return { ok: true, subscription: toSubscription(row), channel };
  });

  const removeTx = conn.transaction((where: string, ...params: unknown[]): Subscription | null => {
    const row = conn.prepare(`DELETE FROM subscriptions ${where} RETURNING *`).get(...params) as
      | Row
      | undefined;
    if (!row) return null;
    bump.run();
    return toSubscription(row);
  });

  const updateTx = conn.transaction(
    (key: ChannelKey, change: Parameters<SubscriptionStore['updateChannel']>[1], by: string, now: string) => {
      const sets: string[] = ['updated_by = @by', 'updated_at = @now'];
      const values: Record<string, unknown> = { by, now, platform: key.platform, channelId: key.channelId };
      const set = (column: string, value: unknown) => {
        sets.push(`${column} = @${column}`);
        values[column] = value;
      };
      if (change.schedule !== undefined) set('schedule', change.schedule);
      if (change.timezone !== undefined) set('timezone', change.timezone);
      if (change.include !== undefined) set('include', JSON.stringify(change.include));
      if (change.exclude !== undefined) set('exclude', JSON.stringify(change.exclude));
      if (change.paused !== undefined) set('paused', change.paused ? 1 : 0);
      const r = conn
        .prepare(
          `UPDATE subscription_channels SET ${sets.join(', ')} WHERE platform = @platform AND channel_id = @channelId`,
        )
        .run(values);
      if (r.changes === 0) return null;
      bump.run();
      return oneChannel(key);
    },
  );
  return { importAll, subscribeTx, removeTx, updateTx };
}

export function createSqliteSubscriptions(path: string): SubscriptionStore {
  let db: Database.Database;
  try {
    db = new Database(path);
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    migrate(db);
  } catch (err) {
    if (err instanceof NewsbriefError) throw err;
    throw new NewsbriefError('store', `Cannot open the store at ${path}: ${(err as Error).message}`, {
      cause: err,
    });
  }
  const conn = db;
  const st = subscriptionStatements(conn);
  const { sourceRows, channelRows, oneChannel, count } = st;
  const { importAll, subscribeTx, removeTx, updateTx } = subscriptionTransactions(st);

  return {
    async importChannels(channels, now) {
      return importAll.immediate(channels, now);
    },
    async channels() {
      return channelsOf(channelRows(), sourceRows());
    },
    async channel(key) {
      return oneChannel(key);
    },
    async subscribe(input) {
      return subscribeTx.immediate(input);
    },
    async unsubscribe(key, idOrUrl) {
      const by = isSourceId(idOrUrl) ? 'id = ?' : 'url_key = ?';
      const value = isSourceId(idOrUrl) ? Number(idOrUrl) : sourceKey(idOrUrl.trim());
      return removeTx.immediate(
        `WHERE platform = ? AND channel_id = ? AND ${by}`,
        key.platform,
        key.channelId,
        value,
      );
    },
    async remove(id) {
      if (!isSourceId(id)) return null;
      return removeTx.immediate('WHERE id = ?', Number(id));
    },
    async updateChannel(key, change, by, now) {
      return updateTx.immediate(key, change, by, now);
    },
    async recordFetch(id, at, error) {
      if (!isSourceId(id)) return;
      // Not a change of what is followed: the version stays, so no instance reschedules for it.
      conn
        .prepare('UPDATE subscriptions SET last_fetch_at = ?, last_error = ? WHERE id = ?')
        .run(at, error, Number(id));
    },
    async version() {
      return count('SELECT version AS n FROM subscriptions_version WHERE id = 1');
    },
    async close() {
      if (conn.open) conn.close();
    },
  };
}
