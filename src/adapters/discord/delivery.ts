/**
 * Posting through Discord's REST API: one message (resent as plain text when embeds are refused), and a
 * message with its details in a thread. Every message carries `allowed_mentions: { parse: [] }`; a
 * scheduled one also a `nonce` with `enforce_nonce`, so that Discord returns the first message instead
 * of posting a duplicate when a retry repeats the same idempotency key.
 */
import { createHash } from 'node:crypto';
import { type APIChannel, type APIMessage, type REST, Routes } from 'discord.js';
import type { Delivered } from '../../contracts/index.js';
import { discordCode, wrapDiscordError } from './errors.js';
import type { Logger } from './interactions.js';
import { NONCE_MAX } from './limits.js';
import { type DiscordMessage, type Style, toBody } from './render.js';

/** Codes Discord answers when a bot may not embed: the message is then resent as plain text. */
const EMBEDS_REFUSED = new Set<number | string>([50006, 50013]);
/** "A thread has already been created for this message": its id is the message's. */
const THREAD_EXISTS = 160004;

/** A Discord nonce (at most 25 characters) derived from an idempotency key. */
export function nonceFor(key: string): string {
  return createHash('sha256').update(key).digest('base64url').slice(0, NONCE_MAX);
}

export class DiscordPoster {
  constructor(
    private readonly rest: () => REST,
    private readonly style: Style,
    private readonly log: Logger,
  ) {}

  /** POSTs one message; resends it as plain text if Discord refuses the embeds. */
  async send(channelId: string, msg: DiscordMessage, nonce: string | null): Promise<APIMessage> {
    const extra = nonce ? { nonce, enforce_nonce: true } : {};
    const post = async (style: Style) =>
      (await this.rest().post(Routes.channelMessages(channelId), {
        body: { ...toBody(msg, style), ...extra },
      })) as APIMessage;
    try {
      return await post(this.style);
    } catch (error) {
      const code = discordCode(error);
      if (this.style === 'embeds' && msg.embeds.length > 0 && code !== null && EMBEDS_REFUSED.has(code)) {
        this.log.warn(`discord: embeds refused in channel ${channelId} (code ${code}); sending plain text`);
        try {
          return await post('text');
        } catch (again) {
          throw wrapDiscordError(again, `posting in channel ${channelId}`);
        }
      }
      throw wrapDiscordError(error, `posting in channel ${channelId}`);
    }
  }

  /** Edits a posted message. */
  async edit(channelId: string, messageId: string, msg: DiscordMessage): Promise<void> {
    try {
      await this.rest().patch(Routes.channelMessage(channelId, messageId), { body: toBody(msg, this.style) });
    } catch (error) {
      throw wrapDiscordError(error, `editing message ${messageId}`);
    }
  }

  /** Posts `main` in the channel, opens a thread named `name` on it and posts `details` there. */
  async postWithThread(
    channelId: string,
    main: DiscordMessage,
    name: string,
    details: DiscordMessage[],
    idempotencyKey: string,
  ): Promise<Delivered> {
    const posted = await this.send(channelId, main, nonceFor(idempotencyKey));
    const threadId = await this.startThread(channelId, posted.id, name);
    for (const [i, detail] of details.entries()) {
      await this.send(threadId, detail, nonceFor(`${idempotencyKey}#${i}`));
    }
    return { messageId: posted.id, threadId };
  }

  private async startThread(channelId: string, messageId: string, name: string): Promise<string> {
    try {
      const thread = (await this.rest().post(Routes.threads(channelId, messageId), {
        body: { name, auto_archive_duration: 1440 },
      })) as APIChannel;
      return thread.id;
    } catch (error) {
      if (discordCode(error) === THREAD_EXISTS) return messageId;
      throw wrapDiscordError(error, `starting a thread in channel ${channelId}`);
    }
  }
}
