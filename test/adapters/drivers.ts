/**
 * One driver per platform for the adapter contract suite: each runs the real adapter (the console
 * platform on a stream, Bolt against the fake Slack, discord.js against the fake Discord) and returns
 * what a reader would see of each message, plus the payload as sent, so that one suite can hold every
 * platform to the same cases.
 */
import { Writable } from 'node:stream';
import { createConsolePlatform } from '../../src/adapters/console/platform.js';
import { renderBriefingText, renderNoticeText, renderWhoText } from '../../src/adapters/console/render.js';
import { views } from '../../src/app/views.js';
import type { BriefingPost, DigestItem, Platform, PlatformName } from '../../src/contracts/index.js';
import { IDS } from '../discord/fake-discord.js';
import { startBot } from '../discord/harness.js';
import { waitFor } from '../slack/fake-slack.js';
import { postSigned, slashCommand, startHarness } from '../slack/harness.js';
import { ContractService } from './service.js';

/** One message as shown: `text` is what a reader sees (markup removed), `raw` the payload as sent. */
export interface Shown {
  text: string;
  raw: unknown;
}

export interface AdapterDriver {
  readonly name: PlatformName;
  readonly platform: Platform;
  /** Delivers a scheduled briefing; the messages shown, the channel message first. */
  deliver(post: BriefingPost): Promise<Shown[]>;
  deliverDigest(items: DigestItem[]): Promise<Shown[]>;
  /** `/who <name>` or `/brief <url>` by `user`: the reply. */
  command(name: 'who' | 'brief', argument: string, user: string): Promise<Shown>;
  /** The reply a user gets once past the limit of 2 commands a minute. */
  limited(user: string): Promise<Shown>;
  /** Why the payloads could ping someone or let article text break out of the markup ([] when safe). */
  unsafe(shown: Shown[]): string[];
  /** What the adapter logged. */
  logs(): string[];
  close(): Promise<void>;
}

/** The limit every chat driver runs with: 2 commands per user per minute. */
export const RATE_LIMIT = { max: 2, windowMs: 60_000 };

// ---------------------------------------------------------------------------------------------------
// Console

/**
 * The console platform prints to a stream. A terminal has no chat commands or per-user limit: its
 * replies are what `newsbrief who` and the CLI print through the console renderers, so `command` and
 * `limited` render the same views those print.
 */
export async function consoleDriver(): Promise<AdapterDriver> {
  let out = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      out += String(chunk);
      done();
    },
  });
  const service = new ContractService();
  const platform = createConsolePlatform({ stream, color: false });
  await platform.start(service, views);
  const printed = async (act: () => Promise<unknown>): Promise<Shown[]> => {
    const mark = out.length;
    await act();
    return out
      .slice(mark)
      .split(`${'─'.repeat(60)}\n`)
      .map((text) => text.trim())
      .filter(Boolean)
      .map((text) => ({ text, raw: text }));
  };
  const reply = (text: string): Shown => ({ text, raw: text });
  const style = { color: false };
  return {
    name: 'console',
    platform,
    deliver: (post) => printed(() => platform.postBriefing('terminal', post, `k:${post.articleId}`)),
    deliverDigest: (items) => printed(() => platform.postDigest('terminal', items, 'digest')),
    async command(name, argument) {
      if (name === 'who') return reply(renderWhoText(views.who(await service.who(argument)), style));
      try {
        return reply(renderBriefingText(views.briefing(await service.brief({ url: argument })), style));
      } catch (error) {
        return reply(renderNoticeText(views.error(error), style));
      }
    },
    async limited() {
      return reply(renderNoticeText(views.rateLimited(30_000, RATE_LIMIT), style));
    },
    unsafe: (shown) =>
      shown.flatMap((s) =>
        // biome-ignore lint/suspicious/noControlCharactersInRegex: terminal escapes are what is checked
        /[\u001b\u009b\u009d\u202e]/.test(String(s.raw))
          ? ['a control or bidi character reached the terminal']
          : [],
      ),
    logs: () => [],
    close: async () => {},
  };
}

// ---------------------------------------------------------------------------------------------------
// Slack

type SlackBlock = {
  type: string;
  text?: { type: string; text: string; verbatim?: boolean };
  elements?: { text: string; verbatim?: boolean }[];
};

