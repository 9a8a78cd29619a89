/** The digest runner against the real SQLite store and a recording fake platform. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { createRunner } from '../../src/app/runner.js';
import { createSqliteStore } from '../../src/store/index.js';
import type { BriefingStore } from '../../src/store/types.js';
import { articleText, channel, channelGone, RecordingPlatform, silentLog, writeArticles } from './fakes.js';

let dir: string;
let store: BriefingStore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'nb-run-'));
  store = createSqliteStore(join(dir, 'db.sqlite'));
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const fast = { attempts: 4, baseMs: 1, maxDelayMs: 5, timeoutMs: 2000, maxRetryAfterMs: 1000 };

test('a run posts the channel’s briefings in order; a second run posts nothing new', async () => {
  const folder = join(dir, 'news');
  writeArticles(folder, 5);
  const slack = new RecordingPlatform('slack');
  const runner = createRunner({ store, platforms: { slack }, log: silentLog, holder: 'a', retry: fast });
  const ch = channel({ channelId: 'C1', sources: { folders: [folder], urls: [], feeds: [] } });
  const first = await runner.runChannel(ch);
  expect(first.posted).toHaveLength(5);
  expect(slack.titles()).toEqual([0, 1, 2, 3, 4].map((i) => expect.stringContaining(`Item 00${i}`)));
  expect(new Set(slack.calls.map((c) => c.key)).size).toBe(5);
  const second = await runner.runChannel(ch);
  expect(second.posted).toHaveLength(0);
  expect(slack.calls).toHaveLength(5);
});

test('include and exclude filters apply, and the reason is reported', async () => {
  const folder = join(dir, 'news');
  writeArticles(folder, 10);
  const slack = new RecordingPlatform('slack');
  const runner = createRunner({ store, platforms: { slack }, log: silentLog, holder: 'a', retry: fast });
  const report = await runner.runChannel(
    channel({
      channelId: 'C1',
      sources: { folders: [folder], urls: [], feeds: [] },
      include: ['harbour', 'railway', 'library'],
      exclude: ['railway'],
    }),
  );
  expect(slack.titles().every((t) => /harbour|library/.test(t ?? ''))).toBe(true);
  expect(slack.accepted).toHaveLength(2);
  const railway = report.skipped.find((s) => /railway/.test(s.title ?? ''));
  expect(railway?.detail).toBe('matches exclude keyword "railway"');
  expect(report.skipped.filter((s) => s.reason === 'filtered')).toHaveLength(8);
});

test('maxPerDigest keeps the newest, posted oldest first', async () => {
  const folder = join(dir, 'news');
  writeArticles(folder, 6);
  const slack = new RecordingPlatform('slack');
  const runner = createRunner({ store, platforms: { slack }, log: silentLog, holder: 'a', retry: fast });
  const report = await runner.runChannel(
    channel({ channelId: 'C1', sources: { folders: [folder], urls: [], feeds: [] }, maxPerDigest: 2 }),
  );
  expect(slack.titles()).toEqual([expect.stringContaining('Item 004'), expect.stringContaining('Item 005')]);
  expect(report.skipped.filter((s) => s.reason === 'over-limit')).toHaveLength(4);
});

test('a changed article is posted as an update of the earlier message', async () => {
  const folder = join(dir, 'news');
  const [f0] = writeArticles(folder, 2);
  const slack = new RecordingPlatform('slack');
  const runner = createRunner({ store, platforms: { slack }, log: silentLog, holder: 'a', retry: fast });
  const ch = channel({ channelId: 'C1', sources: { folders: [folder], urls: [], feeds: [] } });
  await runner.runChannel(ch);
  writeFileSync(f0 as string, articleText(0, 'Later, the mayor confirmed a second phase of the works.'));
  const report = await runner.runChannel(ch);
  expect(report.posted).toEqual([expect.objectContaining({ update: true, version: 2 })]);
  expect(slack.calls.map((c) => c.kind)).toEqual(['post', 'post', 'update']);
  expect(await runner.runChannel(ch).then((r) => r.posted.length)).toBe(0);
});

test('a permanent error is recorded with its reason and does not block another channel', async () => {
  const folder = join(dir, 'news');
  writeArticles(folder, 3);
  const slack = new RecordingPlatform('slack', (c) =>
    c.channelId === 'GONE' ? { error: channelGone() } : undefined,
  );
  const runner = createRunner({ store, platforms: { slack }, log: silentLog, holder: 'a', retry: fast });
  const src = { folders: [folder], urls: [], feeds: [] };
  const [gone, ok] = await Promise.all([
    runner.runChannel(channel({ channelId: 'GONE', sources: src })),
    runner.runChannel(channel({ channelId: 'OK', sources: src })),
  ]);
  expect(ok?.posted).toHaveLength(3);
  expect(gone?.failed).toHaveLength(3);
  expect(gone?.failed[0]).toMatchObject({ permanent: true, error: 'slack: channel_not_found' });
  // one attempt each: permanent errors are not retried
  expect(slack.calls.filter((c) => c.channelId === 'GONE')).toHaveLength(3);
  const rows = await store.deliveriesFor({ platform: 'slack', channelId: 'GONE' });
  expect(rows.map((r) => r.status)).toEqual(['failed', 'failed', 'failed']);
});

test('digest style posts one message for all new briefings', async () => {
  const folder = join(dir, 'news');
  writeArticles(folder, 4);
  const slack = new RecordingPlatform('slack');
  const runner = createRunner({ store, platforms: { slack }, log: silentLog, holder: 'a', retry: fast });
  const ch = channel({
    channelId: 'C1',
    sources: { folders: [folder], urls: [], feeds: [] },
    style: 'digest',
  });
  const r = await runner.runChannel(ch);
  expect(slack.calls).toHaveLength(1);
  expect(r.posted).toHaveLength(4);
  expect((await runner.runChannel(ch)).posted).toHaveLength(0);
});

test('digest style lists two reports of one story as one item, and records every delivery', async () => {
  const folder = join(dir, 'news');
  writeArticles(folder, 1);
  const story = (outlet: string) =>
    `Mayor Alice Johnson approves Ashford harbour bridge\n\nMayor Alice Johnson approved the Ashford harbour bridge on Tuesday, ${outlet} reported.\nCouncillor Ben Ortiz said the bridge would cut commuting times in Ashford.\n`;
  writeFileSync(join(folder, 'bridge-a.txt'), story('the Ashford Gazette'));
  writeFileSync(join(folder, 'bridge-b.txt'), story('Harbour Radio'));
  const slack = new RecordingPlatform('slack');
  const runner = createRunner({ store, platforms: { slack }, log: silentLog, holder: 'a', retry: fast });
  const ch = channel({
    channelId: 'C1',
    sources: { folders: [folder], urls: [], feeds: [] },
    style: 'digest',
  });
  const r = await runner.runChannel(ch);
  expect(slack.calls).toHaveLength(1);
  expect(slack.accepted).toHaveLength(2);
  expect(r.posted).toHaveLength(3);
  expect((await store.deliveriesFor({ platform: 'slack', channelId: 'C1' })).map((d) => d.status)).toEqual([
    'sent',
    'sent',
    'sent',
  ]);
});
