/**
 * The ingest pipeline: sources -> Article -> core.analyse -> store, one article at a time, one store
 * transaction per article. An unchanged article (same key, same content hash) is skipped before it is
 * analysed. Inputs are folders, files, page URLs and feed URLs; a URL is fetched once and treated as a
 * feed when it is one. Failures are recorded per item and never stop the other items or inputs.
 * It is the app's because it joins three layers (sources, the core's analysis, the store); the sources
 * only read, and reach the store's feed state through the `FeedMemory` contract.
 */
import { stat } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import type { Analysis, Article } from '../core/types.js';
import { readArticleBytes } from '../sources/article-file.js';
import { FEED_TYPES, type FeedItem, type ParsedFeed, parseFeed, servedAsFeed } from '../sources/feed.js';
import { type FeedRead, feedArticles, fileFeed, finishFeed, readFeed } from '../sources/feed-read.js';
import { DEFAULT_FETCH, type FetchOptions, safeFetch } from '../sources/fetch.js';
import { listSourceFiles, readArticleFile } from '../sources/folder.js';
import { extractHtml } from '../sources/html.js';
import { normalizeUrl, type SourcedArticle, type SourceError } from '../sources/types.js';
import { contentHash } from '../store/hash.js';
import type { BriefingStore, IngestStatus } from '../store/types.js';

export interface IngestDeps {
  store: BriefingStore;
  analyse: (article: Article) => Analysis;
  fetch?: FetchOptions;
  now?: () => string;
  /** Called after each article (for progress on a terminal). */
  onItem?: (item: IngestedItem) => void;
}

export interface IngestedItem {
  key: string;
  /** The feed item it came from (guid, else link). */
  item?: string;
  title: string | null;
  status: IngestStatus;
  articleId: string;
  version: number;
}

export interface IngestReport {
  input: string;
  kind: 'folder' | 'file' | 'page' | 'feed';
  items: IngestedItem[];
  errors: SourceError[];
  notModified?: boolean;
}

/** Store one sourced article: skip it unanalysed when unchanged, else analyse and store it in one transaction. */
export async function storeSourced(sourced: SourcedArticle, deps: IngestDeps): Promise<IngestedItem> {
  const hash = contentHash(sourced.article);
  const known = await deps.store.findByKey(sourced.key);
  if (known && known.contentHash === hash) {
    if (sourced.otherKeys?.length)
      await deps.store.ingest({
        key: sourced.key,
        otherKeys: sourced.otherKeys,
        article: sourced.article,
        analysis: { briefing: emptyBriefing(), sentences: [] },
        contentHash: hash,
      });
    return {
      key: sourced.key,
      ...itemOf(sourced),
      title: sourced.article.title,
      status: 'unchanged',
      ...known,
    };
  }
  const analysis = deps.analyse(sourced.article);
  const article = { ...sourced.article, title: sourced.article.title ?? analysis.briefing.title };
  const input = {
    key: sourced.key,
    article,
    analysis,
    contentHash: hash,
    source: sourced.source,
    ...(sourced.otherKeys ? { otherKeys: sourced.otherKeys } : {}),
    ...(deps.now ? { now: deps.now() } : {}),
  };
  const r = await deps.store.ingest(input);
  const item = { key: sourced.key, ...itemOf(sourced), title: article.title, ...r };
  deps.onItem?.(item);
  return item;
}

const itemOf = (s: SourcedArticle) => (s.item ? { item: s.item } : {});

function emptyBriefing(): Analysis['briefing'] {
  return { title: null, summary: null, keyPoints: [], quotes: [], people: [], organizations: [], places: [] };
}

async function storeAll(
  items: Iterable<SourcedArticle | SourceError> | AsyncIterable<SourcedArticle | SourceError>,
  deps: IngestDeps,
  report: IngestReport,
): Promise<void> {
  for await (const it of items) {
    if ('error' in it) {
      report.errors.push(it);
      continue;
    }
    try {
      report.items.push(await storeSourced(it, deps));
    } catch (err) {
      report.errors.push({
        input: it.source === it.key ? it.key : `${it.key}`,
        error: (err as Error).message,
      });
    }
  }
}

