/**
 * Scheduled delivery and thread questions end to end: the real Bolt app's WebClient talking to a fake
 * Slack Web API, which keeps the channel so history lookups see what was posted.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PlatformError } from '../../src/errors.js';
import { type FakeNewsbrief, FERRY_POST, MARKET_POST } from './fake-service.js';
import { BOT_USER_ID, FakeSlack, waitFor } from './fake-slack.js';
import { eventCallback, type Harness, postSigned, startHarness } from './harness.js';

const CHANNEL = 'C0NEWS';
const open: Harness[] = [];
const fakes: FakeSlack[] = [];

async function harness(...args: Parameters<typeof startHarness<FakeNewsbrief>>): Promise<Harness> {
  const h = await startHarness<FakeNewsbrief>(...args);
  open.push(h);
  return h;
}

async function sharedFake(): Promise<FakeSlack> {
  const fake = await new FakeSlack().start();
  fakes.push(fake);
  return fake;
}

afterEach(async () => {
  for (const h of open.splice(0)) await h.close();
  for (const f of fakes.splice(0)) await f.stop();
});

type Posted = { channel: string; thread_ts?: string; text: string; blocks: unknown; metadata?: unknown };
const posted = (fake: FakeSlack) =>
  fake.callsTo('chat.postMessage').map((c) => c.params as unknown as Posted);

describe('postBriefing', () => {
  it('posts the briefing, then its quotes and people in the thread, and returns the ts', async () => {
    const h = await harness();
    const delivered = await h.platform.postBriefing(CHANNEL, FERRY_POST, 'ferry-1:v1:C0NEWS');
    const messages = posted(h.fake);
    expect(messages.length).toBeGreaterThanOrEqual(3);
    const [parent, ...replies] = messages;
    expect(parent?.thread_ts).toBeUndefined();
    expect(parent?.channel).toBe(CHANNEL);
    expect(JSON.stringify(parent?.blocks)).toContain('Harbour council approves night ferry to the islands');
    expect(JSON.stringify(parent?.blocks)).toContain(
      '<https://news.example.org/harbour/ferry-route|news.example.org>',
    );
    const parentTs = h.fake.channels.get(CHANNEL)?.[0]?.ts;
    expect(delivered).toEqual({ messageId: parentTs, threadId: parentTs });
    for (const reply of replies) expect(reply.thread_ts).toBe(parentTs);
    const thread = JSON.stringify(replies.map((r) => r.blocks));
    expect(thread).toContain('Nobody should have to sleep at the depot to keep their job');
    expect(thread).toContain('— *Maria Okafor*, mayor of Westhaven');
    expect(thread).toContain('*Tomas Lindqvist*, head of Islands Ferries');
    expect(parent?.metadata).toEqual({
      event_type: 'newsbrief_post',
      event_payload: { idempotency_key: 'ferry-1:v1:C0NEWS', part: 0, parts: messages.length },
    });
    // Nothing is unfurled or name-linked.
    const raw = h.fake.callsTo('chat.postMessage')[0]?.params;
    expect(raw).toMatchObject({
      unfurl_links: 'false',
      unfurl_media: 'false',
      link_names: 'false',
      parse: 'none',
    });
  });

  it('posts nothing again for the same key, in the same process or after a restart', async () => {
    const fake = await sharedFake();
    const first = await harness({}, {}, fake);
    const a = await first.platform.postBriefing(CHANNEL, FERRY_POST, 'key-same');
    const count = posted(fake).length;
    const again = await first.platform.postBriefing(CHANNEL, FERRY_POST, 'key-same');
    expect(again).toEqual(a);
    await first.platform.stop();
    // A new process: no memory, only the channel's history.
    const second = await harness({}, {}, fake);
    const b = await second.platform.postBriefing(CHANNEL, FERRY_POST, 'key-same');
    expect(b).toEqual(a);
    expect(posted(fake)).toHaveLength(count);
    expect(fake.callsTo('conversations.history').at(-1)?.params).toMatchObject({
      channel: CHANNEL,
      include_all_metadata: 'true',
    });
    // A different key is a different delivery.
    await second.platform.postBriefing(CHANNEL, FERRY_POST, 'key-other');
    expect(posted(fake).length).toBeGreaterThan(count);
  });

  it('concurrent deliveries of one key share one post', async () => {
    const h = await harness();
    const [a, b] = await Promise.all([
      h.platform.postBriefing(CHANNEL, MARKET_POST, 'key-concurrent'),
      h.platform.postBriefing(CHANNEL, MARKET_POST, 'key-concurrent'),
    ]);
    expect(a).toEqual(b);
    expect(posted(h.fake).filter((p) => !p.thread_ts)).toHaveLength(1);
  });

  it('a retry after a failure halfway posts only the missing thread replies', async () => {
    const fake = await sharedFake();
    const h = await harness({}, {}, fake);
    let postCalls = 0;
    fake.override((call) => {
      if (call.method !== 'chat.postMessage') return null;
      postCalls += 1;
      return postCalls === 2 ? { body: { ok: false, error: 'internal_error' } } : null;
    });
    const error = await h.platform.postBriefing(CHANNEL, FERRY_POST, 'key-half').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformError);
    expect((error as PlatformError).permanent).toBe(false);
    expect((error as PlatformError).message).toBe('slack: chat.postMessage failed: internal_error');
    const stored = () => fake.channels.get(CHANNEL) ?? [];
    expect(stored()).toHaveLength(1);
    const delivered = await h.platform.postBriefing(CHANNEL, FERRY_POST, 'key-half');
    const all = stored();
    expect(all.filter((m) => !m.thread_ts)).toHaveLength(1);
    expect(delivered.messageId).toBe(all[0]?.ts);
    const payloads = all.map(
      (m) => (m.metadata as { event_payload: { part: number; parts: number } }).event_payload,
    );
    const parts = payloads.map((p) => p.part);
    // Every part exactly once, in order.
    expect(parts).toEqual(Array.from({ length: payloads[0]?.parts ?? -1 }, (_, i) => i));
  });

  it('without history access it still posts (at least once) and warns once per channel', async () => {
    const h = await harness();
    h.fake.override((call) =>
      call.method === 'conversations.history' ? { body: { ok: false, error: 'missing_scope' } } : null,
    );
    await h.platform.postBriefing(CHANNEL, MARKET_POST, 'k1');
    await h.platform.postBriefing(CHANNEL, MARKET_POST, 'k2');
    expect(posted(h.fake).filter((p) => !p.thread_ts)).toHaveLength(2);
    const warnings = h.logger.lines.filter((l) => l.includes('scheduled posts there are at-least-once'));
    expect(warnings).toHaveLength(1);
  });

  it('a history lookup that fails for a transient reason throws a retryable error and posts nothing', async () => {
    const h = await harness();
    h.fake.failOnce('conversations.history', { status: 503, body: { ok: false } });
    const error = await h.platform.postBriefing(CHANNEL, MARKET_POST, 'k-503').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformError);
    expect((error as PlatformError).permanent).toBe(false);
    expect(posted(h.fake)).toHaveLength(0);
  });

  it('wraps permanent Slack errors as permanent PlatformErrors', async () => {
    const h = await harness();
    h.fake.override((call) =>
      call.method === 'chat.postMessage' ? { body: { ok: false, error: 'channel_not_found' } } : null,
    );
    const error = await h.platform.postBriefing('C0GONE', MARKET_POST, 'k-gone').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformError);
    expect(error).toMatchObject({ permanent: true, platform: 'slack', code: 'platform' });
    expect((error as Error).message).toBe('slack: chat.postMessage failed: channel_not_found');
  });
});

describe('start', () => {
  it('fails with a permanent PlatformError naming auth.test when the bot token is refused', async () => {
    const fake = await sharedFake();
    const error = await startHarness({ SLACK_BOT_TOKEN: 'xoxb-revoked' }, {}, fake).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformError);
    expect(error).toMatchObject({ permanent: true, message: 'slack: auth.test failed: invalid_auth' });
  });

  it('fails with a permanent PlatformError when the port is taken', async () => {
    const h = await harness();
    const error = await startHarness({ SLACK_PORT: String(h.platform.port) }, {}, h.fake).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PlatformError);
    expect((error as PlatformError).permanent).toBe(true);
    expect((error as Error).message).toMatch(/^slack: could not start \(.*EADDRINUSE/);
  });
});

describe('rate limits from the Web API', () => {
  it('waits out a 429’s Retry-After and retries', async () => {
    const h = await harness({}, { retryConfig: { retries: 2, minTimeout: 0, maxTimeout: 0 } });
    h.fake.failOnce('chat.postMessage', {
      status: 429,
      headers: { 'retry-after': '1' },
      body: { ok: false, error: 'ratelimited' },
    });
    const delivered = await h.platform.postBriefing(CHANNEL, MARKET_POST, 'k-429');
    const attempts = h.fake.callsTo('chat.postMessage');
    // The refused attempt, its retry, then the thread reply.
    expect(attempts.length).toBeGreaterThanOrEqual(2);
    const [refused, retried] = attempts;
    expect(retried?.params.text).toBe(refused?.params.text);
    expect((retried?.at ?? 0) - (refused?.at ?? 0)).toBeGreaterThanOrEqual(950);
    expect(delivered.messageId).toBe(h.fake.channels.get(CHANNEL)?.[0]?.ts);
    expect(h.fake.channels.get(CHANNEL)?.filter((m) => !m.thread_ts)).toHaveLength(1);
  });

  it('once retries are spent, a 429 becomes a retryable PlatformError carrying the wait', async () => {
    const h = await harness({}, { retryConfig: { retries: 0 } });
    h.fake.override((call) =>
      call.method === 'chat.postMessage'
        ? { status: 429, headers: { 'retry-after': '1' }, body: { ok: false, error: 'ratelimited' } }
        : null,
    );
    const error = await h.platform.postBriefing(CHANNEL, MARKET_POST, 'k-429-out').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformError);
    expect(error).toMatchObject({ permanent: false, retryAfterMs: 1000 });
  });
});

describe('postDigest and updateBriefing', () => {
  it('posts a digest with one thread reply per briefing', async () => {
    const h = await harness();
    const items = [
      {
        post: FERRY_POST,
        alsoReportedBy: [{ title: 'Night ferry approved', url: 'https://other.example.com/ferry' }],
      },
      { post: MARKET_POST, alsoReportedBy: [] },
    ];
    const delivered = await h.platform.postDigest(CHANNEL, items, 'digest:C0NEWS:2024-05-01');
    const [parent, ...replies] = posted(h.fake);
    expect(JSON.stringify(parent?.blocks)).toContain('News digest: 2 stories');
    expect(replies).toHaveLength(2);
    for (const r of replies) expect(r.thread_ts).toBe(delivered.messageId);
    expect(JSON.stringify(replies[1]?.blocks)).toContain('Old market hall to reopen as a food court');
    await h.platform.postDigest(CHANNEL, items, 'digest:C0NEWS:2024-05-01');
    expect(posted(h.fake)).toHaveLength(3);
  });

  it('edits the briefing in place when its article changes', async () => {
    const h = await harness();
    const first = await h.platform.postBriefing(CHANNEL, MARKET_POST, 'k-upd');
    const v2 = {
      ...MARKET_POST,
      version: 2,
      briefing: { ...MARKET_POST.briefing, title: 'Market hall reopens in October' },
    };
    const updated = await h.platform.updateBriefing(CHANNEL, first, v2);
    expect(updated).toEqual(first);
    const update = h.fake.callsTo('chat.update')[0]?.params;
    expect(update).toMatchObject({ channel: CHANNEL, ts: first.messageId });
    const stored = h.fake.channels.get(CHANNEL)?.[0];
    expect(JSON.stringify(stored?.blocks)).toContain('Market hall reopens in October');
    expect(JSON.stringify(stored?.blocks)).toContain('Updated (version 2)');
    // The thread gets the new version's details after a note, so its followers see the change.
    const before = posted(h.fake).length;
    await h.platform.updateBriefing(CHANNEL, first, {
      ...v2,
      version: 3,
      briefing: {
        ...v2.briefing,
        quotes: [{ text: 'We open on 1 October.', speaker: 'Ana Ruiz', speakerRole: null }],
      },
    });
    const replies = posted(h.fake).slice(before);
    expect(replies.length).toBeGreaterThanOrEqual(2);
    for (const r of replies) expect(r.thread_ts).toBe(first.messageId);
    expect(JSON.stringify(replies[0]?.blocks)).toContain('Updated: the article changed (version 3)');
    expect(JSON.stringify(replies.slice(1).map((r) => r.blocks))).toContain('We open on 1 October.');
  });

  it('replies “updated” in the thread when the original cannot be edited', async () => {
    const h = await harness();
    const first = await h.platform.postBriefing(CHANNEL, MARKET_POST, 'k-upd2');
    h.fake.override((call) =>
      call.method === 'chat.update' ? { body: { ok: false, error: 'cant_update_message' } } : null,
    );
    const v2 = { ...MARKET_POST, version: 2 };
    const result = await h.platform.updateBriefing(CHANNEL, first, v2);
    expect(result).toEqual(first);
    const reply = posted(h.fake).at(-1);
    expect(reply?.thread_ts).toBe(first.messageId);
    expect(JSON.stringify(reply?.blocks)).toContain('Updated: the article changed (version 2).');
  });
});

describe('questions in a briefing’s thread', () => {
  async function mention(h: Harness, text: string, threadTs: string | undefined) {
    const ts = `${Math.floor(Date.now() / 1000)}.${Math.floor(Math.random() * 1e6)}`;
    const event = {
      type: 'app_mention',
      user: 'U0ALICE',
      text,
      ts,
      channel: CHANNEL,
      event_ts: ts,
      ...(threadTs ? { thread_ts: threadTs } : {}),
    };
    const res = await postSigned(h.eventsUrl, eventCallback(event), { contentType: 'application/json' });
    expect(res.status).toBe(200);
    return ts;
  }

  it('answers an app_mention in the thread, about that briefing’s article', async () => {
    const h = await harness();
    const delivered = await h.platform.postBriefing(CHANNEL, FERRY_POST, 'k-thread');
    h.service.threads.set(delivered.messageId, FERRY_POST.articleId);
    const before = posted(h.fake).length;
    await mention(h, `<@${BOT_USER_ID}> who is Okafor?`, delivered.messageId);
    const answer = await waitFor(() => posted(h.fake)[before]);
    expect(answer.thread_ts).toBe(delivered.messageId);
    expect(answer.channel).toBe(CHANNEL);
    expect(h.service.called('threadArticle')[0]?.args).toEqual([
      { platform: 'slack', channelId: CHANNEL },
      delivered.messageId,
    ]);
    expect(h.service.called('answerInThread')[0]?.args).toEqual(['who is Okafor?', { articleId: 'ferry-1' }]);
    expect(JSON.stringify(answer.blocks)).toContain('*Maria Okafor*, mayor of Westhaven');
  });

  it('answers a mention outside a briefing thread from everything stored, in a thread under the mention', async () => {
    const h = await harness();
    const ts = await mention(h, `<@${BOT_USER_ID}> when does the ferry start?`, undefined);
    const answer = await waitFor(() => posted(h.fake)[0]);
    expect(answer.thread_ts).toBe(ts);
    expect(h.service.called('ask')[0]?.args).toEqual(['when does the ferry start?', undefined]);
  });

  it('does not answer plain thread messages unless SLACK_THREAD_REPLIES=all', async () => {
    for (const mode of ['mentions', 'all'] as const) {
      const h = await harness({ SLACK_THREAD_REPLIES: mode });
      const delivered = await h.platform.postBriefing(CHANNEL, FERRY_POST, `k-${mode}`);
      h.service.threads.set(delivered.messageId, FERRY_POST.articleId);
      const before = posted(h.fake).length;
      const ts = `${Math.floor(Date.now() / 1000)}.000777`;
      const event = {
        type: 'message',
        channel_type: 'channel',
        user: 'U0ALICE',
        text: 'what did Okafor say?',
        ts,
        channel: CHANNEL,
        thread_ts: delivered.messageId,
        event_ts: ts,
      };
      await postSigned(h.eventsUrl, eventCallback(event), { contentType: 'application/json' });
      if (mode === 'all') {
        const answer = await waitFor(() => posted(h.fake)[before]);
        expect(answer.thread_ts).toBe(delivered.messageId);
        expect(h.service.called('answerInThread')[0]?.args).toEqual([
          'what did Okafor say?',
          { articleId: 'ferry-1' },
        ]);
      } else {
        await new Promise((r) => setTimeout(r, 200));
        expect(posted(h.fake)).toHaveLength(before);
        expect(h.service.called('answerInThread')).toHaveLength(0);
      }
      await h.close();
      open.splice(open.indexOf(h), 1);
    }
  });

  it('answers a redelivered event only once', async () => {
    const h = await harness();
    const ts = '1700000999.000001';
    const body = eventCallback({
      type: 'app_mention',
      user: 'U0ALICE',
      text: `<@${BOT_USER_ID}> hi?`,
      ts,
      channel: CHANNEL,
      event_ts: ts,
    });
    await postSigned(h.eventsUrl, body, { contentType: 'application/json' });
    // Slack's retry: same event, new timestamp and signature, with retry headers.
    await postSigned(h.eventsUrl, body, {
      contentType: 'application/json',
      timestamp: Math.floor(Date.now() / 1000) - 1,
      headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
    });
    await waitFor(() => posted(h.fake)[0]);
    await new Promise((r) => setTimeout(r, 200));
    expect(posted(h.fake)).toHaveLength(1);
  });
});
