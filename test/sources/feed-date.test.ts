import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../src/sources/feed.js';
import { feedDate } from '../../src/sources/feed-date.js';

describe('feed item dates', () => {
  it('reads RFC 822 and ISO 8601 dates as Date does', () => {
    expect(feedDate('Mon, 24 Sep 2018 19:42:40 -0300')).toBe('2018-09-24T22:42:40.000Z');
    expect(feedDate('2018-09-24T22:42:40Z')).toBe('2018-09-24T22:42:40.000Z');
  });

  it('reads day and month names written in the site language', () => {
    expect(feedDate('Seg, 24 Set 2018 19:42:40 -0300')).toBe('2018-09-24T22:42:40.000Z');
    expect(feedDate('mar., 02 déc. 2025 08:05:00 +0100')).toBe('2025-12-02T07:05:00.000Z');
    expect(feedDate('Di, 15 Okt 2024 10:00:00 GMT')).toBe('2024-10-15T10:00:00.000Z');
    expect(feedDate('lun, 3 marzo 2025 12:30 +0000')).toBe('2025-03-03T12:30:00.000Z');
  });

  it('returns null for text that is not a date', () => {
    expect(feedDate('none')).toBeNull();
    expect(feedDate('Seg, 24 Foo 2018 19:42:40 -0300')).toBeNull();
  });

  it('gives a Portuguese feed item its date', () => {
    const xml = `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>https://example.org/</link>
      <item><title>A</title><link>https://example.org/a</link><pubDate>Seg, 24 Set 2018 19:42:40 -0300</pubDate></item>
      </channel></rss>`;
    const feed = parseFeed(xml, 'application/rss+xml', 'https://example.org/feed');
    expect(feed.items[0]?.publishedAt).toBe('2018-09-24T22:42:40.000Z');
  });
});
