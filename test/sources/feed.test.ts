/** Feed parsing and item text: every form a feed carries its items' text in, on feeds written here. */
import { describe, expect, test } from 'vitest';
import { feedFileText, looksLikeFeed, parseFeed } from '../../src/sources/feed.js';
import { fileFeed, sharedLinks } from '../../src/sources/feed-read.js';
import { htmlFragmentText, itemText } from '../../src/sources/feed-text.js';

const BASE = 'https://gazette.example/feed.xml';

const rss = (items: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Gazette</title>
${items}
</channel></rss>`;

const texts = (xml: string) =>
  parseFeed(xml, 'application/rss+xml', BASE).items.map((i) => itemText(i.content));

describe('item text', () => {
  test('CDATA, escaped and unescaped HTML, and plain text in <description> all keep their words', () => {
    const got = texts(
      rss(`
<item><title>a</title><description><![CDATA[<p>The pier <b>reopened</b> on Friday.</p><p>Crowds came early.</p>]]></description></item>
<item><title>b</title><description>&lt;p&gt;Tolls rise &amp;amp; queues grow.&lt;/p&gt;</description></item>
<item><title>c</title><description>Boats were <i>late</i> again.<br/>The harbour master apologised.<p>More on Monday.</p></description></item>
<item><title>d</title><description>  Plain words, no markup at all.  </description></item>`),
    );
    expect(got).toEqual([
      'The pier reopened on Friday.\n\nCrowds came early.',
      'Tolls rise & queues grow.',
      'Boats were late again.\n\nThe harbour master apologised.\n\nMore on Monday.',
      'Plain words, no markup at all.',
    ]);
  });

  test('text outside <p> between <br> tags (blog-style posts) is kept, one line per break', () => {
    expect(
      itemText(
        '<div dir="ltr">After <b>March</b>, the ferry runs hourly.<br /><br />Why the change:<ul><li>more riders</li><li>a new boat</li></ul>Tickets stay at <a href="/p">two euros</a>.</div>',
      ),
    ).toBe(
      'After March, the ferry runs hourly.\n\nWhy the change:\n\nmore riders\n\na new boat\n\nTickets stay at two euros.',
    );
  });

  test('content nesting past the page bound is refused, not parsed for minutes or overflowing the stack', () => {
    const deep = `${'<div>'.repeat(5000)}Harbour news.${'</div>'.repeat(5000)}`;
    expect(() => itemText(deep)).toThrow(/the item's content nests its elements 5000 levels deep/);
  });

  test('scripts, styles and embedded players are not text; tables give one line per cell', () => {
    expect(
      htmlFragmentText(
        '<table><tr><td><img src="x.jpg" alt="thumb"></td><td>Votes counted <script>track()</script>overnight</td></tr></table><style>p{}</style><iframe src="v">player</iframe>',
      ),
    ).toBe('Votes counted overnight');
  });

  test('Atom content type="xhtml", type="html" and summary; the content wins over the summary', () => {
    const atom = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>
<entry><id>urn:1</id><title>x</title><link href="/one"/><updated>2025-08-19T10:00:00Z</updated>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Gulls &amp; terns nest <em>here</em>.</p>Counted by volunteers.</div></content></entry>
<entry><id>urn:2</id><title>y</title><link href="https://gazette.example/two"/><summary>Short teaser.</summary>
<content type="html">&lt;p&gt;The full story of the dunes.&lt;/p&gt;</content></entry>
<entry><id>urn:3</id><title>z</title><summary type="text">Only a summary here.</summary></entry></feed>`;
    const feed = parseFeed(atom, '', BASE);
    expect(feed.items.map((i) => itemText(i.content))).toEqual([
      'Gulls & terns nest here.\n\nCounted by volunteers.',
      'The full story of the dunes.',
      'Only a summary here.',
    ]);
    expect(feed.items[0]?.url).toBe('https://gazette.example/one');
  });

  test('content:encoded is preferred to the description; a JSON Feed content_text keeps its lines', () => {
    const [item] = parseFeed(
      rss(
        '<item><title>t</title><description>Teaser only.</description><content:encoded><![CDATA[<p>The whole story, every word.</p>]]></content:encoded></item>',
      ),
      '',
      BASE,
    ).items;
    expect(itemText(item?.content ?? null)).toBe('The whole story, every word.');
    const json = parseFeed(
      JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        items: [{ id: '9', content_text: 'First line.\nSecond line.' }],
      }),
      'application/feed+json',
      BASE,
    );
    expect(itemText(json.items[0]?.content ?? null)).toBe('First line.\n\nSecond line.');
  });

  test('a long numeric guid stays as written', () => {
    const [item] = parseFeed(
      rss('<item><title>t</title><guid>12345678901234567890123</guid></item>'),
      '',
      BASE,
    ).items;
    expect(item?.id).toBe('12345678901234567890123');
  });
});

