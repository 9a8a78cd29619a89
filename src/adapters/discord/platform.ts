/**
 * The Discord `Platform`: one discord.js Client (gateway + REST) that answers slash commands and thread
 * questions, and delivers the app's scheduled briefings and digests.
 *
 * Scheduled posts go through the client's REST layer (`client.rest`) with explicit API bodies, so every
 * message carries `allowed_mentions: { parse: [] }`, a `nonce` with `enforce_nonce` (Discord then returns
 * the first message instead of posting a duplicate when a retry repeats the same idempotency key), and
 * Discord's rate limits are waited out by discord.js itself.
 */
import { createHash } from 'node:crypto';
import {
  type APIChannel,
  type APIMessage,
  Client,
  type ClientOptions,
  Events,
  GatewayIntentBits,
  Routes,
} from 'discord.js';
import type { DiscordSettings } from '../../contracts/discord-settings.js';
import type {
  BriefingPost,
  Delivered,
  DigestItem,
  NewsbriefService,
  Platform,
} from '../../contracts/index.js';
import { NewsbriefError, PlatformError } from '../../errors.js';
import { UserRateLimiter } from '../rate-limit.js';
import { registerCommands } from './commands.js';
import { discordCode, wrapDiscordError } from './errors.js';
import { type HandlerContext, handleInteraction, handleThreadMessage, type Logger } from './interactions.js';
import { INTERACTION_ANSWER_MS, NONCE_MAX } from './limits.js';
import {
  type DiscordMessage,
  renderBriefing,
  renderBriefingThread,
  renderDigest,
  renderNotice,
  type Style,
  threadName,
  toBody,
} from './render.js';

export interface DiscordDeps {
  log?: Logger;
  /** The clock for the per-user rate limit. */
  now?: () => number;
  /** Answer directly when a command's work is done within this many ms, else defer (default 1500). */
  deferAfterMs?: number;
  /** Longest wait for the gateway's READY in `start` (default 60 s). */
  readyTimeoutMs?: number;
  /** Extra discord.js client options (tests lower `waitGuildTimeout`). Intents and REST base are ours. */
  clientOptions?: Omit<Partial<ClientOptions>, 'intents'>;
  /** 'text' sends the plain-text fallback instead of embeds. */
  style?: Style;
  /** Reads an attachment's text (defaults to fetch with a size cap and a 10 s timeout). */
  fetchText?: (url: string, maxBytes: number) => Promise<string>;
}

const quietLog: Logger = { info: () => {}, warn: () => {}, error: () => {} };

/** A Discord nonce (at most 25 characters) derived from an idempotency key. */
export function nonceFor(key: string): string {
  return createHash('sha256').update(key).digest('base64url').slice(0, NONCE_MAX);
}

/** The intents newsbrief needs: guilds and guild messages, plus Message Content only when configured. */
export function intentsFor(settings: Pick<DiscordSettings, 'messageContent'>): GatewayIntentBits[] {
  const intents = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages];
  if (settings.messageContent) intents.push(GatewayIntentBits.MessageContent);
  return intents;
}