function slackBlocks(params: Record<string, unknown>): SlackBlock[] {
  const blocks = params.blocks;
  return (typeof blocks === 'string' ? JSON.parse(blocks) : (blocks ?? [])) as SlackBlock[];
}

function slackTexts(params: Record<string, unknown>): { text: string; mrkdwn: boolean; verbatim: boolean }[] {
  return slackBlocks(params).flatMap((b) => [
    ...(b.text
      ? [{ text: b.text.text, mrkdwn: b.text.type === 'mrkdwn', verbatim: b.text.verbatim === true }]
      : []),
    ...(b.elements ?? []).map((e) => ({ text: e.text, mrkdwn: true, verbatim: e.verbatim === true })),
  ]);
}

/** What a Slack reader sees of mrkdwn: link labels, no bold or italic marks, entities decoded. */
function slackVisible(params: Record<string, unknown>): string {
  return slackTexts(params)
    .map((t) =>
      t.text
        .replace(/<([^|>]*)\|([^>]*)>/g, '$2')
        .replace(/\*([^*\n]+)\*/g, '$1')
        .replace(/(^|\s)_([^_\n]+)_/g, '$1$2')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&')
        .replace(/\u200B/g, ''),
    )
    .join('\n');
}

function slackUnsafe(shown: Shown[], ownLinks: string[]): string[] {
  const problems: string[] = [];
  for (const s of shown) {
    const params = s.raw as Record<string, unknown>;
    if (params.link_names !== false && params.link_names !== 'false') problems.push('link_names is not off');
    for (const t of [
      ...slackTexts(params),
      { text: String(params.text ?? ''), mrkdwn: true, verbatim: true },
    ]) {
      if (!t.mrkdwn) continue;
      if (!t.verbatim) problems.push('a mrkdwn text is not verbatim');
      // The only `<` and `>` left are our own links: any other could open a mention or a link.
      const links = t.text.match(/<[^<>]*>/g) ?? [];
      for (const link of links) {
        const target = link.slice(1).split(/[|>]/)[0] ?? '';
        if (!ownLinks.some((own) => target.startsWith(own))) problems.push(`control sequence ${link}`);
      }
      // (A `> ` opening a line is our own block quote.)
      if (/[<>]/.test(t.text.replace(/<[^<>]*>/g, '').replace(/^> /gm, '')))
        problems.push('an unescaped < or >');
      if (/@(channel|here|everyone)\b/i.test(t.text)) problems.push('a bare broadcast word');
      if (/&(?!(amp|lt|gt);)/.test(t.text)) problems.push('an unescaped &');
    }
  }
  return problems;
}

export async function slackDriver(): Promise<AdapterDriver> {
  const h = await startHarness(
    { SLACK_RATE_LIMIT: `${RATE_LIMIT.max}/${RATE_LIMIT.windowMs / 1000}` },
    {},
    undefined,
    new ContractService(),
  );
  const channel = 'C0NEWS';
  const shown = (params: Record<string, unknown>): Shown => ({ text: slackVisible(params), raw: params });
  const posted = async (act: () => Promise<unknown>): Promise<Shown[]> => {
    const mark = h.fake.callsTo('chat.postMessage').length;
    await act();
    return h.fake
      .callsTo('chat.postMessage')
      .slice(mark)
      .map((c) => shown(c.params));
  };
  const command = async (name: string, argument: string, user: string): Promise<Shown> => {
    const { body, responseId } = slashCommand(h.fake, `/${name}`, argument, { user_id: user });
    await postSigned(h.eventsUrl, body);
    const response = await waitFor(() => h.fake.responses.find((r) => r.id === responseId));
    return shown(response.body);
  };
  return {
    name: 'slack',
    platform: h.platform,
    deliver: (post) => posted(() => h.platform.postBriefing(channel, post, `k:${post.articleId}`)),
    deliverDigest: (items) => posted(() => h.platform.postDigest(channel, items, 'digest')),
    command,
    async limited(user) {
      for (let i = 0; i < RATE_LIMIT.max; i++) await command('who', 'Mara Quill', user);
      return command('who', 'Mara Quill', user);
    },
    unsafe: (s) => slackUnsafe(s, ['https://news.example/']),
    logs: () => h.logger.lines,
    close: () => h.close(),
  };
}

// ---------------------------------------------------------------------------------------------------
// Discord

