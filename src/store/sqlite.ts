/**
 * The SQLite BriefingStore (better-sqlite3): one file, WAL, foreign keys on, versioned migrations, one
 * transaction per ingested article, FTS5 over sentences for `ask`. better-sqlite3 is synchronous; the
 * methods return promises so that the interface fits a server database too.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { personKeys, queryKey } from '../core/answer/names.js';
import type { PersonCandidates, PersonRow, QuoteRow, SentenceRow } from '../core/answer/rows.js';
import type { Analysis, Briefing } from '../core/types.js';
import { NewsbriefError } from '../errors.js';
import { MIGRATIONS } from './migrations.js';
import {
  articleRef,
  articleSentence,
  countsRow,
  feedStateRow,
  knownArticle as known,
  personRow,
  quoteRow,
  sentenceRow,
  storedArticle,
  toDelivery,
} from './rows.js';
import { createSentenceSearch, type SearchLimits } from './sentence-search.js';
import type { BriefingStore, FeedState, IngestInput, IngestResult } from './types.js';

type Row = Record<string, unknown>;

/** How many of a name's newest articles `personCandidates` reads quotes and sentences from. */
export const DETAIL_ROWS = 25;
/**
 * Quotes and sentences read for a card, which shows five of each: ten times that leaves room for the
 * rows of other people who share the name, and reading 200 of each cost more than the rest of `who`.
 */
