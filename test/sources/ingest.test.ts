/** Folder, page and feed ingestion into a real SQLite store, against a real local HTTP server. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { type IngestDeps, ingestFeed, ingestInput } from '../../src/app/ingest.js';
import { analyse } from '../../src/core/index.js';
import { MAX_ARTICLE_BYTES } from '../../src/sources/article-file.js';
import { splitTitle } from '../../src/sources/folder.js';
import { createSqliteStore } from '../../src/store/index.js';
import type { BriefingStore } from '../../src/store/types.js';
import { LONG, page, send, startServer, type TestServer } from './server.js';

let srv: TestServer;
let dir: string;
let store: BriefingStore;
let deps: IngestDeps;

const rss = (items: { title: string; link: string; guid?: string; description?: string; date?: string }[]) =>
  `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Test RSS</title>
${items.map((i) => `<item><title>${i.title}</title><link>${i.link}</link><guid>${i.guid ?? i.link}</guid><pubDate>${i.date ?? 'Tue, 19 Aug 2025 10:00:00 GMT'}</pubDate><description><![CDATA[${i.description ?? ''}]]></description></item>`).join('\n')}
</channel></rss>`;

beforeAll(async () => {
  srv = await startServer();
});
afterAll(() => srv.close());
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'nb-ingest-'));
  store = createSqliteStore(join(dir, 'store.db'));
  deps = { store, analyse, fetch: { allowPrivateAddresses: true, timeoutMs: 1500 } };
  srv.routes.clear();
  srv.requests.length = 0;
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('folder', () => {
  test('titles: a headline first line followed by a blank line, a Markdown heading, or none', () => {
    expect(splitTitle('Bridge approved\n\nThe council voted.', false)).toEqual({
      title: 'Bridge approved',
      body: 'The council voted.',
    });
    expect(splitTitle('# Bridge approved\nThe council voted.', true)).toEqual({
      title: 'Bridge approved',
      body: 'The council voted.',
    });
    expect(splitTitle('The council voted on Tuesday.\nIt was late.', false).title).toBeNull();
    expect(splitTitle('Bridge approved\nThe council voted.', false).title).toBeNull();
  });

  test('ingests .txt .md .html, skips unchanged files, versions changed ones', async () => {
    const folder = join(dir, 'articles');
    rmSync(folder, { recursive: true, force: true });
    const { mkdirSync } = await import('node:fs');
    mkdirSync(folder);
    writeFileSync(join(folder, 'a.txt'), `Harbour bridge approved\n\n${LONG.join('\n')}`);
    writeFileSync(
      join(folder, 'b.md'),
      '# Storm closes schools\n\nA storm closed all schools in the north on Monday, officials said.\n',
    );
    writeFileSync(
      join(folder, 'c.html'),
      page({
        title: 'Rail strike ends',
        paragraphs: [
          'The rail strike ended on Wednesday after unions accepted a new pay offer from the operator.',
        ],
        canonical: 'https://news.test/rail',
      }),
    );
    writeFileSync(join(folder, 'ignored.json'), '{}');
    writeFileSync(join(folder, 'empty.txt'), '   \n');
    const first = await ingestInput(folder, deps);
    expect(first.items.map((i) => [i.title, i.status])).toEqual([
      ['Harbour bridge approved', 'new'],
      ['Storm closes schools', 'new'],
      ['Rail strike ends', 'new'],
    ]);
    expect(first.errors).toEqual([
      { input: join(folder, 'empty.txt'), error: `${join(folder, 'empty.txt')} has no text` },
    ]);
    const rail = await store.findByKey('https://news.test/rail');
    expect(rail).not.toBeNull();

    writeFileSync(
      join(folder, 'a.txt'),
      `Harbour bridge approved\n\n${LONG.join('\n')}\nA late vote added a cycle lane.`,
    );
    const second = await ingestInput(folder, deps);
    expect(second.items.map((i) => [i.status, i.version])).toEqual([
      ['updated', 2],
      ['unchanged', 1],
      ['unchanged', 1],
    ]);
    expect(second.items[0]?.articleId).toBe(first.items[0]?.articleId);
    expect((await store.counts()).articles).toBe(3);
  });

  test('a saved feed in the folder is read item by item beside the articles; an unreadable file is reported and the rest still come', async () => {
    const folder = join(dir, 'mixed');
    mkdirSync(folder);
    writeFileSync(join(folder, 'a.txt'), `Harbour bridge approved\n\n${LONG.join('\n')}`);
    writeFileSync(join(folder, 'b-huge.txt'), 'word '.repeat(MAX_ARTICLE_BYTES / 5 + 10));
    writeFileSync(join(folder, 'c-binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]));
    writeFileSync(
      join(folder, 'd-saved.rss'),
      rss([
        {
          title: 'Ferry fares frozen',
          link: `${srv.base}/ferry`,
          description:
            'The island ferry operator froze fares for a year on Monday, citing lower fuel costs and a rise in passengers over the summer.',
        },
        {
          title: 'Pier reopens',
          link: `${srv.base}/pier`,
          description:
            'The old pier reopened to walkers on Saturday after a two-year repair that replaced its rotten timber deck and railings.',
        },
      ]),
    );
    writeFileSync(join(folder, 'e-not-a-feed.xml'), '<html><body>Document moved</body></html>');
    const r = await ingestInput(folder, deps);
    expect(r.kind).toBe('folder');
    expect(r.items.map((i) => [i.title, i.status])).toEqual([
      ['Harbour bridge approved', 'new'],
      ['Ferry fares frozen', 'new'],
      ['Pier reopens', 'new'],
    ]);
    expect(r.items[1]?.item).toBe(`${srv.base}/ferry`);
    expect(r.errors.map((e) => [e.input, e.error.split('\n').length])).toEqual([
      [join(folder, 'b-huge.txt'), 1],
      [join(folder, 'c-binary.txt'), 1],
      [join(folder, 'e-not-a-feed.xml'), 1],
    ]);
    expect(r.errors[0]?.error).toMatch(/b-huge\.txt is larger than 2\.0 MB/);
    expect(r.errors[1]?.error).toMatch(/c-binary\.txt looks like binary data/);
    expect((await store.counts()).articles).toBe(3);
    // Read again: the article is unchanged and the feed's items are known (skipped, as a polled feed's
    // are), so nothing is stored twice.
    const again = await ingestInput(folder, deps);
    expect(again.items.map((i) => [i.title, i.status])).toEqual([['Harbour bridge approved', 'unchanged']]);
    expect((await store.counts()).articles).toBe(3);
  });

  test('a missing path is one clear error', async () => {
    const r = await ingestInput(join(dir, 'nope'), deps);
    expect(r.errors).toEqual([
      { input: join(dir, 'nope'), error: `No such file, folder or URL: ${join(dir, 'nope')}` },
    ]);
  });
});

describe('pages', () => {
  test('extracts title, byline, date, canonical URL and main text', async () => {
    srv.routes.set(
      '/story?utm_source=x',
      send(
        page({
          title: 'Harbour bridge approved',
          paragraphs: LONG,
          canonical: '/news/bridge',
          author: 'Jane Reporter',
          date: '2025-08-19T08:00:00Z',
        }),
        'text/html; charset=utf-8',
      ),
    );
    const r = await ingestInput(`${srv.base}/story?utm_source=x`, deps);
    expect(r.errors).toEqual([]);
    expect(r.items[0]).toMatchObject({
      status: 'new',
      key: `${srv.base}/news/bridge`,
      title: 'Harbour bridge approved',
    });
    const a = await store.getArticle(r.items[0]?.articleId ?? '');
    expect(a).toMatchObject({
      url: `${srv.base}/news/bridge`,
      byline: 'Jane Reporter',
      publishedAt: '2025-08-19T08:00:00.000Z',
    });
    const text = a?.analysis.sentences.map((s) => s.text).join(' ') ?? '';
    expect(text).toContain('Construction is expected to begin next spring');
    expect(text).not.toContain('Copyright');
    expect(text).not.toContain('Home');
    // Fetching the original URL again: known, unchanged.
    expect((await ingestInput(`${srv.base}/story?utm_source=x`, deps)).items[0]?.status).toBe('unchanged');
  });

  test('a canonical link to another site is not the article’s key (it would replace that site’s article)', async () => {
    srv.routes.set(
      '/hijack',
      send(
        page({ title: 'Borrowed story', paragraphs: LONG, canonical: 'https://other.example/news/1' }),
        'text/html',
      ),
    );
    const r = await ingestInput(`${srv.base}/hijack`, deps);
    expect(r.items[0]?.key).toBe(`${srv.base}/hijack`);
    expect(await store.findByKey('https://other.example/news/1')).toBeNull();
  });

  test('a page nesting thousands of elements deep is one error line, not a stalled process', async () => {
    const deep = `<html><body>${'<div>'.repeat(2000)}<p>${LONG[0]}</p>${'</div>'.repeat(2000)}</body></html>`;
    srv.routes.set('/deep', send(deep, 'text/html'));
    const r = await ingestInput(`${srv.base}/deep`, deps);
    expect(r.items).toEqual([]);
    expect(r.errors[0]?.error).toMatch(/nests its elements 2002 levels deep; pages are read up to 256$/);
  });

  test('an updated page is a new version of the same article', async () => {
    let paragraphs = LONG;
    srv.routes.set('/live', (_q, res) => {
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end(page({ title: 'Live: bridge vote', paragraphs }));
    });
    const one = await ingestInput(`${srv.base}/live`, deps);
    paragraphs = [...LONG, 'Update: the mayor signed the order on Wednesday morning.'];
    const two = await ingestInput(`${srv.base}/live`, deps);
    expect(two.items[0]).toMatchObject({ status: 'updated', version: 2, articleId: one.items[0]?.articleId });
  });

  test('a page in windows-1252 is decoded', async () => {
    const html = page({
      title: 'Caf\xe9 owners protest',
      paragraphs: [
        `The caf\xe9 owners said the new tax was \x93unfair\x94 and would close many businesses across the region this winter.`,
      ],
    });
    srv.routes.set('/cp', send(Buffer.from(html, 'latin1'), 'text/html; charset=windows-1252'));
    const r = await ingestInput(`${srv.base}/cp`, deps);
    const a = await store.getArticle(r.items[0]?.articleId ?? '');
    expect(a?.title).toBe('Café owners protest');
    expect(a?.analysis.sentences.map((s) => s.text).join(' ')).toContain('“unfair”');
  });

  test('errors are recorded and nothing stored is lost', async () => {
    srv.routes.set('/ok', send(page({ title: 'Kept story', paragraphs: LONG }), 'text/html'));
    await ingestInput(`${srv.base}/ok`, deps);
    srv.routes.set('/img', send(Buffer.from([1, 2, 3]), 'image/png'));
    srv.routes.set('/err', (_q, r) => r.writeHead(500).end());
    srv.routes.set('/loop', (_q, r) => r.writeHead(302, { location: '/loop2' }).end());
    srv.routes.set('/loop2', (_q, r) => r.writeHead(302, { location: '/loop' }).end());
    srv.routes.set('/slow', (_q, r) => setTimeout(() => r.writeHead(200).end('x'), 3000));
    const results = await Promise.all(
      ['/img', '/err', '/missing', '/loop', '/slow'].map((p) => ingestInput(`${srv.base}${p}`, deps)),
    );
    expect(results.map((r) => r.errors[0]?.error)).toEqual([
      `Could not fetch ${srv.base}/img: unexpected content type image/png`,
      `Could not fetch ${srv.base}/err: HTTP 500`,
      `Could not fetch ${srv.base}/missing: HTTP 404`,
      `Could not fetch ${srv.base}/loop: redirect loop at ${srv.base}/loop`,
      `Could not fetch ${srv.base}/slow: timed out after 1500 ms`,
    ]);
    expect((await store.counts()).articles).toBe(1);
  });

  test('a private address is refused when not allowed', async () => {
    srv.routes.set('/ok', send(page({ title: 'x', paragraphs: LONG }), 'text/html'));
    const r = await ingestInput(`${srv.base}/ok`, { store, analyse });
    expect(r.errors[0]?.error).toMatch(/127\.0\.0\.1 is a private address/);
    expect(srv.requests).toEqual([]);
  });
});

describe('feeds', () => {
  function serveStories() {
    srv.routes.set('/s1', send(page({ title: 'Harbour bridge approved', paragraphs: LONG }), 'text/html'));
    srv.routes.set(
      '/s2',
      send(
        page({
          title: 'Storm closes schools',
          paragraphs: [
            'A storm closed every school in the northern districts on Monday, officials said, as winds reached 120 km/h.',
            'Power was cut to 20,000 homes and the coastal railway was shut until further notice.',
            'Forecasters expect the storm to ease by Wednesday evening.',
          ],
        }),
        'text/html',
      ),
    );
  }

  test('RSS 2.0 with a conditional request on the next poll', async () => {
    serveStories();
    srv.routes.set('/rss', (req, res) => {
      if (req.headers['if-none-match'] === '"v1"') return res.writeHead(304).end();
      res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"' }).end(
        rss([
          { title: 'Bridge', link: `${srv.base}/s1` },
          { title: 'Storm', link: `${srv.base}/s2` },
          {
            title: 'Gone',
            link: `${srv.base}/gone`,
            description:
              '<p>The museum reopened on Friday after a two-year renovation costing 30 million euros, its director said.</p>',
          },
          { title: 'Nothing', link: `${srv.base}/gone2` },
        ]),
      );
    });
    const r = await ingestInput(`${srv.base}/rss`, deps);
    expect(r.kind).toBe('feed');
    expect(r.items.map((i) => i.title)).toEqual(['Harbour bridge approved', 'Storm closes schools', 'Gone']);
    expect(r.errors).toEqual([
      {
        input: `${srv.base}/gone2`,
        item: `${srv.base}/gone2`,
        error: `Feed item "Nothing" has no text of its own, and could not fetch ${srv.base}/gone2: HTTP 404`,
      },
    ]);
    const gone = await store.getArticle(r.items[2]?.articleId ?? '');
    expect(gone?.analysis.sentences[0]?.text).toContain('The museum reopened on Friday');
    expect(await store.feedState(`${srv.base}/rss`)).toMatchObject({ etag: '"v1"', error: null });

    const again = await ingestFeed(`${srv.base}/rss`, deps);
    expect(again).toMatchObject({ notModified: true, items: [], errors: [] });
    expect(srv.requests.at(-1)).toMatchObject({ path: '/rss', headers: { 'if-none-match': '"v1"' } });
  });

  test('Atom and JSON Feed; a duplicate item across two feeds is stored once', async () => {
    serveStories();
    srv.routes.set(
      '/atom',
      send(
        `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom</title>
<entry><title>Bridge</title><id>urn:1</id><link rel="alternate" href="${srv.base}/s1"/><updated>2025-08-19T10:00:00Z</updated><author><name>A. Writer</name></author></entry>
</feed>`,
        'application/atom+xml',
        { 'last-modified': 'Tue, 19 Aug 2025 10:00:00 GMT' },
      ),
    );
    srv.routes.set(
      '/feed.json',
      send(
        JSON.stringify({
          version: 'https://jsonfeed.org/version/1.1',
          title: 'JSON',
          items: [
            { id: '1', url: `${srv.base}/s1?utm_medium=json`, title: 'Bridge again' },
            { id: '2', url: `${srv.base}/s2`, title: 'Storm', date_published: '2025-08-19T11:00:00Z' },
          ],
        }),
        'application/feed+json',
      ),
    );
    const atom = await ingestInput(`${srv.base}/atom`, deps);
    expect(atom.items.map((i) => i.status)).toEqual(['new']);
    expect(await store.feedState(`${srv.base}/atom`)).toMatchObject({
      lastModified: 'Tue, 19 Aug 2025 10:00:00 GMT',
    });
    const json = await ingestInput(`${srv.base}/feed.json`, deps);
    expect(json.items.map((i) => [i.title, i.status])).toEqual([
      ['Harbour bridge approved', 'unchanged'],
      ['Storm closes schools', 'new'],
    ]);
    expect((await store.counts()).articles).toBe(2);
  });

  test('malformed, empty, not-a-feed and huge feeds are clear errors; stored articles stay', async () => {
    serveStories();
    srv.routes.set('/rss', send(rss([{ title: 'Bridge', link: `${srv.base}/s1` }]), 'application/rss+xml'));
    await ingestInput(`${srv.base}/rss`, deps);
    srv.routes.set(
      '/bad',
      send('<rss version="2.0"><channel><item><title>x</item></channel></rss>', 'application/rss+xml'),
    );
    srv.routes.set('/empty', send(rss([]), 'application/rss+xml'));
    srv.routes.set(
      '/badjson',
      send('{"version": "https://jsonfeed.org/version/1", "items": [', 'application/feed+json'),
    );
    srv.routes.set(
      '/huge',
      send(
        rss(Array.from({ length: 30000 }, (_, i) => ({ title: `Item ${i}`, link: `${srv.base}/i${i}` }))),
        'application/rss+xml',
      ),
    );
    // Mark them as feeds so they are polled as feeds.
    for (const p of ['/bad', '/badjson', '/huge'])
      await store.setFeedState({
        url: `${srv.base}${p}`,
        etag: null,
        lastModified: null,
        checkedAt: null,
        error: null,
      });
    const bad = await ingestInput(`${srv.base}/bad`, deps);
    expect(bad.errors[0]?.error).toMatch(/^Malformed feed at .*\/bad: .*\(line 1\)$/);
    expect(await store.feedState(`${srv.base}/bad`)).toMatchObject({
      error: expect.stringMatching(/Malformed/),
    });
    const empty = await ingestInput(`${srv.base}/empty`, deps);
    expect(empty).toMatchObject({ kind: 'feed', items: [], errors: [] });
    expect((await ingestInput(`${srv.base}/badjson`, deps)).errors[0]?.error).toMatch(/^Malformed JSON Feed/);
    const huge = await ingestFeed(`${srv.base}/huge`, {
      ...deps,
      fetch: { ...deps.fetch, maxBytes: 512 * 1024 },
    });
    expect(huge.errors[0]?.error).toMatch(/larger than 524288 bytes/);
    expect((await store.counts()).articles).toBe(1);
  });

  test('an item whose page changed becomes a new version', async () => {
    let paragraphs = LONG;
    srv.routes.set('/p', (_q, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end(page({ title: 'Bridge', paragraphs })),
    );
    let date = 'Tue, 19 Aug 2025 10:00:00 GMT';
    srv.routes.set('/rss', (_q, res) =>
      res
        .writeHead(200, { 'content-type': 'application/rss+xml' })
        .end(rss([{ title: 'Bridge', link: `${srv.base}/p`, date }])),
    );
    const one = await ingestInput(`${srv.base}/rss`, deps);
    const same = await ingestFeed(`${srv.base}/rss`, deps);
    expect(same.items).toEqual([]); // unchanged item: its page is not fetched again
    paragraphs = [...LONG, 'Update: the vote was challenged in court.'];
    date = 'Wed, 20 Aug 2025 10:00:00 GMT';
    const two = await ingestFeed(`${srv.base}/rss`, deps);
    expect(two.items[0]).toMatchObject({ status: 'updated', version: 2, articleId: one.items[0]?.articleId });
  });
});
