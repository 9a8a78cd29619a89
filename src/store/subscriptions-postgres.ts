/**
 * The SubscriptionStore over a PostgreSQL store: a small pool of its own, the same migrations, one
 * transaction per change holding an advisory lock on the channel's workspace, so that two instances
 * following at once cannot both pass a limit.
 */
import type pg from 'pg';
import { NewsbriefError } from '../errors.js';
import { connectPostgres } from './postgres-db.js';
import { channelsOf, isSourceId, toSubscription } from './subscription-rows.js';
import {
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
type Client = Pick<pg.PoolClient, 'query'>;

export interface PostgresSubscriptionOptions {
  password?: string;
  /** Connections in the pool (default 2: changes are rare and small). */
  poolSize?: number;
}

const BUMP = 'UPDATE subscriptions_version SET version = version + 1 WHERE id = 1';
const INSERT_CHANNEL = `INSERT INTO subscription_channels (platform, channel_id, workspace_id, name, schedule,
    timezone, include, exclude, paused, max_per_digest, style, origin, updated_by, updated_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
  ON CONFLICT (platform, channel_id) DO NOTHING`;
const INSERT_SOURCE = `INSERT INTO subscriptions (platform, channel_id, kind, url, url_key, title, added_by, added_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (platform, channel_id, url_key) DO NOTHING RETURNING *`;

/**
 * The subscription store's own small pool, opened as the rest of the PostgreSQL store opens its own
 * (migrations on first use, transactions run again after a deadlock), and its errors named for it.
 */
function connectSubscriptions(url: string, options: PostgresSubscriptionOptions) {
  const db = connectPostgres(url, {
    poolSize: options.poolSize ?? 2,
    ...(options.password ? { password: options.password } : {}),
  });
  async function named<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      throw db.fail('Subscriptions', err);
    }
  }
  const q = async (c: Client, sql: string, params: unknown[] = []): Promise<Row[]> =>
    (await c.query(sql, params)).rows as Row[];
  /** One transaction; with a key, under the workspace's advisory lock so limits hold across instances. */
  const tx = <T>(lockKey: string | null, body: (c: Client) => Promise<T>): Promise<T> =>
    named(() =>
      db.tx(async (c) => {
        if (lockKey !== null)
          await c.query("SELECT pg_advisory_xact_lock(hashtext('subs:' || $1))", [lockKey]);
        return body(c);
      }),
    );
  const read = <T>(body: (c: Client) => Promise<T>): Promise<T> =>
    named(async () => {
      await db.ready();
      return body(db.pool);
    });
  return { q, tx, read, close: () => db.close() };
}

type Query = (c: Client, sql: string, params?: unknown[]) => Promise<Row[]>;

/** Following a source, inside the workspace's locked transaction: refused when a limit is reached. */
async function subscribeIn(
  c: Client,
  n: NewSubscription,
  q: Query,
  oneChannel: (c: Client, key: ChannelKey) => Promise<SubscribedChannel | null>,
): Promise<SubscribeResult> {
  const key = sourceKey(n.url);
  const existing = (
    await q(c, 'SELECT * FROM subscriptions WHERE platform = $1 AND channel_id = $2 AND url_key = $3', [
      n.platform,
      n.channelId,
      key,
    ])
  )[0];
  if (existing) return { ok: false, reason: 'duplicate', existing: toSubscription(existing) } as const;
  const inChannel = Number(
    (
      await q(c, 'SELECT count(*) AS n FROM subscriptions WHERE platform = $1 AND channel_id = $2', [
        n.platform,
        n.channelId,
      ])
    )[0]?.n,
  );
  if (inChannel >= MAX_SOURCES_PER_CHANNEL)
    return { ok: false, reason: 'channel-limit', limit: MAX_SOURCES_PER_CHANNEL } as const;
  const inWorkspace = Number(
    (
      await q(
        c,
        `SELECT count(*) AS n FROM subscriptions s JOIN subscription_channels ch
             ON ch.platform = s.platform AND ch.channel_id = s.channel_id
           WHERE ch.platform = $1 AND ch.workspace_id = $2`,
        [n.platform, n.workspaceId],
      )
    )[0]?.n,
  );
  if (n.workspaceId !== '' && inWorkspace >= MAX_SOURCES_PER_WORKSPACE)
    return { ok: false, reason: 'workspace-limit', limit: MAX_SOURCES_PER_WORKSPACE } as const;
  await c.query(INSERT_CHANNEL, [
    n.platform,
    n.channelId,
    n.workspaceId,
    n.defaults.name,
    n.defaults.schedule,
    n.defaults.timezone,
    '[]',
    '[]',
    false,
    n.defaults.maxPerDigest,
    n.defaults.style,
    'chat',
    n.by,
    n.now,
  ]);
  const row = (
    await q(c, INSERT_SOURCE, [n.platform, n.channelId, n.kind, n.url, key, n.title, n.by, n.now])
  )[0];
  if (!row) throw new NewsbriefError('store', 'The source was not added');
  await c.query(BUMP);
  const channel = await oneChannel(c, n);
  if (!channel) throw new NewsbriefError('store', 'The channel vanished while following a source');
  return { ok: true, subscription: toSubscription(row), channel } as const;
}

