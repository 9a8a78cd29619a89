/**
 * End to end: the real discord.js client (REST over undici, gateway over ws) against a fake Discord on
 * 127.0.0.1, with a hand-written NewsbriefService. Tests run in order and share one logged-in bot.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerDiscordCommands } from '../../src/adapters/discord/commands.js';
import { createDiscordPlatform, nonceFor } from '../../src/adapters/discord/platform.js';
import { views } from '../../src/app/views.js';
import type { Platform } from '../../src/contracts/index.js';
import { PlatformError } from '../../src/errors.js';

const DEFAULTS = { messageContent: false, rateLimit: null, registerOnStart: false };

import { FakeDiscord, IDS, type RestCall } from './fake-discord.js';
import { FakeService, HARBOUR_POST } from './fake-service.js';
import { type Bot, startBot, TOKEN } from './harness.js';

const service = new FakeService();
let bot: Bot;
let fake: FakeDiscord;
let platform: Platform;
let logs: string[];
let userCounter = 10;
const nextUser = () => `4000000000000001${String(userCounter++).padStart(2, '0')}`;

type Body = Record<string, unknown> & { data?: Record<string, unknown> };

type EmbedJson = { title?: string; description?: string; url?: string };
/** The embeds of a callback's data, or of a message body. */
const embedsOf = (body: Body | undefined): EmbedJson[] =>
  ((body?.data ? body.data.embeds : body?.embeds) ?? []) as EmbedJson[];

const callbacks = (token: string) =>
  fake.calls.filter(
    (c) => c.method === 'POST' && c.path.startsWith('/interactions/') && c.path.includes(`/${token}/`),
  );

async function callbackFor(token: string): Promise<Body> {
  const call = await fake.waitFor(() => callbacks(token)[0], 5000, `callback for ${token}`);
  return call.body as Body;
}

beforeAll(async () => {
  bot = await startBot(service, { DISCORD_RATE_LIMIT: '3/60' });
  ({ fake, platform, logs } = bot);
});

afterAll(async () => {
  await bot?.stop();
});

