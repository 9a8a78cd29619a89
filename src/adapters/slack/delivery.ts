/**
 * Posting scheduled messages (a briefing or a digest: one parent message plus replies in its thread)
 * without posting them twice.
 *
 * Slack's Web API has no idempotency key or nonce, so every message we post carries message metadata
 * `{event_type: "newsbrief_post", event_payload: {idempotency_key, part, parts}}` (part 0 is the parent,
 * 1..n-1 the thread replies). The guarantee, for one idempotency key:
 * - In one process: concurrent deliveries share one attempt, and a delivery that succeeded is answered
 *   from memory (the last DELIVERED_MEMORY keys) without calling Slack again.
 * - Across retries and restarts, when the bot can read the channel (`channels:history`, or
 *   `groups:history` for a private channel): before posting, the last HISTORY_LIMIT top-level messages
 *   are searched for the parent with this key; if it is there, its thread is read and only the parts not
 *   yet posted are posted. A retry after a crash or a timeout therefore posts no duplicate as long as
 *   the earlier parent is among the channel's last HISTORY_LIMIT top-level messages.
 * - When the bot cannot read the channel (missing scope, not a member), delivery is at least once: a
 *   retry after an outcome we never saw may post the message again. A warning is logged once per channel.
 * - A failed history lookup for any other reason (network, rate limit, 5xx) throws a retryable
 *   PlatformError instead of posting blindly.
 */
import type { Logger, webApi } from '@slack/bolt';
import type { Delivered } from '../../contracts/index.js';
import { PlatformError } from '../../errors.js';
import { toPlatformError } from './errors.js';
import type { SlackMessage } from './render.js';

export const METADATA_EVENT_TYPE = 'newsbrief_post';
/** How many recent top-level channel messages are searched for an earlier delivery. */
export const HISTORY_LIMIT = 100;
const DELIVERED_MEMORY = 1000;

/** Slack errors meaning "you may not read this channel's history": delivery then goes on without it. */
const NO_HISTORY_ACCESS = new Set([
  'missing_scope',
  'not_in_channel',
  'no_permission',
  'not_allowed_token_type',
  'method_not_supported_for_channel_type',
]);

interface PostedMessage {
  ts?: string;
  thread_ts?: string;
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
}

/** A message's fields for chat.postMessage / chat.update: no unfurling, no name linking, no parsing. */
export function messageArgs(message: SlackMessage) {
  return {
    text: message.text,
    blocks: message.blocks,
    unfurl_links: false,
    unfurl_media: false,
    link_names: false,
    parse: 'none' as const,
  };
}

export class Deliverer {
  private readonly inFlight = new Map<string, Promise<Delivered>>();
  private readonly delivered = new Map<string, Delivered>();
  private readonly warnedChannels = new Set<string>();

  constructor(
    private readonly client: webApi.WebClient,
    private readonly logger: Logger,
    private readonly historyLimit = HISTORY_LIMIT,
  ) {}

  /** Posts `messages[0]` in `channel` and the rest in its thread, at most once per key (see above). */
  deliver(channel: string, key: string, messages: SlackMessage[]): Promise<Delivered> {
    const memoKey = `${channel}\u0000${key}`;
    const done = this.delivered.get(memoKey);
    if (done) return Promise.resolve(done);
    const running = this.inFlight.get(memoKey);
    if (running) return running;
    const attempt = this.run(channel, key, messages)
      .then((result) => {
        this.remember(memoKey, result);
        return result;
      })
      .finally(() => this.inFlight.delete(memoKey));
    this.inFlight.set(memoKey, attempt);
    return attempt;
  }