export function createPostgresSubscriptions(
  url: string,
  options: PostgresSubscriptionOptions = {},
): SubscriptionStore {
  const { q, tx, read, close } = connectSubscriptions(url, options);

  async function oneChannel(c: Client, key: ChannelKey): Promise<SubscribedChannel | null> {
    const params = [key.platform, key.channelId];
    return (
      channelsOf(
        await q(c, 'SELECT * FROM subscription_channels WHERE platform = $1 AND channel_id = $2', params),
        await q(c, 'SELECT * FROM subscriptions WHERE platform = $1 AND channel_id = $2 ORDER BY id', params),
      )[0] ?? null
    );
  }

  async function removeWhere(where: string, params: unknown[]): Promise<Subscription | null> {
    return tx(null, async (c) => {
      const row = (await q(c, `DELETE FROM subscriptions ${where} RETURNING *`, params))[0];
      if (!row) return null;
      await c.query(BUMP);
      return toSubscription(row);
    });
  }

  return {
    importChannels: (channels, now) =>
      tx('import', async (c) => {
        let imported = 0;
        for (const ch of channels) {
          const r = await c.query(INSERT_CHANNEL, [
            ch.platform,
            ch.channelId,
            ch.workspaceId,
            ch.name,
            ch.schedule,
            ch.timezone,
            JSON.stringify(ch.include),
            JSON.stringify(ch.exclude),
            ch.paused,
            ch.maxPerDigest,
            ch.style,
            'config',
            'config',
            now,
          ]);
          if (!r.rowCount) continue; // imported before, or made in chat: the store wins
          imported++;
          for (const s of ch.sources)
            await c.query(INSERT_SOURCE, [
              ch.platform,
              ch.channelId,
              s.kind,
              s.url,
              sourceKey(s.url),
              s.title ?? null,
              'config',
              now,
            ]);
        }
        if (imported > 0) await c.query(BUMP);
        return imported;
      }),
    channels: () =>
      read(async (c) =>
        channelsOf(
          await q(c, 'SELECT * FROM subscription_channels ORDER BY platform, channel_id'),
          await q(c, 'SELECT * FROM subscriptions ORDER BY id'),
        ),
      ),
    channel: (key) => read((c) => oneChannel(c, key)),
    subscribe: (n) => tx(`${n.platform}:${n.workspaceId}`, (c) => subscribeIn(c, n, q, oneChannel)),
    unsubscribe: (key, idOrUrl) =>
      isSourceId(idOrUrl)
        ? removeWhere('WHERE platform = $1 AND channel_id = $2 AND id = $3', [
            key.platform,
            key.channelId,
            Number(idOrUrl),
          ])
        : removeWhere('WHERE platform = $1 AND channel_id = $2 AND url_key = $3', [
            key.platform,
            key.channelId,
            sourceKey(idOrUrl.trim()),
          ]),
    remove: async (id) => (isSourceId(id) ? removeWhere('WHERE id = $1', [Number(id)]) : null),
    updateChannel: (key, change, by, now) =>
      tx(null, async (c) => {
        const sets = ['updated_by = $3', 'updated_at = $4'];
        const params: unknown[] = [key.platform, key.channelId, by, now];
        const set = (column: string, value: unknown) => {
          params.push(value);
          sets.push(`${column} = $${params.length}`);
        };
        if (change.schedule !== undefined) set('schedule', change.schedule);
        if (change.timezone !== undefined) set('timezone', change.timezone);
        if (change.include !== undefined) set('include', JSON.stringify(change.include));
        if (change.exclude !== undefined) set('exclude', JSON.stringify(change.exclude));
        if (change.paused !== undefined) set('paused', change.paused);
        const r = await c.query(
          `UPDATE subscription_channels SET ${sets.join(', ')} WHERE platform = $1 AND channel_id = $2`,
          params,
        );
        if (!r.rowCount) return null;
        await c.query(BUMP);
        return oneChannel(c, key);
      }),
    recordFetch: async (id, at, error) => {
      if (!isSourceId(id)) return;
      await read((c) =>
        c.query('UPDATE subscriptions SET last_fetch_at = $1, last_error = $2 WHERE id = $3', [
          at,
          error,
          Number(id),
        ]),
      );
    },
    version: () =>
      read(async (c) =>
        Number((await q(c, 'SELECT version FROM subscriptions_version WHERE id = 1'))[0]?.version ?? 0),
      ),
    close,
  };
}