type DiscordBody = {
  content?: string;
  embeds?: {
    title?: string;
    description?: string;
    fields?: { name: string; value: string }[];
    footer?: { text: string };
  }[];
  allowed_mentions?: unknown;
};

function discordTexts(body: DiscordBody): string[] {
  return [
    body.content ?? '',
    ...(body.embeds ?? []).flatMap((e) => [
      e.title ?? '',
      e.description ?? '',
      ...(e.fields ?? []).map((f) => `${f.name}: ${f.value}`),
      e.footer?.text ?? '',
    ]),
  ].filter(Boolean);
}

/** What a Discord reader sees of markdown: escapes resolved, bold and italic marks and link targets gone. */
function discordVisible(body: DiscordBody): string {
  return discordTexts(body)
    .map((text) => {
      const escaped: string[] = [];
      return text
        .replace(/\\(.)/g, (_, c: string) => `\uE000${escaped.push(c) - 1}\uE001`)
        .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
        .replace(/\*\*|(^|[^*])\*(?=\S)|(?<=\S)\*/g, '$1')
        .replace(/\uE000(\d+)\uE001/g, (_, i: string) => escaped[Number(i)] ?? '')
        .replace(/\u200B/g, '');
    })
    .join('\n');
}

function discordUnsafe(shown: Shown[]): string[] {
  const problems: string[] = [];
  for (const s of shown) {
    const body = s.raw as DiscordBody;
    if (JSON.stringify(body.allowed_mentions) !== JSON.stringify({ parse: [] }))
      problems.push(`allowed_mentions ${JSON.stringify(body.allowed_mentions)}`);
    for (const text of discordTexts(body)) {
      const live = text.match(/@(everyone|here)|<@[!&]?\d+>|<#\d+>/g);
      if (live) problems.push(`live mentions ${live.join(' ')}`);
      // Article text must arrive escaped: no bold, spoiler or masked link of its own.
      if (/(^|[^\\])\*\*bold|(^|[^\\])\|\|spoiler|(^|[^\\])\[click\]\(/.test(text))
        problems.push('unescaped article markdown');
    }
  }
  return problems;
}

let discordUsers = 0;

export async function discordDriver(): Promise<AdapterDriver> {
  const bot = await startBot(new ContractService(), {
    DISCORD_RATE_LIMIT: `${RATE_LIMIT.max}/${RATE_LIMIT.windowMs / 1000}`,
  });
  const { fake, platform } = bot;
  const shown = (body: DiscordBody): Shown => ({ text: discordVisible(body), raw: body });
  const posted = async (act: () => Promise<unknown>): Promise<Shown[]> => {
    const mark = fake.calls.length;
    await act();
    return fake.calls
      .slice(mark)
      .filter((c) => c.method === 'POST' && /^\/channels\/\d+\/messages$/.test(c.path))
      .map((c) => shown(c.body as DiscordBody));
  };
  /** Discord user ids are snowflakes: each driver user gets its own. */
  const ids = new Map<string, string>();
  const idOf = (user: string) => {
    if (!ids.has(user)) ids.set(user, `4000000000000003${String(discordUsers++).padStart(2, '0')}`);
    return ids.get(user) as string;
  };
  const command = async (name: 'who' | 'brief', argument: string, user: string): Promise<Shown> => {
    const option = { name: name === 'who' ? 'name' : 'url', type: 3, value: argument };
    const { token } = fake.command(name, [option], { userId: idOf(user) });
    const call = await fake.waitFor(
      () => fake.calls.find((c) => c.method === 'POST' && c.path.includes(`/${token}/callback`)),
      5000,
      `the answer to /${name}`,
    );
    const body = call.body as { data?: DiscordBody };
    return shown(body.data ?? {});
  };
  return {
    name: 'discord',
    platform,
    deliver: (post) => posted(() => platform.postBriefing(IDS.channel, post, `k:${post.articleId}`)),
    deliverDigest: (items) => posted(() => platform.postDigest(IDS.channel, items, 'digest')),
    command,
    async limited(user) {
      for (let i = 0; i < RATE_LIMIT.max; i++) await command('who', 'Mara Quill', user);
      return command('who', 'Mara Quill', user);
    },
    unsafe: discordUnsafe,
    logs: () => bot.logs,
    close: () => bot.stop(),
  };
}