describe('recognising feeds', () => {
  test('by content, past declarations, comments and stylesheets; not by name', () => {
    expect(
      looksLikeFeed(
        '\uFEFF<?xml version="1.0"?>\n<!-- hi --><?xml-stylesheet href="s.xsl"?>\n<rss version="2.0">',
      ),
    ).toBe(true);
    expect(looksLikeFeed('<feed xmlns="http://www.w3.org/2005/Atom">')).toBe(true);
    expect(looksLikeFeed('{"version": "https://jsonfeed.org/version/1.1", "items": []}')).toBe(true);
    expect(looksLikeFeed('<!doctype html><html><head><title>rss</title>')).toBe(false);
    expect(looksLikeFeed('The feed was late.')).toBe(false);
  });

  test('an HTML page given as a feed names the feeds it advertises', () => {
    const page = `<!doctype html><html><head><title>Gazette</title>
<link rel="alternate" type="application/rss+xml" title="All" href="/rss">
<link rel="alternate" type="application/atom+xml" href="https://gazette.example/atom">
<link rel="alternate" hreflang="fr" href="/fr/"></head><body><p>Hello</p></body></html>`;
    expect(() => parseFeed(page, 'text/html', 'https://gazette.example/')).toThrow(
      'Not a feed: https://gazette.example/ is an HTML page; the feeds it advertises: https://gazette.example/rss, https://gazette.example/atom',
    );
  });

  test('a "Document Moved" page saved as .rss is one clear line, not an XML parser message', () => {
    const moved = Buffer.from(
      '<head><title>Document Moved</title></head>\n<body><h1>Object Moved</h1>This document may be found <a HREF="/rss/">here</a></body>',
    );
    expect(() => fileFeed(moved, 'saved.rss', 'file:///saved.rss')).toThrow(
      /^Not a feed: saved\.rss is an HTML page and advertises no feed/,
    );
    // The same bytes under an article's name are an article, not a feed.
    expect(fileFeed(moved, 'saved.txt', 'file:///saved.txt')).toBeNull();
  });

  test('a Latin-1 feed that declares nothing is read as windows-1252; a declared charset is obeyed', () => {
    const latin = Buffer.from(
      '<rss version="2.0"><channel><item><title>Não há café</title></item></channel></rss>',
      'latin1',
    );
    expect(parseFeed(feedFileText(latin) ?? '', '', BASE).items[0]?.title).toBe('Não há café');
    const declared = Buffer.concat([
      Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?>'),
      Buffer.from('<rss version="2.0"><channel><item><title>Grüße</title></item></channel></rss>', 'latin1'),
    ]);
    expect(parseFeed(feedFileText(declared) ?? '', '', BASE).items[0]?.title).toBe('Grüße');
    expect(feedFileText(Buffer.from('Just an article.'))).toBeNull();
  });

  test('links shared by items with different guids are found; one item per link is not shared', () => {
    const items = parseFeed(
      rss(`<item><guid>e2</guid><title>Two</title><link>https://radio.example/show</link></item>
<item><guid>e1</guid><title>One</title><link>https://radio.example/show?utm_source=rss</link></item>
<item><guid>n1</guid><title>News</title><link>https://radio.example/news/1</link></item>`),
      '',
      BASE,
    ).items;
    expect([...sharedLinks(items)]).toEqual(['https://radio.example/show']);
  });
});

test('a feed served as text/html is still a feed', () => {
  const feed = rss('<item><title>Served wrong</title><link>https://gazette.example/w</link></item>');
  expect(parseFeed(feed, 'text/html; charset=utf-8', BASE).items[0]?.title).toBe('Served wrong');
});

describe('feeds with the usual faults', () => {
  test('bare ampersands and HTML that is not XML inside descriptions are read, not refused', () => {
    const feed = parseFeed(
      `<rss version="2.0"><channel><title>Fish & Ships</title>
<item><title>Nets & boats</title><link>https://gazette.example/a?x=1&y=2</link>
<description>Crews mended nets.<br>Boats left at dawn.<img src=gull.jpg><p>Back by noon</description></item>
<item><title>Second</title><description><![CDATA[Kept & exact]]></description></item>
</channel></rss>`,
      'application/rss+xml',
      BASE,
    );
    expect(feed.items.map((i) => [i.title, i.url, itemText(i.content)])).toEqual([
      [
        'Nets & boats',
        'https://gazette.example/a?x=1&y=2',
        'Crews mended nets.\n\nBoats left at dawn.\n\nBack by noon',
      ],
      ['Second', null, 'Kept & exact'],
    ]);
  });

  test('other faults (mismatched item tags, a truncated download) stay one clear error', () => {
    expect(() =>
      parseFeed('<rss version="2.0"><channel><item><title>x</item></channel></rss>', '', BASE),
    ).toThrow(/^Malformed feed at https:\/\/gazette\.example\/feed\.xml: .*\(line 1\)$/);
    expect(() =>
      parseFeed('<rss version="2.0"><channel><item><title>x</title><description>cut', '', BASE),
    ).toThrow(/^Malformed feed/);
  });
});
