/**
 * `store copy` as a bulk load (COPY FROM STDIN, keys and indexes dropped for the load and made again,
 * totals counted once), against a real server: text that COPY's format must escape arrives exactly, the
 * copy leaves the schema, totals and postings as ingesting the same articles on PostgreSQL makes them,
 * and a copy that fails part-way (in a COPY, or when the foreign keys are checked at the end) leaves the
 * target empty with its schema as the migrations made it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { analyse } from '../../src/core/index.js';
import type { Article } from '../../src/core/types.js';
import { contentHash } from '../../src/store/hash.js';
import { createPostgresStore, createSqliteStore } from '../../src/store/index.js';
import { copySqliteToPostgres } from '../../src/store/postgres-copy.js';
import type { IngestInput } from '../../src/store/types.js';
import { usePgServer } from './pg-server.js';

const server = usePgServer();

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nb-pgcopy-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const input = (a: Article, i: number): IngestInput => ({
  key: a.url ?? `k${i}`,
  article: a,
  analysis: analyse(a),
  contentHash: contentHash(a),
  source: 'test',
  now: `2025-08-${String(i + 10).padStart(2, '0')}T00:00:00.000Z`,
});

/** Tab, backslash, newline, return, a literal \\N and \\t, and text beyond ASCII. */
const ODD = 'a\tb \\ c\nd\r\ne \\N \\t Zoë 東京 🎉 \\\\';

const STORIES: Article[] = [
  {
    // Every character COPY's text format escapes, a literal \N (not a null), and text beyond ASCII.
    title: 'Tab\there, back\\slash, \\N, line\nbreak, return\r, Zoë in 東京 🎉',
    text: 'Mayor Alice Johnson typed C:\\new\\table\tinto the form on Tuesday.\nJohnson said the path \\N was "not empty" and cost 5 euros.\nThe bridge opens in 2028, said Johnson.',
    url: 'https://copy.test/escapes',
    byline: '\\N',
    publishedAt: null,
  },
  {
    title: 'Storm closes schools',
    text: 'A storm closed every school in the northern districts on Monday.\nGovernor Maria Lopez said power was cut to 20,000 homes.\n"We will rebuild," Lopez said.',
    url: 'https://copy.test/storm',
    byline: 'Ana Ruiz',
    publishedAt: '2025-08-01T00:00:00.000Z',
  },
  {
    title: 'Lopez and Johnson meet',
    text: 'Governor Maria Lopez met Mayor Alice Johnson about the storm damage on Friday.\nThe damage bill rose to 80 million euros.',
    url: 'https://copy.test/meet',
    byline: null,
    publishedAt: null,
  },
];

async function sqliteStore(name: string): Promise<string> {
  const path = join(dir, name);
  const s = createSqliteStore(path);
  for (const [i, a] of STORIES.entries()) await s.ingest(input(a, i));
  await s.close();
  return path;
}

async function withClient<T>(url: string, body: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await body(c);
  } finally {
    await c.end();
  }
}

/** Keys, constraints (not-null included), indexes and triggers with their enabled state. */
const SCHEMA = `
  SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) AS d
  FROM pg_constraint WHERE connamespace = 'public'::regnamespace
  UNION ALL SELECT indexdef FROM pg_indexes WHERE schemaname = 'public'
  UNION ALL SELECT tgrelid::regclass::text || ' ' || tgname || ' ' || tgenabled::text FROM pg_trigger WHERE NOT tgisinternal
  ORDER BY 1`;

const TOTALS = [
  'SELECT name_key, name, articles, mentions FROM name_totals ORDER BY name_key',
  'SELECT sum(documents) AS documents, sum(tokens) AS tokens FROM sentence_totals',
  'SELECT term, sentence_id FROM sentence_terms ORDER BY term, sentence_id',
];

const COUNTED = [
  'articles',
  'article_keys',
  'people',
  'person_keys',
  'quotes',
  'sentences',
  'sentence_terms',
  'mentions',
  'name_totals',
];

/** Queries in turn: one client runs one query at a time. */
async function each(c: pg.Client, sqls: string[]): Promise<unknown[][]> {
  const out: unknown[][] = [];
  for (const sql of sqls) out.push((await c.query(sql)).rows);
  return out;
}

