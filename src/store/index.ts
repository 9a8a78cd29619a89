import { isPostgresUrl } from '../contracts/db-url.js';
import { NewsbriefError } from '../errors.js';
import { createPostgresStore, type PostgresStore } from './postgres.js';
import { createSqliteStore } from './sqlite.js';
import type { SubscriptionStore } from './subscriptions.js';
import { createPostgresSubscriptions } from './subscriptions-postgres.js';
import { createSqliteSubscriptions } from './subscriptions-sqlite.js';
import type { BriefingStore } from './types.js';

export { isPostgresUrl, redactDbUrl } from '../contracts/db-url.js';
export { contentHash } from './hash.js';
export { createPostgresStore } from './postgres.js';
export { createSqliteStore } from './sqlite.js';
export type * from './subscriptions.js';
export { sourceKey } from './subscriptions.js';
export type * from './types.js';

export interface StoreSettings {
  /** PostgreSQL: the password when the URL holds none. */
  password?: string | null;
  /** PostgreSQL: connections in the pool. */
  poolSize?: number;
}

/**
 * The store a `db` setting names: a `postgres://` or `postgresql://` URL selects PostgreSQL, anything
 * else is a SQLite file path (the embedded default). Before this, a URL silently became a SQLite file
 * under a folder named "postgres:".
 */
export function createStore(db: string, settings: StoreSettings = {}): BriefingStore {
  if (!isPostgresUrl(db)) return createSqliteStore(db);
  return createPostgresStore(db, {
    ...(settings.password ? { password: settings.password } : {}),
    ...(settings.poolSize ? { poolSize: settings.poolSize } : {}),
  });
}

/** The subscriptions kept in the same database as the store a `db` setting names (see subscriptions.ts). */
export function createSubscriptionStore(db: string, settings: StoreSettings = {}): SubscriptionStore {
  if (!isPostgresUrl(db)) return createSqliteSubscriptions(db);
  return createPostgresSubscriptions(db, settings.password ? { password: settings.password } : {});
}

/** The store's settings in a loaded Config. */
export function storeSettings(config: { dbPassword: string | null; dbPoolSize: number }): StoreSettings {
  return { password: config.dbPassword, poolSize: config.dbPoolSize };
}

/**
 * Make sure the store can be used now: a server store connects and migrates, and a server that cannot
 * be reached is one clear line (the URL without its password). SQLite opened when created.
 */
export async function storeReady(store: BriefingStore): Promise<void> {
  const ready = (store as Partial<PostgresStore>).ready;
  if (typeof ready === 'function') await ready.call(store);
}

export function isStoreError(err: unknown): boolean {
  return err instanceof NewsbriefError && err.code === 'store';
}
