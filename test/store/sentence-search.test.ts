/**
 * The SQLite candidate search for `ask`, with its limits shrunk so that a small store exercises the
 * paths a 100,000-article store takes: common terms (more postings than the probe reads) and a recent
 * span smaller than the store. Articles are written for these tests and analysed by the real core.
 */
import Database from 'better-sqlite3';
import { afterEach, expect, test } from 'vitest';
import { bm25, searchTerms, searchTokens, searchWords } from '../../src/core/answer/bm25.js';
import { analyse } from '../../src/core/index.js';
import type { Article } from '../../src/core/types.js';
import { contentHash } from '../../src/store/hash.js';
import { createSqliteStore } from '../../src/store/index.js';
import { decodeAverages } from '../../src/store/sentence-search.js';
import type { BriefingStore } from '../../src/store/types.js';

const TOWNS = ['Arden', 'Belmont', 'Corvale', 'Dunmore', 'Elsworth', 'Fenwick', 'Glenholm', 'Harrow'];

/** Filler articles: every sentence holds the common words "council", "budget" or "meeting". */
function filler(i: number): Article {
  const town = TOWNS[i % TOWNS.length];
  return {
    title: `${town} council report ${i}`,
    url: `https://t.test/filler/${i}`,
    byline: null,
    publishedAt: null,
    text: [
      `The ${town} council met on Monday for report number ${i}.`,
      `Members discussed the budget for the coming year in a long meeting.`,
      `A second meeting of the council is planned for the spring, item ${i}.`,
    ].join('\n'),
  };
}

const SPECIAL: Article[] = [
  {
    title: 'Zeppelin museum opens',
    url: 'https://t.test/zeppelin',
    byline: null,
    publishedAt: null,
    text: 'A zeppelin museum opened in Harrow on Saturday with a restored airship hangar.\nVisitors queued for hours to see the hangar.\nThe council paid for the roof.',
  },
  {
    title: 'Budget row at council meeting',
    url: 'https://t.test/row',
    byline: null,
    publishedAt: null,
    text: 'The council budget meeting ended in a row over library funding on Tuesday.\nThe mayor left early.\nNo vote was taken.',
  },
];

const stores: BriefingStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

async function fill(store: BriefingStore, articles: Article[]): Promise<BriefingStore> {
  stores.push(store);
  for (const [i, a] of articles.entries())
    await store.ingest({
      key: a.url ?? String(i),
      article: a,
      analysis: analyse(a),
      contentHash: contentHash(a),
      now: new Date(Date.UTC(2025, 0, 1, 0, i)).toISOString(),
    });
  return store;
}

const small = { probe: 8, scanBudget: 40, window: 20 };

test('a rare word is found however old its sentence, even when the recent span is far smaller than the store', async () => {
  const store = await fill(createSqliteStore(':memory:', { searchLimits: small }), [
    SPECIAL[0] as Article,
    ...Array.from({ length: 60 }, (_, i) => filler(i)),
  ]);
  const rows = await store.searchSentences('when did the zeppelin museum open for the council?', 5);
  expect(rows[0]?.text).toBe(
    'A zeppelin museum opened in Harrow on Saturday with a restored airship hangar.',
  );
});

test('with only common words, a recent sentence holding them together comes first', async () => {
  const store = await fill(createSqliteStore(':memory:', { searchLimits: small }), [
    ...Array.from({ length: 60 }, (_, i) => filler(i)),
    SPECIAL[1] as Article,
    ...Array.from({ length: 3 }, (_, i) => filler(100 + i)),
  ]);
  const rows = await store.searchSentences('council budget meeting row', 5);
  expect(rows[0]?.text).toBe('The council budget meeting ended in a row over library funding on Tuesday.');
  expect(rows.every((r) => (r.score ?? 0) < 0)).toBe(true);
});

/**
 * Exact BM25 over every sentence of these articles, scored by the core as the store's search does; ties
 * newest first (later article, later sentence), as SQLite orders them.
 */
function exactBm25(articles: Article[], question: string, limit: number): string[] {
  const docs = articles.flatMap((a) =>
    analyse(a).sentences.map((s) => ({ text: s.text, tokens: new Set(searchTokens(s.text)) })),
  );
  const terms = searchTerms(question).map((t) => t.token);
  const documentFrequency = new Map(terms.map((t) => [t, docs.filter((d) => d.tokens.has(t)).length]));
  const averageLength = docs.reduce((n, d) => n + searchWords(d.text).length, 0) / docs.length;
  const stats = { documents: docs.length, averageLength, documentFrequency };
  return docs
    .map((d, i) => ({ text: d.text, i, score: bm25(terms, d.text, stats) }))
    .filter((d) => d.score > 0)
    .sort((x, y) => y.score - x.score || y.i - x.i)
    .slice(0, limit)
    .map((d) => d.text);
}

test('when every word is rare the ranking is exact BM25, computed over every sentence', async () => {
  const articles = [...SPECIAL, ...Array.from({ length: 12 }, (_, i) => filler(i))];
  const sqlite = await fill(createSqliteStore(':memory:'), articles);
  for (const q of ['zeppelin hangar', 'library funding row', 'Harrow council roof', 'mayor vote']) {
    const a = (await sqlite.searchSentences(q, 10)).map((r) => r.text);
    expect(a.length).toBeGreaterThan(0);
    expect(a).toEqual(exactBm25(articles, q, 10));
  }
});

test('the FTS5 averages record gives the sentence count and token total without a scan', async () => {
  const path = ':memory:';
  const db = new Database(path);
  db.exec(
    `CREATE TABLE s(id INTEGER PRIMARY KEY, text TEXT);
     CREATE VIRTUAL TABLE s_fts USING fts5(text, content='s', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2');`,
  );
  const texts = Array.from(
    { length: 300 },
    (_, i) => `Sentence ${i} says café prices rose ${'again '.repeat(i % 7)}in Zürich.`,
  );
  const insert = db.prepare('INSERT INTO s(id, text) VALUES (?, ?)');
  const index = db.prepare('INSERT INTO s_fts(rowid, text) VALUES (?, ?)');
  texts.forEach((t, i) => {
    insert.run(i + 1, t);
    index.run(i + 1, t);
  });
  const block = db.prepare('SELECT block FROM s_fts_data WHERE id = 1').pluck().get() as Uint8Array;
  expect(decodeAverages(block)).toEqual({
    rows: 300,
    tokens: texts.reduce((n, t) => n + searchWords(t).length, 0),
  });
  db.close();
});

test('searchWords splits news text as FTS5 unicode61 does, on typographic punctuation and accents alike', () => {
  const texts = [
    '“We’re not going back,” she said — twice… in ‘plain’ words – 2,500 times.',
    'He said: "It\'s over" (really) and left at 5pm; U.S. officials agreed.',
    'Café owners in Zürich and São Paulo said Ångström’s naïve rôle was fine.',
    'Prices rose 10% to $3.5bn „quoted“ ‚single‛ ‟double” — end',
  ];
  const db = new Database(':memory:');
  db.exec(`CREATE VIRTUAL TABLE t USING fts5(text, tokenize = 'unicode61 remove_diacritics 2');
           CREATE VIRTUAL TABLE v USING fts5vocab(t, instance);`);
  const insert = db.prepare('INSERT INTO t(rowid, text) VALUES (?, ?)');
  for (const [i, text] of texts.entries()) insert.run(i + 1, text);
  const tokensOf = db.prepare('SELECT term FROM v WHERE doc = ? ORDER BY offset').pluck();
  for (const [i, text] of texts.entries()) expect(searchWords(text)).toEqual(tokensOf.all(i + 1));
  db.close();
});
