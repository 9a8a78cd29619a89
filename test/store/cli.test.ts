/** The store-backed commands end to end: ingest the sample folder, then who / ask / quotes / digest. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { run as ask } from '../../src/cli/ask.js';
import { run as digest } from '../../src/cli/digest.js';
import { run as ingest } from '../../src/cli/ingest.js';
import { run as quotes } from '../../src/cli/quotes.js';
import { run as who } from '../../src/cli/who-store.js';

let dir: string;
let db: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nb-cli-'));
  db = join(dir, 'n.db');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function call(cmd: typeof ask, args: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => {
    out += d;
  });
  stderr.on('data', (d) => {
    err += d;
  });
  const code = await cmd([...args, '--db', db], { stdout, stderr });
  return { code, out, err };
}

test('ingest briefings/, then who, ask, quotes and digest from the store', async () => {
  const first = await call(ingest, ['briefings', '--format', 'json']);
  expect(first.code).toBe(0);
  expect(JSON.parse(first.out).totals).toMatchObject({ new: 1, errors: 0 });
  expect(JSON.parse((await call(ingest, ['briefings', '--format', 'json'])).out).totals).toMatchObject({
    unchanged: 1,
  });

  const w = await call(who, ['Witkoff', '--format', 'json']);
  expect(w.code).toBe(0);
  const card = JSON.parse(w.out);
  expect(card).toMatchObject({ found: true, name: 'Steve Witkoff', articles: 1 });
  expect(card.role).toMatch(/envoy/);
  expect(card.quotes.length).toBeGreaterThanOrEqual(2);
  expect(card.quotes.map((q: { text: string }) => q.text).join(' ')).toMatch(/Article 5-like protection/);

  const a = await call(ask, ['what did Putin agree to?', '--format', 'json']);
  const answer = JSON.parse(a.out);
  expect(answer.question).toBe('what did Putin agree to?');
  expect(answer.answers[0].text).toMatch(/NATO-like/);

  const q = await call(quotes, ['Witkoff', '--format', 'json']);
  expect(Object.keys(JSON.parse(q.out))).toEqual(['quotes']);

  const missing = await call(who, ['Nobody Atall', '--format', 'json']);
  expect(missing.code).toBe(1);
  expect(JSON.parse(missing.out)).toMatchObject({ found: false, query: 'Nobody Atall' });

  const d = await call(digest, ['--since', '1h', '--format', 'json']);
  expect(JSON.parse(d.out).items).toHaveLength(1);

  expect((await call(ask, [])).code).toBe(2);
  expect((await call(ask, ['x', '--format', 'yaml'])).err).toBe(
    'newsbrief ask: --format is text or json, not yaml\n',
  );
  expect((await call(who, ['--help'])).out).toMatch(/^Usage: newsbrief who/);
  for (const [cmd, name, args] of [
    [ask, 'ask', ['x', '--limit', '0']],
    [quotes, 'quotes', ['--limit', 'ten']],
    [ingest, 'ingest', ['nowhere', '--timeout', 'soon']],
  ] as const) {
    const bad = await call(cmd, [...args]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(
      new RegExp(`^newsbrief ${name}: --(limit|timeout) must be a whole number from 1 to \\d+\\n$`),
    );
  }
});

// A recursive mkdir under /proc never returned (the command spun at 100% CPU); now it is one error line.
test.skipIf(!existsSync('/proc/self'))('a store path under /proc is one error line, not a hang', async () => {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let err = '';
  stderr.on('data', (d) => {
    err += d;
  });
  const code = await ask(['anything', '--db', '/proc/newsbrief-nope/x.db'], { stdout, stderr });
  expect(code).toBe(1);
  expect(err).toMatch(/^newsbrief ask: Cannot open the store at \/proc\/newsbrief-nope\/x\.db: .*\n$/);
});
