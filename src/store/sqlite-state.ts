/** The SQLite store's run state, feed state and leases (rows with an expiry time). */
import type Database from 'better-sqlite3';
import { feedStateRow, type Row } from './rows.js';
import type { LeaseStore, RunStateStore } from './types.js';

export function sqliteState(db: Database.Database): RunStateStore & LeaseStore {
  const s = {
    lastRun: db.prepare('SELECT at FROM run_state WHERE name = ?'),
    setLastRun: db.prepare(
      'INSERT INTO run_state (name, at) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET at = excluded.at',
    ),
    acquireLease: db.prepare(
      `INSERT INTO leases (name, holder, expires_at) VALUES (@name, @holder, @expires)
       ON CONFLICT(name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
       WHERE leases.holder = excluded.holder OR leases.expires_at <= @now`,
    ),
    releaseLease: db.prepare('DELETE FROM leases WHERE name = ? AND holder = ?'),
    feedState: db.prepare('SELECT * FROM feeds WHERE url = ?'),
    setFeedState: db.prepare(
      `INSERT INTO feeds (url, etag, last_modified, checked_at, error) VALUES (@url, @etag, @lastModified, @checkedAt, @error)
       ON CONFLICT(url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
       checked_at = excluded.checked_at, error = excluded.error`,
    ),
  };
  return {
    async lastRun(name) {
      const r = s.lastRun.get(name) as Row | undefined;
      return r ? String(r.at) : null;
    },
    async setLastRun(name, at) {
      s.setLastRun.run(name, at);
    },
    async tryAcquireLease(name, holder, ttlMs, now = Date.now()) {
      return db
        .transaction(() => s.acquireLease.run({ name, holder, expires: now + ttlMs, now }).changes > 0)
        .immediate();
    },
    async releaseLease(name, holder) {
      s.releaseLease.run(name, holder);
    },
    async feedState(url) {
      return feedStateRow(s.feedState.get(url) as Row | undefined);
    },
    async setFeedState(state) {
      s.setFeedState.run(state);
    },
  };
}
