/**
 * Slash commands, autocomplete and thread questions: read the platform's input, call the
 * `NewsbriefService`, render, answer. Nothing here decides content; it only routes and renders.
 *
 * Discord wants an interaction answered within 3 s. Each command's work starts at once; when it is done
 * within `deferAfterMs` the answer is sent directly (one callback), otherwise the interaction is deferred
 * and the answer arrives by editing the deferred reply (or, for a private answer, by deleting it and
 * sending an ephemeral follow-up).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import {
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type Message,
  MessageFlags,
  PermissionFlagsBits,
} from 'discord.js';
import type {
  AnswerView,
  BriefingPost,
  ChannelRef,
  FeedsCommand,
  FeedsRefusal,
  NewsbriefService,
  Views,
} from '../../contracts/index.js';
import { filterWords } from '../../contracts/index.js';
import type { UserRateLimiter } from '../rate-limit.js';
import { AUTOCOMPLETE_CHOICE_MAX, AUTOCOMPLETE_CHOICES_MAX } from './limits.js';
import {
  type DiscordMessage,
  renderAnswer,
  renderBriefing,
  renderDigest,
  renderFeeds,
  renderHelp,
  renderNotice,
  renderNoticeView,
  renderUsage,
  type Style,
  toOptions,
} from './render.js';

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface HandlerContext {
  service: NewsbriefService;
  views: Views;
  limiter: UserRateLimiter | null;
  deferAfterMs: number;
  style: Style;
  log: Logger;
  /** Reads an attached article (text files only), at most `maxBytes`. */
  fetchText: (url: string, maxBytes: number) => Promise<string>;
  /** Answer any message in a briefing thread (Message Content intent), not only mentions. */
  messageContent: boolean;
}

interface Reply {
  message: DiscordMessage;
  ephemeral: boolean;
}

/** Largest attachment `/brief file:` reads. */
export const ATTACHMENT_MAX_BYTES = 1_000_000;

const publicReply = (message: DiscordMessage): Reply => ({ message, ephemeral: false });
const privateReply = (message: DiscordMessage): Reply => ({ message, ephemeral: true });

function errorReply(error: unknown, ctx: HandlerContext): Reply {
  const view = ctx.views.error(error);
  if (!view.shown)
    ctx.log.error(`discord: command failed: ${error instanceof Error ? error.message : String(error)}`);
  return privateReply(renderNoticeView(view));
}

function rateLimited(userId: string, ctx: HandlerContext): Reply | null {
  const verdict = ctx.limiter?.take(userId);
  if (!ctx.limiter?.limit || !verdict || verdict.allowed) return null;
  return privateReply(renderNoticeView(ctx.views.rateLimited(verdict.retryAfterMs, ctx.limiter.limit)));
}

/** Answers directly when `work` is done within `deferAfterMs`, else defers and edits the reply. */
async function respond(interaction: ChatInputCommandInteraction, work: Promise<Reply>, ctx: HandlerContext) {
  const guarded = work.catch((error: unknown) => errorReply(error, ctx));
  const timer = new AbortController();
  const early = await Promise.race([
    guarded,
    sleep(ctx.deferAfterMs, null, { signal: timer.signal }).catch(() => null),
  ]);
  timer.abort();
  if (early) {
    await interaction.reply({
      ...toOptions(early.message, ctx.style),
      ...(early.ephemeral ? { flags: MessageFlags.Ephemeral as const } : {}),
    });
    return;
  }
  await interaction.deferReply();
  const reply = await guarded;
  if (!reply.ephemeral) {
    await interaction.editReply(toOptions(reply.message, ctx.style));
    return;
  }
  // A deferred reply is public; a private answer ("not found", an error) replaces it as an ephemeral follow-up.
  await interaction.deleteReply();
  await interaction.followUp({ ...toOptions(reply.message, ctx.style), flags: MessageFlags.Ephemeral });
}

function channelRef(channelId: string): ChannelRef {
  return { platform: 'discord', channelId };
}

