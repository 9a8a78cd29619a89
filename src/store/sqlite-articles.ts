/** The SQLite store's articles: ingest (one transaction per article), lookups, delete, counts. */
import type Database from 'better-sqlite3';
import { personKeys } from '../core/answer/names.js';
import type { Analysis } from '../core/types.js';
import { NewsbriefError } from '../errors.js';
import {
  articleSentence,
  COUNTS_SQL,
  countsRow,
  knownArticle as known,
  type Row,
  storedArticle,
} from './rows.js';
import type { ArticleStore, IngestInput, IngestResult } from './types.js';

function writeStatements(db: Database.Database) {
  return {
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
  };
}
type WriteStatements = ReturnType<typeof writeStatements>;

/** The briefing, people, quotes and sentences of one article version. */
function writeDerived(s: WriteStatements, id: number | bigint, version: number, analysis: Analysis): void {
  s.upsertBriefing.run(id, version, JSON.stringify(analysis.briefing));
  const personIds = new Map<string, number | bigint>();
  for (const p of analysis.briefing.people) {
    const pid = s.insertPerson.run(id, p.name, p.role, JSON.stringify(p.aliases), p.mentions).lastInsertRowid;
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

/** New, a new version of a known article, unchanged, or a duplicate of another article's text. */
function ingestOne(s: WriteStatements, input: IngestInput): IngestResult {
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
  let found: Row | undefined;
  for (const k of keys) {
    found = s.findKey.get(k) as Row | undefined;
    if (found) break;
  }
  if (found) {
    const id = Number(found.id);
    for (const k of keys) s.insertKey.run(k, id);
    if (found.content_hash === input.contentHash)
      return { status: 'unchanged', articleId: String(id), version: Number(found.version) };
    const version = Number(found.version) + 1;
    s.updateArticle.run({ ...fields, id });
    s.insertVersion.run(id, version, input.contentHash, now);
    s.deleteSentences.run(id);
    s.deleteQuotes.run(id);
    s.deletePeople.run(id);
    writeDerived(s, id, version, input.analysis);
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
  writeDerived(s, id, 1, input.analysis);
  return { status: 'new', articleId: String(id), version: 1 };
}

export function sqliteArticles(db: Database.Database): ArticleStore {
  const s = writeStatements(db);
  const read = {
    getArticle: db.prepare(
      'SELECT a.*, b.briefing FROM articles a LEFT JOIN briefings b ON b.article_id = a.id WHERE a.id = ?',
    ),
    articleSentences: db.prepare(
      'SELECT text, paragraph, people FROM sentences WHERE article_id = ? ORDER BY idx',
    ),
    deleteArticle: db.prepare('DELETE FROM articles WHERE id = ?'),
    counts: db.prepare(COUNTS_SQL),
  };
  const ingestTx = db.transaction((input: IngestInput) => ingestOne(s, input));
  return {
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
    async getArticle(articleId) {
      const r = read.getArticle.get(Number(articleId)) as Row | undefined;
      if (!r) return null;
      const sentences = (read.articleSentences.all(Number(articleId)) as Row[]).map(articleSentence);
      return storedArticle(r, sentences);
    },
    async deleteArticle(articleId) {
      return db.transaction(() => read.deleteArticle.run(Number(articleId)).changes > 0).immediate();
    },
    async counts() {
      return countsRow(read.counts.get() as Row);
    },
  };
}
