/**
 * The subscription service over a real SQLite store and a feed server on 127.0.0.1: following a feed,
 * a site's home page (its advertised feed) and an article page; every refusal is one line and changes
 * nothing; schedule, filters, pause, sources and preview.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, expect, test } from 'vitest';
import { ingestUrl } from '../../src/app/ingest.js';
import { createSubscriptionService } from '../../src/app/subscriptions.js';
import { feedsView, sourcesView } from '../../src/app/views.js';
import type { FeedsCaller, SubscriptionService } from '../../src/contracts/index.js';
import { analyse } from '../../src/core/index.js';
import { createSqliteStore } from '../../src/store/index.js';
import type { SubscriptionStore } from '../../src/store/subscriptions.js';
import { createSqliteSubscriptions } from '../../src/store/subscriptions-sqlite.js';
import type { BriefingStore } from '../../src/store/types.js';
import { page, send, startServer, type TestServer } from '../sources/server.js';

let server: TestServer;
let dir: string;
let store: BriefingStore;
let subs: SubscriptionStore;
let service: SubscriptionService;
const NOW = new Date('2026-12-02T10:00:00.000Z');
const caller: FeedsCaller = { platform: 'slack', channelId: 'C1', workspaceId: 'T1', userId: 'U1' };

const rss = (title: string, items: { title: string; link: string }[]) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>${title}</title>${items
    .map(
      (i) =>
        `<item><title>${i.title}</title><link>${i.link}</link><description>${i.title}.</description></item>`,
    )
    .join('')}</channel></rss>`;
const longParagraphs = Array.from(
  { length: 6 },
  (_, i) =>
    `Paragraph ${i}: the harbour council met on Tuesday to discuss the ferry timetable, and members said the night service would start in May after a year of complaints from shift workers.`,
);

beforeAll(async () => {
  server = await startServer();
  server.routes.set(
    '/rss',
    send(
      rss('Harbour News', [{ title: 'Ferry approved', link: `${'http://x.test'}/ferry` }]),
      'application/rss+xml',
    ),
  );
  server.routes.set(
    '/',
    send(
      `<!doctype html><html><head><title>Harbour</title><link rel="alternate" type="application/rss+xml" href="/rss"></head><body><p>Welcome.</p></body></html>`,
      'text/html',
    ),
  );
  server.routes.set(
    '/story',
    send(page({ title: 'Night ferry approved', paragraphs: longParagraphs }), 'text/html'),
  );
  server.routes.set(
    '/empty',
    send(
      '<!doctype html><html><head><title>Nothing</title></head><body><p>Hi.</p></body></html>',
      'text/html',
    ),
  );
});
afterAll(() => server.close());

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'nb-subsvc-'));
  const file = join(dir, 'store.db');
  store = createSqliteStore(file);
  subs = createSqliteSubscriptions(file);
  service = createSubscriptionService({
    subs,
    store,
    fetch: { allowPrivateAddresses: true },
    now: () => NOW,
  });
});
afterEach(async () => {
  await subs.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

test('follow a feed: its title, its items and the next run are shown', async () => {
  const r = await service.change(caller, { kind: 'follow', url: `${server.base}/rss` });
  expect(r).toMatchObject({
    kind: 'followed',
    source: { kind: 'feed', url: `${server.base}/rss`, title: 'Harbour News' },
    foundOn: null,
    items: 1,
    newest: 'Ferry approved',
    channel: { schedule: '0 8 * * *', timezone: 'Europe/London', paused: false },
  });
  if (r.kind !== 'followed') return;
  expect(r.channel.nextRun).not.toBeNull();
  const view = feedsView(r);
  expect(view.title).toBe('Following the feed Harbour News');
  expect(view.lines.join('\n')).toMatch(/^Next run: .*\(Europe\/London\), schedule “0 8 \* \* \*”\.$/m);
  const stored = await subs.channel(caller);
  expect(stored?.sources.map((s) => [s.kind, s.url, s.addedBy])).toEqual([
    ['feed', `${server.base}/rss`, 'U1'],
  ]);
});

test('a site’s home page is followed through the feed it advertises; an article page as a page', async () => {
  const site = await service.change(caller, { kind: 'follow', url: `${server.base}/` });
  expect(site).toMatchObject({
    source: { kind: 'feed', url: `${server.base}/rss` },
    foundOn: `${server.base}/`,
  });
  const story = await service.change(caller, { kind: 'follow', url: `${server.base}/story` });
  expect(story).toMatchObject({ source: { kind: 'page', url: `${server.base}/story` }, items: null });
});

test('every refusal is one line and changes nothing', async () => {
  await service.change(caller, { kind: 'follow', url: `${server.base}/rss` });
  const before = await subs.version();
  const refused = async (p: Promise<unknown>, message: RegExp) => {
    const err = await p.then(
      () => null,
      (e: Error) => e,
    );
    expect(err?.message).toMatch(message);
    expect(err?.message).not.toContain('\n');
  };
  await refused(
    service.change(caller, { kind: 'follow', url: 'ftp://example.com/rss' }),
    /Only http and https/,
  );
  await refused(service.change(caller, { kind: 'follow', url: `${server.base}/missing` }), /HTTP 404/);
  await refused(
    service.change(caller, { kind: 'follow', url: `${server.base}/empty` }),
    /neither a feed nor an article/,
  );
  await refused(
    service.change(caller, { kind: 'follow', url: `${server.base}/rss/` }),
    /already follows .* \(id \d+\)/,
  );
  await refused(
    service.change(caller, { kind: 'schedule', spec: '*/5 * * * *', timezone: null }),
    /15 minutes/,
  );
  await refused(
    service.change(caller, { kind: 'schedule', spec: '25:00', timezone: null }),
    /neither a time/,
  );
  await refused(
    service.change(caller, { kind: 'schedule', spec: '07:30', timezone: 'Mars/Base' }),
    /not an IANA/,
  );
  await refused(service.change(caller, { kind: 'unfollow', target: '999' }), /follows no source/);
  await refused(service.change({ ...caller, channelId: 'C2' }, { kind: 'pause' }), /follows nothing yet/);
  // Private addresses are refused unless the operator allows them for chat.
  const guarded = createSubscriptionService({ subs, store, now: () => NOW });
  await refused(
    guarded.change(caller, { kind: 'follow', url: `${server.base}/story` }),
    /private|not allowed|refused/i,
  );
  expect(await subs.version()).toBe(before);
  expect((await subs.channel(caller))?.sources).toHaveLength(1);
});

