/**
 * The Message Content configuration (any message in a briefing thread is answered), the plain-text
 * fallback when Discord refuses embeds, and a thread that is not a briefing's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDS, type RestCall } from './fake-discord.js';
import { FakeService, HARBOUR_POST } from './fake-service.js';
import { type Bot, startBot } from './harness.js';

const service = new FakeService();
let bot: Bot;

beforeAll(async () => {
  bot = await startBot(service, { DISCORD_MESSAGE_CONTENT: 'on', DISCORD_RATE_LIMIT: 'off' });
});

afterAll(async () => {
  await bot?.stop();
});

describe('discord with the Message Content intent', () => {
  it('asks for the Message Content intent', () => {
    const identify = bot.fake.frames.find((f) => f.op === 2)?.d as { intents: number };
    expect(identify.intents).toBe(1 | 512 | 32768);
  });

  it('resends a briefing as plain text when Discord refuses its embeds', async () => {
    bot.fake.failNext('POST', new RegExp(`^/channels/${IDS.channel}/messages$`), 400, 50006);
    const delivered = await bot.platform.postBriefing(IDS.channel, HARBOUR_POST, 'plain-1');
    const posts = bot.fake.find('POST', new RegExp(`^/channels/${IDS.channel}/messages$`));
    expect(posts.map((c) => c.status)).toEqual([400, 200]);
    const plain = posts[1]?.body as { content: string; embeds: unknown[]; nonce: string };
    expect(plain.embeds).toEqual([]);
    expect(plain.content.startsWith(`**${HARBOUR_POST.briefing.title}**`)).toBe(true);
    expect(plain.nonce).toBe(((posts[0] as RestCall).body as { nonce: string }).nonce);
    expect(bot.logs.some((l) => l.startsWith('warn discord: embeds refused'))).toBe(true);
    service.threads.set(delivered.threadId as string, HARBOUR_POST.articleId);
  });

  it('answers a message in a briefing thread that does not mention the bot', async () => {
    const threadId = [...service.threads.keys()][0] as string;
    const before = bot.fake.find('POST', new RegExp(`^/channels/${threadId}/messages$`)).length;
    bot.fake.threadMessage(threadId, 'what will the rebuild cost?', false);
    const reply = await bot.fake.waitFor(
      () => bot.fake.find('POST', new RegExp(`^/channels/${threadId}/messages$`))[before],
      5000,
      'the answer',
    );
    expect(JSON.stringify(reply.body)).toContain('14 million pounds');
    expect((reply.body as { allowed_mentions: unknown }).allowed_mentions).toEqual({
      parse: [],
      replied_user: false,
    });
  });

  it('ignores threads that are not a briefing’s', async () => {
    const asked = service.calls.filter((c) => c.method === 'answerInThread').length;
    bot.fake.dispatch('THREAD_CREATE', {
      id: '600000000000000001',
      type: 11,
      guild_id: IDS.guild,
      parent_id: IDS.channel,
      name: 'chat',
      owner_id: '400000000000000002',
      thread_metadata: {
        archived: false,
        auto_archive_duration: 60,
        archive_timestamp: new Date().toISOString(),
        locked: false,
      },
    });
    bot.fake.threadMessage('600000000000000001', 'who is the mayor?', false);
    await bot.fake.waitFor(
      () => service.calls.some((c) => c.method === 'threadArticle' && c.args[1] === '600000000000000001'),
      5000,
      'the thread lookup',
    );
    await new Promise((r) => setTimeout(r, 100));
    expect(service.calls.filter((c) => c.method === 'answerInThread').length).toBe(asked);
    expect(bot.fake.find('POST', /^\/channels\/600000000000000001\/messages$/)).toHaveLength(0);
  });
});
