/**
 * Slack's slash commands, mentions and thread questions: read what the user typed, call the
 * `NewsbriefService`, render the app's view of the answer, reply. Nothing here decides content.
 * Scheduled delivery is in platform.ts and delivery.ts.
 */
import type { App, RespondFn, webApi } from '@slack/bolt';
import type { ChannelRef, NewsbriefService, ThreadContext, Views } from '../../contracts/index.js';
import { NAME_INPUT_MAX, parseFeedsText, QUESTION_INPUT_MAX } from '../../contracts/index.js';
import type { SlackSettings } from '../../contracts/slack-settings.js';
import type { UserRateLimiter } from '../rate-limit.js';
import { messageArgs } from './delivery.js';
import { toPlatformError } from './errors.js';
import { briefInput, questionFromMention, slackTextToPlain } from './input.js';
import { MAX_RESPONSE_URL_USES } from './limits.js';
import type { SlackLogger } from './logger.js';
import {
  COMMANDS,
  type CommandName,
  renderAnswer,
  renderBriefing,
  renderBriefingThread,
  renderDigest,
  renderFeeds,
  renderHelp,
  renderNotice,
  renderNoticeView,
  renderUsage,
  type SlackMessage,
} from './render.js';

export interface SlackHandlerContext {
  service: NewsbriefService;
  views: Views;
  settings: Pick<SlackSettings, 'visibility' | 'rateLimit' | 'threadReplies' | 'feedsAdmins'>;
  limiter: UserRateLimiter;
  log: SlackLogger;
}

type CommandReply = { messages: SlackMessage[]; visible: boolean };

/** Event ids answered recently, at most this many: Slack may deliver one event twice (retries). */
const ANSWERED_MEMORY = 5000;

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

function errorReply(error: unknown, ctx: SlackHandlerContext): SlackMessage {
  const reply = ctx.views.error(error);
  if (!reply.shown) ctx.log.error(`Slack command failed: ${describe(error)}`);
  return renderNoticeView(reply);
}

function rateLimited(user: string, ctx: SlackHandlerContext): SlackMessage | null {
  const decision = ctx.limiter.take(user);
  if (decision.allowed || !ctx.settings.rateLimit) return null;
  return renderNoticeView(ctx.views.rateLimited(decision.retryAfterMs, ctx.settings.rateLimit));
}

/** Who typed a command, where, and the client to ask Slack about them. */
interface Caller {
  userId: string;
  teamId: string;
  channelId: string;
  client: webApi.WebClient;
}

/** Workspace admins and owners (users.info, scope users:read) and the users the config names. */
async function mayChangeFeeds(caller: Caller, ctx: SlackHandlerContext): Promise<boolean> {
  if (ctx.settings.feedsAdmins?.includes(caller.userId)) return true;
  try {
    const info = await caller.client.users.info({ user: caller.userId });
    return Boolean(info.user?.is_admin || info.user?.is_owner || info.user?.is_primary_owner);
  } catch (error) {
    throw toPlatformError('users.info', error);
  }
}

/** Whether the bot is a member of the channel (conversations.info): it can post there only then. */
async function canPost(caller: Caller): Promise<boolean> {
  try {
    const info = await caller.client.conversations.info({ channel: caller.channelId });
    return info.channel?.is_member === true;
  } catch (error) {
    const code = (error as { data?: { error?: string } }).data?.error;
    if (code === 'channel_not_found') return false;
    throw toPlatformError('conversations.info', error);
  }
}

async function runFeeds(text: string, caller: Caller, ctx: SlackHandlerContext): Promise<CommandReply> {
  const { views } = ctx;
  const subscriptions = ctx.service.subscriptions;
  const refused = (reason: Parameters<Views['feedsRefused']>[0]): CommandReply => ({
    messages: [renderNoticeView(views.feedsRefused(reason, 'slack'))],
    visible: false,
  });
  if (!subscriptions) return refused('unavailable');
  const command = parseFeedsText(text);
  if ('error' in command) return { messages: [renderUsage('feeds', command.error)], visible: false };
  if (!(await mayChangeFeeds(caller, ctx))) return refused('not-allowed');
  if (command.kind === 'follow' && !(await canPost(caller))) return refused('cannot-post');
  const result = await subscriptions.change(
    { platform: 'slack', channelId: caller.channelId, workspaceId: caller.teamId, userId: caller.userId },
    command,
  );
  return { messages: [renderFeeds(views.feeds(result))], visible: true };
}

