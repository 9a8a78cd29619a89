/**
 * Feed items into articles. Each item's page is fetched and extracted; the item's own text is the
 * article when the page cannot be fetched (paywall, block, down) or when the page's text is shorter
 * than the item's (a paywall teaser). Every item gives an article or an error line naming it: nothing
 * is dropped silently. `readFeed` polls a feed with a conditional request (ETag / Last-Modified kept in
 * the store) and skips items the store already holds unchanged.
 *
 * Identity: an item is known by its link (so that one story in two feeds, or ingested as a page, is
 * one article) and by its guid within its feed (`feed:<feed>#<guid>`). When several items of a feed
 * share one link (podcast episodes pointing at the show's page) the link names none of them: each is
 * keyed by its guid alone and briefed from its own text, so they stay separate articles.
 */
import { createHash } from 'node:crypto';
import type { FeedMemory, FeedState } from '../contracts/index.js';
import { NewsbriefError } from '../errors.js';
import { type FeedItem, feedFileText, type ParsedFeed, parseFeed } from './feed.js';
import { itemText } from './feed-text.js';
import { DEFAULT_FETCH, decode, type FetchOptions, safeFetch } from './fetch.js';
import { extractHtml } from './html.js';
import { normalizeUrl, type SourcedArticle, type SourceError } from './types.js';

export interface FeedReadOptions {
  fetch?: FetchOptions;
  /**
   * Pages fetched per feed read, in feed order (newest first as feeds list them). Items beyond it are
   * briefed from their own text without fetching (an error line when they have none), so a feed of
   * hundreds of episodes costs a bounded number of fetches and still loses no item.
   */
  maxItems?: number;
  /** Pages fetched at once. */
  concurrency?: number;
  /**
   * How long one read of a feed may spend fetching its items' pages in all. Items whose turn comes
   * later are briefed from their own text, so a slow site delays a run by a bounded time and loses
   * nothing.
   */
  deadlineMs?: number;
  now?: () => string;
}

const DEFAULT_MAX_ITEMS = 200;
const DEFAULT_FEED_DEADLINE_MS = 60_000;
const DEFAULT_CONCURRENCY = 4;

export interface FeedRead {
  feed: string;
  notModified: boolean;
  articles: SourcedArticle[];
  errors: SourceError[];
  /** Items skipped because they are already stored and unchanged in the feed. */
  skipped: number;
  /** Conditional-request state to save once the articles are stored (so a crash re-reads the feed). */
  state: FeedState | null;
}

/**
 * The hash a store knows an unchanged item by. Its fields and their order are those of earlier
 * releases: changing them would make every stored item look changed after an upgrade.
 */
function itemHash(item: FeedItem): string {
  return createHash('sha256')
    .update(JSON.stringify([item.id, item.url, item.title, item.content, item.publishedAt]))
    .digest('hex')
    .slice(0, 32);
}

/** What names an item to the user (the `item` of an output line): its guid, else its link, else its title. */
function itemName(item: FeedItem): string | null {
  return item.id ?? item.url ?? item.title;
}

/** Links that two or more items of the feed, with different guids, point at. */
export function sharedLinks(items: readonly FeedItem[]): Set<string> {
  const owners = new Map<string, Set<string | null>>();
  for (const item of items) {
    if (!item.url) continue;
    const key = normalizeUrl(item.url);
    const ids = owners.get(key) ?? new Set();
    ids.add(item.id ?? item.title);
    owners.set(key, ids);
  }
  return new Set([...owners].filter(([, ids]) => ids.size > 1).map(([url]) => url));
}