/** `/brief`: exactly one of url, text and file (checked beforehand by `usageProblem`). */
async function briefWork(interaction: ChatInputCommandInteraction, ctx: HandlerContext): Promise<Reply> {
  const url = interaction.options.getString('url')?.trim() ?? '';
  const text = interaction.options.getString('text')?.trim() ?? '';
  const file = interaction.options.getAttachment('file');
  const briefed = (post: BriefingPost) => publicReply(renderBriefing(ctx.views.briefing(post)));
  if (url) {
    if (!/^https?:\/\/\S+$/i.test(url)) return privateReply(renderUsage('brief'));
    return briefed(await ctx.service.brief({ url }));
  }
  if (text) return briefed(await ctx.service.brief({ text }));
  if (!file) return privateReply(renderUsage('brief'));
  const name = file.name.toLowerCase();
  const type = (file.contentType ?? '').toLowerCase();
  const isText =
    type.startsWith('text/plain') || type.startsWith('text/markdown') || /\.(txt|md|markdown)$/.test(name);
  if (!isText) return privateReply(renderNotice('Attach the article as a `.txt` or `.md` file.'));
  if (file.size > ATTACHMENT_MAX_BYTES) {
    return privateReply(
      renderNotice(`That file is too large: at most ${ATTACHMENT_MAX_BYTES / 1_000_000} MB.`),
    );
  }
  const body = await ctx.fetchText(file.url, ATTACHMENT_MAX_BYTES);
  if (!body.trim()) return privateReply(renderNotice('That file is empty.'));
  const title = file.name.replace(/\.[^.]+$/, '').replace(/[-_]+/g, ' ');
  return briefed(await ctx.service.brief({ text: body, title }));
}

/** A found answer for everyone in the channel; "not found" only to the asker. */
const answerReply = (view: AnswerView, notFoundPrivate = true): Reply =>
  view.kind === 'notice' && notFoundPrivate
    ? privateReply(renderAnswer(view))
    : publicReply(renderAnswer(view));

/** `/feeds <subcommand>` as the app's command; null when a needed option is blank. */
function feedsCommand(interaction: ChatInputCommandInteraction): FeedsCommand | null {
  const option = (name: string) => interaction.options.getString(name)?.trim() ?? '';
  switch (interaction.options.getSubcommand(false)) {
    case 'follow':
      return option('url') ? { kind: 'follow', url: option('url') } : null;
    case 'unfollow':
      return option('source') ? { kind: 'unfollow', target: option('source') } : null;
    case 'schedule':
      return option('time')
        ? { kind: 'schedule', spec: option('time'), timezone: option('timezone') || null }
        : null;
    case 'filter': {
      const mode = option('mode');
      if (mode === 'clear') return { kind: 'filter', mode: 'clear' };
      const words = filterWords(option('words'));
      return (mode === 'include' || mode === 'exclude') && words.length
        ? { kind: 'filter', mode, words }
        : null;
    }
    case 'pause':
      return { kind: 'pause' };
    case 'resume':
      return { kind: 'resume' };
    default:
      return null;
  }
}

/** What the bot needs in a channel to post briefings there and open their threads. */
const POST_PERMISSIONS = [
  PermissionFlagsBits.ViewChannel,
  PermissionFlagsBits.SendMessages,
  PermissionFlagsBits.CreatePublicThreads,
  PermissionFlagsBits.SendMessagesInThreads,
];

async function feedsWork(interaction: ChatInputCommandInteraction, ctx: HandlerContext): Promise<Reply> {
  const refused = (reason: FeedsRefusal) =>
    privateReply(renderNoticeView(ctx.views.feedsRefused(reason, 'discord')));
  const subscriptions = ctx.service.subscriptions;
  if (!subscriptions) return refused('unavailable');
  // Discord shows /feeds only to Manage Server by default; the bot checks it too, in case the
  // command's permissions were never synced.
  if (!interaction.inGuild() || !interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild))
    return refused('not-allowed');
  const command = feedsCommand(interaction);
  if (!command) return privateReply(renderUsage('feeds'));
  if (command.kind === 'follow' && !interaction.appPermissions?.has(POST_PERMISSIONS))
    return refused('cannot-post');
  const result = await subscriptions.change(
    {
      platform: 'discord',
      channelId: interaction.channelId,
      workspaceId: interaction.guildId,
      userId: interaction.user.id,
    },
    command,
  );
  return publicReply(renderFeeds(ctx.views.feeds(result)));
}

async function newsbriefWork(interaction: ChatInputCommandInteraction, ctx: HandlerContext): Promise<Reply> {
  const sub = interaction.options.getSubcommand(false);
  const subscriptions = ctx.service.subscriptions;
  if (sub !== 'sources' && sub !== 'preview') return privateReply(renderHelp());
  if (!subscriptions) return privateReply(renderNoticeView(ctx.views.feedsRefused('unavailable', 'discord')));
  const channel = channelRef(interaction.channelId);
  if (sub === 'sources')
    return privateReply(renderFeeds(ctx.views.sources(await subscriptions.sources(channel))));
  // The next digest is not posted yet: only the asker sees it.
  return privateReply(renderDigest(ctx.views.digest(await subscriptions.preview(channel))).main);
}

