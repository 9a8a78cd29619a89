/**
 * Feed items into a real SQLite store through a real local HTTP server: item identity (episodes sharing
 * one link), the page against the item's own text, nothing lost when pages are unreachable, and a store
 * built by the previous release upgraded without reposting anything.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { type IngestDeps, ingestInput, storeSourced } from '../../src/app/ingest.js';
import { createRunner } from '../../src/app/runner.js';
import { analyse } from '../../src/core/index.js';
import { parseFeed } from '../../src/sources/feed.js';
import { finishFeed } from '../../src/sources/feed-read.js';
import { createSqliteStore } from '../../src/store/index.js';
import type { BriefingStore } from '../../src/store/types.js';
import { channel, RecordingPlatform, silentLog } from '../app/fakes.js';
import { LONG, page, send, startServer, type TestServer } from './server.js';

let srv: TestServer;
let dir: string;
let store: BriefingStore;
let deps: IngestDeps;

beforeAll(async () => {
  srv = await startServer();
});
afterAll(() => srv.close());
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'nb-feed-'));
  store = createSqliteStore(join(dir, 'store.db'));
  deps = { store, analyse, fetch: { allowPrivateAddresses: true, timeoutMs: 1500 } };
  srv.routes.clear();
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const episodes = (base: string, n: number) =>
  `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Harbour Hour</title><link>${base}/show</link>
${Array.from({ length: n }, (_, k) => n - k)
  .map(
    (i) => `<item><title>Episode ${i}</title><link>${base}/show</link><guid isPermaLink="false">ep-${i}</guid>
<pubDate>Mon, ${String(i).padStart(2, '0')} Aug 2025 06:00:00 GMT</pubDate>
<description>In episode ${i} the harbour pilot Ines Varga ${['explains the tides', 'tours the new dock', 'answers listener questions', 'meets the lifeboat crew'][i % 4]}, and we hear from ${i + 2} fishermen about the season.</description></item>`,
  )
  .join('\n')}</channel></rss>`;

describe('feed item identity', () => {
  test('episodes sharing one link are separate articles, whether the shared page answers or not', async () => {
    srv.routes.set('/pod', send(episodes(srv.base, 3), 'application/rss+xml'));
    const r = await ingestInput(`${srv.base}/pod`, deps);
    expect(r.errors).toEqual([]);
    expect(r.items.map((i) => [i.item, i.title, i.status, i.version])).toEqual([
      ['ep-3', 'Episode 3', 'new', 1],
      ['ep-2', 'Episode 2', 'new', 1],
      ['ep-1', 'Episode 1', 'new', 1],
    ]);
    expect(new Set(r.items.map((i) => i.articleId)).size).toBe(3);
    // The show's page now answers: the next episode is still its own article, from its own text.
    srv.routes.set('/show', send(page({ title: 'Harbour Hour', paragraphs: LONG }), 'text/html'));
    srv.routes.set('/pod', send(episodes(srv.base, 4), 'application/rss+xml'));
    const next = await ingestInput(`${srv.base}/pod`, deps);
    expect(next.items.map((i) => [i.item, i.status])).toEqual([['ep-4', 'new']]);
    const stored = await store.getArticle(next.items[0]?.articleId ?? '');
    expect(stored?.analysis.sentences[0]?.text).toContain('In episode 4 the harbour pilot');
    expect((await store.counts()).articles).toBe(4);
  });

  test('the page is preferred, unless it says less than the item (a paywall teaser)', async () => {
    const full = [
      'The new lifeboat station opened on Saturday after two years of fundraising by the town.',
      'Its crew of twelve volunteers trained for eight months on the new all-weather boat.',
      'The station will cover forty kilometres of coast, the regional coastguard said.',
    ];
    srv.routes.set('/open', send(page({ title: 'Lifeboat station opens', paragraphs: full }), 'text/html'));
    srv.routes.set(
      '/wall',
      send(page({ title: 'Subscribe', paragraphs: ['Subscribe to read this story.'] }), 'text/html'),
    );
    const itemOwn = `<p>${full.join('</p><p>')}</p>`;
    srv.routes.set(
      '/rss',
      send(
        `<rss version="2.0"><channel><title>T</title>
<item><title>Open</title><link>${srv.base}/open</link><description>Station opens.</description></item>
<item><title>Walled</title><link>${srv.base}/wall</link><description><![CDATA[${itemOwn}]]></description></item>
</channel></rss>`,
        'application/rss+xml',
      ),
    );
    const r = await ingestInput(`${srv.base}/rss`, deps);
    const [open, walled] = await Promise.all(r.items.map((i) => store.getArticle(i.articleId)));
    expect(open?.title).toBe('Lifeboat station opens');
    expect(open?.analysis.sentences).toHaveLength(3);
    expect(walled?.title).toBe('Walled');
    expect(walled?.analysis.sentences.map((s) => s.text).join(' ')).toContain('crew of twelve volunteers');
  });
});

describe('pages unreachable', () => {
  test('every item gives an article or an error line naming it: none is lost', async () => {
    // Item pages fail in every way a server can: not found, server error, forbidden, a dropped
    // connection, a page with no text. The feed itself answers.
    srv.routes.set('/p/404', (_q, res) => res.writeHead(404).end());
    srv.routes.set('/p/500', (_q, res) => res.writeHead(500).end('oops'));
    srv.routes.set('/p/403', (_q, res) =>
      res.writeHead(403, { 'content-type': 'text/html' }).end('<p>No</p>'),
    );
    srv.routes.set('/p/drop', (req) => req.socket.destroy());
    srv.routes.set('/p/empty', send('<!doctype html><html><body><nav>Home</nav></body></html>', 'text/html'));
    const pages = ['404', '500', '403', 'drop', 'empty'];
    const bodies = [
      '<![CDATA[<p>The tram line to the airport opens in May, the city said.</p>]]>',
      'The bakery on Quay Street closed after ninety years.<br/>Its owners are retiring.',
      '&lt;div&gt;Rain is forecast all week &amp;amp; rivers are rising.&lt;/div&gt;',
      '',
      'Plain text: the library extends its opening hours to 9 pm.',
      '',
    ];
    const items = bodies.map(
      (b, i) =>
        `<item><title>Story ${i}</title>${i === 5 ? '' : `<link>${srv.base}/p/${pages[i % 5]}</link>`}<guid isPermaLink="false">s-${i}</guid><description>${b}</description></item>`,
    );
    srv.routes.set(
      '/feed',
      send(
        `<rss version="2.0"><channel><title>T</title>${items.join('')}</channel></rss>`,
        'application/rss+xml',
      ),
    );
    const r = await ingestInput(`${srv.base}/feed`, deps);
    expect(r.items.map((i) => i.item)).toEqual(['s-0', 's-1', 's-2', 's-4']);
    expect(r.errors.map((e) => [e.item, e.error])).toEqual([
      [
        's-3',
        expect.stringMatching(/^Feed item "Story 3" has no text of its own, and could not fetch .*drop/),
      ],
      ['s-5', 'Feed item "Story 5" has no text of its own'],
    ]);
    for (const e of r.errors) expect(e.error).not.toMatch(/\n/);
    const bakery = await store.getArticle(r.items[1]?.articleId ?? '');
    expect(bakery?.analysis.sentences.map((s) => s.text)).toEqual([
      'The bakery on Quay Street closed after ninety years.',
      'Its owners are retiring.',
    ]);
  });
});

describe('a store built by the previous release', () => {
  const fixture = join(import.meta.dirname, 'fixtures/release-store');
  const made = JSON.parse(readFileSync(join(fixture, 'release-ingest.json'), 'utf8')) as { base: string };

  test('is upgraded in place; re-reading its feeds reposts nothing and recovers the lost item', async () => {
    const path = join(dir, 'release.db');
    copyFileSync(join(fixture, 'store.db'), path);
    const raw = new Database(path, { readonly: true });
    const before = {
      level: raw.pragma('user_version', { simple: true }),
      articles: raw
        .prepare('SELECT id, key, version, content_hash, updated_at FROM articles ORDER BY id')
        .all(),
      keys: raw.prepare('SELECT key, article_id FROM article_keys ORDER BY key').all(),
      deliveries: raw
        .prepare("SELECT article_id, version FROM deliveries WHERE status = 'sent' ORDER BY id")
        .all(),
    };
    raw.close();
    expect(before.level).toBe(2);
    expect(before.articles).toHaveLength(3); // the three episodes collapsed into one article, v3

    const upgraded = createSqliteStore(path);
    const d = { ...deps, store: upgraded, fetch: { allowPrivateAddresses: true, timeoutMs: 500 } };
    const read = async (name: string, xml: string) => {
      const feedUrl = `${made.base}/${name}`;
      const r = await finishFeed(feedUrl, parseFeed(xml, '', feedUrl), { headers: {} }, upgraded, d);
      const stored = [];
      for (const a of r.articles) stored.push(await storeSourced(a, d));
      return { ...r, stored };
    };
    const news = await read('news.xml', readFileSync(join(fixture, 'news.xml'), 'utf8'));
    const pod = await read('podcast.xml', readFileSync(join(fixture, 'podcast.xml'), 'utf8'));
    // Every item the release stored is known and skipped unread; the item it lost is now an article.
    expect([news.skipped, pod.skipped]).toEqual([2, 3]);
    expect(news.stored.map((s) => [s.item, s.status])).toEqual([['gazette-103', 'new']]);
    expect(pod.stored).toEqual([]);
    // A new episode on the shared link is its own article, not a fourth version of the old one.
    const ep4 = readFileSync(join(fixture, 'podcast.xml'), 'utf8').replace(
      '<item>',
      `<item><title>Episode 4: Night ferry</title><link>${made.base}/show</link><guid isPermaLink="false">hh-ep-4</guid><description><![CDATA[<p>We ride the last ferry of the night with its captain, Ruth Okafor.</p>]]></description></item><item>`,
    );
    const again = await read('podcast.xml', ep4);
    expect(again.stored.map((s) => [s.item, s.status, s.version])).toEqual([['hh-ep-4', 'new', 1]]);
    // The channel's next run posts the two new articles and nothing the release had posted.
    const terminal = new RecordingPlatform('console');
    const runner = createRunner({
      store: upgraded,
      platforms: { console: terminal },
      log: silentLog,
      holder: 'up',
    });
    await runner.runChannel(
      channel({
        platform: 'console',
        channelId: 'terminal',
        sources: { folders: [], urls: [], feeds: [`${made.base}/news.xml`, `${made.base}/podcast.xml`] },
      }),
    );
    expect(terminal.accepted.map((c) => [c.title, c.version]).sort()).toEqual([
      ['Episode 4: Night ferry', 1],
      ['Ferry timetable changes', 1],
    ]);
    await upgraded.close();

    const after = new Database(path, { readonly: true });
    expect(
      after
        .prepare('SELECT id, key, version, content_hash, updated_at FROM articles WHERE id <= 3 ORDER BY id')
        .all(),
    ).toEqual(before.articles);
    const keys = after.prepare('SELECT key, article_id FROM article_keys ORDER BY key').all();
    for (const k of before.keys) expect(keys).toContainEqual(k);
    // Nothing already posted has a newer version to post again.
    const current = after.prepare('SELECT id, version FROM articles WHERE id <= 3').all() as {
      id: number;
      version: number;
    }[];
    for (const a of current)
      expect(before.deliveries).toContainEqual({ article_id: a.id, version: a.version });
    after.close();
  });
});

test('a feed file is ingested by content whatever its name, keyed by its path', async () => {
  const file = join(dir, 'saved-feed.txt');
  writeFileSync(file, episodes('https://radio.example', 2));
  const r = await ingestInput(file, deps);
  expect(r.kind).toBe('feed');
  expect(r.items.map((i) => [i.item, i.status])).toEqual([
    ['ep-2', 'new'],
    ['ep-1', 'new'],
  ]);
});

describe('bounded feed reads', () => {
  const news = (base: string, n: number) =>
    `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Gazette</title>
${Array.from({ length: n }, (_, k) => k + 1)
  .map(
    (i) => `<item><title>Story ${i}</title><link>${base}/story/${i}</link><guid>s-${i}</guid>
<pubDate>${String(i).padStart(2, '0')} Aug 2025 06:00:00 GMT</pubDate>
<description>Story ${i}: the harbour board met on day ${i} and approved ${i + 1} new moorings for the marina.</description></item>`,
  )
  .join('\n')}</channel></rss>`;

  test('a one-off look at a feed (chat /brief) reads its newest item only and keeps no feed state', async () => {
    srv.routes.set('/news', send(news(srv.base, 30), 'application/rss+xml'));
    for (let i = 1; i <= 30; i++)
      srv.routes.set(
        `/story/${i}`,
        send(page({ title: `Story ${i} in full`, paragraphs: LONG }), 'text/html'),
      );
    const { ingestUrl } = await import('../../src/app/ingest.js');
    const r = await ingestUrl(`${srv.base}/news`, deps, { newestItemOnly: true });
    expect(r.items.map((i) => i.title)).toEqual(['Story 30 in full']);
    expect(srv.requests.filter((q) => q.path.startsWith('/story/'))).toHaveLength(1);
    expect(await store.feedState(`${srv.base}/news`)).toBeNull();
    // A later subscription still reads every item.
    const all = await ingestUrl(`${srv.base}/news`, deps, { feed: true });
    expect(all.items).toHaveLength(29); // the newest is stored already, unchanged
    for (let i = 1; i <= 30; i++) expect(await store.findByKey(`${srv.base}/story/${i}`)).not.toBeNull();
    expect(await store.feedState(`${srv.base}/news`)).not.toBeNull();
  });

  test('past the feed’s deadline, items are briefed from their own text, not fetched, and none is lost', async () => {
    srv.routes.set('/slow-news', send(news(srv.base, 6), 'application/rss+xml'));
    for (let i = 1; i <= 6; i++)
      srv.routes.set(`/story/${i}`, (_q, res) => {
        setTimeout(
          () =>
            res
              .writeHead(200, { 'content-type': 'text/html' })
              .end(page({ title: `Page ${i}`, paragraphs: LONG })),
          400,
        );
      });
    const { feedArticles } = await import('../../src/sources/feed-read.js');
    const { parseFeed } = await import('../../src/sources/feed.js');
    const parsed = parseFeed(news(srv.base, 6), 'application/rss+xml', `${srv.base}/slow-news`);
    const { results } = await feedArticles(parsed, `${srv.base}/slow-news`, {
      fetch: deps.fetch ?? {},
      concurrency: 1,
      deadlineMs: 600,
    });
    expect(results).toHaveLength(6);
    const fromPages = results.filter((r) => 'article' in r && r.article.title?.startsWith('Page'));
    const fromItems = results.filter((r) => 'article' in r && r.article.title?.startsWith('Story'));
    expect(fromPages.length).toBeGreaterThanOrEqual(1);
    expect(fromItems.length).toBeGreaterThanOrEqual(3);
    expect(fromPages.length + fromItems.length).toBe(6);
  });
});

test('two different items that reuse one guid stay two articles (identity is the guid with the link)', async () => {
  const feed = `<?xml version="1.0"?><rss version="2.0"><channel><title>Gazette</title>
<item><title>Dock strike ends</title><link>${srv.base}/a</link><guid isPermaLink="false">same</guid>
<description>The dock strike ended on Friday after workers accepted a pay rise of six percent.</description></item>
<item><title>New ferry ordered</title><link>${srv.base}/b</link><guid isPermaLink="false">same</guid>
<description>The council ordered a new electric ferry that will enter service in two years.</description></item>
</channel></rss>`;
  srv.routes.set('/dup', send(feed, 'application/rss+xml'));
  const r = await ingestInput(`${srv.base}/dup`, deps);
  expect(r.items.map((i) => [i.title, i.status, i.version])).toEqual([
    ['Dock strike ends', 'new', 1],
    ['New ferry ordered', 'new', 1],
  ]);
  expect(new Set(r.items.map((i) => i.articleId)).size).toBe(2);
});
