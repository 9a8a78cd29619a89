/**
 * The PostgreSQL store beyond the shared contract, against a real server: the same answers as SQLite
 * on the same articles (analysed by the real core), migrations by several instances at once, one lease
 * holder among racing instances, `store copy`, the factory, and a clear line when the server is away.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadConfig, shownDb } from '../../src/config/index.js';
import { ask } from '../../src/core/answer/ask.js';
import { latestQuotes } from '../../src/core/answer/quotes.js';
import { who } from '../../src/core/answer/who.js';
import { analyse } from '../../src/core/index.js';
import type { Article } from '../../src/core/types.js';
import { contentHash } from '../../src/store/hash.js';
import {
  createPostgresStore,
  createSqliteStore,
  createStore,
  redactDbUrl,
  storeReady,
} from '../../src/store/index.js';
import { PG_MIGRATIONS } from '../../src/store/postgres-migrations.js';
import { createPostgresSubscriptions } from '../../src/store/subscriptions-postgres.js';
import { createSqliteSubscriptions } from '../../src/store/subscriptions-sqlite.js';
import type { BriefingStore, IngestInput } from '../../src/store/types.js';
import { runCli } from '../helpers.js';
import { freePort, PG_PASSWORD, usePgServer } from './pg-server.js';

const server = usePgServer();

/** Short news stories written for this test; several share people, places and words. */
const STORIES: [string, string][] = [
  [
    'Council approves harbour bridge',
    'The city council approved the harbour bridge on Tuesday after a six-hour debate.\nMayor Alice Johnson said the bridge would cut commuting times for thousands of residents.\n"This bridge joins two halves of our city," Johnson said.\nThe bridge will cost 400 million euros and open in 2028.',
  ],
  [
    'Bridge vote divides residents',
    'Residents were divided after the council vote on the harbour bridge.\nMayor Alice Johnson defended the cost of the bridge at a meeting on Wednesday.\nShop owners fear years of construction noise near the harbour.',
  ],
  [
    'Storm closes schools in the north',
    'A storm closed every school in the northern districts on Monday.\nPower was cut to 20,000 homes as winds reached 120 km/h.\nForecasters expect the storm to ease by Wednesday evening.',
  ],
  [
    'Central bank raises interest rates',
    'The central bank raised interest rates by half a point to 4.5 per cent on Thursday.\nGovernor Maria Lopez said inflation remained too high.\n"We will do what it takes to bring prices down," Lopez said.\nEconomists had expected a smaller rise.',
  ],
  [
    'Lopez warns of slower growth',
    'Central bank governor Maria Lopez warned on Friday that growth would slow next year.\nShe told reporters that higher rates were needed to cool house prices.\nThe currency rose after her remarks.',
  ],
  [
    'Harbour workers strike over pay',
    'Dock workers at the harbour walked out on Monday in a dispute over pay.\nUnion leader Tom Baker said members had not had a rise in three years.\n"We keep this harbour running and we deserve a fair wage," Baker said.',
  ],
  [
    'Storm damage bill rises',
    'Insurers said the storm damage bill had risen to 80 million euros.\nThousands of homes in the northern districts were still without power on Thursday.\nEngineers worked through the night to repair power lines.',
  ],
  [
    'Johnson opens new library',
    "Mayor Alice Johnson opened the new central library on Saturday.\nThe library holds 200,000 books and a children's reading room.\nJohnson said the library would stay open until ten every night.",
  ],
  [
    'Baker and port owners reach deal',
    'Union leader Tom Baker reached a pay deal with the port owners on Sunday.\nThe harbour strike ends after seven days.\nWorkers will get a rise of six per cent over two years.',
  ],
  [
    'Rates decision hits mortgage holders',
    'Mortgage holders will pay more each month after the central bank decision.\nBanks passed on the higher interest rates within a day.\nGovernor Maria Lopez said the pain would be short.',
  ],
];

const ARTICLES: Article[] = STORIES.map(([title, text], i) => ({
  title,
  text,
  url: `https://compare.test/${i}`,
  byline: null,
  publishedAt: null,
}));
const INPUTS: IngestInput[] = ARTICLES.map((a, i) => ({
  key: a.url ?? '',
  article: a,
  analysis: analyse(a),
  contentHash: contentHash(a),
  source: 'test',
  now: `2025-08-${String(i + 10).padStart(2, '0')}T00:00:00.000Z`,
}));