describe('store copy through COPY', () => {
  test('escaped text arrives exactly; schema, totals and postings are those ingesting on PostgreSQL makes', async () => {
    const path = await sqliteStore('escapes.db');
    const copied = await server.get().newDatabase();
    const ingested = await server.get().newDatabase();
    // Chunks of 2 rows: many COPYs per table.
    const counts = await copySqliteToPostgres(path, copied, { chunkRows: 2 });
    expect(counts).toMatchObject({ articles: 3, article_versions: 3 });

    const from = createSqliteStore(path);
    const to = createPostgresStore(copied);
    const direct = createPostgresStore(ingested);
    try {
      for (const [i, a] of STORIES.entries()) await direct.ingest(input(a, i));
      const first = await to.getArticle('1');
      expect(first?.title).toBe(STORIES[0]?.title);
      expect(first?.byline).toBe('\\N');
      expect(first?.publishedAt).toBeNull();
      for (const id of ['1', '2', '3']) expect(await to.getArticle(id)).toEqual(await from.getArticle(id));
      for (const q of ['what did Johnson type into the form?', 'how many homes lost power?'])
        expect(await to.searchSentences(q)).toEqual(await direct.searchSentences(q));
    } finally {
      await Promise.all([from.close(), to.close(), direct.close()]);
    }
    const [a, b] = await Promise.all(
      [copied, ingested].map((url) => withClient(url, (c) => each(c, [SCHEMA, ...TOTALS]))),
    );
    expect(a?.[0]?.length).toBeGreaterThan(30);
    expect(a).toEqual(b);
  });

  test('a sentence and a quote holding every character COPY escapes arrive exactly', async () => {
    const path = await sqliteStore('raw.db');
    const raw = new Database(path);
    raw.prepare('UPDATE sentences SET text = ? WHERE id = 1').run(ODD);
    raw.prepare('UPDATE quotes SET text = ?, speaker_role = NULL WHERE id = 1').run(ODD);
    raw.close();
    const url = await server.get().newDatabase();
    await copySqliteToPostgres(path, url);
    await withClient(url, async (c) => {
      expect((await c.query('SELECT text FROM sentences WHERE id = 1')).rows[0]?.text).toBe(ODD);
      expect((await c.query('SELECT text, speaker_role FROM quotes WHERE id = 1')).rows[0]).toEqual({
        text: ODD,
        speaker_role: null,
      });
    });
    const from = createSqliteStore(path);
    const to = createPostgresStore(url);
    try {
      expect(await to.getArticle('1')).toEqual(await from.getArticle('1'));
      expect(await to.latestQuotes(10)).toEqual(await from.latestQuotes(10));
    } finally {
      await Promise.all([from.close(), to.close()]);
    }
  });

  test('a copy failing in a COPY or at the foreign-key check leaves the target empty, schema intact', async () => {
    const fresh = await server.get().newDatabase();
    const target = await server.get().newDatabase();
    const freshSchema = await withClient(fresh, async (c) => {
      const opened = createPostgresStore(fresh); // a store opened once: migrated, nothing in it
      await opened.ready();
      await opened.close();
      return (await c.query(SCHEMA)).rows;
    });

    // A NUL in the last sentence: PostgreSQL text cannot hold one, so the sentences' last COPY fails
    // after the articles, people, quotes and the sentences' earlier chunks (of 2 rows) went in.
    const nul = await sqliteStore('nul.db');
    const raw = new Database(nul);
    raw
      .prepare('UPDATE sentences SET text = ? WHERE id = (SELECT max(id) FROM sentences)')
      .run('bad \u0000 byte');
    raw.close();
    // A mention of a sentence that does not exist: every row loads, the foreign key made again refuses.
    const orphan = await sqliteStore('orphan.db');
    const raw2 = new Database(orphan);
    raw2.pragma('foreign_keys = OFF');
    raw2.prepare('INSERT INTO mentions (person_id, sentence_id) VALUES (1, 9999)').run();
    raw2.close();

    for (const [bad, why] of [
      [nul, /0x00/],
      [orphan, /foreign key/],
    ] as const) {
      await expect(copySqliteToPostgres(bad, target, { chunkRows: 2 })).rejects.toThrow(why);
      await withClient(target, async (c) => {
        const counts = await each(
          c,
          COUNTED.map((t) => `SELECT count(*)::int AS n FROM ${t}`),
        );
        expect(counts.flat()).toEqual(COUNTED.map(() => ({ n: 0 })));
        expect((await c.query(SCHEMA)).rows).toEqual(freshSchema);
      });
    }
    // The same target then takes a good copy.
    expect((await copySqliteToPostgres(await sqliteStore('good.db'), target)).articles).toBe(3);
  });
});