  /** Posts one message (optionally in a thread) and returns its ts. */
  async post(
    channel: string,
    message: SlackMessage,
    threadTs?: string,
    metadata?: Record<string, string | number>,
  ): Promise<string> {
    try {
      const result = await this.client.chat.postMessage({
        channel,
        ...messageArgs(message),
        ...(threadTs ? { thread_ts: threadTs } : {}),
        ...(metadata ? { metadata: { event_type: METADATA_EVENT_TYPE, event_payload: metadata } } : {}),
      });
      if (!result.ts)
        throw new PlatformError('slack', 'chat.postMessage returned no ts', { permanent: false });
      return result.ts;
    } catch (error) {
      throw toPlatformError('chat.postMessage', error);
    }
  }

  private async run(channel: string, key: string, messages: SlackMessage[]): Promise<Delivered> {
    const [first, ...replies] = messages;
    if (!first) throw new PlatformError('slack', 'nothing to post', { permanent: true });
    const parts = messages.length;
    let parentTs = await this.findParent(channel, key);
    const posted = parentTs ? await this.findPostedParts(channel, parentTs, key) : new Set<number>();
    if (!parentTs) {
      parentTs = await this.post(channel, first, undefined, { idempotency_key: key, part: 0, parts });
    } else {
      this.logger.info(`Slack: ${key} is already in ${channel} (ts ${parentTs}); posting only missing parts`);
    }
    for (const [i, reply] of replies.entries()) {
      const part = i + 1;
      if (posted.has(part)) continue;
      await this.post(channel, reply, parentTs, { idempotency_key: key, part, parts });
    }
    return { messageId: parentTs, threadId: parentTs };
  }

  /** The ts of an earlier parent message with this key among the channel's recent messages, or null. */
  private async findParent(channel: string, key: string): Promise<string | null> {
    let messages: PostedMessage[];
    try {
      const result = await this.client.conversations.history({
        channel,
        limit: this.historyLimit,
        include_all_metadata: true,
      });
      messages = (result.messages ?? []) as PostedMessage[];
    } catch (error) {
      if (this.noHistoryAccess(channel, error)) return null;
      throw toPlatformError('conversations.history', error);
    }
    const found = messages.find((m) => isPart(m, key, 0));
    return found?.ts ?? null;
  }

  /** The part numbers already posted in the parent's thread for this key. */
  private async findPostedParts(channel: string, parentTs: string, key: string): Promise<Set<number>> {
    const parts = new Set<number>([0]);
    let cursor: string | undefined;
    try {
      do {
        const result = await this.client.conversations.replies({
          channel,
          ts: parentTs,
          limit: 200,
          include_all_metadata: true,
          ...(cursor ? { cursor } : {}),
        });
        for (const m of (result.messages ?? []) as PostedMessage[]) {
          const part = m.metadata?.event_payload?.part;
          if (typeof part === 'number' && isPart(m, key, part)) parts.add(part);
        }
        cursor = result.response_metadata?.next_cursor || undefined;
      } while (cursor);
    } catch (error) {
      throw toPlatformError('conversations.replies', error);
    }
    return parts;
  }

  private noHistoryAccess(channel: string, error: unknown): boolean {
    const code = (error as { data?: { error?: unknown } } | null)?.data?.error;
    if (typeof code !== 'string' || !NO_HISTORY_ACCESS.has(code)) return false;
    if (!this.warnedChannels.has(channel)) {
      this.warnedChannels.add(channel);
      this.logger.warn(
        `Slack: cannot read ${channel}'s history (${code}); scheduled posts there are at-least-once. ` +
          'Add the channels:history (or groups:history) scope and invite the bot to make them at-most-once.',
      );
    }
    return true;
  }

  private remember(memoKey: string, result: Delivered): void {
    this.delivered.set(memoKey, result);
    if (this.delivered.size > DELIVERED_MEMORY) {
      const oldest = this.delivered.keys().next().value;
      if (oldest !== undefined) this.delivered.delete(oldest);
    }
  }
}

function isPart(message: PostedMessage, key: string, part: number): boolean {
  const meta = message.metadata;
  return (
    meta?.event_type === METADATA_EVENT_TYPE &&
    meta.event_payload?.idempotency_key === key &&
    meta.event_payload?.part === part
  );
}
