/**
 * Reading article inputs for the command line: files, directories (their article files in name order)
 * and `-` for standard input. Every failure is one line naming the input; limits keep a hostile input
 * from hanging the process or exhausting memory.
 */
import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Article } from '../core/types.js';
import { NewsbriefError } from '../errors.js';
import { decodeArticleBytes, formatBytes, MAX_ARTICLE_BYTES, readArticleBytes } from './article-file.js';
import type { ParsedFeed } from './feed.js';
import { FEED_TYPES, isHtmlPage, parseFeed, servedAsFeed } from './feed.js';
import { feedArticles, fileFeed } from './feed-read.js';
import { DEFAULT_FETCH, type FetchOptions, safeFetch } from './fetch.js';
import { listSourceFiles, splitTitle } from './folder.js';
import { extractHtml } from './html.js';

export interface InputArticle {
  input: string;
  /** A feed item's guid, else its link, when the input is a feed. */
  item?: string;
  article: Article;
}

export type InputResult = InputArticle | { input: string; item?: string; error: string };

export interface ReadInputsOptions {
  /** How URLs (given, or the item links of a feed) are fetched. */
  fetch?: FetchOptions;
}

/** Feeds may be larger than an article: a podcast's full archive runs to a few megabytes. */
const MAX_FEED_BYTES = DEFAULT_FETCH.maxBytes;

export function articleFromText(text: string, name: string, extension: string, url: string | null): Article {
  // An HTML document is read as a page whatever its name says (a saved page named .txt, a URL's body).
  if (extension === '.html' || extension === '.htm' || isHtmlPage(text)) {
    const page = extractHtml(text, url ?? 'file:///input.html');
    if (!page.text.trim()) throw new NewsbriefError('bad_input', `${name} has no article text`);
    return {
      title: page.title,
      text: page.text,
      url: page.url,
      byline: page.byline,
      publishedAt: page.publishedAt,
    };
  }
  const { title, body } = splitTitle(text, extension === '.md');
  if (!body.trim()) throw new NewsbriefError('bad_input', `${name} has no text`);
  return { title, text: body, url, byline: null, publishedAt: null };
}

async function readStdin(stdin: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buf.length;
    if (size > MAX_ARTICLE_BYTES) {
      throw new NewsbriefError(
        'too_large',
        `standard input exceeds the limit of ${formatBytes(MAX_ARTICLE_BYTES)} per article`,
      );
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

async function readOneFile(path: string): Promise<Article | ParsedFeed> {
  const bytes = await readArticleBytes(path, MAX_FEED_BYTES);
  const feed = fileFeed(bytes, path, pathToFileURL(path).toString());
  if (feed !== null) return feed;
  const text = decodeArticleBytes(bytes, path);
  return articleFromText(text, path, extname(path).toLowerCase(), null);
}

const isFeed = (x: Article | ParsedFeed): x is ParsedFeed => 'items' in x;

/** Every item of a feed as an article (its page when it can be fetched) or an error line naming it. */
async function* feedInputs(
  input: string,
  feed: ParsedFeed,
  feedUrl: string,
  o: ReadInputsOptions,
): AsyncGenerator<InputResult> {
  if (feed.items.length === 0) {
    yield { input, error: `${input} is a feed with no items` };
    return;
  }
  const { results } = await feedArticles(feed, feedUrl, o.fetch ? { fetch: o.fetch } : {});
  for (const r of results) {
    const item = r.item ? { item: r.item } : {};
    yield 'error' in r ? { input, ...item, error: r.error } : { input, ...item, article: r.article };
  }
}

/** A URL: a feed gives its items, a page its article. */
async function* urlInputs(url: string, o: ReadInputsOptions): AsyncGenerator<InputResult> {
  let res: Awaited<ReturnType<typeof safeFetch>>;
  try {
    res = await safeFetch(url, {
      ...o.fetch,
      accept: ['text/html', 'application/xhtml+xml', 'text/plain', ...FEED_TYPES],
    });
    if (servedAsFeed(res.text, res.contentType)) {
      yield* feedInputs(url, parseFeed(res.text, res.contentType, res.url), res.url, o);
      return;
    }
    const page =
      res.contentType === 'text/plain'
        ? articleFromText(res.text, url, '.txt', res.url)
        : articleFromText(res.text, url, '.html', res.url);
    yield { input: url, article: page };
  } catch (err) {
    yield { input: url, error: (err as Error).message };
  }
}

function describeFsError(path: string, err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return `${path}: no such file or directory`;
  if (code === 'EACCES') return `${path}: permission denied`;
  if (code === 'EISDIR') return `${path} is a directory`;
  if (err instanceof NewsbriefError) return err.message;
  return `${path}: ${(err as Error).message}`;
}

/** Expand the inputs (a directory stands for its article files) and read each, in order. */
export async function* readInputs(
  inputs: string[],
  stdin?: NodeJS.ReadableStream,
  options: ReadInputsOptions = {},
): AsyncGenerator<InputResult> {
  for (const input of inputs) {
    if (/^https?:\/\//i.test(input)) {
      yield* urlInputs(input, options);
      continue;
    }
    if (input === '-') {
      let feed: ParsedFeed | null = null;
      try {
        if (!stdin) throw new NewsbriefError('bad_input', 'standard input is not available');
        const bytes = await readStdin(stdin);
        feed = fileFeed(bytes, 'standard input', 'file:///dev/stdin');
        if (!feed) {
          const text = decodeArticleBytes(bytes, 'standard input');
          yield { input, article: articleFromText(text, 'standard input', '.txt', null) };
        }
      } catch (err) {
        yield { input, error: describeFsError(input, err) };
      }
      if (feed) yield* feedInputs(input, feed, 'file:///dev/stdin', options);
      continue;
    }
    let isDirectory = false;
    try {
      isDirectory = (await stat(input)).isDirectory();
    } catch (err) {
      yield { input, error: describeFsError(input, err) };
      continue;
    }
    if (isDirectory) {
      // The same files, in the same order, as a folder source of the bot reads.
      let files: string[];
      try {
        files = await listSourceFiles(input);
      } catch (err) {
        yield { input, error: (err as Error).message };
        continue;
      }
      if (files.length === 0) {
        yield {
          input,
          error: `${input} holds no article or feed files (.txt, .md, .html, .rss, .atom, .xml)`,
        };
        continue;
      }
      for (const file of files) yield* fileInputs(file, options);
      continue;
    }
    yield* fileInputs(input, options);
  }
}

async function* fileInputs(path: string, o: ReadInputsOptions): AsyncGenerator<InputResult> {
  let read: Article | ParsedFeed;
  try {
    read = await readOneFile(path);
  } catch (err) {
    yield { input: path, error: describeFsError(path, err) };
    return;
  }
  if (isFeed(read)) yield* feedInputs(path, read, pathToFileURL(path).toString(), o);
  else yield { input: path, article: read };
}

export function fileUrl(path: string): string {
  return pathToFileURL(path).toString();
}