const QUESTIONS = [
  'how much will the bridge cost?',
  'when did the storm close schools?',
  'how many homes lost power?',
  'what did the central bank do to interest rates?',
  'what did Lopez say about inflation?',
  'why did harbour workers strike?',
  'what pay deal did Baker reach?',
  'when does the library open?',
  'storm power homes northern districts',
  'harbour bridge council',
];
const NAMES = ['Alice Johnson', 'Johnson', 'Maria Lopez', 'Lopez', 'Tom Baker', 'Mr Baker', 'Nobody Here'];

async function call(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = await runCli(args, undefined, { NEWSBRIEF_CONFIG: configPath, ...env });
  return { code: r.code, out: r.stdout, err: r.stderr };
}

let dir: string;
let configPath: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nb-pgtest-'));
  // A config of its own: one console channel, no "db" (the environment and flags give it).
  configPath = join(dir, 'newsbrief.json');
  writeFileSync(
    configPath,
    JSON.stringify({
      channels: [{ platform: 'console', channelId: 'terminal', sources: { folders: ['briefings'] } }],
    }),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the same answers as SQLite on the same articles', () => {
  let sqlite: BriefingStore;
  let postgres: BriefingStore;
  beforeAll(async () => {
    sqlite = createSqliteStore(join(dir, 'compare.db'));
    postgres = createStore(await server.get().newDatabase());
    for (const x of INPUTS) {
      await sqlite.ingest(x);
      await postgres.ingest(x);
    }
    // A new version of one article, so that deleted postings and totals are exercised too.
    const changed = {
      ...ARTICLES[1],
      text: `${ARTICLES[1]?.text}\nThe council will vote again in May.`,
    } as Article;
    const update = {
      ...INPUTS[1],
      article: changed,
      analysis: analyse(changed),
      contentHash: contentHash(changed),
    };
    for (const s of [sqlite, postgres]) await s.ingest(update as IngestInput);
  }, 60_000);
  afterAll(async () => {
    await sqlite?.close();
    await postgres?.close();
  });

  test('counts', async () => {
    expect(await postgres.counts()).toEqual(await sqlite.counts());
  });

  test.each(QUESTIONS)('ask: %s', async (q) => {
    const [a, b] = await Promise.all([sqlite.searchSentences(q), postgres.searchSentences(q)]);
    expect(b.length).toBeGreaterThan(0);
    expect(b.map((r) => [r.articleId, r.text])).toEqual(a.map((r) => [r.articleId, r.text]));
    b.forEach((r, i) => {
      expect(r.score).toBeCloseTo(a[i]?.score ?? 0, 6);
    });
    expect(ask(q, b)).toEqual(ask(q, a));
  });

  test.each(NAMES)('who: %s', async (name) => {
    const [a, b] = await Promise.all([sqlite.personCandidates(name), postgres.personCandidates(name)]);
    expect(who(name, b)).toEqual(who(name, a));
    const [a3, b3] = await Promise.all([
      sqlite.personCandidates(name, 2),
      postgres.personCandidates(name, 2),
    ]);
    expect(who(name, b3)).toEqual(who(name, a3)); // the totals path
  });

  test('quotes, names, briefings since', async () => {
    expect(latestQuotes(await postgres.latestQuotes(20))).toEqual(
      latestQuotes(await sqlite.latestQuotes(20)),
    );
    for (const prefix of ['jo', 'lo', 'ba', 'm'])
      expect(await postgres.peopleNames(prefix, 10)).toEqual(await sqlite.peopleNames(prefix, 10));
    expect(await postgres.briefingsSince('2025-08-14T00:00:00.000Z')).toEqual(
      await sqlite.briefingsSince('2025-08-14T00:00:00.000Z'),
    );
  });
});

describe('the same answers as SQLite when the search limits bind (common terms, their AND, a short look-back)', () => {
  // Limits shrunk so that a few stories take the paths of a 100,000-article store: words with more
  // postings than the probe reads, and the AND of the rarest common terms (PostgreSQL migration 4).
  const small = { probe: 2, scanBudget: 6, window: 4 };
  let sqlite: BriefingStore;
  let postgres: BriefingStore;
  beforeAll(async () => {
    sqlite = createSqliteStore(join(dir, 'compare-small.db'), { searchLimits: small });
    postgres = createPostgresStore(await server.get().newDatabase(), { searchLimits: small });
    for (const x of INPUTS) {
      await sqlite.ingest(x);
      await postgres.ingest(x);
    }
  }, 60_000);
  afterAll(async () => {
    await sqlite?.close();
    await postgres?.close();
  });

  test.each([...QUESTIONS, 'the bridge council harbour mayor', 'bank rates governor said'])(
    'ask: %s',
    async (q) => {
      const [a, b] = await Promise.all([sqlite.searchSentences(q, 3), postgres.searchSentences(q, 3)]);
      expect(b.length).toBeGreaterThan(0);
      expect(b.map((r) => [r.articleId, r.text])).toEqual(a.map((r) => [r.articleId, r.text]));
    },
  );
});

