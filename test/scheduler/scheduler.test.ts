/** Missed runs and the schedule's next time, against the real SQLite store. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { recordNext, startReason } from '../../src/app/schedule.js';
import { nextStateName } from '../../src/contracts/index.js';
import { nextRunOf } from '../../src/scheduler/index.js';
import { createSqliteStore } from '../../src/store/index.js';
import type { BriefingStore } from '../../src/store/types.js';
import { channel } from '../app/fakes.js';

let dir: string;
let store: BriefingStore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'nb-sched-'));
  store = createSqliteStore(join(dir, 'db.sqlite'));
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

test('the next run honours the channel’s time zone', () => {
  const next = nextRunOf(channel({ channelId: 'C', schedule: '0 8 * * *', timezone: 'Asia/Tokyo' }));
  expect(next).not.toBeNull();
  const hour = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Tokyo',
    hour: '2-digit',
    hourCycle: 'h23',
  }).format(next as Date);
  expect(hour).toBe('08');
  expect((next as Date).getTime()).toBeGreaterThan(Date.now());
});

test('a channel that never ran runs at start; after a run, only once a scheduled time has passed', async () => {
  const ch = channel({ channelId: 'C', schedule: '0 8 * * *' });
  expect(await startReason(ch, store)).toBe('first');
  await recordNext(ch, store);
  expect(await startReason(ch, store)).toBeNull();
  // Down for three days: the stored next time is long past, and the answer is one run, not three.
  const stored = await store.lastRun(nextStateName({ platform: 'slack', channelId: 'C' }));
  const threeDaysLater = new Date(Date.parse(stored as string) + 3 * 24 * 3600_000);
  expect(await startReason(ch, store, threeDaysLater)).toBe('missed');
  await recordNext(ch, store); // the start-up run records the next time again
  expect(await startReason(ch, store)).toBeNull();
});