/** Ingest one input: a folder, a file, a page URL or a feed URL. */
export async function ingestInput(input: string, deps: IngestDeps): Promise<IngestReport> {
  if (/^https?:\/\//i.test(input)) return ingestUrl(input, deps);
  let isDir: boolean;
  try {
    isDir = (await stat(input)).isDirectory();
  } catch {
    return {
      input,
      kind: 'file',
      items: [],
      errors: [{ input, error: `No such file, folder or URL: ${input}` }],
    };
  }
  const report: IngestReport = { input, kind: isDir ? 'folder' : 'file', items: [], errors: [] };
  if (!isDir) {
    if (await ingestFile(input, deps, report)) report.kind = 'feed';
    return report;
  }
  let files: string[];
  try {
    files = await listSourceFiles(input);
  } catch (err) {
    report.errors.push({ input, error: (err as Error).message });
    return report;
  }
  // One file that cannot be read is reported and the others still come.
  for (const file of files) await ingestFile(file, deps, report);
  return report;
}

/** Ingest one file, a feed (its items) or an article; true when it was a feed. Errors go to the report. */
async function ingestFile(path: string, deps: IngestDeps, report: IngestReport): Promise<boolean> {
  try {
    const url = pathToFileURL(path).toString();
    const feed = await readFeedFile(path, url);
    if (!feed) {
      await storeAll([await readArticleFile(path)], deps, report);
      return false;
    }
    const read = await finishFeed(url, feed, { headers: {} }, deps.store, feedOptions(deps));
    await storeFeed(read, deps, report, false);
    return true;
  } catch (err) {
    report.errors.push({ input: path, error: (err as Error).message });
    return false;
  }
}

/** A file's feed when its content is one (whatever its name), else null; read with the file limits. */
async function readFeedFile(path: string, url: string): Promise<ParsedFeed | null> {
  // A feed may be larger than an article: a podcast's full archive runs to a few megabytes.
  return fileFeed(await readArticleBytes(path, DEFAULT_FETCH.maxBytes), path, url);
}

/** Store a feed read's articles (its errors reported as they are) and then its polling state. */
async function storeFeed(read: FeedRead, deps: IngestDeps, report: IngestReport, saveState: boolean) {
  report.errors.push(...read.errors);
  await storeAll(read.articles, deps, report);
  if (saveState && read.state) await deps.store.setFeedState(read.state);
}

export interface IngestUrlOptions {
  /** A source configured as a feed: a document that is not a feed is an error, never an article. */
  feed?: boolean;
  /**
   * A one-off look (chat's /brief): of a feed, only its newest item is read, and no feed state is
   * kept, so a later subscription still reads every item.
   */
  newestItemOnly?: boolean;
}

/** The item a reader means by "the latest": the newest by date when every item has one, else the first. */
function newestItem(items: readonly FeedItem[]): FeedItem[] {
  const dated = items.every((i) => i.publishedAt !== null);
  const sorted = dated
    ? [...items].sort((a, b) => (b.publishedAt ?? '').localeCompare(a.publishedAt ?? ''))
    : items;
  return sorted.slice(0, 1);
}

/** Fetch a URL once: a feed has its items ingested, a page is extracted and ingested. */
export async function ingestUrl(
  url: string,
  deps: IngestDeps,
  options: IngestUrlOptions = {},
): Promise<IngestReport> {
  const feedState = options.newestItemOnly ? null : await deps.store.feedState(url);
  if (feedState || options.feed) return ingestFeed(url, deps);
  const report: IngestReport = { input: url, kind: 'page', items: [], errors: [] };
  try {
    const res = await safeFetch(url, {
      ...deps.fetch,
      accept: ['text/html', 'application/xhtml+xml', 'text/plain', ...FEED_TYPES],
    });
    if (servedAsFeed(res.text, res.contentType)) {
      report.kind = 'feed';
      const parsed = parseFeed(res.text, res.contentType, res.url);
      if (options.newestItemOnly) {
        const { results } = await feedArticles(
          { ...parsed, items: newestItem(parsed.items) },
          url,
          feedOptions(deps),
        );
        if (results.length === 0) throw new Error(`${url} is a feed with no items`);
        await storeAll(results, deps, report);
        return report;
      }
      await storeFeed(await finishFeed(url, parsed, res, deps.store, feedOptions(deps)), deps, report, true);
      return report;
    }
    const page =
      res.contentType === 'text/plain'
        ? { title: null, text: res.text.trim(), url: res.url, byline: null, publishedAt: null }
        : extractHtml(res.text, res.url);
    if (!page.text.trim()) throw new Error(`Could not read ${url}: no article text found`);
    const key = normalizeUrl(page.url ?? res.url);
    const other = [...new Set([normalizeUrl(url), normalizeUrl(res.url)])].filter((k) => k !== key);
    await storeAll([{ key, otherKeys: other, article: { ...page, url: key }, source: url }], deps, report);
  } catch (err) {
    report.errors.push({ input: url, error: (err as Error).message });
  }
  return report;
}

function feedOptions(deps: IngestDeps) {
  return { ...(deps.fetch ? { fetch: deps.fetch } : {}), ...(deps.now ? { now: deps.now } : {}) };
}

/** Poll a known feed (conditional request) and ingest its new or changed items. */
export async function ingestFeed(url: string, deps: IngestDeps): Promise<IngestReport> {
  const read = await readFeed(url, deps.store, feedOptions(deps));
  const report: IngestReport = {
    input: url,
    kind: 'feed',
    items: [],
    errors: [...read.errors],
    notModified: read.notModified,
  };
  await storeFeed({ ...read, errors: [] }, deps, report, true);
  return report;
}
