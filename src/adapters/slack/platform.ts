/**
 * The Slack platform: a Bolt app that answers slash commands and thread questions (commands.ts), and
 * delivers scheduled briefings and digests for the app layer (`Platform`, here and in delivery.ts).
 *
 * Transports: HTTP (our VerifyingHttpReceiver in front of Bolt's HTTPReceiver) or Socket Mode (Bolt's
 * SocketModeReceiver), chosen by the settings. Web API calls use Bolt's WebClient with a bounded retry
 * policy; a 429 is waited out for its Retry-After and retried by the client itself.
 */
import { App, LogLevel, type webApi } from '@slack/bolt';
import type {
  BriefingPost,
  Delivered,
  DigestItem,
  NewsbriefService,
  Platform,
  Views,
} from '../../contracts/index.js';
import type { SlackSettings } from '../../contracts/slack-settings.js';
import { PlatformError } from '../../errors.js';
import { UserRateLimiter } from '../rate-limit.js';
import { updatePost } from '../update.js';
import { registerHandlers } from './commands.js';
import { Deliverer, HISTORY_LIMIT } from './delivery.js';
import { toPlatformError } from './errors.js';
import { type SlackLogger, stderrLogger, toBoltLogger } from './logger.js';
import { VerifyingHttpReceiver } from './receiver.js';
import {
  renderBriefing,
  renderBriefingThread,
  renderDigest,
  renderDigestThread,
  renderUpdatedDetailsNotice,
  renderUpdateNotice,
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

interface Running {
  app: App;
  /** Our HTTP receiver in HTTP mode; null in Socket Mode. */
  receiver: VerifyingHttpReceiver | null;
  deliverer: Deliverer;
  views: Views;
}

/** A Bolt app for the settings' transport, initialised (auth.test) but not yet listening. */
async function createApp(
  settings: SlackSettings,
  deps: SlackPlatformDeps,
  boltLogger: ReturnType<typeof toBoltLogger>,
): Promise<{ app: App; receiver: VerifyingHttpReceiver | null }> {
  const clientOptions: webApi.WebClientOptions = {
    retryConfig: deps.retryConfig ?? DEFAULT_RETRY,
    logger: boltLogger,
    ...(settings.apiUrl ? { slackApiUrl: settings.apiUrl } : {}),
  };
  const common = {
    token: settings.botToken,
    logger: boltLogger,
    clientOptions,
    deferInitialization: true,
    tokenVerificationEnabled: !(deps.botId && deps.botUserId),
    ...(deps.botId ? { botId: deps.botId } : {}),
    ...(deps.botUserId ? { botUserId: deps.botUserId } : {}),
  };
  let app: App;
  let receiver: VerifyingHttpReceiver | null = null;
  if (settings.mode === 'http') {
    receiver = new VerifyingHttpReceiver({
      signingSecret: settings.signingSecret,
      path: settings.path,
      logger: boltLogger,
      ...(deps.now ? { now: deps.now } : {}),
    });
    app = new App({ ...common, receiver });
  } else {
    app = new App({ ...common, socketMode: true, appToken: settings.appToken });
  }
  try {
    await app.init();
  } catch (error) {
    throw toPlatformError('auth.test', error);
  }
  return { app, receiver };
}

async function listen(
  settings: SlackSettings,
  deps: SlackPlatformDeps,
  app: App,
  receiver: VerifyingHttpReceiver | null,
) {
  try {
    if (receiver) await receiver.start(settings.mode === 'http' ? settings.port : 0, deps.host);
    else await app.start();
  } catch (error) {
    throw new PlatformError(
      'slack',
      `could not start (${error instanceof Error ? error.message : String(error)})`,
      { permanent: true, cause: error },
    );
  }
}

export function createSlackPlatform(settings: SlackSettings, deps: SlackPlatformDeps = {}): SlackPlatform {
  const log = deps.logger ?? stderrLogger;
  const boltLogger = toBoltLogger(log, deps.debug ? LogLevel.DEBUG : LogLevel.INFO);
  const limiter = new UserRateLimiter(settings.rateLimit, deps.now ?? Date.now);
  let running: Running | null = null;

  function started(): Running {
    if (!running) throw new PlatformError('slack', 'not started', { permanent: true });
    return running;
  }

  const platform: SlackPlatform = {
    name: 'slack',
    mode: settings.mode,
    get port() {
      return running?.receiver?.port ?? null;
    },

    async start(service: NewsbriefService, views: Views): Promise<void> {
      if (running) throw new PlatformError('slack', 'already started', { permanent: true });
      const { app, receiver } = await createApp(settings, deps, boltLogger);
      registerHandlers(app, { service, views, settings, limiter, log });
      await listen(settings, deps, app, receiver);
      const deliverer = new Deliverer(app.client, boltLogger, deps.historyLimit ?? HISTORY_LIMIT);
      running = { app, receiver, deliverer, views };
      log.info(
        settings.mode === 'http'
          ? `Slack: listening for events on port ${receiver?.port} at ${settings.path}`
          : 'Slack: connected in Socket Mode',
      );
    },

    async stop(): Promise<void> {
      const was = running;
      running = null;
      if (!was) return;
      if (was.receiver) await was.receiver.stop();
      else await was.app.stop();
    },

    async postBriefing(channelId: string, post: BriefingPost, idempotencyKey: string): Promise<Delivered> {
      const { views, deliverer } = started();
      const briefing = views.briefing(post);
      const messages = [renderBriefing(briefing), ...renderBriefingThread(briefing)];
      return deliverer.deliver(channelId, idempotencyKey, messages);
    },

    async postDigest(channelId: string, items: DigestItem[], idempotencyKey: string): Promise<Delivered> {
      const { views, deliverer } = started();
      const digest = views.digest(items);
      const thread = digest.kind === 'digest' ? renderDigestThread(digest) : [];
      const messages = [renderDigest(digest, { threaded: thread.length > 0 }), ...thread];
      return deliverer.deliver(channelId, idempotencyKey, messages);
    },

    async updateBriefing(channelId: string, previous: Delivered, post: BriefingPost): Promise<Delivered> {
      const { app, views, deliverer } = started();
      const briefing = views.briefing(post);
      const main = renderBriefing(briefing);
      const threadTs = previous.threadId ?? previous.messageId;
      const inThread: Delivered = { messageId: previous.messageId, threadId: threadTs };
      return updatePost(inThread, {
        edit: async () => {
          try {
            await app.client.chat.update({
              channel: channelId,
              ts: previous.messageId,
              text: main.text,
              blocks: main.blocks,
              link_names: false,
              parse: 'none',
            });
          } catch (error) {
            throw toPlatformError('chat.update', error);
          }
        },
        fallsBack: (error) => error instanceof PlatformError && error.permanent,
        replaceInThread: async (error) => {
          const reason = error instanceof Error ? error.message : String(error);
          log.warn(`Slack: could not edit ${previous.messageId} (${reason}); replying in its thread`);
          await deliverer.post(channelId, renderUpdateNotice(briefing), threadTs);
          return inThread;
        },
        refreshThread: async () => {
          await deliverer.post(channelId, renderUpdatedDetailsNotice(briefing), threadTs);
          for (const message of renderBriefingThread(briefing))
            await deliverer.post(channelId, message, threadTs);
        },
      });
    },
  };
  return platform;
}