test('an old sentence holding all the common words is found through their AND, on both stores alike', async () => {
  // Each word has more postings than the probe reads, and only the oldest sentence holds all three:
  // it can only come from the AND of the common terms.
  const limits = { probe: 2, scanBudget: 1000, window: 4 };
  const texts = [
    'The orchard festival drew record crowds to the valley on Sunday.',
    'A new orchard was planted near the school.',
    'The film festival opens next week.',
    'Snow closed the valley road overnight.',
    'The orchard owners sold their land.',
    'Tickets for the festival sold out.',
    'Farmers in the valley expect a dry summer.',
  ];
  const inputs = texts.map((text, i) => {
    const article: Article = {
      title: `Local news ${i}`,
      text,
      url: `https://t.test/and/${i}`,
      byline: null,
      publishedAt: null,
    };
    return {
      key: article.url as string,
      article,
      analysis: analyse(article),
      contentHash: contentHash(article),
      now: new Date(Date.UTC(2025, 0, 1, 0, i)).toISOString(),
    };
  });
  const sqlite = createSqliteStore(join(dir, 'and.db'), { searchLimits: limits });
  const postgres = createPostgresStore(await server.get().newDatabase(), { searchLimits: limits });
  try {
    for (const x of inputs) {
      await sqlite.ingest(x);
      await postgres.ingest(x);
    }
    const [a, b] = await Promise.all([
      sqlite.searchSentences('orchard festival valley', 3),
      postgres.searchSentences('orchard festival valley', 3),
    ]);
    expect(b[0]?.text).toBe(texts[0]);
    expect(b.map((r) => r.text)).toEqual(a.map((r) => r.text));
  } finally {
    await sqlite.close();
    await postgres.close();
  }
});

test('several instances starting at once on a new database migrate it once', async () => {
  const url = await server.get().newDatabase();
  const stores = Array.from({ length: 6 }, () => createPostgresStore(url, { poolSize: 2 }));
  try {
    await Promise.all(stores.map((s) => s.ready()));
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      expect((await c.query('SELECT version FROM newsbrief_schema')).rows).toEqual([
        { version: PG_MIGRATIONS.length },
      ]);
    } finally {
      await c.end();
    }
    // And they all work on the one schema.
    await Promise.all(stores.map((s, i) => s.ingest({ ...(INPUTS[i] as IngestInput) })));
    expect((await stores[0]?.counts())?.articles).toBe(6);
  } finally {
    await Promise.all(stores.map((s) => s.close()));
  }
});

test('racing instances: one lease holder, and one article per key', async () => {
  const url = await server.get().newDatabase();
  const stores = Array.from({ length: 5 }, () => createPostgresStore(url, { poolSize: 3 }));
  try {
    const got = await Promise.all(
      stores.flatMap((s, i) =>
        [0, 1, 2].map((j) => s.tryAcquireLease('channel', `holder-${i}-${j}`, 60_000, 1000)),
      ),
    );
    expect(got.filter(Boolean)).toHaveLength(1);
    // The same new article stored by every instance at once: one article, the others see it.
    const results = await Promise.all(stores.map((s) => s.ingest(INPUTS[0] as IngestInput)));
    expect(results.filter((r) => r.status === 'new')).toHaveLength(1);
    expect(new Set(results.map((r) => r.articleId)).size).toBe(1);
    // The same delivery claimed by every instance at once: one row, one claim (FOR UPDATE SKIP LOCKED).
    const target = {
      platform: 'slack' as const,
      channelId: 'C1',
      articleId: results[0]?.articleId ?? '',
      version: 1,
    };
    const d = (
      await Promise.all(stores.map((s, i) => s.claimDeliveries([target], { holder: `h${i}`, ttlMs: 60_000 })))
    ).flat();
    expect(new Set(d.map((x) => x.id)).size).toBe(1);
    expect(d.filter((x) => x.claimed)).toHaveLength(1);
  } finally {
    await Promise.all(stores.map((s) => s.close()));
  }
});