async function runCommand(
  name: CommandName,
  raw: string,
  caller: Caller,
  ctx: SlackHandlerContext,
): Promise<CommandReply> {
  const { channelId } = caller;
  const { service, views } = ctx;
  const text = slackTextToPlain(raw);
  const usage = (problem?: string): CommandReply => ({
    messages: [renderUsage(name, problem)],
    visible: false,
  });
  const answer = (message: SlackMessage): CommandReply => ({ messages: [message], visible: true });
  switch (name) {
    case 'brief': {
      if (!text) return usage('Give me a link or paste an article.');
      const briefing = views.briefing(await service.brief(briefInput(raw)));
      const thread = renderBriefingThread(briefing).slice(0, MAX_RESPONSE_URL_USES - 1);
      return { messages: [renderBriefing(briefing), ...thread], visible: true };
    }
    case 'who':
      if (!text) return usage('Whom should I look up?');
      if (text.length > NAME_INPUT_MAX) return usage('That name is too long.');
      return answer(renderAnswer(views.who(await service.who(text))));
    case 'ask':
      if (!text) return usage('What would you like to know?');
      if (text.length > QUESTION_INPUT_MAX) return usage('That question is too long.');
      return answer(renderAnswer(views.ask(await service.ask(text))));
    case 'quotes':
      if (text.length > NAME_INPUT_MAX) return usage('That name is too long.');
      return answer(renderAnswer(views.quotes(await service.quotes(text || null))));
    case 'digest': {
      if (text) return usage('/digest takes no arguments.');
      const channel: ChannelRef = { platform: 'slack', channelId };
      return answer(renderDigest(views.digest(await service.digest(channel))));
    }
    case 'feeds':
      return runFeeds(text, caller, ctx);
    case 'newsbrief': {
      if (!text || /^help$/i.test(text)) return { messages: [renderHelp()], visible: false };
      const channel: ChannelRef = { platform: 'slack', channelId };
      const subscriptions = service.subscriptions;
      if (/^(sources|preview)$/i.test(text) && !subscriptions)
        return { messages: [renderNoticeView(views.feedsRefused('unavailable', 'slack'))], visible: false };
      if (/^sources$/i.test(text) && subscriptions)
        return {
          messages: [renderFeeds(views.sources(await subscriptions.sources(channel)))],
          visible: false,
        };
      // The next digest is shown only to whoever asked: it is not posted yet.
      if (/^preview$/i.test(text) && subscriptions)
        return {
          messages: [renderDigest(views.digest(await subscriptions.preview(channel)))],
          visible: false,
        };
      return usage(`Unknown option “${text.slice(0, 50)}”.`);
    }
  }
}

async function respondAll(respond: RespondFn, reply: CommandReply, ctx: SlackHandlerContext): Promise<void> {
  const responseType = reply.visible ? ctx.settings.visibility : 'ephemeral';
  for (const message of reply.messages) {
    await respond({ response_type: responseType, text: message.text, blocks: message.blocks });
  }
}

interface Question {
  client: webApi.WebClient;
  channel: string;
  user: string | undefined;
  question: string;
  ts: string;
  threadTs: string | undefined;
  eventId: string | undefined;
  /** The thread's article when the caller already looked it up. */
  known?: ThreadContext;
}

