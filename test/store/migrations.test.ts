/** Schema migrations on a real SQLite file: an older store is upgraded in place, a newer one refused. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, expect, test } from 'vitest';
import { who } from '../../src/core/answer/who.js';
import { createSqliteStore } from '../../src/store/index.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { input, person } from './fixtures.js';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const article = input({
  key: 'https://news.test/m',
  title: 'Envoy in Alaska',
  sentences: ['Steve Witkoff arrived in Alaska.'],
  people: [person('Steve Witkoff', 'US special envoy', [], 4)],
});

test('a store at schema 1 is upgraded on open and keeps its data', async () => {
  dir = mkdtempSync(join(tmpdir(), 'nb-mig-'));
  const path = join(dir, 'old.db');
  const store = createSqliteStore(path);
  await store.ingest(article);
  await store.close();
  // Put the file back into the state migration 1 left it in.
  const db = new Database(path);
  db.exec(
    `DROP TRIGGER people_totals_ai; DROP TRIGGER people_totals_ad; DROP TRIGGER people_totals_au; DROP TABLE name_totals;
     DROP INDEX deliveries_open; DROP INDEX deliveries_claimed;
     ALTER TABLE deliveries DROP COLUMN claimed_by; ALTER TABLE deliveries DROP COLUMN claim_expires_at;`,
  );
  // And the state before migration 3 (subscriptions).
  db.exec('DROP TABLE subscriptions; DROP TABLE subscription_channels; DROP TABLE subscriptions_version;');
  db.pragma('user_version = 1');
  db.close();

  const upgraded = createSqliteStore(path);
  expect(who('Witkoff', await upgraded.personCandidates('Witkoff'))).toMatchObject({
    found: true,
    mentions: 4,
  });
  await upgraded.close();
  const check = new Database(path, { readonly: true });
  expect(check.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
  // Migration 2 filled the totals from the rows already there; migration 3 added delivery claims.
  expect(check.prepare('SELECT claimed_by, claim_expires_at FROM deliveries').all()).toEqual([]);
  expect(check.prepare('SELECT name, articles, mentions FROM name_totals').all()).toEqual([
    { name: 'Steve Witkoff', articles: 1, mentions: 4 },
  ]);
  check.close();
});

test('a store written by a newer newsbrief is refused with a clear error, and left untouched', async () => {
  dir = mkdtempSync(join(tmpdir(), 'nb-mig-'));
  const path = join(dir, 'new.db');
  await createSqliteStore(path).close();
  const db = new Database(path);
  db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
  db.close();
  expect(() => createSqliteStore(path)).toThrow(/newer newsbrief.*upgrade newsbrief/);
  const check = new Database(path, { readonly: true });
  expect(check.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length + 1);
  check.close();
});