describe('store copy', () => {
  test('moves articles, versions, deliveries, run and feed state; ids kept; new ids follow', async () => {
    const path = join(dir, 'copy.db');
    const from = createSqliteStore(path);
    for (const x of INPUTS.slice(0, 6)) await from.ingest(x);
    const changed = { ...ARTICLES[0], text: `${ARTICLES[0]?.text}\nA later paragraph.` } as Article;
    await from.ingest({
      ...(INPUTS[0] as IngestInput),
      article: changed,
      analysis: analyse(changed),
      contentHash: contentHash(changed),
    });
    const claim = { holder: 'h', ttlMs: 1000, now: Date.parse('2025-09-01T00:00:00.000Z') };
    const [sent] = await from.claimDeliveries(
      [{ platform: 'discord', channelId: 'c1', articleId: '1', version: 2 }],
      claim,
    );
    await from.markDelivered(
      [sent?.id ?? ''],
      { messageId: 'm1', threadId: 't1' },
      '2025-09-01T00:00:00.000Z',
    );
    await from.claimDeliveries([{ platform: 'discord', channelId: 'c1', articleId: '3', version: 1 }], claim);
    await from.setLastRun('run:discord:c1', '2025-09-01T00:00:00.000Z');
    await from.setFeedState({
      url: 'https://f.test/rss',
      etag: '"e"',
      lastModified: null,
      checkedAt: '2025-09-01T00:00:00.000Z',
      error: null,
    });
    const subs = createSqliteSubscriptions(path);
    const follow = (url: string) => ({
      platform: 'slack' as const,
      channelId: 'C9',
      workspaceId: 'T1',
      kind: 'feed' as const,
      url,
      title: 'News',
      by: 'U1',
      now: '2025-09-01T00:00:00.000Z',
      defaults: {
        name: 'news',
        schedule: '0 8 * * *',
        timezone: 'UTC',
        maxPerDigest: 10,
        style: 'digest' as const,
      },
    });
    expect((await subs.subscribe(follow('https://news.test/rss'))).ok).toBe(true);
    expect((await subs.subscribe(follow('https://other.test/atom'))).ok).toBe(true);
    await subs.updateChannel(
      { platform: 'slack', channelId: 'C9' },
      { paused: true, include: ['storm'] },
      'U1',
      '2025-09-02T00:00:00.000Z',
    );
    const followed = await subs.channels();
    const followedVersion = await subs.version();
    await subs.close();
    const url = await server.get().newDatabase();
    const withoutPassword = url.replace(`:${PG_PASSWORD}@`, '@');

    const r = await call(['store', 'copy', '--from', path, '--to', withoutPassword, '--format', 'json'], {
      PGPASSWORD: PG_PASSWORD,
    });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(out.copied).toMatchObject({
      articles: 6,
      article_versions: 7,
      deliveries: 2,
      run_state: 1,
      feeds: 1,
      subscription_channels: 1,
      subscriptions: 2,
    });
    // What channels follow comes along, paused and filtered as it was, and its change counter with it.
    const copiedSubs = createPostgresSubscriptions(url);
    try {
      expect(await copiedSubs.channels()).toEqual(followed);
      expect(await copiedSubs.version()).toBe(followedVersion);
      expect(followed[0]).toMatchObject({ paused: true, include: ['storm'] });
    } finally {
      await copiedSubs.close();
    }

    const to = createPostgresStore(url);
    try {
      expect(await to.counts()).toEqual(await from.counts());
      expect(await to.getArticle('1')).toEqual(await from.getArticle('1'));
      expect(await to.pendingChannels()).toEqual([{ platform: 'discord', channelId: 'c1' }]);
      expect(await to.deliveriesFor({ platform: 'discord', channelId: 'c1' })).toEqual(
        await from.deliveriesFor({ platform: 'discord', channelId: 'c1' }),
      );
      expect(await to.threadArticle('discord', 'c1', 't1')).toEqual({ articleId: '1' });
      expect(await to.lastRun('run:discord:c1')).toBe('2025-09-01T00:00:00.000Z');
      expect((await to.feedState('https://f.test/rss'))?.etag).toBe('"e"');
      for (const q of QUESTIONS.slice(0, 4))
        expect((await to.searchSentences(q)).map((x) => x.text)).toEqual(
          (await from.searchSentences(q)).map((x) => x.text),
        );
      expect(who('Johnson', await to.personCandidates('Johnson', 1))).toEqual(
        who('Johnson', await from.personCandidates('Johnson', 1)),
      );
      // Identity sequences moved past the copied ids.
      const next = await to.ingest(INPUTS[8] as IngestInput);
      expect(next).toMatchObject({ status: 'new', articleId: '7' });
      const [third] = await to.claimDeliveries(
        [{ platform: 'slack', channelId: 'C', articleId: '7', version: 1 }],
        { holder: 'h', ttlMs: 1000 },
      );
      expect(third?.id).toBe('3');
    } finally {
      await to.close();
      await from.close();
    }
    // Not into a store that holds anything: nothing copied, the reason given, no password shown.
    const again = await call(['store', 'copy', '--from', path, '--to', url]);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/is not empty/);
    expect(again.err).not.toContain(PG_PASSWORD);
  });

  test('usage errors', async () => {
    expect((await call(['store', 'copy', '--from', 'x.db'])).code).toBe(2);
    expect((await call(['store', 'copy', '--from', 'x.db', '--to', 'other.db'])).err).toMatch(
      /--to must be a postgres/,
    );
    expect((await call(['store', 'move'])).code).toBe(2);
  });
});

