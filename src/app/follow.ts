/**
 * What `/feeds follow <URL>` checks before anything is kept: the URL is fetched once through the safe
 * fetch (http(s) only, private addresses refused unless the operator allows them, one deadline), and
 * recognised as a feed (by its content), an article page, or a site's page that advertises feeds (its
 * first advertised feed is followed; that is a second fetch, of a different URL).
 */

import { NewsbriefError } from '../errors.js';
import { advertisedFeeds, FEED_TYPES, parseFeed, servedAsFeed } from '../sources/feed.js';
import type { FetchOptions } from '../sources/fetch.js';
import { parseHttpUrl, safeFetch } from '../sources/fetch.js';
import { extractHtml } from '../sources/html.js';

/**
 * Words an extracted page needs to be followed as an article. A site's front page extracts to a few
 * teaser lines; an article (even a short news brief) says more. Below this, a page that advertises
 * feeds is followed through its feed, and one that advertises none is refused.
 */
export const ARTICLE_MIN_WORDS = 80;

export interface ProbedSource {
  kind: 'feed' | 'page';
  /** What the runner will read: the feed's or page's URL. */
  url: string;
  title: string | null;
  /** The page the feed was advertised on, when the user gave a page rather than the feed. */
  foundOn: string | null;
  /** A feed's items now, and its newest item's title; null for a page. */
  items: number | null;
  newest: string | null;
}

const PAGE_TYPES = ['text/html', 'application/xhtml+xml', 'text/plain'];

function newestTitle(items: readonly { title: string | null; publishedAt: string | null }[]): string | null {
  const dated = items.every((i) => i.publishedAt !== null);
  const sorted = dated
    ? [...items].sort((a, b) => (b.publishedAt ?? '').localeCompare(a.publishedAt ?? ''))
    : items;
  return sorted[0]?.title ?? null;
}

async function probeFeed(url: string, foundOn: string | null, fetch: FetchOptions): Promise<ProbedSource> {
  const res = await safeFetch(url, { ...fetch, accept: [] });
  const feed = parseFeed(res.text, res.contentType, res.url);
  return {
    kind: 'feed',
    url,
    title: feed.title,
    foundOn,
    items: feed.items.length,
    newest: newestTitle(feed.items),
  };
}

const isSiteRoot = (url: string) => new URL(url).pathname.replace(/\/+$/, '') === '';
const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

/** Fetch the URL once and say what it is; one clear NewsbriefError when it is none of the three. */
export async function probeSource(input: string, fetch: FetchOptions = {}): Promise<ProbedSource> {
  const url = parseHttpUrl(input.trim()).toString();
  const res = await safeFetch(url, { ...fetch, accept: [...PAGE_TYPES, ...FEED_TYPES] });
  if (servedAsFeed(res.text, res.contentType)) {
    const feed = parseFeed(res.text, res.contentType, res.url);
    return {
      kind: 'feed',
      url,
      title: feed.title,
      foundOn: null,
      items: feed.items.length,
      newest: newestTitle(feed.items),
    };
  }
  const page =
    res.contentType === 'text/plain'
      ? { title: null, text: res.text.trim() }
      : extractHtml(res.text, res.url);
  const feeds = res.contentType === 'text/plain' ? [] : advertisedFeeds(res.text, res.url);
  const article = words(page.text) >= ARTICLE_MIN_WORDS;
  // A site's home page is followed through its feed even when it extracts to some text.
  if (feeds[0] && (isSiteRoot(res.url) || !article)) return probeFeed(feeds[0], url, fetch);
  if (article) return { kind: 'page', url, title: page.title, foundOn: null, items: null, newest: null };
  throw new NewsbriefError('bad_input', `${url} is neither a feed nor an article, and advertises no feed.`);
}
