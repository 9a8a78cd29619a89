/**
 * The outbox's claims on a real PostgreSQL server, with the channel lease left out so that several
 * instances (each its own pool of server sessions) race for the same deliveries: `FOR UPDATE SKIP
 * LOCKED` gives each delivery to one of them, a crashed instance's claims are taken over once they
 * expire, and a digest is posted once. Real processes on one store: postgres-crash.test.ts.
 */
import pino from 'pino';
import { afterEach, expect, test } from 'vitest';
import { createOutbox, type DeliveryReport } from '../../src/app/outbox.js';
import type { PlannedDelivery } from '../../src/app/selection.js';
import { createPostgresStore, type PostgresStore } from '../../src/store/postgres.js';
import { RecordingPlatform } from '../app/fakes.js';
import { input } from './fixtures.js';
import { usePgServer } from './pg-server.js';

const server = usePgServer();
const stores: PostgresStore[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
});

const log = pino({ level: 'silent' });
const fast = { attempts: 2, baseMs: 1, maxDelayMs: 5, timeoutMs: 5000, maxRetryAfterMs: 100 };
const console = { platform: 'console' as const, channelId: 'terminal' };
const channel = {
  name: 'console:terminal',
  ...console,
  schedule: '0 8 * * *',
  timezone: 'UTC',
  sources: { folders: [], urls: [], feeds: [] },
  include: [],
  exclude: [],
  maxPerDigest: 100,
  style: 'digest' as const,
};

/** A one-word title of letters no other story shares, so that the digest keeps every story its own item. */
const storyTitle = (i: number) =>
  `Vorn${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}ex`;

/** `n` instances on one new database holding `articles` stories, and the plan that delivers them all. */
async function instances(n: number, articles: number) {
  const url = await server.get().newDatabase();
  const made = Array.from({ length: n }, () => createPostgresStore(url, { poolSize: 3 }));
  stores.push(...made);
  const first = made[0] as PostgresStore;
  for (let i = 0; i < articles; i++)
    await first.ingest(
      input({
        key: `https://news.test/${i}`,
        title: storyTitle(i),
        sentences: [`${storyTitle(i)} happened.`],
      }),
    );
  const rows = await first.channelArticles(console, {
    since: '1970-01-01',
    limit: 1000,
    retryBelowAttempts: 5,
  });
  const plan: PlannedDelivery[] = rows.map((r) => ({
    post: { articleId: r.articleId, version: r.version, url: r.url, briefing: r.briefing },
    item: { articleId: r.articleId, version: r.version, title: r.title },
    previous: null,
  }));
  return { stores: made, plan };
}

const emptyReport = (): DeliveryReport => ({ posted: [], failed: [], skipped: [] });

test('four instances deliver one plan at once: each briefing posted once, the rest left to its claimant', async () => {
  const { stores: four, plan } = await instances(4, 40);
  const platforms = four.map(() => new RecordingPlatform('console'));
  const reports = four.map(() => emptyReport());
  await Promise.all(
    four.map((store, i) =>
      createOutbox({ store, log, policy: fast, signal: new AbortController().signal }).deliverEach(
        channel,
        platforms[i] as RecordingPlatform,
        plan,
        { holder: `instance-${i}`, ttlMs: 60_000 },
        reports[i] as DeliveryReport,
        false,
      ),
    ),
  );
  const posted = platforms.flatMap((p) => p.accepted.map((c) => c.articleId));
  expect(posted.sort()).toEqual(plan.map((p) => p.post.articleId).sort());
  for (const r of reports) {
    expect(r.failed).toEqual([]);
    expect(r.posted.length + r.skipped.length).toBe(40);
    expect(new Set(r.skipped.map((s) => s.reason)).size).toBeLessThanOrEqual(2); // claimed elsewhere, or sent
  }
  const deliveries = await (four[0] as PostgresStore).deliveriesFor(console);
  expect(deliveries.map((d) => d.status)).toEqual(Array(40).fill('sent'));
});

test('a crashed instance’s claims are left alone until they expire, then taken over and posted once', async () => {
  const { stores: two, plan } = await instances(2, 10);
  const [crashed, survivor] = two as [PostgresStore, PostgresStore];
  const targets = plan.map((p) => ({ ...console, articleId: p.post.articleId, version: p.post.version }));
  const t0 = Date.now();
  // The first instance claims everything and dies before posting (its connections end with it).
  const held = await crashed.claimDeliveries(targets, { holder: 'crashed', ttlMs: 30_000, now: t0 });
  expect(held.every((d) => d.claimed)).toBe(true);
  await crashed.close();
  stores.splice(stores.indexOf(crashed), 1);

  const platform = new RecordingPlatform('console');
  const outbox = createOutbox({ store: survivor, log, policy: fast, signal: new AbortController().signal });
  const early = emptyReport();
  await outbox.deliverEach(
    channel,
    platform,
    plan,
    { holder: 'survivor', ttlMs: 30_000, now: t0 + 10_000 },
    early,
    false,
  );
  expect(platform.accepted).toEqual([]);
  expect(early.skipped.map((s) => s.reason)).toEqual(Array(10).fill('claimed-elsewhere'));

  const late = emptyReport();
  await outbox.deliverEach(
    channel,
    platform,
    plan,
    { holder: 'survivor', ttlMs: 30_000, now: t0 + 30_000 },
    late,
    false,
  );
  expect(platform.accepted.map((c) => c.articleId)).toEqual(plan.map((p) => p.post.articleId));
  expect((await survivor.pendingChannels()).length).toBe(0);
});

test('three instances post one digest at once: every briefing in one digest, each digest posted once', async () => {
  const { stores: three, plan } = await instances(3, 30);
  const platforms = three.map(() => new RecordingPlatform('console'));
  await Promise.all(
    three.map((store, i) =>
      createOutbox({ store, log, policy: fast, signal: new AbortController().signal }).deliverDigest(
        channel,
        platforms[i] as RecordingPlatform,
        plan,
        { holder: `instance-${i}`, ttlMs: 60_000 },
        emptyReport(),
      ),
    ),
  );
  const digests = platforms.flatMap((p) => p.calls.filter((c) => c.kind === 'digest'));
  expect(new Set(digests.map((d) => d.key)).size).toBe(digests.length);
  const inDigests = platforms.flatMap((p) => p.accepted.map((c) => c.articleId));
  expect(inDigests.sort()).toEqual(plan.map((p) => p.post.articleId).sort());
  // A second round finds every delivery sent: nothing is posted again.
  const again = new RecordingPlatform('console');
  await createOutbox({
    store: three[0] as PostgresStore,
    log,
    policy: fast,
    signal: new AbortController().signal,
  }).deliverDigest(channel, again, plan, { holder: 'later', ttlMs: 60_000 }, emptyReport());
  expect(again.calls).toEqual([]);
});
