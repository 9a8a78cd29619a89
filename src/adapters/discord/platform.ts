/**
 * The Discord `Platform`: one discord.js Client (gateway + REST) that answers slash commands and thread
 * questions (interactions.ts), and delivers the app's scheduled briefings and digests (delivery.ts).
 *
 * Scheduled posts go through the client's REST layer (`client.rest`) with explicit API bodies, so every
 * message carries `allowed_mentions: { parse: [] }`, a `nonce` with `enforce_nonce` (Discord then returns
 * the first message instead of posting a duplicate when a retry repeats the same idempotency key), and
 * Discord's rate limits are waited out by discord.js itself.
 */
import { Client, type ClientOptions, Events, GatewayIntentBits } from 'discord.js';
import type { DiscordSettings } from '../../contracts/discord-settings.js';
import type {
  BriefingPost,
  Delivered,
  DigestItem,
  NewsbriefService,
  Platform,
  Views,
} from '../../contracts/index.js';
import { NewsbriefError, PlatformError } from '../../errors.js';
import { UserRateLimiter } from '../rate-limit.js';
import { updatePost } from '../update.js';
import { registerCommands } from './commands.js';
import { DiscordPoster, nonceFor } from './delivery.js';
import { wrapDiscordError } from './errors.js';
import { type HandlerContext, handleInteraction, handleThreadMessage, type Logger } from './interactions.js';
import { INTERACTION_ANSWER_MS } from './limits.js';
import {
  renderBriefing,
  renderBriefingThread,
  renderDigest,
  renderNotice,
  type Style,
  threadName,
} from './render.js';

export { nonceFor } from './delivery.js';

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

/** Resolves when the client's gateway is ready, or rejects after `timeoutMs`. */
function readyWithin(c: Client, timeoutMs: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(new PlatformError('discord', 'the gateway did not get ready in time', { permanent: false })),
      timeoutMs,
    );
    c.once(Events.ClientReady, () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** A logged-in client whose commands and thread messages go to `ctx`; registers commands if asked. */
async function connect(settings: DiscordSettings, deps: DiscordDeps, ctx: HandlerContext): Promise<Client> {
  const { log } = ctx;
  const c = new Client({
    ...deps.clientOptions,
    intents: intentsFor(settings),
    allowedMentions: { parse: [] },
    rest: { ...deps.clientOptions?.rest, ...(settings.apiUrl ? { api: settings.apiUrl } : {}) },
  });
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
  const ready = readyWithin(c, deps.readyTimeoutMs ?? 60_000);
  try {
    await c.login(settings.token);
    await ready;
  } catch (error) {
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
  return c;
}

export function createDiscordPlatform(settings: DiscordSettings, deps: DiscordDeps = {}): Platform {
  const log = deps.log ?? quietLog;
  const style: Style = deps.style ?? 'embeds';
  let running: { client: Client; views: Views } | null = null;
  let starting = false;

  const started = () => {
    if (!running) throw new PlatformError('discord', 'not started', { permanent: true });
    return running;
  };
  const poster = new DiscordPoster(() => started().client.rest, style, log);

  return {
    name: 'discord',

    async start(service: NewsbriefService, views: Views): Promise<void> {
      if (running || starting) return;
      starting = true;
      try {
        const client = await connect(settings, deps, {
          service,
          views,
          limiter: settings.rateLimit ? new UserRateLimiter(settings.rateLimit, deps.now) : null,
          deferAfterMs: Math.min(deps.deferAfterMs ?? 1500, INTERACTION_ANSWER_MS - 500),
          style,
          log,
          fetchText: deps.fetchText ?? fetchTextDefault,
          messageContent: settings.messageContent,
        });
        running = { client, views };
      } finally {
        starting = false;
      }
    },

    async stop(): Promise<void> {
      const was = running;
      running = null;
      if (was) await was.client.destroy();
    },

    async postBriefing(channelId: string, post: BriefingPost, idempotencyKey: string): Promise<Delivered> {
      const briefing = started().views.briefing(post);
      return poster.postWithThread(
        channelId,
        renderBriefing(briefing),
        threadName(briefing),
        renderBriefingThread(briefing),
        idempotencyKey,
      );
    },

    async postDigest(channelId: string, items: DigestItem[], idempotencyKey: string): Promise<Delivered> {
      const digest = renderDigest(started().views.digest(items));
      if (digest.thread.length === 0) {
        const posted = await poster.send(channelId, digest.main, nonceFor(idempotencyKey));
        return { messageId: posted.id, threadId: null };
      }
      const name = `Digest: ${items.length} stor${items.length === 1 ? 'y' : 'ies'}`;
      return poster.postWithThread(channelId, digest.main, name, digest.thread, idempotencyKey);
    },

    async updateBriefing(channelId: string, previous: Delivered, post: BriefingPost): Promise<Delivered> {
      const briefing = started().views.briefing(post);
      const msg = renderBriefing(briefing);
      const threadId = previous.threadId;
      return updatePost(previous, {
        edit: () => poster.edit(channelId, previous.messageId, msg),
        fallsBack: () => threadId !== null,
        replaceInThread: async () => {
          log.warn(`discord: could not edit message ${previous.messageId}; replying in its thread`);
          const note = `This briefing was updated (version ${post.version}).`;
          const posted = await poster.send(threadId ?? channelId, { ...msg, content: note }, null);
          return { messageId: posted.id, threadId };
        },
        refreshThread: async () => {
          if (!threadId) return;
          const note = `This briefing was updated (version ${post.version}); its quotes and people follow.`;
          await poster.send(threadId, renderNotice(note), null);
          for (const m of renderBriefingThread(briefing)) await poster.send(threadId, m, null);
        },
      });
    },
  };
}