test('schedule, filters, pause and resume change the channel; sources lists ids and next run', async () => {
  const followed = await service.change(caller, { kind: 'follow', url: `${server.base}/rss` });
  const scheduled = await service.change(caller, {
    kind: 'schedule',
    spec: '07:30',
    timezone: 'America/New_York',
  });
  expect(scheduled).toMatchObject({ channel: { schedule: '30 7 * * *', timezone: 'America/New_York' } });
  if (scheduled.kind !== 'scheduled' || followed.kind !== 'followed') return;
  expect(new Date(scheduled.channel.nextRun ?? 0).toISOString()).toMatch(/T1[12]:30:00/); // 07:30 in New York
  await service.change(caller, { kind: 'filter', mode: 'include', words: ['ferry', 'harbour'] });
  expect((await subs.channel(caller))?.include).toEqual(['ferry', 'harbour']);
  await service.change(caller, { kind: 'filter', mode: 'clear' });
  expect((await subs.channel(caller))?.include).toEqual([]);
  const paused = await service.change(caller, { kind: 'pause' });
  expect(paused).toMatchObject({ channel: { paused: true, nextRun: null } });
  expect((await service.change(caller, { kind: 'resume' })).kind).toBe('resumed');
  const listed = await service.sources(caller);
  expect(listed.sources.map((s) => s.id)).toEqual([followed.source.id]);
  const view = sourcesView(listed);
  expect(view.kind).toBe('feeds');
  if (view.kind === 'feeds')
    expect(view.lines[0]).toBe(`#${followed.source.id} feed Harbour News (${server.base}/rss): not read yet`);
  const gone = await service.change(caller, { kind: 'unfollow', target: `${server.base}/rss` });
  expect(gone).toMatchObject({ kind: 'unfollowed', source: { id: followed.source.id } });
  expect(sourcesView(await service.sources(caller)).kind).toBe('notice');
});

test('preview shows what the next run would post from what is stored, and posts or marks nothing', async () => {
  await service.change(caller, { kind: 'follow', url: `${server.base}/rss` });
  expect(await service.preview(caller)).toEqual([]);
  await ingestUrl(
    `${server.base}/rss`,
    { store, analyse, fetch: { allowPrivateAddresses: true } },
    { feed: true },
  );
  const items = await service.preview(caller);
  expect(items.map((i) => i.post.briefing.title)).toEqual(['Ferry approved']);
  expect(await service.preview(caller)).toHaveLength(1);
  // A filter the story fails leaves it out.
  await service.change(caller, { kind: 'filter', mode: 'exclude', words: ['ferry'] });
  expect(await service.preview(caller)).toEqual([]);
  // Another channel follows nothing: nothing to preview.
  expect(await service.preview({ platform: 'slack', channelId: 'C9' })).toEqual([]);
});
