import { existsSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Briefing } from '../../src/core/types.js';
import { runCli } from '../helpers.js';

const dir = mkdtempSync(path.join(tmpdir(), 'newsbrief-cli-'));
const good = path.join(dir, 'good.txt');
writeFileSync(
  good,
  'Ferry service resumes\n\nThe island ferry will sail again on Monday, the operator Sea Link said. Repairs took a month.',
);
const empty = path.join(dir, 'empty.txt');
writeFileSync(empty, '');
const binary = path.join(dir, 'binary.txt');
writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1, 2, 3]));
const latin1 = path.join(dir, 'latin1.txt');
writeFileSync(latin1, Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x6f, 0x70, 0x65, 0x6e, 0x2e]));
const huge = path.join(dir, 'huge.txt');
writeFileSync(huge, 'a'.repeat(20 * 1024 * 1024));
const emptyDir = path.join(dir, 'nothing');
mkdirSync(emptyDir);

describe('newsbrief brief', () => {
  it('prints one JSON line per input in order, a bad input as an error line, and exits 2', async () => {
    const run = await runCli([
      'brief',
      good,
      empty,
      binary,
      latin1,
      huge,
      path.join(dir, 'missing.txt'),
      emptyDir,
      good,
      '--format',
      'json',
    ]);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Briefing & { input?: string; error?: string });
    expect(lines).toHaveLength(8);
    expect(lines[0]?.title).toBe('Ferry service resumes');
    expect(lines[0]?.keyPoints.length).toBeGreaterThan(0);
    expect(lines[1]?.error).toMatch(/is empty/);
    expect(lines[2]?.error).toMatch(/binary|UTF-8/);
    expect(lines[3]?.error).toMatch(/not valid UTF-8/);
    expect(lines[4]?.error).toMatch(/limit is 2\.0 MB/);
    expect(lines[5]?.error).toMatch(/no such file/);
    expect(lines[6]?.error).toMatch(/no article or feed files/);
    expect(lines[7]?.title).toBe('Ferry service resumes');
    expect(run.code).toBe(2);
    // One line per failure on stderr, never a stack trace.
    expect(run.stderr.trim().split('\n')).toHaveLength(6);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('briefs the saved feed in a folder item by item beside its articles', async () => {
    const folder = path.join(dir, 'with-feed');
    mkdirSync(folder);
    writeFileSync(
      path.join(folder, 'a.txt'),
      'Ferry service resumes\n\nThe island ferry will sail again on Monday.',
    );
    writeFileSync(
      path.join(folder, 'b.atom'),
      `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Harbour news</title>
<entry><title>Pier reopens</title><id>urn:pier</id><updated>2025-08-19T10:00:00Z</updated>
<content type="text">The old pier reopened to walkers on Saturday after a two-year repair of its deck.</content></entry></feed>`,
    );
    const run = await runCli(['brief', folder, '--format', 'json']);
    const titles = run.stdout
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { title?: string }).title);
    expect(titles).toEqual(['Ferry service resumes', 'Pier reopens']);
    expect(run.code).toBe(0);
  });

  it('reads standard input, and refuses unknown flags with exit code 2', async () => {
    const run = await runCli(
      ['brief', '-', '--format', 'markdown'],
      'The council voted to close the bridge on Friday, officials said.',
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('### Key points');
    const bad = await runCli(['brief', good, '--bogus']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });

  // stat() gives size 0 for a device, so only reading it bounded can refuse it (it read 19 GB before).
  it.skipIf(!existsSync('/dev/zero'))('refuses devices and links to them with one line each', async () => {
    const link = path.join(dir, 'zero.txt');
    symlinkSync('/dev/zero', link);
    const run = await runCli(['brief', '/dev/zero', link, good, '--format', 'json']);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { error?: string; title?: string });
    expect(lines.map((l) => l.error ?? l.title)).toEqual([
      '/dev/zero is not a regular file (a device, FIFO or socket)',
      `${link} is not a regular file (a device, FIFO or socket)`,
      'Ferry service resumes',
    ]);
    expect(run.code).toBe(2);
  });

  it('answers --help and --version', async () => {
    expect((await runCli(['brief', '--help'])).stdout).toContain('Usage: newsbrief brief');
    expect((await runCli(['--version'])).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