describe('settings: the URL selects the store, and its password is never shown', () => {
  test('the config file may name a server but not hold its password; pool size', () => {
    const p = join(dir, 'db.json');
    writeFileSync(p, JSON.stringify({ db: 'postgres://u:pw@db.test/news' }));
    expect(() => loadConfig({ configPath: p, env: {}, dotenv: false })).toThrow(
      /db: must not hold a password: set it in NEWSBRIEF_DB \(the whole URL\) or PGPASSWORD/,
    );
    writeFileSync(p, JSON.stringify({ db: 'postgres://u@db.test/news?sslmode=require', dbPoolSize: 4 }));
    const c = loadConfig({ configPath: p, env: { PGPASSWORD: 'pw' }, dotenv: false });
    expect(c).toMatchObject({
      db: 'postgres://u@db.test/news?sslmode=require',
      dbPassword: 'pw',
      dbPoolSize: 4,
    });
    const env = { NEWSBRIEF_DB: 'postgres://u:other@db.test/news', NEWSBRIEF_DB_POOL: '7' };
    const e = loadConfig({ configPath: p, env, dotenv: false });
    expect(e).toMatchObject({ dbPassword: null, dbPoolSize: 7 });
    expect(shownDb(e)).toBe('postgres://u:***@db.test/news');
    expect(() => loadConfig({ configPath: p, env: { NEWSBRIEF_DB_POOL: '0' }, dotenv: false })).toThrow(
      /NEWSBRIEF_DB_POOL must be a whole number from 1 to 100/,
    );
  });

  test('a server that cannot be reached is one line without the password', async () => {
    const port = await freePort();
    const url = `postgres://someone:hunter2secret@127.0.0.1:${port}/nb`;
    const store = createStore(url);
    const err = await storeReady(store).then(
      () => null,
      (e: Error) => e,
    );
    await store.close();
    expect(err?.message).toMatch(
      /^Cannot open the store \(PostgreSQL at postgres:\/\/someone:\*\*\*@127\.0\.0\.1:\d+\/nb\): /,
    );
    expect(err?.message).not.toContain('hunter2secret');
    expect(err?.message).not.toContain('\n');
    // The commands say the same, in one line.
    const r = await call(['ask', 'anything', '--db', url]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /^newsbrief ask: Cannot open the store \(PostgreSQL at postgres:\/\/someone:\*\*\*@/,
    );
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).not.toContain('hunter2secret');
  });

  test('a file path keeps SQLite; NEWSBRIEF_DB with a URL reaches the commands; PGPASSWORD fills the password', async () => {
    expect(redactDbUrl('data/x.db')).toBe('data/x.db');
    const url = await server.get().newDatabase();
    const withoutPassword = url.replace(`:${PG_PASSWORD}@`, '@');
    const ingest = await call(['ingest', 'briefings', '--format', 'json'], { NEWSBRIEF_DB: url });
    expect(ingest.err).toBe('');
    expect(JSON.parse(ingest.out).totals).toMatchObject({ new: 1 });
    const w = await call(['who', 'Witkoff', '--format', 'json'], {
      NEWSBRIEF_DB: withoutPassword,
      PGPASSWORD: PG_PASSWORD,
    });
    expect(JSON.parse(w.out)).toMatchObject({ found: true, name: 'Steve Witkoff' });
    const s = await call(['status', '--format', 'json'], { NEWSBRIEF_DB: url });
    expect(s.code).toBe(0);
    expect(JSON.parse(s.out).db).toBe(url.replace(`:${PG_PASSWORD}@`, ':***@'));
    expect(s.out).not.toContain(PG_PASSWORD);
  });
});