async function fetchTextDefault(url: string, maxBytes: number): Promise<string> {
  const res = await fetch(url, { signal: AbortSignal.timeout(10_000), redirect: 'follow' });
  if (!res.ok || !res.body)
    throw new NewsbriefError('fetch_failed', `Could not read the attachment (HTTP ${res.status}).`);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of res.body) {
    size += chunk.byteLength;
    if (size > maxBytes) throw new NewsbriefError('too_large', 'That file is too large.');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Codes Discord answers when a bot may not embed: the message is then resent as plain text. */
const EMBEDS_REFUSED = new Set<number | string>([50006, 50013]);
/** "A thread has already been created for this message": its id is the message's. */
const THREAD_EXISTS = 160004;

export function createDiscordPlatform(settings: DiscordSettings, deps: DiscordDeps = {}): Platform {
  const log = deps.log ?? quietLog;
  const style: Style = deps.style ?? 'embeds';
  let client: Client | null = null;

  const rest = () => {
    if (!client) throw new PlatformError('discord', 'not started', { permanent: true });
    return client.rest;
  };

  /** POSTs one message; resends it as plain text if Discord refuses the embeds. */
  async function send(channelId: string, msg: DiscordMessage, nonce: string | null): Promise<APIMessage> {
    const extra = nonce ? { nonce, enforce_nonce: true } : {};
    try {
      return (await rest().post(Routes.channelMessages(channelId), {
        body: { ...toBody(msg, style), ...extra },
      })) as APIMessage;
    } catch (error) {
      const code = discordCode(error);
      if (style === 'embeds' && msg.embeds.length > 0 && code !== null && EMBEDS_REFUSED.has(code)) {
        log.warn(`discord: embeds refused in channel ${channelId} (code ${code}); sending plain text`);
        try {
          return (await rest().post(Routes.channelMessages(channelId), {
            body: { ...toBody(msg, 'text'), ...extra },
          })) as APIMessage;
        } catch (again) {
          throw wrapDiscordError(again, `posting in channel ${channelId}`);
        }
      }
      throw wrapDiscordError(error, `posting in channel ${channelId}`);
    }
  }

  async function startThread(channelId: string, messageId: string, name: string): Promise<string> {
    try {
      const thread = (await rest().post(Routes.threads(channelId, messageId), {
        body: { name, auto_archive_duration: 1440 },
      })) as APIChannel;
      return thread.id;
    } catch (error) {
      if (discordCode(error) === THREAD_EXISTS) return messageId;
      throw wrapDiscordError(error, `starting a thread in channel ${channelId}`);
    }
  }

  async function postWithThread(
    channelId: string,
    main: DiscordMessage,
    name: string,
    details: DiscordMessage[],
    idempotencyKey: string,
  ): Promise<Delivered> {
    const posted = await send(channelId, main, nonceFor(idempotencyKey));
    const threadId = await startThread(channelId, posted.id, name);
    for (const [i, detail] of details.entries()) {
      await send(threadId, detail, nonceFor(`${idempotencyKey}#${i}`));
    }
    return { messageId: posted.id, threadId };
  }

  const platform: Platform = {
    name: 'discord',

    async start(service: NewsbriefService): Promise<void> {
      if (client) return;
      const ctx: HandlerContext = {
        service,
        limiter: settings.rateLimit ? new UserRateLimiter(settings.rateLimit, deps.now) : null,
        deferAfterMs: Math.min(deps.deferAfterMs ?? 1500, INTERACTION_ANSWER_MS - 500),
        style,
        log,
        fetchText: deps.fetchText ?? fetchTextDefault,
        messageContent: settings.messageContent,
      };
      const c = new Client({
        ...deps.clientOptions,
        intents: intentsFor(settings),
        allowedMentions: { parse: [] },
        rest: { ...deps.clientOptions?.rest, ...(settings.apiUrl ? { api: settings.apiUrl } : {}) },
      });
      client = c;
      c.on(Events.InteractionCreate, (interaction) => void handleInteraction(interaction, ctx));
      c.on(Events.MessageCreate, (message) => {
        if (c.user) void handleThreadMessage(message, c.user.id, ctx);
      });
      c.on(Events.ShardResume, (shard, replayed) =>
        log.info(`discord: shard ${shard} resumed (${replayed} events)`),
      );
      c.on(Events.ShardDisconnect, (event, shard) =>
        log.warn(`discord: shard ${shard} disconnected (${event.code})`),
      );
      c.on(Events.Error, (error) => log.error(`discord: ${error.message}`));

      const ready = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new PlatformError('discord', 'the gateway did not get ready in time', { permanent: false }),
            ),
          deps.readyTimeoutMs ?? 60_000,
        );
        c.once(Events.ClientReady, () => {
          clearTimeout(timer);
          resolve();
        });
      });
      try {
        await c.login(settings.token);
        await ready;
      } catch (error) {
        client = null;
        await c.destroy();
        throw wrapDiscordError(error, 'logging in');
      }
      log.info(`discord: logged in as ${c.user?.tag ?? 'unknown'} in ${c.guilds.cache.size} guild(s)`);
      // Under discord.js's ShardingManager every shard runs `start`; only the one holding shard 0 registers.
      const primary = !c.shard || c.shard.ids.includes(0);
      if (settings.registerOnStart && primary && c.application) {
        const done = await registerCommands(c.rest, c.application.id, settings.guildId);
        log.info(`discord: registered ${done.count} commands (${done.scope})`);
      }
    },

    async stop(): Promise<void> {
      const c = client;
      client = null;
      if (c) await c.destroy();
    },

    async postBriefing(channelId: string, post: BriefingPost, idempotencyKey: string): Promise<Delivered> {
      return postWithThread(
        channelId,
        renderBriefing(post),
        threadName(post),
        renderBriefingThread(post),
        idempotencyKey,
      );
    },

    async postDigest(channelId: string, items: DigestItem[], idempotencyKey: string): Promise<Delivered> {
      const digest = renderDigest(items);
      if (digest.thread.length === 0) {
        const posted = await send(channelId, digest.main, nonceFor(idempotencyKey));
        return { messageId: posted.id, threadId: null };
      }
      const name = `Digest: ${items.length} stor${items.length === 1 ? 'y' : 'ies'}`;
      return postWithThread(channelId, digest.main, name, digest.thread, idempotencyKey);
    },

    async updateBriefing(channelId: string, previous: Delivered, post: BriefingPost): Promise<Delivered> {
      const msg = renderBriefing(post);
      try {
        await rest().patch(Routes.channelMessage(channelId, previous.messageId), {
          body: toBody(msg, style),
        });
      } catch (error) {
        if (!previous.threadId) throw wrapDiscordError(error, `editing message ${previous.messageId}`);
        log.warn(`discord: could not edit message ${previous.messageId}; replying in its thread`);
        const note = `This briefing was updated (version ${post.version}).`;
        const posted = await send(previous.threadId, { ...msg, content: note }, null);
        return { messageId: posted.id, threadId: previous.threadId };
      }
      if (!previous.threadId) return previous;
      // The thread's quotes and people are the old version's: say so there and post the new ones, which
      // also tells whoever follows the thread that the story changed.
      const note = `This briefing was updated (version ${post.version}); its quotes and people follow.`;
      await send(previous.threadId, renderNotice(note), null);
      for (const m of renderBriefingThread(post)) await send(previous.threadId, m, null);
      return previous;
    },
  };
  return platform;
}
