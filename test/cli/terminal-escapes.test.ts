/**
 * Stored article text is untrusted: whatever a command prints as text must not carry terminal escapes
 * (clear screen, window title, OSC 8 links, C1 controls) or bidirectional overrides, and JSON output
 * must keep the text intact but escaped.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { runCli } from '../helpers.js';

const dir = mkdtempSync(path.join(tmpdir(), 'newsbrief-escapes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const articles = path.join(dir, 'articles');
const db = path.join(dir, 'store.db');
const ESC = '\u001b';
const hostile = [
  `Markets ${ESC}[2J${ESC}]0;owned\u0007 rally`,
  '',
  `The minister ${ESC}]8;;http://evil.example${ESC}\\Jane Doe${ESC}]8;;${ESC}\\ said talks would resume. ` +
    `\u009b31m“We will sign ${ESC}[8mhidden${ESC}[0m the \u202edeal,” said Jane Doe, the trade minister. ` +
    'Stocks rose on Monday in Paris.',
].join('\n');

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

it('ingest, ask, quotes, digest, who and brief print no control sequences from article text', async () => {
  mkdirSync(articles);
  writeFileSync(path.join(articles, 'hostile.txt'), hostile);
  const runs = [
    await runCli(['ingest', articles, '--db', db]),
    await runCli(['ask', 'what did the minister say?', '--db', db]),
    await runCli(['quotes', '--db', db]),
    await runCli(['quotes', 'Doe', '--db', db]),
    await runCli(['digest', '--since', '1h', '--db', db]),
    await runCli(['who', 'Doe', '--db', db]),
    await runCli(['brief', path.join(articles, 'hostile.txt')]),
  ];
  for (const run of runs) {
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(UNSAFE);
    expect(run.stderr).not.toMatch(UNSAFE);
  }
  // The text around the sequences survives, without residue such as "[2J".
  expect(runs[2]?.stdout).toContain('“We will sign hidden the deal,” — Jane Doe, “Markets  rally”');
});

it('JSON output keeps the stored characters, escaped so that a terminal shows them harmlessly', async () => {
  const run = await runCli(['quotes', '--db', db, '--format', 'json']);
  expect(run.stdout).not.toMatch(UNSAFE);
  const { quotes } = JSON.parse(run.stdout) as { quotes: { text: string }[] };
  expect(quotes[0]?.text).toBe(`We will sign ${ESC}[8mhidden${ESC}[0m the \u202edeal,`);
});

it('a --since too long ago for a date is a usage error naming the flag', async () => {
  const run = await runCli(['digest', '--since', '99999999999d', '--db', db]);
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(/^newsbrief digest: --since takes a duration/);
});
