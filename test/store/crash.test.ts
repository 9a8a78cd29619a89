/**
 * Crash test: a child process ingesting many articles is killed with SIGKILL at random points, restarted,
 * and the store checked each time: it opens, passes SQLite's and FTS5's integrity checks, holds no half
 * article (every article has all its sentences, people, quotes and FTS rows), no duplicate, and every
 * article the child reported as committed is still there.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { bundleForChild, type ChildBundle } from '../child-bundle.js';
import { PEOPLE, QUOTES, SENTENCES } from './crash-articles.js';

const N = 400;
let dir: string;
let child: string;
let bundle: ChildBundle;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nb-crash-'));
  bundle = await bundleForChild('test/store/crash-child.ts', 'newsbrief-crash');
  child = bundle.path;
}, 60_000);
afterAll(() => {
  bundle?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

function run(
  db: string,
  round: number,
  killAfterMs: number | null,
): Promise<{ committed: number[]; killed: boolean }> {
  return new Promise((res, rej) => {
    const p = spawn(process.execPath, [child, db, String(N), String(round)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const committed: number[] = [];
    let buf = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      const lines = buf.split('\n');
      buf = lines.pop() ?? '';
      for (const l of lines) committed.push(Number(l.split(' ')[0]));
    });
    p.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    let timer: NodeJS.Timeout | undefined;
    if (killAfterMs !== null) timer = setTimeout(() => p.kill('SIGKILL'), killAfterMs);
    p.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL') return res({ committed, killed: true });
      if (code !== 0) return rej(new Error(`child failed (${code}): ${err}`));
      res({ committed, killed: false });
    });
  });
}

function check(path: string, mustHave: Set<number>): number {
  const db = new Database(path);
  try {
    // Killed before its first migration committed (a slow start on a busy machine): nothing is there yet.
    if (db.pragma('user_version', { simple: true }) === 0) {
      expect(mustHave.size).toBe(0);
      return 0;
    }
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.prepare(`INSERT INTO sentences_fts(sentences_fts, rank) VALUES ('integrity-check', 1)`).run();
    const rows = db
      .prepare(
        `SELECT a.key, a.version,
          (SELECT count(*) FROM sentences s WHERE s.article_id = a.id) AS sentences,
          (SELECT count(*) FROM people p WHERE p.article_id = a.id) AS people,
          (SELECT count(*) FROM quotes q WHERE q.article_id = a.id) AS quotes,
          (SELECT count(*) FROM briefings b WHERE b.article_id = a.id AND b.version = a.version) AS briefings,
          (SELECT count(*) FROM article_versions v WHERE v.article_id = a.id) AS versions,
          (SELECT count(*) FROM sentences s WHERE s.article_id = a.id AND s.text NOT LIKE '%edition ' || substr(a.title, instr(a.title, 'edition ') + 8) || ' %') AS stale
         FROM articles a`,
      )
      .all() as {
      key: string;
      version: number;
      sentences: number;
      people: number;
      quotes: number;
      briefings: number;
      versions: number;
      stale: number;
    }[];
    for (const r of rows)
      expect(r, r.key).toMatchObject({
        sentences: SENTENCES,
        people: PEOPLE,
        quotes: QUOTES,
        briefings: 1,
        versions: r.version,
        stale: 0,
      });
    const keys = rows.map((r) => Number(r.key.split('/').pop()));
    expect(new Set(keys).size).toBe(keys.length);
    const fts = db
      .prepare(`SELECT count(*) AS n FROM sentences_fts WHERE sentences_fts MATCH 'sentence'`)
      .get() as { n: number };
    expect(fts.n).toBe(rows.length * SENTENCES);
    for (const i of mustHave) expect(keys.includes(i), `committed article ${i} lost`).toBe(true);
    return rows.length;
  } finally {
    db.close();
  }
}

test('SIGKILL during a large ingest leaves no half article, no duplicate and loses nothing committed', async () => {
  const db = join(dir, 'crash.db');
  const committed = new Set<number>();
  let kills = 0;
  for (let round = 1; round <= 6; round++) {
    const r = await run(db, round, 150 + Math.floor(Math.random() * 600));
    if (r.killed) kills++;
    for (const i of r.committed) committed.add(i);
    const n = check(db, committed);
    expect(n).toBeGreaterThanOrEqual(committed.size);
  }
  const last = await run(db, 7, null);
  expect(last.killed).toBe(false);
  expect(check(db, committed)).toBe(N);
  expect(kills).toBeGreaterThan(0);
}, 120_000);