describe('discord adapter end to end', () => {
  it('logs in through the gateway with minimal intents and registers the commands in the guild', () => {
    const gateway = fake.find('GET', /^\/gateway\/bot$/)[0];
    expect(gateway?.authorization).toBe(`Bot ${TOKEN}`);
    const identify = fake.frames.find((f) => f.op === 2)?.d as { token: string; intents: number };
    expect(identify.token).toBe(TOKEN);
    expect(identify.intents).toBe(1 | 512); // Guilds | GuildMessages, no Message Content
    const put = fake.find(
      'PUT',
      new RegExp(`^/applications/${IDS.app}/guilds/${IDS.guild}/commands$`),
    )[0] as RestCall;
    const names = (put.body as { name: string }[]).map((c) => c.name);
    expect(names).toEqual(['brief', 'who', 'ask', 'quotes', 'digest', 'feeds', 'newsbrief']);
    const brief = (put.body as { name: string; options: { name: string; max_length?: number }[] }[])[0];
    expect(brief?.options.find((o) => o.name === 'text')?.max_length).toBe(6000);
    expect(logs.join('\n')).not.toContain(TOKEN);
  });

  it('answers /newsbrief help directly, ephemeral', async () => {
    const { token } = fake.command('newsbrief', [{ name: 'help', type: 1 }], { userId: nextUser() });
    const body = await callbackFor(token);
    expect(body.type).toBe(4);
    expect(body.data?.flags).toBe(64);
    expect(JSON.stringify(body.data?.embeds)).toContain('/who name:');
  });

  it('answers /who with a person card, and an unknown name with the closest names', async () => {
    const found = fake.command('who', [{ name: 'name', type: 3, value: 'Mara' }], { userId: nextUser() });
    const card = await callbackFor(found.token);
    expect(card.type).toBe(4);
    expect(card.data?.flags).toBeUndefined();
    expect(embedsOf(card)[0]?.title).toBe('Mara Quill');

    const missing = fake.command('who', [{ name: 'name', type: 3, value: 'Zebedee' }], {
      userId: nextUser(),
    });
    const notFound = await callbackFor(missing.token);
    expect(notFound.data?.flags).toBe(64);
    expect(notFound.data?.content).toBe(
      'No one called “Zebedee” is in the briefings. Closest: **Mara Quill**, **Marcus Reed**.',
    );
  });

  it('gives an ephemeral usage line for empty arguments without calling the service', async () => {
    const before = service.calls.length;
    const blank = fake.command('who', [{ name: 'name', type: 3, value: '   ' }], { userId: nextUser() });
    const usage = await callbackFor(blank.token);
    expect(usage.data?.flags).toBe(64);
    expect(usage.data?.content).toMatch(/^Usage: `\/who name:<person>`/);
    const none = fake.command('brief', [], { userId: nextUser() });
    expect((await callbackFor(none.token)).data?.content).toMatch(/^Usage: `\/brief url:<link>`/);
    expect(service.calls.length).toBe(before);
  });

  it('defers a slow /ask, then edits the original reply', async () => {
    service.slowMs = 600;
    const { token } = fake.command('ask', [{ name: 'question', type: 3, value: 'What will it cost?' }], {
      userId: nextUser(),
    });
    const deferred = await callbackFor(token);
    expect(deferred.type).toBe(5);
    const edit = await fake.waitFor(
      () =>
        fake.calls.find(
          (c) => c.method === 'PATCH' && c.path === `/webhooks/${IDS.app}/${token}/messages/@original`,
        ),
      5000,
      'the edit',
    );
    service.slowMs = 0;
    expect(edit.rawPath).toContain('%40original');
    expect(edit.authorization).toBeNull();
    expect(callbacks(token)[0]?.authorization).toBeNull();
    const embed = embedsOf(edit.body as Body)[0];
    expect(embed?.title).toBe('Q: What will it cost?');
    expect(embed?.description).toContain('14 million pounds');
  });

  it('keeps a slow "not found" private: the deferred reply is deleted, the answer follows up ephemeral', async () => {
    service.slowMs = 400;
    const { token } = fake.command('who', [{ name: 'name', type: 3, value: 'Zebedee' }], {
      userId: nextUser(),
    });
    expect((await callbackFor(token)).type).toBe(5);
    const followUp = await fake.waitFor(
      () => fake.calls.find((c) => c.method === 'POST' && c.path === `/webhooks/${IDS.app}/${token}`),
      5000,
      'the follow-up',
    );
    service.slowMs = 0;
    const deleted = fake.calls.findIndex(
      (c) => c.method === 'DELETE' && c.path === `/webhooks/${IDS.app}/${token}/messages/@original`,
    );
    expect(deleted).toBeGreaterThan(-1);
    expect(deleted).toBeLessThan(fake.calls.indexOf(followUp));
    expect(followUp.body).toMatchObject({ flags: 64, allowed_mentions: { parse: [] } });
    expect((followUp.body as Body).content).toContain('No one called “Zebedee”');
  });

  it('answers /quotes, /digest and /brief (url, and attached file)', async () => {
    const quotes = fake.command('quotes', [], { userId: nextUser() });
    expect(JSON.stringify((await callbackFor(quotes.token)).data?.embeds)).toContain('heart of the town');
    const nobody = fake.command('quotes', [{ name: 'name', type: 3, value: 'Nobody' }], {
      userId: nextUser(),
    });
    expect((await callbackFor(nobody.token)).data?.content).toContain('Closest: **Mara Quill**');

    const digest = fake.command('digest', [], { userId: nextUser() });
    const digestBody = await callbackFor(digest.token);
    expect(embedsOf(digestBody)[0]?.title).toBe('News digest: 1 story');
    expect(service.calls.find((c) => c.method === 'digest')?.args[0]).toEqual({
      platform: 'discord',
      channelId: IDS.channel,
    });

    const url = fake.command(
      'brief',
      [{ name: 'url', type: 3, value: 'https://news.example/harbour-bridge' }],
      {
        userId: nextUser(),
      },
    );
    const briefed = embedsOf(await callbackFor(url.token));
    expect(briefed[0]?.title).toBe(HARBOUR_POST.briefing.title);
    expect(briefed[0]?.url).toBe('https://news.example/harbour-bridge');

    const failing = fake.command('brief', [{ name: 'url', type: 3, value: 'https://news.example/missing' }], {
      userId: nextUser(),
    });
    const failed = await callbackFor(failing.token);
    expect(failed.data?.flags).toBe(64);
    expect(failed.data?.content).toBe('⚠️ Could not fetch that page (HTTP 404).');

    const fileUrl = fake.addFile(
      'ferry-plan.txt',
      'The ferry will run every hour while the bridge is rebuilt.',
    );
    const file = fake.command('brief', [{ name: 'file', type: 11, value: '700000000000000001' }], {
      userId: nextUser(),
      resolved: {
        attachments: {
          '700000000000000001': {
            id: '700000000000000001',
            filename: 'ferry-plan.txt',
            size: 60,
            url: fileUrl,
            proxy_url: fileUrl,
            content_type: 'text/plain; charset=utf-8',
          },
        },
      },
    });
    const fromFile = embedsOf(await callbackFor(file.token));
    expect(fromFile[0]?.title).toBe('ferry plan');
    expect(service.calls.filter((c) => c.method === 'brief').at(-1)?.args[0]).toEqual({
      text: 'The ferry will run every hour while the bridge is rebuilt.',
      title: 'ferry plan',
    });
  });

  it('autocompletes /who names from the service', async () => {
    const { token } = fake.command('who', [{ name: 'name', type: 3, value: 'Ma', focused: true }], {
      type: 4,
      userId: nextUser(),
    });
    const body = await callbackFor(token);
    expect(body.type).toBe(8);
    expect(body.data?.choices).toEqual([
      { name: 'Mara Quill', value: 'Mara Quill' },
      { name: 'Marcus Reed', value: 'Marcus Reed' },
    ]);
  });

  it('answers politely when one user runs commands too fast', async () => {
    const spammer = nextUser();
    const tokens = [1, 2, 3, 4].map(() => fake.command('quotes', [], { userId: spammer }).token);
    const bodies = await Promise.all(tokens.map(callbackFor));
    expect(bodies.slice(0, 3).every((b) => b.data?.flags === undefined)).toBe(true);
    expect(bodies[3]?.data?.flags).toBe(64);
    expect(bodies[3]?.data?.content).toMatch(
      /a little fast: up to 3 requests every 60 seconds\. Please try again in \d+ seconds?\./,
    );
  });

  let delivered: { messageId: string; threadId: string | null };

  it('posts a scheduled briefing with a nonce, then its quotes and people in a thread', async () => {
    delivered = await platform.postBriefing(IDS.channel, HARBOUR_POST, 'harbour-1:v1:chan');
    const posts = fake.find('POST', new RegExp(`^/channels/${IDS.channel}/messages$`));
    const main = posts.at(-1)?.body as Body;
    expect(main.nonce).toBe(nonceFor('harbour-1:v1:chan'));
    expect(String(main.nonce).length).toBeLessThanOrEqual(25);
    expect(main.enforce_nonce).toBe(true);
    expect(embedsOf(main)[0]?.title).toBe(HARBOUR_POST.briefing.title);
    expect(posts.at(-1)?.authorization).toBe(`Bot ${TOKEN}`);

    const thread = fake.find(
      'POST',
      new RegExp(`^/channels/${IDS.channel}/messages/${delivered.messageId}/threads$`),
    );
    expect(thread).toHaveLength(1);
    expect((thread[0] as RestCall).body).toMatchObject({ name: HARBOUR_POST.briefing.title });
    expect(thread[0]?.authorization).toBe(`Bot ${TOKEN}`);
    expect(delivered.threadId).toBe(delivered.messageId);

    const details = fake.find('POST', new RegExp(`^/channels/${delivered.threadId}/messages$`));
    const titles = details.map((c) => embedsOf(c.body as Body)[0]?.title);
    expect(titles).toEqual(['Quotes (2)', 'People (2)', 'Also mentioned']);
    expect(JSON.stringify(details[0]?.body)).toContain('Mara Quill');
  });

  it('does not post twice when a delivery is retried with the same key', async () => {
    const before = fake.calls.filter((c) => c.status === 200 && c.method === 'POST').length;
    const again = await platform.postBriefing(IDS.channel, HARBOUR_POST, 'harbour-1:v1:chan');
    expect(again).toEqual(delivered);
    const messageIds = fake.calls
      .filter((c) => c.method === 'POST' && /^\/channels\/\d+\/messages$/.test(c.path))
      .slice(-4)
      .map((c) => (c.body as Body).nonce);
    expect(new Set(messageIds).size).toBe(4);
    expect(fake.calls.filter((c) => c.status === 200 && c.method === 'POST').length).toBe(before + 4);
  });

  it('answers a question asked in the briefing thread, in that thread', async () => {
    const threadId = delivered.threadId as string;
    service.threads.set(threadId, HARBOUR_POST.articleId);
    const before = fake.find('POST', new RegExp(`^/channels/${threadId}/messages$`)).length;

    fake.threadMessage(threadId, 'nobody asked me', false);
    const asked = fake.threadMessage(threadId, `<@${IDS.bot}> who is the mayor?`, true);
    const reply = await fake.waitFor(
      () => fake.find('POST', new RegExp(`^/channels/${threadId}/messages$`))[before],
      5000,
      'the thread reply',
    );
    const body = reply.body as Body;
    expect((body.message_reference as { message_id: string }).message_id).toBe(asked);
    expect(embedsOf(body)[0]?.title).toBe('Mara Quill');
    expect(service.calls.filter((c) => c.method === 'answerInThread').map((c) => c.args)).toEqual([
      ['who is the mayor?', { articleId: HARBOUR_POST.articleId }],
    ]);
    await new Promise((r) => setTimeout(r, 100));
    expect(fake.find('POST', new RegExp(`^/channels/${threadId}/messages$`)).length).toBe(before + 1);
  });

  it('waits out a 429 with retry-after, then posts the digest', async () => {
    fake.rateLimitNext('POST', new RegExp(`^/channels/${IDS.channel}/messages$`), 1);
    const started = Date.now();
    const digest = await platform.postDigest(
      IDS.channel,
      await service.digest({ platform: 'discord', channelId: IDS.channel }),
      'digest-1',
    );
    const tries = fake.calls.filter(
      (c) => c.method === 'POST' && c.path === `/channels/${IDS.channel}/messages` && c.at >= started,
    );
    expect(tries.map((c) => c.status)).toEqual([429, 200]);
    expect((tries[1]?.at ?? 0) - (tries[0]?.at ?? 0)).toBeGreaterThanOrEqual(950);
    expect(digest.threadId).toBe(digest.messageId);
    const inThread = fake.find('POST', new RegExp(`^/channels/${digest.threadId}/messages$`));
    expect(JSON.stringify(inThread[0]?.body)).toContain('Also reported by');
  });

  it('edits an updated briefing, and replies in the thread when the message is gone', async () => {
    const v2 = { ...HARBOUR_POST, version: 2 };
    expect(await platform.updateBriefing(IDS.channel, delivered, v2)).toEqual(delivered);
    const edit = fake.find(
      'PATCH',
      new RegExp(`^/channels/${IDS.channel}/messages/${delivered.messageId}$`),
    )[0];
    expect(JSON.stringify(edit?.body)).toContain('updated (version 2)');
    const threadPath = new RegExp(`^/channels/${delivered.threadId}/messages$`);
    const inThread = fake.find('POST', threadPath).map((c) => c.body as Body);
    const noteAt = inThread.findIndex(
      (b) => b.content === 'This briefing was updated (version 2); its quotes and people follow.',
    );
    expect(noteAt).toBeGreaterThanOrEqual(0);
    expect(inThread.length).toBeGreaterThan(noteAt + 1);

    fake.failNext('PATCH', /^\/channels\/\d+\/messages\/\d+$/, 404, 10008);
    const moved = await platform.updateBriefing(IDS.channel, delivered, v2);
    expect(moved.threadId).toBe(delivered.threadId);
    const note = fake.find('POST', new RegExp(`^/channels/${delivered.threadId}/messages$`)).at(-1)
      ?.body as Body;
    expect(note.content).toBe('This briefing was updated (version 2).');
  });

  it('throws PlatformError (permanent) when Discord refuses for good', async () => {
    fake.failNext('POST', /^\/channels\/\d+\/messages$/, 403, 50001);
    const error = await platform
      .postBriefing(IDS.channel, HARBOUR_POST, 'forbidden')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformError);
    expect((error as PlatformError).permanent).toBe(true);
    expect((error as PlatformError).message).toMatch(/^discord: posting in channel \d+: 403/);
  });

  it('resumes the gateway session after a disconnect and keeps answering', async () => {
    fake.dropConnection();
    const resume = await fake.waitFor(() => fake.frames.find((f) => f.op === 6), 10_000, 'RESUME');
    expect(resume.d).toMatchObject({ token: TOKEN, session_id: 'fake-session-1' });
    await fake.waitFor(() => logs.some((l) => l.includes('resumed')), 5000, 'the resumed event');
    expect(fake.frames.filter((f) => f.op === 2)).toHaveLength(1); // resumed, not re-identified
    const { token } = fake.command('who', [{ name: 'name', type: 3, value: 'Tobias' }], {
      userId: nextUser(),
    });
    expect(embedsOf(await callbackFor(token))[0]?.title).toBe('Tobias Venn');
  });

  it('sent allowed_mentions with an empty parse on every message it created or edited', () => {
    const isMessage = (c: RestCall) =>
      (c.method === 'POST' && /^\/channels\/\d+\/messages$/.test(c.path)) ||
      (c.method === 'PATCH' && /^\/channels\/\d+\/messages\/\d+$/.test(c.path)) ||
      (c.method !== 'DELETE' && c.path.startsWith('/webhooks/'));
    const messages = fake.calls.filter(isMessage).map((c) => c.body as Body);
    const responses = fake.calls
      .filter((c) => c.path.startsWith('/interactions/'))
      .map((c) => c.body as Body);
    const withMessage = responses.filter((b) => b.type === 4 || b.type === 7).map((b) => b.data as Body);
    expect(messages.length).toBeGreaterThan(10);
    expect(withMessage.length).toBeGreaterThan(10);
    for (const body of [...messages, ...withMessage]) {
      expect((body.allowed_mentions as { parse: unknown[] }).parse).toEqual([]);
    }
    // The other callbacks carry no message at all: deferrals (5) and autocomplete choices (8).
    for (const b of responses.filter((r) => r.type !== 4 && r.type !== 7)) {
      expect([5, 8]).toContain(b.type);
      expect(b.data?.content ?? null).toBeNull();
      expect(b.data?.embeds ?? null).toBeNull();
    }
  });
});

