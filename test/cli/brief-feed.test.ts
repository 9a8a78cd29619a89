/** `newsbrief brief` on feeds and URLs: files recognised by content, pages fetched from a local server. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Briefing } from '../../src/core/types.js';
import { runCli } from '../helpers.js';
import { LONG, page, send, startServer, type TestServer } from '../sources/server.js';

type Line = Briefing & { input?: string; item?: string; error?: string };
const lines = (out: string) =>
  out
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Line);

let srv: TestServer;
const dir = mkdtempSync(path.join(tmpdir(), 'newsbrief-feed-cli-'));

const feed = (base: string) => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Quay Weekly</title>
<item><title>Bridge approved</title><link>${base}/bridge</link><guid isPermaLink="false">q-1</guid>
<description>Short note.</description></item>
<item><title>Market moves</title><link>${base}/gone</link><guid isPermaLink="false">q-2</guid>
<description><![CDATA[<p>The Saturday market moves to the old quay from June, the council said.</p>]]></description></item>
<item><title>Nothing here</title><link>${base}/gone2</link></item>
</channel></rss>`;

beforeAll(async () => {
  srv = await startServer();
  srv.routes.set('/bridge', send(page({ title: 'Harbour bridge approved', paragraphs: LONG }), 'text/html'));
  srv.routes.set('/feed', send(feed(srv.base), 'application/rss+xml'));
});
afterAll(() => srv.close());

describe('newsbrief brief on feeds', () => {
  it('a feed file (named as anything) gives one line per item with input and item; pages are preferred', async () => {
    const file = path.join(dir, 'quay.txt');
    writeFileSync(file, feed(srv.base));
    const run = await runCli(['brief', file, '--format', 'json', '--allow-private', '--timeout', '2000']);
    const out = lines(run.stdout);
    expect(out.map((l) => [l.input, l.item, l.title ?? null, l.error ?? null])).toEqual([
      [file, 'q-1', 'Harbour bridge approved', null],
      [file, 'q-2', 'Market moves', null],
      [
        file,
        `${srv.base}/gone2`,
        null,
        expect.stringMatching(
          /^Feed item "Nothing here" has no text of its own, and could not fetch .*HTTP 404$/,
        ),
      ],
    ]);
    expect(out[1]?.summary).toBe('The Saturday market moves to the old quay from June, the council said.');
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('brief <url> reads a page or a feed; private addresses need --allow-private', async () => {
    const pageRun = await runCli(['brief', `${srv.base}/bridge`, '--format', 'json', '--allow-private']);
    expect(lines(pageRun.stdout)[0]?.title).toBe('Harbour bridge approved');
    expect(pageRun.code).toBe(0);
    const feedRun = await runCli(['brief', `${srv.base}/feed`, '--format', 'json', '--allow-private']);
    expect(lines(feedRun.stdout).map((l) => [l.input, l.item])).toEqual([
      [`${srv.base}/feed`, 'q-1'],
      [`${srv.base}/feed`, 'q-2'],
      [`${srv.base}/feed`, `${srv.base}/gone2`],
    ]);
    const refused = await runCli(['brief', `${srv.base}/bridge`, '--format', 'json']);
    expect(lines(refused.stdout)[0]?.error).toMatch(/private|loopback|blocked|not allowed/i);
    expect(refused.code).toBe(2);
  });

  it('an HTML page saved under a feed name is one clear error line', async () => {
    const file = path.join(dir, 'moved.rss');
    writeFileSync(
      file,
      '<head><title>Document Moved</title></head>\n<body><h1>Object Moved</h1>Go <a HREF="/x">here</a></body>',
    );
    const run = await runCli(['brief', file, '--format', 'json']);
    expect(lines(run.stdout)).toEqual([
      {
        input: file,
        error: `Not a feed: ${file} is an HTML page and advertises no feed (<link rel="alternate">)`,
      },
    ]);
    expect(run.stderr).not.toMatch(/Multiple possible root nodes/);
    expect(run.code).toBe(2);
  });
});