export const DETAIL_LINES = 50;

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

  const search = createSentenceSearch(db, options.searchLimits);
  const s = {
    findKey: db.prepare(
      'SELECT a.id, a.version, a.content_hash FROM article_keys k JOIN articles a ON a.id = k.article_id WHERE k.key = ?',
    ),
    findHash: db.prepare('SELECT id, version, content_hash FROM articles WHERE content_hash = ? LIMIT 1'),
    insertArticle: db.prepare(
      `INSERT INTO articles (key, version, content_hash, url, title, byline, published_at, source, ingested_at, updated_at)
       VALUES (@key, 1, @hash, @url, @title, @byline, @publishedAt, @source, @now, @now)`,
    ),
    updateArticle: db.prepare(
      `UPDATE articles SET version = version + 1, content_hash = @hash, url = @url, title = @title, byline = @byline,
       published_at = @publishedAt, source = coalesce(@source, source), updated_at = @now WHERE id = @id`,
    ),
    insertKey: db.prepare('INSERT OR IGNORE INTO article_keys (key, article_id) VALUES (?, ?)'),
    insertVersion: db.prepare(
      'INSERT INTO article_versions (article_id, version, content_hash, ingested_at) VALUES (?, ?, ?, ?)',
    ),
    deletePeople: db.prepare('DELETE FROM people WHERE article_id = ?'),
    deleteQuotes: db.prepare('DELETE FROM quotes WHERE article_id = ?'),
    deleteSentences: db.prepare('DELETE FROM sentences WHERE article_id = ?'),
    upsertBriefing: db.prepare(
      `INSERT INTO briefings (article_id, version, briefing) VALUES (?, ?, ?)
       ON CONFLICT(article_id) DO UPDATE SET version = excluded.version, briefing = excluded.briefing`,
    ),
    insertPerson: db.prepare(
      'INSERT INTO people (article_id, name, role, aliases, mentions) VALUES (?, ?, ?, ?, ?)',
    ),
    insertPersonKey: db.prepare(
      'INSERT OR IGNORE INTO person_keys (key, article_id, person_id) VALUES (?, ?, ?)',
    ),
    insertQuote: db.prepare(
      'INSERT INTO quotes (article_id, idx, text, speaker, speaker_role) VALUES (?, ?, ?, ?, ?)',
    ),
    insertSentence: db.prepare(
      'INSERT INTO sentences (article_id, idx, paragraph, text, people) VALUES (?, ?, ?, ?, ?)',
    ),
    insertMention: db.prepare('INSERT OR IGNORE INTO mentions (person_id, sentence_id) VALUES (?, ?)'),
    getArticle: db.prepare(
      'SELECT a.*, b.briefing FROM articles a LEFT JOIN briefings b ON b.article_id = a.id WHERE a.id = ?',
    ),
    articleSentences: db.prepare(
      'SELECT text, paragraph, people FROM sentences WHERE article_id = ? ORDER BY idx',
    ),
    deleteArticle: db.prepare('DELETE FROM articles WHERE id = ?'),
    peopleByKey: db.prepare(
      `SELECT p.id AS person_id, p.name, p.role, p.aliases, p.mentions, a.id AS article_id, a.title, a.url,
              a.published_at, a.updated_at
       FROM person_keys k JOIN people p ON p.id = k.person_id JOIN articles a ON a.id = k.article_id
       WHERE k.key = ? ORDER BY k.article_id DESC LIMIT ?`,
    ),
    nameTotal: db.prepare('SELECT articles, mentions FROM name_totals WHERE name = ?'),
    quotesInArticles: db.prepare(
      `SELECT q.idx, q.text, q.speaker, q.speaker_role, a.id AS article_id, a.title, a.url, a.published_at, a.updated_at
       FROM quotes q JOIN articles a ON a.id = q.article_id
       WHERE q.article_id IN (SELECT value FROM json_each(?)) AND instr(lower(q.speaker), ?) > 0
       ORDER BY q.article_id DESC, q.idx LIMIT ?`,
    ),
    sentencesOfPeople: db.prepare(
      `SELECT s.id, s.idx, s.text, s.people, a.id AS article_id, a.title, a.url, a.published_at, a.updated_at
       FROM mentions m JOIN sentences s ON s.id = m.sentence_id JOIN articles a ON a.id = s.article_id
       WHERE m.person_id IN (SELECT value FROM json_each(?))
       ORDER BY s.article_id DESC, s.idx LIMIT ?`,
    ),
    latestQuotes: db.prepare(
      `SELECT q.idx, q.text, q.speaker, q.speaker_role, a.id AS article_id, a.title, a.url, a.published_at, a.updated_at
       FROM quotes q JOIN articles a ON a.id = q.article_id ORDER BY q.id DESC LIMIT ?`,
    ),
    peopleNames: db.prepare(
      `SELECT p.name, SUM(p.mentions) AS n, MIN(instr(lower(p.name), lower(@prefix))) AS pos
       FROM (SELECT person_id FROM person_keys WHERE key >= @lo AND key < @hi LIMIT 5000) k
       JOIN people p ON p.id = k.person_id GROUP BY p.name ORDER BY pos = 1 DESC, n DESC, p.name LIMIT @limit`,
    ),
    briefingsSince: db.prepare(
      `SELECT a.id AS article_id, a.title, a.url, a.published_at, a.updated_at, b.version, b.briefing
       FROM articles a JOIN briefings b ON b.article_id = a.id WHERE a.updated_at >= ?
       ORDER BY a.updated_at DESC, a.id DESC LIMIT ?`,
    ),
    counts: db.prepare(
      `SELECT (SELECT count(*) FROM articles) AS articles, (SELECT count(*) FROM article_versions) AS versions,
       (SELECT count(*) FROM briefings) AS briefings, (SELECT count(*) FROM people) AS people,
       (SELECT count(*) FROM quotes) AS quotes, (SELECT count(*) FROM sentences) AS sentences,
       (SELECT count(*) FROM deliveries) AS deliveries`,
    ),
    insertDelivery: db.prepare(
      `INSERT INTO deliveries (platform, channel_id, article_id, version, status, created_at, updated_at)
       VALUES (?, ?, ?, ?, 'pending', ?, ?) ON CONFLICT DO NOTHING`,
    ),
    getDeliveryByTarget: db.prepare(
      'SELECT * FROM deliveries WHERE platform = ? AND channel_id = ? AND article_id = ? AND version = ?',
    ),
    markDelivered: db.prepare(
      `UPDATE deliveries SET status = 'sent', message_id = ?, thread_id = ?, error = NULL, attempts = attempts + 1,
       updated_at = ? WHERE id = ?`,
    ),
    markFailed: db.prepare(
      `UPDATE deliveries SET status = 'failed', error = ?, attempts = attempts + 1, updated_at = ? WHERE id = ?`,
    ),
    pending: db.prepare(`SELECT * FROM deliveries WHERE status = 'pending' ORDER BY id LIMIT ?`),
    deliveriesFor: db.prepare('SELECT * FROM deliveries WHERE platform = ? AND channel_id = ? ORDER BY id'),
    lastDelivery: db.prepare(
      `SELECT * FROM deliveries WHERE platform = ? AND channel_id = ? AND article_id = ? AND status = 'sent'
       ORDER BY version DESC, id DESC LIMIT 1`,
    ),
    threadArticle: db.prepare(
      'SELECT article_id FROM deliveries WHERE platform = ? AND channel_id = ? AND thread_id = ? ORDER BY id DESC LIMIT 1',
    ),
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

  function writeDerived(id: number | bigint, version: number, analysis: Analysis): void {
    s.upsertBriefing.run(id, version, JSON.stringify(analysis.briefing));
    const personIds = new Map<string, number | bigint>();
    for (const p of analysis.briefing.people) {
      const pid = s.insertPerson.run(
        id,
        p.name,
        p.role,
        JSON.stringify(p.aliases),
        p.mentions,
      ).lastInsertRowid;
      personIds.set(p.name, pid);
      for (const k of personKeys(p.name, p.aliases)) s.insertPersonKey.run(k, id, pid);
    }
    analysis.briefing.quotes.forEach((q, i) => {
      s.insertQuote.run(id, i, q.text, q.speaker, q.speakerRole);
    });
    analysis.sentences.forEach((sen, i) => {
      const sid = s.insertSentence.run(
        id,
        i,
        sen.paragraph,
        sen.text,
        JSON.stringify(sen.people),
      ).lastInsertRowid;
      for (const name of sen.people) {
        const pid = personIds.get(name);
        if (pid !== undefined) s.insertMention.run(pid, sid);
      }
    });
  }

  const ingestTx = db.transaction((input: IngestInput): IngestResult => {
    const now = input.now ?? new Date().toISOString();
    const a = input.article;
    const fields = {
      hash: input.contentHash,
      url: a.url,
      title: a.title,
      byline: a.byline,
      publishedAt: a.publishedAt,
      source: input.source ?? null,
      now,
    };
    const keys = [input.key, ...(input.otherKeys ?? [])];
    let known: Row | undefined;
    for (const k of keys) {
      known = s.findKey.get(k) as Row | undefined;
      if (known) break;
    }
    if (known) {
      const id = Number(known.id);
      for (const k of keys) s.insertKey.run(k, id);
      if (known.content_hash === input.contentHash)
        return { status: 'unchanged', articleId: String(id), version: Number(known.version) };
      const version = Number(known.version) + 1;
      s.updateArticle.run({ ...fields, id });
      s.insertVersion.run(id, version, input.contentHash, now);
      s.deleteSentences.run(id);
      s.deleteQuotes.run(id);
      s.deletePeople.run(id);
      writeDerived(id, version, input.analysis);
      return { status: 'updated', articleId: String(id), version };
    }
    const same = s.findHash.get(input.contentHash) as Row | undefined;
    if (same) {
      for (const k of keys) s.insertKey.run(k, same.id);
      return { status: 'duplicate', articleId: String(same.id), version: Number(same.version) };
    }
    const id = s.insertArticle.run({ ...fields, key: input.key }).lastInsertRowid;
    for (const k of keys) s.insertKey.run(k, id);
    s.insertVersion.run(id, 1, input.contentHash, now);
    writeDerived(id, 1, input.analysis);
    return { status: 'new', articleId: String(id), version: 1 };
  });

  const store: BriefingStore = {
    async ingest(input) {
      try {
        return ingestTx.immediate(input);
      } catch (err) {
        throw new NewsbriefError('store', `Could not store "${input.key}": ${(err as Error).message}`, {
          cause: err,
        });
      }
    },
    async findByKey(key) {
      return known(s.findKey.get(key) as Row | undefined);
    },
    async findByContentHash(hash) {
      return known(s.findHash.get(hash) as Row | undefined);
    },
    async getArticle(articleId) {
      const r = s.getArticle.get(Number(articleId)) as Row | undefined;
      if (!r) return null;
      const sentences = (s.articleSentences.all(Number(articleId)) as Row[]).map(articleSentence);
      return storedArticle(r, sentences);
    },
    async deleteArticle(articleId) {
      return db.transaction(() => s.deleteArticle.run(Number(articleId)).changes > 0).immediate();
    },
    async counts() {
      return countsRow(s.counts.get() as Row);
    },
    async personCandidates(name, limit = 100): Promise<PersonCandidates> {
      const key = queryKey(name);
      if (!key) return { people: [], quotes: [], sentences: [] };
      const people: PersonRow[] = (s.peopleByKey.all(key, limit) as Row[]).map(personRow);
      if (people.length === 0) return { people, quotes: [], sentences: [] };
      const nameTotals =
        people.length < limit
          ? undefined
          : [...new Map(people.map((p) => [p.name.toLowerCase(), p.name])).values()].map((n) => {
              const t = s.nameTotal.get(n) as Row | undefined;
              return { name: n, articles: Number(t?.articles ?? 0), mentions: Number(t?.mentions ?? 0) };
            });
      // Cards show the newest few quotes and sentences: read them from the newest articles only, so a
      // name in thousands of articles costs a bounded number of row reads. Counts come from `people`.
      const newest = people.slice(0, DETAIL_ROWS);
      const articleIds = JSON.stringify([...new Set(newest.map((p) => Number(p.articleId)))]);
      const quotes: QuoteRow[] = (s.quotesInArticles.all(articleIds, key, DETAIL_LINES) as Row[]).map(
        quoteRow,
      );
      const personIds = JSON.stringify(newest.map((p) => Number(p.personId)));
      const sentences: SentenceRow[] = (s.sentencesOfPeople.all(personIds, DETAIL_LINES) as Row[]).map(
        sentenceRow,
      );
      return { people, quotes, sentences, ...(nameTotals ? { nameTotals } : {}) };
    },
    async searchSentences(question, limit = 50) {
      const rows = search.search(question, limit);
      return rows.map((r) => ({ ...sentenceRow(r), score: Number(r.score) }));
    },
    async latestQuotes(limit = 10) {
      return (s.latestQuotes.all(limit) as Row[]).map(quoteRow);
    },
    async peopleNames(prefix, limit) {
      const lo = prefix.trim().toLowerCase();
      if (!lo) return [];
      const rows = s.peopleNames.all({ prefix: lo, lo, hi: `${lo}\uffff`, limit }) as Row[];
      return rows.map((r) => String(r.name));
    },
    async briefingsSince(since, limit = 500) {
      return (s.briefingsSince.all(since, limit) as Row[]).map((r) => ({
        ...articleRef(r),
        version: Number(r.version),
        briefing: JSON.parse(String(r.briefing)) as Briefing,
      }));
    },
    async recordDeliveryPending(t, now = new Date().toISOString()) {
      try {
        s.insertDelivery.run(t.platform, t.channelId, Number(t.articleId), t.version, now, now);
      } catch (err) {
        throw new NewsbriefError('store', `No article ${t.articleId} to deliver.`, { cause: err });
      }
      const r = s.getDeliveryByTarget.get(t.platform, t.channelId, Number(t.articleId), t.version) as
        | Row
        | undefined;
      if (!r) throw new NewsbriefError('store', `No article ${t.articleId} to deliver.`);
      return toDelivery(r);
    },
    async markDelivered(id, d, now = new Date().toISOString()) {
      s.markDelivered.run(d.messageId, d.threadId, now, Number(id));
    },
    async markFailed(id, error, now = new Date().toISOString()) {
      s.markFailed.run(error, now, Number(id));
    },
    async pendingDeliveries(limit = 100) {
      return (s.pending.all(limit) as Row[]).map(toDelivery);
    },
    async deliveriesFor(channel) {
      return (s.deliveriesFor.all(channel.platform, channel.channelId) as Row[]).map(toDelivery);
    },
    async lastDelivery(channel, articleId) {
      const r = s.lastDelivery.get(channel.platform, channel.channelId, Number(articleId)) as Row | undefined;
      return r ? toDelivery(r) : null;
    },
    async threadArticle(platform, channelId, threadId) {
      const r = s.threadArticle.get(platform, channelId, threadId) as Row | undefined;
      return r ? { articleId: String(r.article_id) } : null;
    },
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
    async setFeedState(state: FeedState) {
      s.setFeedState.run(state);
    },
    async close() {
      if (db.open) db.close();
    },
  };
  return store;
}
