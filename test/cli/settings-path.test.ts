/**
 * One settings path: every command finds the store the way `run` does (flag > NEWSBRIEF_DB > the
 * config's "db" > default). The store commands used to skip the config file, so `ingest` wrote one
 * database while `status` and `run` read another.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { runCli } from '../helpers.js';

const dir = mkdtempSync(path.join(tmpdir(), 'newsbrief-settings-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const db = path.join(dir, 'custom', 'store.db');
const configPath = path.join(dir, 'newsbrief.json');
writeFileSync(configPath, JSON.stringify({ db, channels: [] }));
const article = path.join(dir, 'ferry.txt');
writeFileSync(
  article,
  'Ferry service resumes\n\nThe island ferry will sail again on Monday, the operator Sea Link said. Repairs took a month.',
);

it('ingest, ask and status all use the config file’s db', async () => {
  const env = { NEWSBRIEF_CONFIG: configPath };
  expect((await runCli(['ingest', article], undefined, env)).code).toBe(0);
  expect(existsSync(db)).toBe(true);
  const answer = await runCli(['ask', 'when will the ferry sail?', '--format', 'json'], undefined, env);
  expect(JSON.parse(answer.stdout).answers[0].text).toMatch(/sail again on Monday/);
  const status = await runCli(['status', '--format', 'json'], undefined, env);
  expect(JSON.parse(status.stdout).db).toBe(db);
});

it('NEWSBRIEF_DB beats the config file, and --db beats both', async () => {
  const fromEnv = path.join(dir, 'env.db');
  const fromFlag = path.join(dir, 'flag.db');
  const env = { NEWSBRIEF_CONFIG: configPath, NEWSBRIEF_DB: fromEnv };
  await runCli(['ingest', article], undefined, env);
  expect(existsSync(fromEnv)).toBe(true);
  await runCli(['ingest', article, '--db', fromFlag], undefined, env);
  expect(existsSync(fromFlag)).toBe(true);
});