describe('a refused token', () => {
  it('fails to start with a permanent PlatformError that does not show the token', async () => {
    const other = new FakeDiscord(TOKEN);
    await other.listen();
    other.failNext('GET', /^\/gateway\/bot$/, 401, 0);
    const settings = { ...DEFAULTS, token: TOKEN, apiUrl: other.apiUrl, guildId: null };
    const error = await createDiscordPlatform(settings, { readyTimeoutMs: 5000 })
      .start(new FakeService(), views)
      .catch((e: unknown) => e);
    await other.close();
    expect(error).toBeInstanceOf(PlatformError);
    expect((error as PlatformError).permanent).toBe(true);
    expect((error as PlatformError).message).toBe(
      'discord: logging in: the token was refused (check DISCORD_TOKEN)',
    );
    expect((error as PlatformError).message).not.toContain(TOKEN);
  });
});

describe('newsbrief discord register', () => {
  it('reads the application and registers the commands without a gateway', async () => {
    const other = new FakeDiscord(TOKEN);
    await other.listen();
    try {
      const result = await registerDiscordCommands({ token: TOKEN, apiUrl: other.apiUrl, guildId: null });
      expect(result.message).toBe(
        `Registered 7 commands for application ${IDS.app} globally. Invite: https://discord.com/oauth2/authorize?client_id=${IDS.app}&scope=bot+applications.commands&permissions=309237730304`,
      );
      expect(other.find('PUT', new RegExp(`^/applications/${IDS.app}/commands$`))).toHaveLength(1);
      expect(other.frames).toHaveLength(0);
    } finally {
      await other.close();
    }
  });
});
