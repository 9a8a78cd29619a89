/**
 * The Slack platform: a Bolt app that answers slash commands and thread questions by calling the
 * NewsbriefService, and delivers scheduled briefings and digests for the app layer (`Platform`).
 *
 * Transports: HTTP (our VerifyingHttpReceiver in front of Bolt's HTTPReceiver) or Socket Mode (Bolt's
 * SocketModeReceiver), chosen by the settings. Web API calls use Bolt's WebClient with a bounded retry
 * policy; a 429 is waited out for its Retry-After and retried by the client itself.
 */
import { App, LogLevel, type RespondFn, type webApi } from '@slack/bolt';
import type {
  BriefingPost,
  ChannelRef,
  Delivered,
  DigestItem,
  NewsbriefService,
  Platform,
  ThreadContext,
} from '../../contracts/index.js';
import type { SlackSettings } from '../../contracts/slack-settings.js';
import { NewsbriefError, PlatformError } from '../../errors.js';
import { UserRateLimiter } from '../rate-limit.js';
import { Deliverer, HISTORY_LIMIT, messageArgs } from './delivery.js';
import { toPlatformError } from './errors.js';
import { briefInput, questionFromMention, slackTextToPlain } from './input.js';
import { MAX_RESPONSE_URL_USES } from './limits.js';
import { type SlackLogger, stderrLogger, toBoltLogger } from './logger.js';
import { VerifyingHttpReceiver } from './receiver.js';
import {
  COMMANDS,
  type CommandName,
  renderAsk,
  renderBriefing,
  renderBriefingThread,
  renderDigest,
  renderHelp,
  renderNotice,
  renderQuotes,
  renderThreadAnswer,
  renderUpdatedDetailsNotice,
  renderUpdateNotice,
  renderUsage,
  renderWho,
  type SlackMessage,
} from './render.js';

export interface SlackPlatformDeps {
  logger?: SlackLogger;
  /** Log Bolt's and the WebClient's debug lines too (they include request bodies, never tokens). */
  debug?: boolean;
  /** The clock, in milliseconds since the epoch (request timestamps, rate limits). */
  now?: () => number;
  /** The bot's ids, when known; otherwise `auth.test` finds them at start. */
  botId?: string;
  botUserId?: string;
  /** The WebClient's retry policy (default: 3 retries with backoff; each 429 waits out its Retry-After). */
  retryConfig?: webApi.RetryOptions;
  /** Interface for the HTTP listener (default: all interfaces). */
  host?: string;
  /** Recent channel messages searched for an earlier delivery (default 100). */
  historyLimit?: number;
}

/** The Platform, plus what tests and the composition layer may want to see. */
export interface SlackPlatform extends Platform {
  readonly mode: 'http' | 'socket';
  /** The HTTP port actually listened on (after start, in HTTP mode), else null. */
  readonly port: number | null;
}

const DEFAULT_RETRY: webApi.RetryOptions = { retries: 3, factor: 2, minTimeout: 1000, maxTimeout: 30_000 };

type CommandReply = { messages: SlackMessage[]; visible: boolean };

