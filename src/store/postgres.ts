/**
 * The PostgreSQL BriefingStore (node-postgres): the shared store for several instances on several
 * machines. Same contract as the SQLite store (one suite runs against both). The connection, versioned
 * migrations under an advisory lock and transactions are in postgres-db.ts; each concern is its own part:
 * articles (postgres-articles.ts, one transaction per ingested article), the rows answers read
 * (postgres-answers.ts: `ask` reads each term's newest postings from a (term, sentence id) b-tree,
 * postgres-search.ts; `who` reads name totals kept by a trigger), the outbox (postgres-outbox.ts, claims
 * with `FOR UPDATE SKIP LOCKED`), run state and leases (postgres-state.ts, rows with an expiry time).
 *
 * The pool reconnects by itself: a query while the server is away fails with a store error, and the
 * next one after it is back opens a new connection. Connecting and migrating happen on first use and are
 * retried on the next use when they fail, so a bot started while the server restarts recovers.
 */
import { postgresAnswers } from './postgres-answers.js';
import { postgresArticles } from './postgres-articles.js';
import { connectPostgres } from './postgres-db.js';
import { postgresOutbox } from './postgres-outbox.js';
import { postgresState } from './postgres-state.js';
import type { SearchLimits } from './sentence-search.js';
import type { BriefingStore } from './types.js';

export interface PostgresStoreOptions {
  /** Connections in the pool (default 10). */
  poolSize?: number;
  /** Used when the URL holds none (NEWSBRIEF_DB's or PGPASSWORD). */
  password?: string;
  /** How far `ask`'s candidate search reads. */
  searchLimits?: SearchLimits;
  /** Milliseconds to wait for a connection before a query fails (default 5000). */
  connectTimeoutMs?: number;
}

export interface PostgresStore extends BriefingStore {
  /** Connect and migrate now; throws one clear line when the server cannot be reached. */
  ready(): Promise<void>;
}

export function createPostgresStore(url: string, options: PostgresStoreOptions = {}): PostgresStore {
  const db = connectPostgres(url, options);
  return {
    ready: db.ready,
    ...postgresArticles(db),
    ...postgresAnswers(db, options.searchLimits),
    ...postgresOutbox(db),
    ...postgresState(db),
    close: db.close,
  };
}
