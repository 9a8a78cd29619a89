/**
 * One contract suite for the BriefingStore interface, run against SQLite, PostgreSQL (a real server
 * started for this file, see pg-server.ts). Other layers' tests use SQLite in memory (`:memory:`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ask } from '../../src/core/answer/ask.js';
import { latestQuotes, quotesOf } from '../../src/core/answer/quotes.js';
import { who } from '../../src/core/answer/who.js';
import { createPostgresStore, createSqliteStore } from '../../src/store/index.js';
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
    const [d] = await store.claimDeliveries(
      [{ platform: 'slack', channelId: 'C1', articleId: a.articleId, version: 1 }],
      { holder: 'h', ttlMs: 1000 },
    );
    await store.markDelivered([d?.id ?? ''], { messageId: 'm1', threadId: 't1' });
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

  const T0 = Date.parse('2025-01-01T00:00:00.000Z');

  test('deliveries: claimed pending (idempotent), failed, sent with ids, threads', async () => {
    const a = await store.ingest(A);
    const target = { platform: 'discord' as const, channelId: 'c9', articleId: a.articleId, version: 1 };
    const [d] = await store.claimDeliveries([target], { holder: 'h', ttlMs: 1000, now: T0 });
    expect(d).toMatchObject({ status: 'pending', attempts: 0, messageId: null, claimed: true });
    expect(d?.createdAt).toBe('2025-01-01T00:00:00.000Z');
    const id = d?.id ?? '';
    expect((await store.claimDeliveries([target], { holder: 'h', ttlMs: 1000, now: T0 }))[0]?.id).toBe(id);
    expect(await store.pendingChannels()).toEqual([{ platform: 'discord', channelId: 'c9' }]);
    await store.markFailed([id], 'discord: 503', '2025-01-01T00:01:00.000Z');
    expect(await store.pendingChannels()).toEqual([]);
    await store.markDelivered([id], { messageId: 'msg1', threadId: 'th1' }, '2025-01-01T00:02:00.000Z');
    const [sent] = await store.deliveriesFor({ platform: 'discord', channelId: 'c9' });
    expect(sent).toMatchObject({
      status: 'sent',
      messageId: 'msg1',
      threadId: 'th1',
      error: null,
      attempts: 2,
    });
    // A sent delivery is reported, never claimed again.
    expect((await store.claimDeliveries([target], { holder: 'x', ttlMs: 1000 }))[0]).toMatchObject({
      status: 'sent',
      claimed: false,
    });
    expect(await store.threadArticle('discord', 'c9', 'th1')).toEqual({ articleId: a.articleId });
    expect(await store.threadArticle('discord', 'other', 'th1')).toBeNull();
    await expect(
      store.claimDeliveries([{ ...target, articleId: '999999' }], { holder: 'h', ttlMs: 1000 }),
    ).rejects.toThrow(/No article/);
  });

  test('claims: a live claim of another holder is left alone, an expired one is taken over', async () => {
    const a = await store.ingest(A);
    const b = await store.ingest(B);
    const ta = { platform: 'slack' as const, channelId: 'C1', articleId: a.articleId, version: 1 };
    const tb = { ...ta, articleId: b.articleId };
    const first = await store.claimDeliveries([ta], { holder: 'one', ttlMs: 1000, now: T0 });
    expect(first.map((d) => d.claimed)).toEqual([true]);
    // Another holder in the claim's time gets only what is free; its holder may claim again.
    const second = await store.claimDeliveries([ta, tb], { holder: 'two', ttlMs: 1000, now: T0 + 500 });
    expect(second.map((d) => [d.articleId, d.claimed])).toEqual([
      [a.articleId, false],
      [b.articleId, true],
    ]);
    expect(
      (await store.claimDeliveries([ta], { holder: 'one', ttlMs: 1000, now: T0 + 600 }))[0]?.claimed,
    ).toBe(true);
    // Renewed claims last; a crashed holder's expire and are taken over.
    await store.renewClaims({ holder: 'one', ttlMs: 1000, now: T0 + 900 });
    expect(
      (await store.claimDeliveries([ta], { holder: 'two', ttlMs: 1000, now: T0 + 1500 }))[0]?.claimed,
    ).toBe(false);
    expect(
      (await store.claimDeliveries([ta], { holder: 'two', ttlMs: 1000, now: T0 + 1900 }))[0]?.claimed,
    ).toBe(true);
    // A holder's claims expire at once with a time of 0 (a stopped run); a mark drops the claim.
    await store.renewClaims({ holder: 'two', ttlMs: 0, now: T0 + 2000 });
    const taken = await store.claimDeliveries([ta, tb], { holder: 'three', ttlMs: 1000, now: T0 + 2000 });
    expect(taken.map((d) => d.claimed)).toEqual([true, true]);
    await store.markFailed([taken[1]?.id ?? ''], 'HTTP 500');
    expect(
      (await store.claimDeliveries([tb], { holder: 'four', ttlMs: 1000, now: T0 + 2100 }))[0],
    ).toMatchObject({
      status: 'failed',
      claimed: true,
    });
  });

  test('claiming a new version supersedes the unsent older one', async () => {
    const a = await store.ingest(A);
    const t1 = { platform: 'slack' as const, channelId: 'C1', articleId: a.articleId, version: 1 };
    await store.claimDeliveries([t1], { holder: 'h', ttlMs: 1000 });
    const [v2] = await store.claimDeliveries([{ ...t1, version: 2 }], { holder: 'h', ttlMs: 1000 });
    expect(v2).toMatchObject({ version: 2, status: 'pending', claimed: true });
    const all = await store.deliveriesFor({ platform: 'slack', channelId: 'C1' });
    expect(all.map((d) => [d.version, d.status, d.error])).toEqual([
      [1, 'failed', 'superseded by version 2'],
      [2, 'pending', null],
    ]);
    await store.claimDeliveries([{ ...t1, version: 2 }], { holder: 'h', ttlMs: 1000 });
    expect((await store.deliveriesFor({ platform: 'slack', channelId: 'C1' }))[0]?.attempts).toBe(1);
    expect(
      (await store.deliveriesFor({ platform: 'slack', channelId: 'C1' }, 1)).map((d) => d.version),
    ).toEqual([2]);
  });

  test('channelArticles: recent articles and those with open deliveries, each with its last sent one', async () => {
    const [a, b, c] = [await store.ingest(A), await store.ingest(B), await store.ingest(C)];
    const ch = { platform: 'slack' as const, channelId: 'C1' };
    const claim = { holder: 'h', ttlMs: 1000 };
    const [sent] = await store.claimDeliveries([{ ...ch, articleId: b.articleId, version: 1 }], claim);
    await store.markDelivered([sent?.id ?? ''], { messageId: 'm1', threadId: 't1' });
    const [failed] = await store.claimDeliveries([{ ...ch, articleId: a.articleId, version: 1 }], claim);
    await store.markFailed([failed?.id ?? ''], 'HTTP 500');
    const query = { since: '2025-08-18T00:00:00.000Z', limit: 10, retryBelowAttempts: 5 };
    const rows = await store.channelArticles(ch, query);
    expect(rows.map((r) => [r.articleId, r.lastSent])).toEqual([
      [c.articleId, null],
      [b.articleId, { version: 1, messageId: 'm1', threadId: 't1' }],
      [a.articleId, null],
    ]);
    expect(rows[0]).toMatchObject({
      key: C.key,
      version: 1,
      title: 'Two Smiths in the news',
      source: C.source,
      ingestedAt: '2025-08-19T10:00:00.000Z',
      briefing: { people: [{ name: 'John Smith' }, { name: 'Mary Smith' }] },
    });
    // The newest `limit` recent ones; open deliveries whatever their age; a failure at its last attempt is not.
    expect((await store.channelArticles(ch, { ...query, limit: 1 })).map((r) => r.articleId)).toEqual([
      c.articleId,
      a.articleId,
    ]);
    expect(await store.channelArticles(ch, { ...query, since: null, retryBelowAttempts: 1 })).toEqual([]);
    expect(await store.channelArticles({ ...ch, channelId: 'other' }, { ...query, since: null })).toEqual([]);
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
