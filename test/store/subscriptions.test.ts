/**
 * One contract suite for the SubscriptionStore, run against SQLite and PostgreSQL (a real server, see
 * pg-server.ts): following, the limits, refusing the same source twice, unfollowing by id or URL, the
 * config imported once (the store wins after that), channel changes and the version every change raises.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createSqliteStore } from '../../src/store/index.js';
import {
  type ChannelImport,
  MAX_SOURCES_PER_CHANNEL,
  MAX_SOURCES_PER_WORKSPACE,
  type NewSubscription,
  type SubscriptionStore,
} from '../../src/store/subscriptions.js';
import { createPostgresSubscriptions } from '../../src/store/subscriptions-postgres.js';
import { createSqliteSubscriptions } from '../../src/store/subscriptions-sqlite.js';
import { usePgServer } from './pg-server.js';

const pgServer = usePgServer();

type Made = { subs: SubscriptionStore; second: () => SubscriptionStore; cleanup: () => void };
const factories: [string, () => Made | Promise<Made>][] = [
  [
    'sqlite',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'nb-subs-'));
      const file = join(dir, 'test.db');
      // The BriefingStore creates the file and its folder; the subscriptions open it beside it.
      createSqliteStore(file).close();
      return {
        subs: createSqliteSubscriptions(file),
        second: () => createSqliteSubscriptions(file),
        cleanup: () => rmSync(dir, { recursive: true, force: true }),
      };
    },
  ],
  [
    'postgres',
    async () => {
      const url = await pgServer.get().newDatabase();
      return {
        subs: createPostgresSubscriptions(url),
        second: () => createPostgresSubscriptions(url),
        cleanup: () => {},
      };
    },
  ],
];

const NOW = '2026-12-02T10:00:00.000Z';
const defaults = {
  name: 'slack:C1',
  schedule: '0 8 * * *',
  timezone: 'Europe/London',
  maxPerDigest: 10,
  style: 'per-briefing' as const,
};
const follow = (url: string, over: Partial<NewSubscription> = {}): NewSubscription => ({
  platform: 'slack',
  channelId: 'C1',
  workspaceId: 'T1',
  kind: 'feed',
  url,
  title: `Feed ${url}`,
  by: 'U1',
  now: NOW,
  defaults,
  ...over,
});

describe.each(factories)('SubscriptionStore contract: %s', (_name, make) => {
  let made: Made;
  let subs: SubscriptionStore;
  const opened: SubscriptionStore[] = [];
  beforeEach(async () => {
    made = await make();
    subs = made.subs;
  });
  afterEach(async () => {
    await subs.close();
    for (const s of opened.splice(0)) await s.close();
    made.cleanup();
  });

  test('follow creates the channel with its defaults and records who and when', async () => {
    const v0 = await subs.version();
    const r = await subs.subscribe(follow('https://news.test/rss'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.subscription).toMatchObject({
      platform: 'slack',
      channelId: 'C1',
      kind: 'feed',
      url: 'https://news.test/rss',
      title: 'Feed https://news.test/rss',
      addedBy: 'U1',
      addedAt: NOW,
      lastFetchAt: null,
      lastError: null,
    });
    expect(r.channel).toMatchObject({
      workspaceId: 'T1',
      schedule: '0 8 * * *',
      timezone: 'Europe/London',
      include: [],
      exclude: [],
      paused: false,
      origin: 'chat',
      updatedBy: 'U1',
    });
    expect(r.channel.sources.map((s) => s.id)).toEqual([r.subscription.id]);
    expect(await subs.version()).toBeGreaterThan(v0);
  });

  test('the same source twice is refused, however it is typed', async () => {
    const first = await subs.subscribe(follow('https://News.test/rss/'));
    const again = await subs.subscribe(follow('https://news.test/rss#top'));
    expect(again).toMatchObject({ ok: false, reason: 'duplicate' });
    if (first.ok && !again.ok && again.reason === 'duplicate')
      expect(again.existing.id).toBe(first.subscription.id);
    // Another channel may follow it.
    expect((await subs.subscribe(follow('https://news.test/rss', { channelId: 'C2' }))).ok).toBe(true);
  });

  test('at most 50 sources per channel and 200 per workspace', async () => {
    for (let i = 0; i < MAX_SOURCES_PER_CHANNEL; i++)
      expect((await subs.subscribe(follow(`https://news.test/${i}`))).ok).toBe(true);
    expect(await subs.subscribe(follow('https://news.test/one-more'))).toEqual({
      ok: false,
      reason: 'channel-limit',
      limit: MAX_SOURCES_PER_CHANNEL,
    });
    for (let c = 2; c <= 4; c++)
      for (let i = 0; i < MAX_SOURCES_PER_CHANNEL; i++)
        expect((await subs.subscribe(follow(`https://news.test/${i}`, { channelId: `C${c}` }))).ok).toBe(
          true,
        );
    expect(await subs.subscribe(follow('https://news.test/x', { channelId: 'C5' }))).toEqual({
      ok: false,
      reason: 'workspace-limit',
      limit: MAX_SOURCES_PER_WORKSPACE,
    });
    // Another workspace has its own limit.
    expect(
      (await subs.subscribe(follow('https://news.test/x', { channelId: 'C9', workspaceId: 'T2' }))).ok,
    ).toBe(true);
    expect((await subs.channel({ platform: 'slack', channelId: 'C5' }))?.sources ?? []).toEqual([]);
  });

  test('unfollow by id or by URL, only in its own channel', async () => {
    const a = await subs.subscribe(follow('https://news.test/a'));
    const b = await subs.subscribe(follow('https://news.test/b'));
    if (!a.ok || !b.ok) throw new Error('follow failed');
    const v = await subs.version();
    expect(await subs.unsubscribe({ platform: 'slack', channelId: 'C2' }, a.subscription.id)).toBeNull();
    expect((await subs.unsubscribe({ platform: 'slack', channelId: 'C1' }, a.subscription.id))?.url).toBe(
      'https://news.test/a',
    );
    expect((await subs.unsubscribe({ platform: 'slack', channelId: 'C1' }, 'https://NEWS.test/b/'))?.id).toBe(
      b.subscription.id,
    );
    expect(await subs.unsubscribe({ platform: 'slack', channelId: 'C1' }, 'https://news.test/b')).toBeNull();
    expect(await subs.version()).toBeGreaterThan(v);
    expect((await subs.channel({ platform: 'slack', channelId: 'C1' }))?.sources).toEqual([]);
  });

  test('the operator removes a source by id from any channel', async () => {
    const a = await subs.subscribe(follow('https://news.test/a', { channelId: 'C7' }));
    if (!a.ok) throw new Error('follow failed');
    expect((await subs.remove(a.subscription.id))?.channelId).toBe('C7');
    expect(await subs.remove(a.subscription.id)).toBeNull();
    expect(await subs.remove('not-an-id')).toBeNull();
  });

  test('schedule, filters and pause change the channel and raise the version; an unknown channel is null', async () => {
    await subs.subscribe(follow('https://news.test/a'));
    const key = { platform: 'slack' as const, channelId: 'C1' };
    const v = await subs.version();
    const changed = await subs.updateChannel(
      key,
      { schedule: '30 7 * * 1-5', timezone: 'America/New_York', include: ['ukraine'], paused: true },
      'U2',
      '2026-12-02T11:00:00.000Z',
    );
    expect(changed).toMatchObject({
      schedule: '30 7 * * 1-5',
      timezone: 'America/New_York',
      include: ['ukraine'],
      exclude: [],
      paused: true,
      updatedBy: 'U2',
      updatedAt: '2026-12-02T11:00:00.000Z',
    });
    expect(await subs.version()).toBeGreaterThan(v);
    expect(
      await subs.updateChannel({ platform: 'slack', channelId: 'NOPE' }, { paused: true }, 'U2', NOW),
    ).toBeNull();
    expect((await subs.updateChannel(key, { paused: false, include: [] }, 'U2', NOW))?.paused).toBe(false);
  });

  test('config channels are imported once; after that the store wins', async () => {
    const config: ChannelImport = {
      platform: 'discord',
      channelId: '900',
      workspaceId: '',
      name: 'news',
      schedule: '0 9 * * *',
      timezone: 'UTC',
      include: ['nato'],
      exclude: [],
      paused: false,
      maxPerDigest: 5,
      style: 'digest',
      sources: [
        { kind: 'feed', url: 'https://news.test/feed' },
        { kind: 'folder', url: 'briefings' },
      ],
    };
    expect(await subs.importChannels([config], NOW)).toBe(1);
    const key = { platform: 'discord' as const, channelId: '900' };
    const imported = await subs.channel(key);
    expect(imported).toMatchObject({ origin: 'config', updatedBy: 'config', name: 'news', style: 'digest' });
    expect(imported?.sources.map((s) => [s.kind, s.url, s.addedBy])).toEqual([
      ['feed', 'https://news.test/feed', 'config'],
      ['folder', 'briefings', 'config'],
    ]);
    const feed = imported?.sources[0];
    if (!feed) throw new Error('no feed');
    await subs.unsubscribe(key, feed.id);
    const v = await subs.version();
    // A restart imports again: nothing comes back and nothing changes.
    expect(await subs.importChannels([config], NOW)).toBe(0);
    expect((await subs.channel(key))?.sources.map((s) => s.url)).toEqual(['briefings']);
    expect(await subs.version()).toBe(v);
  });

  test('a change made through one connection is seen by another (a second instance)', async () => {
    const other = made.second();
    opened.push(other);
    const v = await other.version();
    await subs.subscribe(follow('https://news.test/a'));
    expect(await other.version()).toBeGreaterThan(v);
    expect((await other.channels()).map((c) => c.sources.map((s) => s.url))).toEqual([
      ['https://news.test/a'],
    ]);
  });

  test('a read is recorded on the source without raising the version', async () => {
    const a = await subs.subscribe(follow('https://news.test/a'));
    if (!a.ok) throw new Error('follow failed');
    const v = await subs.version();
    await subs.recordFetch(a.subscription.id, NOW, 'HTTP 503');
    expect((await subs.channel(a.channel))?.sources[0]).toMatchObject({
      lastFetchAt: NOW,
      lastError: 'HTTP 503',
    });
    expect(await subs.version()).toBe(v);
  });
});
