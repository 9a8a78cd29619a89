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
  'Ferry service resumes\n\nThe island ferry will sail again on Monday, the operator Sea Link said. ' +
    '"The crews are ready and the boat is sound," said Maria Okafor, the harbour master. Repairs took a month.',
);

it('every store command uses the config file’s db', async () => {
  const env = { NEWSBRIEF_CONFIG: configPath };
  const json = async (args: string[]) => {
    const r = await runCli([...args, '--format', 'json'], undefined, env);
    expect(r.stderr).toBe('');
    return JSON.parse(r.stdout);
  };
  expect((await runCli(['ingest', article], undefined, env)).code).toBe(0);
  expect(existsSync(db)).toBe(true);
  expect((await json(['ask', 'when will the ferry sail?'])).answers[0].text).toMatch(/sail again on Monday/);
  expect((await json(['who', 'Maria Okafor'])).found).toBe(true);
  expect((await json(['quotes', 'Okafor'])).quotes[0].text).toMatch(/crews are ready/);
  expect((await json(['digest'])).items).toHaveLength(1);
  expect((await json(['status'])).db).toBe(db);
  // store copy reads from the configured store when --from is not given: a configured store that does
  // not exist is named in its error, before any server is contacted.
  const missing = path.join(dir, 'missing', 'store.db');
  const other = path.join(dir, 'other.json');
  writeFileSync(other, JSON.stringify({ db: missing, channels: [] }));
  const copy = await runCli(['store', 'copy', '--to', 'postgres://nobody@127.0.0.1:1/none'], undefined, {
    NEWSBRIEF_CONFIG: other,
  });
  expect(copy.code).toBe(1);
  expect(copy.stderr).toContain(`newsbrief store: Cannot open the SQLite store ${missing}`);
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
