/**
 * Reading article inputs for the command line: files, directories (their article files in name order)
 * and `-` for standard input. Every failure is one line naming the input; limits keep a hostile input
 * from hanging the process or exhausting memory.
 */
import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Article } from '../core/types.js';
import { NewsbriefError } from '../errors.js';
import {
  decodeArticleBytes,
  formatBytes,
  MAX_ARTICLE_BYTES,
  readArticleBytes,
} from '../sources/article-file.js';
import { ARTICLE_EXTENSIONS, splitTitle } from '../sources/folder.js';
import { extractHtml } from '../sources/html.js';

export interface InputArticle {
  input: string;
  article: Article;
}

export type InputResult = InputArticle | { input: string; error: string };

export function articleFromText(text: string, name: string, extension: string, url: string | null): Article {
  if (extension === '.html' || extension === '.htm') {
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

async function readOneFile(path: string): Promise<Article> {
  const text = decodeArticleBytes(await readArticleBytes(path), path);
  return articleFromText(text, path, extname(path).toLowerCase(), null);
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
): AsyncGenerator<InputResult> {
  for (const input of inputs) {
    if (input === '-') {
      try {
        if (!stdin) throw new NewsbriefError('bad_input', 'standard input is not available');
        const text = decodeArticleBytes(await readStdin(stdin), 'standard input');
        yield { input, article: articleFromText(text, 'standard input', '.txt', null) };
      } catch (err) {
        yield { input, error: describeFsError(input, err) };
      }
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
      const names = (await readdir(input))
        .filter((n) => ARTICLE_EXTENSIONS.has(extname(n).toLowerCase()))
        .sort();
      if (names.length === 0) {
        yield { input, error: `${input} holds no article files (.txt, .md, .html)` };
        continue;
      }
      for (const name of names) {
        const path = join(input, name);
        try {
          yield { input: path, article: await readOneFile(path) };
        } catch (err) {
          yield { input: path, error: describeFsError(path, err) };
        }
      }
      continue;
    }
    try {
      yield { input, article: await readOneFile(input) };
    } catch (err) {
      yield { input, error: describeFsError(input, err) };
    }
  }
}

export function fileUrl(path: string): string {
  return pathToFileURL(path).toString();
}