/** Guids that two or more items of the feed, with different links, carry (a feed's own mistake). */
function sharedIds(items: readonly FeedItem[]): Set<string> {
  const links = new Map<string, Set<string | null>>();
  for (const item of items) {
    if (!item.id) continue;
    const set = links.get(item.id) ?? new Set();
    set.add(item.url ? normalizeUrl(item.url) : null);
    links.set(item.id, set);
  }
  return new Set([...links].filter(([, urls]) => urls.size > 1).map(([id]) => id));
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

const wordCount = (text: string): number => text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;

interface ItemContext {
  feedUrl: string;
  fetch?: FetchOptions;
  /** Fetch the item's page (false beyond `maxItems`). */
  fetchPage: boolean;
  maxItems: number;
  /** When the feed's page fetches must end (epoch ms). */
  deadline: number;
  /** The item's link is shared with other items of the feed. */
  sharedLink: boolean;
  /** The item's guid is reused by other items of the feed with other links. */
  sharedId: boolean;
}

/** An item whose content is refused (nested past the parse bound) is an item without text; its page may do. */
function readableItemText(content: string | null): string {
  try {
    return itemText(content);
  } catch {
    return '';
  }
}

/** Turn a feed item into an article: its page if it has at least the item's own text, else the item. */
async function itemArticle(item: FeedItem, c: ItemContext): Promise<SourcedArticle | SourceError> {
  const name = itemName(item);
  const label = name ? { item: name } : {};
  // Within its feed an item is its guid; a shared link with no guid is told apart by the title, and a
  // guid reused by items with other links by the link.
  const id =
    item.id && c.sharedId
      ? `${item.id} ${item.url ?? ''}`
      : (item.id ?? (c.sharedLink ? `${item.url} ${item.title ?? ''}` : (item.url ?? item.title ?? '')));
  const feedKey = `feed:${c.feedUrl}#${id}`;
  const hashKey = `feeditem:${itemHash(item)}`;
  const own = readableItemText(item.content);
  const link = item.url && !c.sharedLink ? normalizeUrl(item.url) : null;
  const fromItem = (why: string | null): SourcedArticle | SourceError => {
    if (!own) {
      const what = name
        ? `Feed item "${item.title ?? name}" has no text of its own`
        : 'A feed item has no title, link or text';
      return {
        input: item.url ?? c.feedUrl,
        ...label,
        error: why ? `${what}, and ${lowerFirst(why)}` : what,
      };
    }
    return {
      key: link ?? feedKey,
      otherKeys: link ? [feedKey, hashKey] : [hashKey],
      article: {
        title: item.title,
        text: own,
        url: item.url ? normalizeUrl(item.url) : null,
        byline: item.author,
        publishedAt: item.publishedAt,
      },
      source: c.feedUrl,
      ...label,
    };
  };
  // A shared link is the show's or section's page, the same for every item: the item's text is its own.
  const remainingMs = c.deadline - Date.now();
  if (!item.url || !c.fetchPage || remainingMs <= 0 || (c.sharedLink && own)) {
    const why = !item.url
      ? null
      : !c.fetchPage
        ? `its page was not fetched (only the first ${c.maxItems} pages of a feed are)`
        : remainingMs <= 0
          ? "its page was not fetched (the feed's time for fetching pages had run out)"
          : null;
    return fromItem(why);
  }
  let pageError: string;
  try {
    const page = await safeFetch(item.url, {
      ...c.fetch,
      timeoutMs: Math.min(c.fetch?.timeoutMs ?? DEFAULT_FETCH.timeoutMs, remainingMs),
      accept: ['text/html', 'application/xhtml+xml', 'text/plain'],
    });
    const extracted =
      page.contentType === 'text/plain'
        ? { title: item.title, text: page.text.trim(), url: page.url, byline: null, publishedAt: null }
        : extractHtml(page.text, page.url);
    const pageWords = wordCount(extracted.text);
    // The page is the story unless it says less than the item: then it is a teaser or a wall.
    if (pageWords > 0 && pageWords >= wordCount(own)) {
      const url = c.sharedLink ? null : normalizeUrl(extracted.url ?? page.url);
      const keys = new Set([
        ...(c.sharedLink ? [] : [normalizeUrl(item.url), normalizeUrl(page.url)]),
        feedKey,
        hashKey,
      ]);
      const key = url ?? feedKey;
      keys.delete(key);
      return {
        key,
        otherKeys: [...keys],
        article: {
          title: extracted.title ?? item.title,
          text: extracted.text,
          url: normalizeUrl(extracted.url ?? page.url),
          byline: extracted.byline ?? item.author,
          publishedAt: extracted.publishedAt ?? item.publishedAt,
        },
        source: c.feedUrl,
        ...label,
      };
    }
    pageError = `Could not read ${page.url}: no article text found`;
  } catch (err) {
    pageError = (err as Error).message;
  }
  return fromItem(pageError);
}

/** Run `fn` over `items` with at most `limit` at once; results in input order. */
async function mapOrdered<T, R>(items: readonly T[], limit: number, fn: (t: T, i: number) => Promise<R>) {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) out[i] = await fn(items[i] as T, i);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/**
 * Every item of a parsed feed as an article or an error line, in feed order. `skip` leaves out items
 * a store already holds unchanged.
 */
export async function feedArticles(
  parsed: ParsedFeed,
  feedUrl: string,
  o: FeedReadOptions = {},
  skip: (item: FeedItem) => Promise<boolean> = async () => false,
): Promise<{ results: (SourcedArticle | SourceError)[]; skipped: number }> {
  const shared = sharedLinks(parsed.items);
  const reusedIds = sharedIds(parsed.items);
  const maxItems = o.maxItems ?? DEFAULT_MAX_ITEMS;
  const deadline = Date.now() + (o.deadlineMs ?? DEFAULT_FEED_DEADLINE_MS);
  let skipped = 0;
  const results = await mapOrdered(parsed.items, o.concurrency ?? DEFAULT_CONCURRENCY, async (item, i) => {
    if (await skip(item)) {
      skipped++;
      return null;
    }
    try {
      return await itemArticle(item, {
        feedUrl,
        ...(o.fetch ? { fetch: o.fetch } : {}),
        fetchPage: i < maxItems,
        maxItems,
        deadline,
        sharedLink: item.url !== null && shared.has(normalizeUrl(item.url)),
        sharedId: item.id !== null && reusedIds.has(item.id),
      });
    } catch (err) {
      const name = itemName(item);
      return { input: item.url ?? feedUrl, ...(name ? { item: name } : {}), error: (err as Error).message };
    }
  });
  return { results: results.filter((r) => r !== null), skipped };
}

/** Fetch a feed (conditionally) and turn its new or changed items into articles. */
export async function readFeed(
  feedUrl: string,
  store: FeedMemory,
  o: FeedReadOptions = {},
): Promise<FeedRead> {
  const now = o.now ?? (() => new Date().toISOString());
  const state = await store.feedState(feedUrl);
  const headers: Record<string, string> = {};
  if (state?.etag) headers['if-none-match'] = state.etag;
  if (state?.lastModified) headers['if-modified-since'] = state.lastModified;
  const out: FeedRead = {
    feed: feedUrl,
    notModified: false,
    articles: [],
    errors: [],
    skipped: 0,
    state: null,
  };
  let res: Awaited<ReturnType<typeof safeFetch>>;
  let parsed: ParsedFeed;
  try {
    res = await safeFetch(feedUrl, { ...o.fetch, headers: { ...o.fetch?.headers, ...headers }, accept: [] });
    if (res.status === 304) {
      out.notModified = true;
      await store.setFeedState({
        ...(state ?? { url: feedUrl, etag: null, lastModified: null }),
        url: feedUrl,
        checkedAt: now(),
        error: null,
      });
      return out;
    }
    parsed = parseFeed(res.text, res.contentType, res.url);
  } catch (err) {
    const message = (err as Error).message;
    out.errors.push({ input: feedUrl, error: message });
    await store.setFeedState({
      url: feedUrl,
      etag: state?.etag ?? null,
      lastModified: state?.lastModified ?? null,
      checkedAt: now(),
      error: message,
    });
    return out;
  }
  return finishFeed(feedUrl, parsed, res, store, o, out);
}

/** Items of an already-fetched and parsed feed, less those the store holds unchanged. */
export async function finishFeed(
  feedUrl: string,
  parsed: ParsedFeed,
  res: { headers: Record<string, unknown> },
  store: FeedMemory,
  o: FeedReadOptions,
  out: FeedRead = { feed: feedUrl, notModified: false, articles: [], errors: [], skipped: 0, state: null },
): Promise<FeedRead> {
  const now = o.now ?? (() => new Date().toISOString());
  const { results, skipped } = await feedArticles(
    parsed,
    feedUrl,
    o,
    async (item) => (await store.findByKey(`feeditem:${itemHash(item)}`)) !== null,
  );
  out.skipped += skipped;
  for (const r of results) {
    if ('error' in r) out.errors.push(r);
    else out.articles.push(r);
  }
  const header = (name: string) => {
    const v = res.headers[name];
    return typeof v === 'string' ? v : null;
  };
  out.state = {
    url: feedUrl,
    etag: header('etag'),
    lastModified: header('last-modified'),
    checkedAt: now(),
    error: null,
  };
  return out;
}

/** File names that say "feed": such a file that is not one is refused as a feed, not read as an article. */
const FEED_NAME = /\.(rss|atom|rdf|xml|feed)$/i;

/**
 * A file's feed, recognised by its content: parsed when the bytes are a feed, null when they are not
 * (an article). A file named as a feed whose content is not one (an HTML "Document Moved" page saved
 * as .rss) is a one-line error saying what it is instead.
 */
export function fileFeed(bytes: Uint8Array, name: string, url: string): ParsedFeed | null {
  const text = feedFileText(bytes);
  if (text !== null) return parseFeedText(text, name, url);
  if (FEED_NAME.test(name)) return parseFeedText(decode(bytes, '').text, name, url);
  return null;
}

/** A feed's items from its text (a file, standard input): parse errors are one line naming the input. */
function parseFeedText(text: string, name: string, base: string): ParsedFeed {
  try {
    return parseFeed(text, '', base);
  } catch (err) {
    throw new NewsbriefError('bad_input', (err as Error).message.replaceAll(base, name));
  }
}
