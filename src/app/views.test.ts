import { describe, expect, it } from 'vitest';
import type { DigestItem, NoticeView } from '../contracts/index.js';
import { NewsbriefError, PlatformError } from '../errors.js';
import { DIGEST_THREAD_MAX, digestView, errorView, quotesView, rateLimitedView, whoView } from './views.js';

const words = (view: NoticeView) => view.parts.map((p) => p.text).join('');

const item = (i: number): DigestItem => ({
  post: {
    articleId: `a${i}`,
    version: 1,
    url: null,
    briefing: {
      title: i === 0 ? null : `Story ${i}`,
      summary: null,
      keyPoints: [],
      quotes: [],
      people: [],
      organizations: [],
      places: [],
    },
  },
  alsoReportedBy: [],
});

describe('views', () => {
  it('lists every story of a digest, briefs the first 20 in its thread and counts the rest', () => {
    const view = digestView(Array.from({ length: 23 }, (_, i) => item(i)));
    if (view.kind !== 'digest') throw new Error('a digest expected');
    expect(view.title).toBe('News digest: 23 stories');
    expect(view.stories).toHaveLength(23);
    expect(view.stories[0]?.headline).toBe('Untitled article');
    expect(view.thread).toHaveLength(DIGEST_THREAD_MAX);
    expect(view.moreInThread).toBe('…and 3 more stories (see the list above).');
    const small = digestView([item(1)]);
    expect(small.kind === 'digest' && small.moreInThread).toBeNull();
    expect(words(digestView([]) as NoticeView)).toBe('No new briefings since the last digest.');
  });

  it('says not found in one wording for /who and /quotes, the closest names strong', () => {
    const who = whoView({ found: false, query: 'Zeb', suggestions: ['A', 'B', 'C', 'D', 'E', 'F'] });
    if (who.kind !== 'notice') throw new Error('a notice expected');
    expect(words(who)).toBe('No one called “Zeb” is in the briefings. Closest: A, B, C, D, E.');
    expect(who.parts.filter((p) => p.strong).map((p) => p.text)).toEqual(['A', 'B', 'C', 'D', 'E']);
    const quotes = quotesView({ query: 'Zeb', quotes: [], suggestions: ['A', 'B', 'C', 'D', 'E', 'F'] });
    expect(quotes).toEqual(who);
  });

  it('shows the message of an error about the request, never of a store or platform failure', () => {
    const bad = errorView(new NewsbriefError('fetch_failed', 'Could not fetch that page (HTTP 404).'));
    expect(bad.shown).toBe(true);
    expect(words(bad)).toBe('⚠️ Could not fetch that page (HTTP 404).');
    for (const internal of [
      new NewsbriefError('store', 'SQLITE_BUSY at /srv/db'),
      new PlatformError('slack', 'chat.postMessage failed: invalid_auth', { permanent: true }),
      new Error('boom'),
    ]) {
      const view = errorView(internal);
      expect(view.shown).toBe(false);
      expect(words(view)).toBe('⚠️ Something went wrong on our side. Please try again in a minute.');
    }
  });

  it('says how fast a user may go and when to try again', () => {
    const view = rateLimitedView(1500, { max: 1, windowMs: 30_000 });
    expect(words(view)).toBe(
      'You’re going a little fast: up to 1 request every 30 seconds. Please try again in 2 seconds.',
    );
  });
});
