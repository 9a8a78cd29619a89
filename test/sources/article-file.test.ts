/** The limits every path that reads an article file obeys: regular files only, bounded reads, UTF-8 text. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { MAX_ARTICLE_BYTES, readArticleText } from '../../src/sources/article-file.js';

const dir = mkdtempSync(path.join(tmpdir(), 'newsbrief-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: string | Buffer) => {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
};
const story = 'Ferry service resumes\n\nThe island ferry will sail again on Monday, the operator said.';
const hasDevices = existsSync('/dev/zero');

describe('readArticleText', () => {
  test('reads a regular file, also through a link', async () => {
    const p = file('story.txt', story);
    expect(await readArticleText(p)).toBe(story);
    symlinkSync(p, path.join(dir, 'link.txt'));
    expect(await readArticleText(path.join(dir, 'link.txt'))).toBe(story);
  });

  test('refuses a file over the limit, binary data and invalid UTF-8', async () => {
    await expect(readArticleText(file('big.txt', 'a'.repeat(MAX_ARTICLE_BYTES + 10)))).rejects.toThrow(
      /big\.txt is larger than 2\.0 MB; the limit is 2\.0 MB per article/,
    );
    await expect(readArticleText(file('bin.txt', Buffer.from([0x50, 0, 1, 2])))).rejects.toThrow(
      /binary data/,
    );
    await expect(readArticleText(file('latin1.txt', Buffer.from([0x43, 0x61, 0x66, 0xe9])))).rejects.toThrow(
      /not valid UTF-8/,
    );
  });

  test.skipIf(!hasDevices)('refuses devices, links to devices and FIFOs without reading them', async () => {
    await expect(readArticleText('/dev/zero')).rejects.toThrow(/not a regular file/);
    symlinkSync('/dev/zero', path.join(dir, 'zero.txt'));
    await expect(readArticleText(path.join(dir, 'zero.txt'))).rejects.toThrow(/not a regular file/);
    const fifo = path.join(dir, 'pipe.txt');
    execFileSync('mkfifo', [fifo]);
    // No writer ever opens it: a blocking open would hang here.
    await expect(readArticleText(fifo)).rejects.toThrow(/not a regular file/);
  });
});