/** Answers questions asked in a thread (or anywhere the bot is mentioned), in that thread, once each. */
function questionAnswerer(ctx: SlackHandlerContext): (q: Question) => Promise<void> {
  const answered = new Set<string>();
  const firstTime = (key: string): boolean => {
    if (answered.has(key)) return false;
    answered.add(key);
    if (answered.size > ANSWERED_MEMORY) {
      const oldest = answered.values().next().value;
      if (oldest !== undefined) answered.delete(oldest);
    }
    return true;
  };
  const reply = async (q: Question): Promise<SlackMessage> => {
    const limited = q.user ? rateLimited(q.user, ctx) : null;
    if (limited) return limited;
    if (!q.question) return renderNotice('Ask me about this article, e.g. “who is Rutte?”');
    try {
      const channel: ChannelRef = { platform: 'slack', channelId: q.channel };
      const context = q.known ?? (q.threadTs ? await ctx.service.threadArticle(channel, q.threadTs) : null);
      return renderAnswer(
        context
          ? ctx.views.threadAnswer(await ctx.service.answerInThread(q.question, context))
          : ctx.views.ask(await ctx.service.ask(q.question)),
      );
    } catch (error) {
      return errorReply(error, ctx);
    }
  };
  return async (q) => {
    if (!firstTime(q.eventId ?? `${q.channel}:${q.ts}`)) return;
    const message = await reply(q);
    try {
      await q.client.chat.postMessage({
        channel: q.channel,
        thread_ts: q.threadTs ?? q.ts,
        ...messageArgs(message),
      });
    } catch (error) {
      ctx.log.error(
        `Slack: could not answer in thread: ${toPlatformError('chat.postMessage', error).message}`,
      );
    }
  };
}

function registerCommands(app: App, ctx: SlackHandlerContext): void {
  for (const name of Object.keys(COMMANDS) as CommandName[]) {
    app.command(`/${name}`, async ({ command, ack, respond, client }) => {
      await ack();
      const limited = rateLimited(command.user_id, ctx);
      let reply: CommandReply;
      if (limited) reply = { messages: [limited], visible: false };
      else {
        try {
          const caller: Caller = {
            userId: command.user_id,
            teamId: command.team_id,
            channelId: command.channel_id,
            client,
          };
          reply = await runCommand(name, command.text ?? '', caller, ctx);
        } catch (error) {
          reply = { messages: [errorReply(error, ctx)], visible: false };
        }
      }
      try {
        await respondAll(respond, reply, ctx);
      } catch (error) {
        ctx.log.error(`Slack: could not respond to /${name}: ${describe(error)}`);
      }
    });
  }
}

/** Registers every command, mention and thread listener on `app`. */
export function registerHandlers(app: App, ctx: SlackHandlerContext): void {
  registerCommands(app, ctx);
  const answer = questionAnswerer(ctx);
  const eventId = (body: unknown) => (body as { event_id?: string }).event_id;

  app.event('app_mention', async ({ event, context, body, client }) => {
    await answer({
      client,
      channel: event.channel,
      user: event.user,
      question: questionFromMention(event.text, context.botUserId),
      ts: event.ts,
      threadTs: event.thread_ts,
      eventId: eventId(body),
    });
  });

  if (ctx.settings.threadReplies === 'all') {
    app.message(async ({ message, context, body, client }) => {
      if (message.subtype !== undefined) return;
      if (!('thread_ts' in message) || !message.thread_ts || message.thread_ts === message.ts) return;
      if ('bot_id' in message && message.bot_id) return;
      const text = message.text ?? '';
      // A message that mentions the bot also arrives as app_mention, which answers it.
      if (context.botUserId && text.includes(`<@${context.botUserId}>`)) return;
      const briefingThread = await ctx.service
        .threadArticle({ platform: 'slack', channelId: message.channel }, message.thread_ts)
        .catch(() => null);
      if (!briefingThread) return;
      await answer({
        client,
        channel: message.channel,
        user: message.user,
        question: questionFromMention(text, context.botUserId),
        ts: message.ts,
        threadTs: message.thread_ts,
        eventId: eventId(body),
        known: briefingThread,
      });
    });
  }

  app.error(async (error) => {
    ctx.log.error(`Slack listener failed: ${error.message}`);
  });
}
