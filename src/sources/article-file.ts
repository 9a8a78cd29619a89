/**
 * Reading one article file, with the limits every path that reads a file obeys (`brief`, `ingest`,
 * folder sources): regular files only (after following links: a device or FIFO has no size to check and
 * may never end), at most MAX_ARTICLE_BYTES read whatever `stat` says, no binary data, UTF-8 only.
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { NewsbriefError } from '../errors.js';

/** Largest article accepted: far above any real article (typically 2-50 KB), far below memory trouble. */
export const MAX_ARTICLE_BYTES = 2 * 1024 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;
}

function tooLarge(name: string, size: string, limit = MAX_ARTICLE_BYTES): NewsbriefError {
  const feed = limit > MAX_ARTICLE_BYTES ? ` (${formatBytes(limit)} per feed)` : '';
  return new NewsbriefError(
    'too_large',
    `${name} is ${size}; the limit is ${formatBytes(MAX_ARTICLE_BYTES)} per article${feed}`,
  );
}

/** Decode bytes as an article's text, refusing binary data and invalid UTF-8. */
export function decodeArticleBytes(bytes: Uint8Array, name: string): string {
  if (bytes.length === 0) throw new NewsbriefError('bad_input', `${name} is empty`);
  if (bytes.length > MAX_ARTICLE_BYTES) throw tooLarge(name, formatBytes(bytes.length));
  if (bytes.subarray(0, 8192).includes(0))
    throw new NewsbriefError('bad_input', `${name} looks like binary data, not text`);
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new NewsbriefError('bad_input', `${name} is not valid UTF-8 text`);
  }
  if (text.trim() === '') throw new NewsbriefError('bad_input', `${name} has no text`);
  return text;
}

/**
 * The bytes of a regular file, read up to `limit` (a feed file may be larger than an article). Opened
 * non-blocking, so that a FIFO with no writer cannot hang the open, then checked on the open
 * descriptor, so that a link swapped after a check cannot lead elsewhere.
 */
export async function readArticleBytes(path: string, limit = MAX_ARTICLE_BYTES): Promise<Uint8Array> {
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    if (!(await handle.stat()).isFile())
      throw new NewsbriefError('bad_input', `${path} is not a regular file (a device, FIFO or socket)`);
    const buffer = Buffer.alloc(limit + 1);
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, null);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    if (filled > limit) throw tooLarge(path, `larger than ${formatBytes(limit)}`, limit);
    return buffer.subarray(0, filled);
  } finally {
    await handle.close();
  }
}

/** An article file's text, with every limit above. */
export async function readArticleText(path: string): Promise<string> {
  return decodeArticleBytes(await readArticleBytes(path), path);
}
