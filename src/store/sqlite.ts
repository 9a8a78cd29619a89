/**
 * The SQLite BriefingStore (better-sqlite3): one file, WAL, foreign keys on, versioned migrations. This
 * module opens the file; each concern is its own part over the open database: articles
 * (sqlite-articles.ts), the rows answers read (sqlite-answers.ts), the outbox (sqlite-outbox.ts), run
 * state and leases (sqlite-state.ts). better-sqlite3 is synchronous; the methods return promises so that
 * the interface fits a server database too.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { NewsbriefError } from '../errors.js';
import { MIGRATIONS } from './migrations.js';
import type { SearchLimits } from './sentence-search.js';
import { sqliteAnswers } from './sqlite-answers.js';
import { sqliteArticles } from './sqlite-articles.js';
import { sqliteOutbox } from './sqlite-outbox.js';
import { sqliteState } from './sqlite-state.js';
import type { BriefingStore } from './types.js';

/**
 * Switch a new store to WAL. The switch takes an exclusive lock and SQLite does not wait for it through
 * the busy timeout, so two processes opening a new store at once retry here for up to 5 s.
 */
function enableWal(db: Database.Database): void {
  const deadline = Date.now() + 5000;
  for (;;) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (err) {
      if ((err as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() > deadline) throw err;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    }
  }
}

export function migrate(db: Database.Database): void {
  // The version is read inside each write transaction: two processes opening a new store at once would
  // otherwise both see version 0 and the second would apply migration 1 again.
  const step = db.transaction((): boolean => {
    const current = Number(db.pragma('user_version', { simple: true }));
    if (current > MIGRATIONS.length)
      throw new NewsbriefError(
        'store',
        `The store was written by a newer newsbrief (schema ${current}, this one knows ${MIGRATIONS.length}); upgrade newsbrief.`,
      );
    if (current === MIGRATIONS.length) return false;
    db.exec(MIGRATIONS[current] ?? '');
    db.pragma(`user_version = ${current + 1}`);
    return true;
  });
  while (step.immediate()) {}
}

export interface SqliteStoreOptions {
  /** How far `ask`'s candidate search reads; the defaults are measured at 100,000 articles. */
  searchLimits?: SearchLimits;
}

/**
 * Create the store's folder one level at a time below its nearest existing ancestor. A recursive
 * mkdirSync under a pseudo file system such as /proc never returns (seen on Node 20), so it is not used.
 */
function makeFolderFor(path: string): void {
  const missing: string[] = [];
  let dir = dirname(resolve(path));
  while (!existsSync(dir)) {
    missing.unshift(dir);
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  for (const d of missing) mkdirSync(d);
}

export function createSqliteStore(path: string, options: SqliteStoreOptions = {}): BriefingStore {
  let db: Database.Database | undefined;
  try {
    if (path !== ':memory:') makeFolderFor(path);
    db = new Database(path);
    db.pragma('busy_timeout = 5000');
    enableWal(db);
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('cache_size = -32000');
    migrate(db);
  } catch (err) {
    db?.close();
    if (err instanceof NewsbriefError) throw err;
    throw new NewsbriefError('store', `Cannot open the store at ${path}: ${(err as Error).message}`, {
      cause: err,
    });
  }

  const open = db;
  return {
    ...sqliteArticles(open),
    ...sqliteAnswers(open, options.searchLimits),
    ...sqliteOutbox(open),
    ...sqliteState(open),
    async close() {
      if (open.open) open.close();
    },
  };
}
