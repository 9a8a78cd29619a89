import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { defaultReader, evaluateFeeds, keptShare, referenceText, words } from './feeds.js';

describe('feeds eval scoring', () => {
  test('reference text: tags, comments and scripts go, character references are decoded', () => {
    const ref = referenceText(
      '<p>Caf&eacute; <b>opens</b><!-- hidden --> at&nbsp;dawn<script>var x = 1;</script></p>&lt;3',
    );
    expect(ref.replace(/\s+/g, ' ').trim()).toBe('Café opens at dawn <3');
  });

  test('kept share counts repeated words as often as the reference has them, in any script', () => {
    expect([...words('Straße, straße 42!').entries()]).toEqual([
      ['straße', 2],
      ['42', 1],
    ]);
    expect(keptShare(words('the cat and the dog'), words('the cat and a dog'))).toBeCloseTo(0.8);
    expect(keptShare(words('the cat'), words('the cat sat'))).toBe(1);
    expect(keptShare(words(''), words('anything'))).toBeNull();
  });
});

describe('evaluateFeeds on a folder of its own', () => {
  test('scores items, titles, links, dates and text; a placeholder reference is left out', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'nb-feeds-eval-'));
    mkdirSync(path.join(dir, 'input'));
    mkdirSync(path.join(dir, 'output'));
    writeFileSync(
      path.join(dir, 'input', 'one.rss'),
      `<rss version="2.0"><channel><title>T</title>
<item><title>Pier  reopens</title><link>/pier</link><pubDate>Tue, 19 Aug 2025 10:00:00 GMT</pubDate>
<description><![CDATA[<p>The pier reopened on Friday.</p>]]></description></item>
<item><title>Blank item</title><link>https://gazette.example/e</link><description></description></item>
</channel></rss>`,
    );
    writeFileSync(
      path.join(dir, 'output', 'one.json'),
      JSON.stringify({
        feed: {
          items: [
            {
              title: 'Pier reopens',
              link: '/pier',
              isoDate: '2025-08-19T10:00:00.000Z',
              content: '<p>The pier reopened on Friday.</p>',
            },
            { title: 'Blank item', link: 'https://gazette.example/e', content: 'EMPTY' },
          ],
        },
      }),
    );
    writeFileSync(path.join(dir, 'input', 'moved.rss'), '<head><title>Moved</title></head><body>here</body>');
    const r = evaluateFeeds(dir, (bytes, base) =>
      defaultReader(bytes, base).map((i, k) => (k === 0 ? i : { ...i, text: '' })),
    );
    expect(r.feeds[0]).toMatchObject({
      name: 'one',
      items: 2,
      titles: { ok: 2, total: 2 },
      links: { ok: 2, total: 2 },
      dates: { ok: 1, total: 1 },
      text: { ok: 1, total: 1 },
      referenceNotInFeed: 1,
    });
    expect(r.unscored).toEqual([{ name: 'moved', items: 0, error: expect.stringMatching(/^Not a feed/) }]);
    rmSync(dir, { recursive: true, force: true });
  });
});