async function commandWork(interaction: ChatInputCommandInteraction, ctx: HandlerContext): Promise<Reply> {
  const { service, views } = ctx;
  switch (interaction.commandName) {
    case 'brief':
      return briefWork(interaction, ctx);
    case 'who': {
      const name = interaction.options.getString('name')?.trim() ?? '';
      if (!name) return privateReply(renderUsage('who'));
      return answerReply(views.who(await service.who(name)));
    }
    case 'ask': {
      const question = interaction.options.getString('question')?.trim() ?? '';
      if (!question) return privateReply(renderUsage('ask'));
      // "Nothing answers that" stays in the channel: the question itself is worth seeing.
      return answerReply(views.ask(await service.ask(question)), false);
    }
    case 'quotes': {
      const name = interaction.options.getString('name')?.trim() || null;
      return answerReply(views.quotes(await service.quotes(name)));
    }
    case 'digest': {
      const items = await service.digest(channelRef(interaction.channelId));
      return publicReply(renderDigest(views.digest(items)).main);
    }
    case 'feeds':
      return feedsWork(interaction, ctx);
    case 'newsbrief':
      return newsbriefWork(interaction, ctx);
    default:
      return privateReply(renderUsage('unknown'));
  }
}

/** Synchronous usage checks, so that a usage line is never deferred. */
function usageProblem(interaction: ChatInputCommandInteraction): Reply | null {
  const blank = (name: string) => !(interaction.options.getString(name)?.trim() ?? '');
  switch (interaction.commandName) {
    case 'who':
      return blank('name') ? privateReply(renderUsage('who')) : null;
    case 'ask':
      return blank('question') ? privateReply(renderUsage('ask')) : null;
    case 'brief': {
      const given = [!blank('url'), !blank('text'), interaction.options.getAttachment('file') !== null];
      return given.filter(Boolean).length === 1 ? null : privateReply(renderUsage('brief'));
    }
    default:
      return null;
  }
}

async function handleCommand(interaction: ChatInputCommandInteraction, ctx: HandlerContext): Promise<void> {
  const refusal = rateLimited(interaction.user.id, ctx) ?? usageProblem(interaction);
  if (refusal) {
    await interaction.reply({ ...toOptions(refusal.message, ctx.style), flags: MessageFlags.Ephemeral });
    return;
  }
  await respond(interaction, commandWork(interaction, ctx), ctx);
}

async function handleAutocomplete(interaction: AutocompleteInteraction, ctx: HandlerContext): Promise<void> {
  const focused = interaction.options.getFocused(true);
  let names: string[] = [];
  if (focused.name === 'name') {
    try {
      names = await ctx.service.peopleNames(String(focused.value).trim(), AUTOCOMPLETE_CHOICES_MAX);
    } catch (error) {
      ctx.log.warn(`discord: autocomplete failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const choices = [...new Set(names.map((n) => n.slice(0, AUTOCOMPLETE_CHOICE_MAX)).filter(Boolean))]
    .slice(0, AUTOCOMPLETE_CHOICES_MAX)
    .map((n) => ({ name: n, value: n }));
  await interaction.respond(choices);
}

/** Routes one interaction; never throws (failures are logged). */
export async function handleInteraction(interaction: Interaction, ctx: HandlerContext): Promise<void> {
  try {
    if (interaction.isChatInputCommand()) await handleCommand(interaction, ctx);
    else if (interaction.isAutocomplete()) await handleAutocomplete(interaction, ctx);
  } catch (error) {
    ctx.log.error(
      `discord: could not answer an interaction: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/**
 * A message in a briefing's thread: answered there when it mentions the bot (or, with the Message Content
 * intent, any message). Messages elsewhere, from bots, or in other threads are ignored. Never throws.
 */
export async function handleThreadMessage(
  message: Message,
  botId: string,
  ctx: HandlerContext,
): Promise<void> {
  try {
    if (message.author.bot || message.system) return;
    const thread = message.channel;
    if (!thread.isThread() || !thread.parentId) return;
    const mentioned = message.mentions.users.has(botId);
    if (!mentioned && !ctx.messageContent) return;
    const context = await ctx.service.threadArticle(channelRef(thread.parentId), thread.id);
    if (!context) return;
    const question = message.content
      .replace(new RegExp(`<@!?${botId}>`, 'g'), ' ')
      .replace(/\s+/g, ' ')
      .trim();
    let reply: DiscordMessage;
    const limited = rateLimited(message.author.id, ctx);
    if (limited) reply = limited.message;
    else if (!question) reply = renderUsage('thread');
    else {
      try {
        reply = renderAnswer(ctx.views.threadAnswer(await ctx.service.answerInThread(question, context)));
      } catch (error) {
        reply = errorReply(error, ctx).message;
      }
    }
    await message.reply({
      ...toOptions(reply, ctx.style),
      allowedMentions: { parse: [], repliedUser: false },
      failIfNotExists: false,
    });
  } catch (error) {
    ctx.log.error(
      `discord: could not answer in a thread: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