export function createSlackPlatform(settings: SlackSettings, deps: SlackPlatformDeps = {}): SlackPlatform {
  const log = deps.logger ?? stderrLogger;
  const boltLogger = toBoltLogger(log, deps.debug ? LogLevel.DEBUG : LogLevel.INFO);
  const now = deps.now ?? Date.now;
  const limiter = new UserRateLimiter(settings.rateLimit, now);
  let app: App | null = null;
  let receiver: VerifyingHttpReceiver | null = null;
  let deliverer: Deliverer | null = null;
  let service: NewsbriefService | null = null;
  /** Event ids answered recently: Slack may deliver one event twice (retries). */
  const answeredEvents = new Set<string>();

  const clientOptions: webApi.WebClientOptions = {
    retryConfig: deps.retryConfig ?? DEFAULT_RETRY,
    logger: boltLogger,
    ...(settings.apiUrl ? { slackApiUrl: settings.apiUrl } : {}),
  };

  function started(): { app: App; deliverer: Deliverer } {
    if (!app || !deliverer) throw new PlatformError('slack', 'not started', { permanent: true });
    return { app, deliverer };
  }

  function svc(): NewsbriefService {
    if (!service) throw new PlatformError('slack', 'not started', { permanent: true });
    return service;
  }

  const userMessage = (error: unknown): string => {
    if (error instanceof NewsbriefError && !(error instanceof PlatformError)) return error.message;
    log.error(`Slack command failed: ${error instanceof Error ? error.message : String(error)}`);
    return 'Sorry, something went wrong while answering. Please try again in a moment.';
  };

  async function runCommand(name: CommandName, raw: string, channelId: string): Promise<CommandReply> {
    const text = slackTextToPlain(raw);
    const usage = (problem?: string): CommandReply => ({
      messages: [renderUsage(name, problem)],
      visible: false,
    });
    switch (name) {
      case 'brief': {
        if (!text) return usage('Give me a link or paste an article.');
        const post = await svc().brief(briefInput(raw));
        const thread = renderBriefingThread(post).slice(0, MAX_RESPONSE_URL_USES - 1);
        return { messages: [renderBriefing(post), ...thread], visible: true };
      }
      case 'who':
        if (!text) return usage('Whom should I look up?');
        if (text.length > 200) return usage('That name is too long.');
        return { messages: [renderWho(await svc().who(text))], visible: true };
      case 'ask':
        if (!text) return usage('What would you like to know?');
        if (text.length > 1000) return usage('That question is too long.');
        return { messages: [renderAsk(await svc().ask(text))], visible: true };
      case 'quotes':
        if (text.length > 200) return usage('That name is too long.');
        return { messages: [renderQuotes(await svc().quotes(text || null))], visible: true };
      case 'digest': {
        if (text) return usage('/digest takes no arguments.');
        const channel: ChannelRef = { platform: 'slack', channelId };
        return { messages: [renderDigest(await svc().digest(channel))], visible: true };
      }
      case 'newsbrief':
        if (!text || /^help$/i.test(text)) return { messages: [renderHelp()], visible: false };
        return usage(`Unknown option “${text.slice(0, 50)}”.`);
    }
  }

  async function respondAll(respond: RespondFn, reply: CommandReply): Promise<void> {
    const responseType = reply.visible ? settings.visibility : 'ephemeral';
    for (const message of reply.messages) {
      await respond({ response_type: responseType, text: message.text, blocks: message.blocks });
    }
  }

  function rateLimited(user: string): SlackMessage | null {
    const decision = limiter.take(user);
    if (decision.allowed || !settings.rateLimit) return null;
    const seconds = Math.ceil(decision.retryAfterMs / 1000);
    const { max, windowMs } = settings.rateLimit;
    return renderNotice(
      `You're going a little fast: up to ${max} requests every ${Math.round(windowMs / 1000)} seconds. ` +
        `Please try again in ${seconds} second${seconds === 1 ? '' : 's'}.`,
    );
  }

  /** Answers a question asked in a thread (or anywhere the bot is mentioned), in that thread. */
  async function answerQuestion(opts: {
    client: webApi.WebClient;
    channel: string;
    user: string | undefined;
    question: string;
    ts: string;
    threadTs: string | undefined;
    eventId: string | undefined;
    /** The thread's article when the caller already looked it up. */
    known?: ThreadContext;
  }): Promise<void> {
    const { client, channel, question, ts, threadTs } = opts;
    const dedupe = opts.eventId ?? `${channel}:${ts}`;
    if (answeredEvents.has(dedupe)) return;
    answeredEvents.add(dedupe);
    if (answeredEvents.size > 5000) {
      const first = answeredEvents.values().next().value;
      if (first !== undefined) answeredEvents.delete(first);
    }
    const replyTs = threadTs ?? ts;
    let message: SlackMessage;
    const limited = opts.user ? rateLimited(opts.user) : null;
    if (limited) message = limited;
    else if (!question) message = renderNotice('Ask me about this article, e.g. “who is Rutte?”');
    else {
      try {
        const context =
          opts.known ??
          (threadTs ? await svc().threadArticle({ platform: 'slack', channelId: channel }, threadTs) : null);
        message = context
          ? renderThreadAnswer(await svc().answerInThread(question, context))
          : renderAsk(await svc().ask(question));
      } catch (error) {
        message = renderNotice(userMessage(error));
      }
    }
    try {
      await client.chat.postMessage({
        channel,
        thread_ts: replyTs,
        ...messageArgs(message),
      });
    } catch (error) {
      log.error(`Slack: could not answer in thread: ${toPlatformError('chat.postMessage', error).message}`);
    }
  }

  function register(target: App): void {
    for (const name of Object.keys(COMMANDS) as CommandName[]) {
      target.command(`/${name}`, async ({ command, ack, respond }) => {
        await ack();
        const limited = rateLimited(command.user_id);
        let reply: CommandReply;
        if (limited) reply = { messages: [limited], visible: false };
        else {
          try {
            reply = await runCommand(name, command.text ?? '', command.channel_id);
          } catch (error) {
            reply = { messages: [renderNotice(userMessage(error))], visible: false };
          }
        }
        try {
          await respondAll(respond, reply);
        } catch (error) {
          log.error(
            `Slack: could not respond to /${name}: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
      });
    }

    target.event('app_mention', async ({ event, context, body, client }) => {
      await answerQuestion({
        client,
        channel: event.channel,
        user: event.user,
        question: questionFromMention(event.text, context.botUserId),
        ts: event.ts,
        threadTs: event.thread_ts,
        eventId: (body as { event_id?: string }).event_id,
      });
    });

    if (settings.threadReplies === 'all') {
      target.message(async ({ message, context, body, client }) => {
        if (message.subtype !== undefined) return;
        if (!('thread_ts' in message) || !message.thread_ts || message.thread_ts === message.ts) return;
        if ('bot_id' in message && message.bot_id) return;
        const text = message.text ?? '';
        // A message that mentions the bot also arrives as app_mention, which answers it.
        if (context.botUserId && text.includes(`<@${context.botUserId}>`)) return;
        const briefingThread = await svc()
          .threadArticle({ platform: 'slack', channelId: message.channel }, message.thread_ts)
          .catch(() => null);
        if (!briefingThread) return;
        await answerQuestion({
          client,
          channel: message.channel,
          user: message.user,
          question: questionFromMention(text, context.botUserId),
          ts: message.ts,
          threadTs: message.thread_ts,
          eventId: (body as { event_id?: string }).event_id,
          known: briefingThread,
        });
      });
    }

    target.error(async (error) => {
      log.error(`Slack listener failed: ${error.message}`);
    });
  }

  const platform: SlackPlatform = {
    name: 'slack',
    mode: settings.mode,
    get port() {
      return receiver?.port ?? null;
    },

    async start(newsbrief: NewsbriefService): Promise<void> {
      if (app) throw new PlatformError('slack', 'already started', { permanent: true });
      service = newsbrief;
      const ids = {
        ...(deps.botId ? { botId: deps.botId } : {}),
        ...(deps.botUserId ? { botUserId: deps.botUserId } : {}),
      };
      const common = {
        token: settings.botToken,
        logger: boltLogger,
        clientOptions,
        deferInitialization: true,
        tokenVerificationEnabled: !(deps.botId && deps.botUserId),
        ...ids,
      };
      let created: App;
      if (settings.mode === 'http') {
        receiver = new VerifyingHttpReceiver({
          signingSecret: settings.signingSecret,
          path: settings.path,
          logger: boltLogger,
          ...(deps.now ? { now: deps.now } : {}),
        });
        created = new App({ ...common, receiver });
      } else {
        created = new App({ ...common, socketMode: true, appToken: settings.appToken });
      }
      try {
        await created.init();
      } catch (error) {
        receiver = null;
        service = null;
        throw toPlatformError('auth.test', error);
      }
      register(created);
      try {
        if (receiver) await receiver.start(settings.mode === 'http' ? settings.port : 0, deps.host);
        else await created.start();
      } catch (error) {
        receiver = null;
        service = null;
        throw new PlatformError(
          'slack',
          `could not start (${error instanceof Error ? error.message : String(error)})`,
          { permanent: true, cause: error },
        );
      }
      app = created;
      deliverer = new Deliverer(created.client, boltLogger, deps.historyLimit ?? HISTORY_LIMIT);
      log.info(
        settings.mode === 'http'
          ? `Slack: listening for events on port ${receiver?.port} at ${settings.path}`
          : 'Slack: connected in Socket Mode',
      );
    },

    async stop(): Promise<void> {
      const running = app;
      app = null;
      deliverer = null;
      service = null;
      if (!running) return;
      if (receiver) {
        await receiver.stop();
        receiver = null;
      } else {
        await running.stop();
      }
    },

    async postBriefing(channelId: string, post: BriefingPost, idempotencyKey: string): Promise<Delivered> {
      const messages = [renderBriefing(post), ...renderBriefingThread(post)];
      return started().deliverer.deliver(channelId, idempotencyKey, messages);
    },

    async postDigest(channelId: string, items: DigestItem[], idempotencyKey: string): Promise<Delivered> {
      const messages = [
        renderDigest(items, { threaded: true }),
        ...items.map((item) => renderBriefing(item.post)),
      ];
      return started().deliverer.deliver(channelId, idempotencyKey, messages);
    },

    async updateBriefing(channelId: string, previous: Delivered, post: BriefingPost): Promise<Delivered> {
      const { app: running, deliverer: poster } = started();
      const main = renderBriefing(post);
      const threadTs = previous.threadId ?? previous.messageId;
      try {
        await running.client.chat.update({
          channel: channelId,
          ts: previous.messageId,
          text: main.text,
          blocks: main.blocks,
          link_names: false,
          parse: 'none',
        });
      } catch (error) {
        const wrapped = toPlatformError('chat.update', error);
        if (!wrapped.permanent) throw wrapped;
        log.warn(`Slack: could not edit ${previous.messageId} (${wrapped.message}); replying in its thread`);
        await poster.post(channelId, renderUpdateNotice(post), threadTs);
        return { messageId: previous.messageId, threadId: threadTs };
      }
      // The thread's quotes and people are the old version's: say so there and post the new ones, which
      // also tells whoever follows the thread that the story changed.
      await poster.post(channelId, renderUpdatedDetailsNotice(post), threadTs);
      for (const message of renderBriefingThread(post)) await poster.post(channelId, message, threadTs);
      return { messageId: previous.messageId, threadId: threadTs };
    },
  };
  return platform;
}
