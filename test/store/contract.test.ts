/**
 * One contract suite for the BriefingStore interface, run against SQLite, PostgreSQL (a real server
 * started for this file, see pg-server.ts) and the in-memory store.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ask } from '../../src/core/answer/ask.js';
import { latestQuotes, quotesOf } from '../../src/core/answer/quotes.js';
import { who } from '../../src/core/answer/who.js';
import { createMemoryStore, createPostgresStore, createSqliteStore } from '../../src/store/index.js';
import type { BriefingStore } from '../../src/store/types.js';
import { input, person } from './fixtures.js';
import { usePgServer } from './pg-server.js';

const pgServer = usePgServer();

const witkoff = person('Steve Witkoff', 'US special envoy', ['Mr Witkoff', 'Witkoff'], 3);

const A = input({
  key: 'https://news.test/a',
  title: 'Envoy says Putin agreed to guarantees',
  now: '2025-08-17T10:00:00.000Z',
  sentences: [
    'Vladimir Putin has agreed to let allies offer Ukraine a NATO-like security guarantee, Steve Witkoff said.',
    'Mr Witkoff met the Russian president in Alaska on Friday.',
    'The weather in Anchorage was cold.',
  ],
  people: [witkoff, person('Vladimir Putin', 'Russian president', ['Mr Putin', 'Putin'], 2)],
  quotes: [
    {
      text: 'We were able to win the following concession.',
      speaker: 'Steve Witkoff',
      speakerRole: 'US special envoy',
    },
  ],
});
const B = input({
  key: 'https://news.test/b',
  title: 'Witkoff calls the summit game-changing',
  now: '2025-08-18T10:00:00.000Z',
  sentences: ['Witkoff called the agreement game-changing on Sunday.', 'Talks will continue next week.'],
  people: [person('Witkoff', 'special envoy', ['Mr Witkoff'], 2)],
  quotes: [{ text: 'It is game-changing.', speaker: 'Witkoff', speakerRole: null }],
});
const C = input({
  key: 'https://news.test/c',
  title: 'Two Smiths in the news',
  now: '2025-08-19T10:00:00.000Z',
  sentences: [
    'Senator John Smith voted against the budget bill.',
    'Coach Mary Smith led her team to the title.',
  ],
  people: [person('John Smith', 'senator', ['Mr Smith'], 1), person('Mary Smith', 'coach', ['Ms Smith'], 1)],
  quotes: [{ text: 'The bill is a disgrace.', speaker: 'John Smith', speakerRole: 'senator' }],
});

type Made = { store: BriefingStore; cleanup: () => void };
const factories: [string, () => Made | Promise<Made>][] = [
  [
    'sqlite',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'nb-store-'));
      return {
        store: createSqliteStore(join(dir, 'sub', 'test.db')),
        cleanup: () => rmSync(dir, { recursive: true, force: true }),
      };
    },
  ],
  [
    'postgres',
    async () => ({
      store: createPostgresStore(await pgServer.get().newDatabase()),
      cleanup: () => {},
    }),
  ],
  ['memory', () => ({ store: createMemoryStore(), cleanup: () => {} })],
];

describe.each(factories)('BriefingStore contract: %s', (_name, make) => {
  let store: BriefingStore;
  let cleanup: () => void;
  beforeEach(async () => {
    ({ store, cleanup } = await make());
  });
  afterEach(async () => {
    await store.close();
    cleanup();
  });

  test('new, unchanged, updated (same identity, next version) and duplicate', async () => {
    const first = await store.ingest(A);
    expect(first).toMatchObject({ status: 'new', version: 1 });
    expect(await store.ingest(A)).toEqual({ ...first, status: 'unchanged' });
    const changed = input({
      key: 'https://news.test/a',
      title: 'Envoy says Putin agreed to guarantees (updated)',
      sentences: ['An updated first sentence about Witkoff.', 'A second one.'],
      people: [witkoff],
    });
    expect(await store.ingest(changed)).toEqual({
      status: 'updated',
      articleId: first.articleId,
      version: 2,
    });
    const copy = { ...A, key: 'https://mirror.test/a-copy' };
    const dup = await store.ingest(copy);
    expect(dup.status).toBe('new'); // A's content is no longer current, so the copy is a new article
    expect(await store.ingest({ ...changed, key: 'https://mirror.test/other' })).toMatchObject({
      status: 'duplicate',
      articleId: first.articleId,
    });
    expect(await store.findByKey('https://mirror.test/other')).toMatchObject({ articleId: first.articleId });
    const stored = await store.getArticle(first.articleId);
    expect(stored?.version).toBe(2);
    expect(stored?.title).toBe('Envoy says Putin agreed to guarantees (updated)');
    expect(stored?.analysis.sentences.map((s) => s.text)).toEqual([
      'An updated first sentence about Witkoff.',
      'A second one.',
    ]);
    const counts = await store.counts();
    expect(counts).toMatchObject({ articles: 2, versions: 3, sentences: 5 });
    // The old version's sentences are no longer searchable.
    expect(
      (await store.searchSentences('weather Anchorage')).every((s) => s.articleId !== first.articleId),
    ).toBe(true);
  });

  test('deleting an article removes everything derived from it', async () => {
    const a = await store.ingest(A);
    await store.ingest(B);
    const d = await store.recordDeliveryPending({
      platform: 'slack',
      channelId: 'C1',
      articleId: a.articleId,
      version: 1,
    });
    await store.markDelivered(d.id, { messageId: 'm1', threadId: 't1' });
    expect(await store.deleteArticle(a.articleId)).toBe(true);
    expect(await store.deleteArticle(a.articleId)).toBe(false);
    expect(await store.getArticle(a.articleId)).toBeNull();
    expect(await store.findByKey(A.key)).toBeNull();
    expect(await store.searchSentences('NATO guarantee')).toEqual([]);
    expect((await store.latestQuotes()).map((q) => q.text)).toEqual(['It is game-changing.']);
    expect(await store.threadArticle('slack', 'C1', 't1')).toBeNull();
    expect(await store.counts()).toMatchObject({
      articles: 1,
      people: 1,
      quotes: 1,
      sentences: 2,
      deliveries: 0,
    });
  });

  test('who: one person across articles, with role, quotes, sentences and last seen', async () => {
    for (const x of [A, B, C]) await store.ingest(x);
    for (const q of ['Witkoff', 'Steve Witkoff', 'Mr Witkoff', 'steve witkoff']) {
      const card = who(q, await store.personCandidates(q));
      expect(card.found, q).toBe(true);
      if (!card.found) continue;
      expect(card.name).toBe('Steve Witkoff');
      expect(card.articles).toBe(2);
      expect(card.mentions).toBe(5);
      expect(card.role).toBe('special envoy'); // the latest article's
      expect(card.lastSeen).toBe('2025-08-18T10:00:00.000Z');
      expect(card.quotes).toEqual([
        {
          text: 'It is game-changing.',
          title: 'Witkoff calls the summit game-changing',
          url: 'https://news.test/b',
        },
        {
          text: 'We were able to win the following concession.',
          title: 'Envoy says Putin agreed to guarantees',
          url: 'https://news.test/a',
        },
      ]);
      expect(card.sentences[0]).toBe('Witkoff called the agreement game-changing on Sunday.');
      expect(card.aliases).toContain('Mr Witkoff');
    }
  });

  test('who: counts every article and mention even when only the newest rows are read', async () => {
    for (let i = 0; i < 12; i++)
      await store.ingest(
        input({
          key: `https://news.test/envoy-${i}`,
          title: `Envoy travels, day ${i}`,
          now: `2025-09-${String(i + 1).padStart(2, '0')}T10:00:00.000Z`,
          sentences: [`Steve Witkoff flew to city number ${i}.`],
          people: [person(i % 3 === 0 ? 'Witkoff' : 'Steve Witkoff', 'US special envoy', ['Mr Witkoff'], 2)],
        }),
      );
    const rows = await store.personCandidates('Witkoff', 5);
    expect(rows.people).toHaveLength(5);
    expect(who('Witkoff', rows)).toMatchObject({
      found: true,
      name: 'Steve Witkoff',
      articles: 12,
      mentions: 24,
    });
    // Below the limit nothing is extrapolated.
    expect(who('Witkoff', await store.personCandidates('Witkoff'))).toMatchObject({
      articles: 12,
      mentions: 24,
    });
    // Deleting an article and updating another keep the totals right.
    const first = await store.findByKey('https://news.test/envoy-0');
    expect(await store.deleteArticle(first?.articleId ?? '')).toBe(true);
    await store.ingest(
      input({
        key: 'https://news.test/envoy-1',
        title: 'Envoy travels, day 1 (updated)',
        now: '2025-10-01T10:00:00.000Z',
        sentences: ['Steve Witkoff flew on to another city.'],
        people: [person('Steve Witkoff', 'US special envoy', ['Mr Witkoff'], 5)],
      }),
    );
    expect(who('Witkoff', await store.personCandidates('Witkoff', 5))).toMatchObject({
      articles: 11,
      mentions: 25,
    });
  });

  test('who: two people sharing a surname stay two; a short name lists both', async () => {
    await store.ingest(C);
    const ambiguous = who('Smith', await store.personCandidates('Smith'));
    expect(ambiguous).toEqual({
      found: false,
      query: 'Smith',
      suggestions: expect.arrayContaining(['John Smith', 'Mary Smith']),
    });
    const mary = who('Mary Smith', await store.personCandidates('Mary Smith'));
    expect(mary).toMatchObject({ found: true, name: 'Mary Smith', role: 'coach', articles: 1, quotes: [] });
    const john = who('John Smith', await store.personCandidates('John Smith'));
    expect(john).toMatchObject({
      found: true,
      role: 'senator',
      quotes: [{ text: 'The bill is a disgrace.' }],
    });
    // A later article naming only "Mr Smith, the senator" is John, by role.
    await store.ingest(
      input({
        key: 'https://news.test/d',
        title: 'Senate',
        sentences: ['Mr Smith, the senator, spoke again.'],
        people: [person('Smith', 'senator', ['Mr Smith'])],
      }),
    );
    const john2 = who('John Smith', await store.personCandidates('John Smith'));
    expect(john2).toMatchObject({ found: true, articles: 2 });
    const nobody = who('Smoth', await store.personCandidates('Smoth'));
    expect(nobody).toMatchObject({ found: false, query: 'Smoth' });
  });

  test('ask: best sentences with title and link', async () => {
    for (const x of [A, B, C]) await store.ingest(x);
    const q = 'what did Putin agree to?';
    const answer = ask(q, await store.searchSentences(q));
    expect(answer.answers[0]).toEqual({
      text: 'Vladimir Putin has agreed to let allies offer Ukraine a NATO-like security guarantee, Steve Witkoff said.',
      title: 'Envoy says Putin agreed to guarantees',
      url: 'https://news.test/a',
    });
    const q2 = 'how did the senator vote on the budget?';
    expect(ask(q2, await store.searchSentences(q2)).answers[0]?.text).toBe(
      'Senator John Smith voted against the budget bill.',
    );
    expect(await store.searchSentences('the of and')).toEqual([]);
  });

  test('quotes: newest first, of anyone or of one person', async () => {
    for (const x of [A, B, C]) await store.ingest(x);
    expect(latestQuotes(await store.latestQuotes(10)).quotes.map((q) => q.text)).toEqual([
      'The bill is a disgrace.',
      'It is game-changing.',
      'We were able to win the following concession.',
    ]);
    const his = quotesOf('Witkoff', await store.personCandidates('Witkoff'));
    expect(his.quotes.map((q) => [q.text, q.speaker])).toEqual([
      ['It is game-changing.', 'Steve Witkoff'],
      ['We were able to win the following concession.', 'Steve Witkoff'],
    ]);
    expect(quotesOf('Smith', await store.personCandidates('Smith')).suggestions).toHaveLength(2);
  });

  test('peopleNames: prefix, most mentioned first', async () => {
    for (const x of [A, B, C]) await store.ingest(x);
    // Names that start with the prefix come before names with a later word that does.
    expect(await store.peopleNames('wit', 5)).toEqual(['Witkoff', 'Steve Witkoff']);
    expect(await store.peopleNames('ste', 5)).toEqual(['Steve Witkoff']);
    expect(await store.peopleNames('sm', 5)).toEqual(expect.arrayContaining(['John Smith', 'Mary Smith']));
    expect(await store.peopleNames('', 5)).toEqual([]);
  });

  test('briefingsSince: articles ingested or updated since a time, newest first', async () => {
    for (const x of [A, B, C]) await store.ingest(x);
    const rows = await store.briefingsSince('2025-08-18T00:00:00.000Z');
    expect(rows.map((r) => r.title)).toEqual([
      'Two Smiths in the news',
      'Witkoff calls the summit game-changing',
    ]);
    expect(rows[0]?.briefing.people.map((p) => p.name)).toEqual(['John Smith', 'Mary Smith']);
  });

  test('deliveries: outbox, idempotent pending, sent with ids, failed, threads', async () => {
    const a = await store.ingest(A);
    const target = { platform: 'discord' as const, channelId: 'c9', articleId: a.articleId, version: 1 };
    const d = await store.recordDeliveryPending(target, '2025-01-01T00:00:00.000Z');
    expect(d).toMatchObject({ status: 'pending', attempts: 0, messageId: null });
    expect((await store.recordDeliveryPending(target)).id).toBe(d.id);
    expect((await store.pendingDeliveries()).map((x) => x.id)).toEqual([d.id]);
    await store.markFailed(d.id, 'discord: 503', '2025-01-01T00:01:00.000Z');
    expect(await store.pendingDeliveries()).toEqual([]);
    await store.markDelivered(d.id, { messageId: 'msg1', threadId: 'th1' }, '2025-01-01T00:02:00.000Z');
    const [sent] = await store.deliveriesFor({ platform: 'discord', channelId: 'c9' });
    expect(sent).toMatchObject({
      status: 'sent',
      messageId: 'msg1',
      threadId: 'th1',
      error: null,
      attempts: 2,
    });
    expect(await store.threadArticle('discord', 'c9', 'th1')).toEqual({ articleId: a.articleId });
    expect(await store.threadArticle('discord', 'other', 'th1')).toBeNull();
    expect(await store.lastDelivery({ platform: 'discord', channelId: 'c9' }, a.articleId)).toMatchObject({
      messageId: 'msg1',
    });
    await expect(store.recordDeliveryPending({ ...target, articleId: '999999' })).rejects.toThrow(
      /No article/,
    );
  });

  test('run state, leases and feed state', async () => {
    expect(await store.lastRun('digest:slack:C1')).toBeNull();
    await store.setLastRun('digest:slack:C1', '2025-01-01T00:00:00.000Z');
    await store.setLastRun('digest:slack:C1', '2025-01-02T00:00:00.000Z');
    expect(await store.lastRun('digest:slack:C1')).toBe('2025-01-02T00:00:00.000Z');

    expect(await store.tryAcquireLease('scheduler', 'a', 1000, 10_000)).toBe(true);
    expect(await store.tryAcquireLease('scheduler', 'b', 1000, 10_500)).toBe(false);
    expect(await store.tryAcquireLease('scheduler', 'a', 1000, 10_900)).toBe(true); // renew
    expect(await store.tryAcquireLease('scheduler', 'b', 1000, 11_500)).toBe(false);
    expect(await store.tryAcquireLease('scheduler', 'b', 1000, 12_000)).toBe(true); // expired
    await store.releaseLease('scheduler', 'a'); // not a's any more: no effect
    expect(await store.tryAcquireLease('scheduler', 'a', 1000, 12_100)).toBe(false);
    await store.releaseLease('scheduler', 'b');
    expect(await store.tryAcquireLease('scheduler', 'a', 1000, 12_100)).toBe(true);

    expect(await store.feedState('https://f.test/rss')).toBeNull();
    const st = {
      url: 'https://f.test/rss',
      etag: '"x"',
      lastModified: null,
      checkedAt: '2025-01-01T00:00:00.000Z',
      error: null,
    };
    await store.setFeedState(st);
    expect(await store.feedState(st.url)).toEqual(st);
  });
});
