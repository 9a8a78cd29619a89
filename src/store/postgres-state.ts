/** The PostgreSQL store's run state, feed state and leases (rows with an expiry time, as in SQLite). */
import type { PgDb } from './postgres-db.js';
import { feedStateRow } from './rows.js';
import type { FeedState, LeaseStore, RunStateStore } from './types.js';

export function postgresState(db: PgDb): RunStateStore & LeaseStore {
  const { q, run } = db;
  return {
    async lastRun(name) {
      const [r] = await q('SELECT at FROM run_state WHERE name = $1', [name]);
      return r ? String(r.at) : null;
    },
    async setLastRun(name, at) {
      await run(
        'INSERT INTO run_state (name, at) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET at = excluded.at',
        [name, at],
      );
    },
    async tryAcquireLease(name, holder, ttlMs, now = Date.now()) {
      // One statement: the row lock of ON CONFLICT makes two instances' attempts take turns, and the
      // WHERE lets only the holder renew, or anyone take an expired lease.
      const changed = await run(
        `INSERT INTO leases (name, holder, expires_at) VALUES ($1, $2, $3)
         ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
         WHERE leases.holder = excluded.holder OR leases.expires_at <= $4`,
        [name, holder, now + ttlMs, now],
      );
      return changed > 0;
    },
    async releaseLease(name, holder) {
      await run('DELETE FROM leases WHERE name = $1 AND holder = $2', [name, holder]);
    },
    async feedState(url) {
      const [r] = await q('SELECT * FROM feeds WHERE url = $1', [url]);
      return feedStateRow(r);
    },
    async setFeedState(s: FeedState) {
      await run(
        `INSERT INTO feeds (url, etag, last_modified, checked_at, error) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
         checked_at = excluded.checked_at, error = excluded.error`,
        [s.url, s.etag, s.lastModified, s.checkedAt, s.error],
      );
    },
  };
}
