/**
 * Contracts shared by the layers: between the app layer and the platform adapters (console, Slack,
 * Discord), and the names of run state that the app, scheduler, store and CLI all read. It sits below
 * `app` and imports only core types, so that store, config, sources and adapters can depend on it.
 *
 * Adapters are thin: they receive commands and thread messages from their platform, call the
 * `NewsbriefService` below, and render what it returns. They never condense, never query SQL and never
 * decide what to post. The app layer decides what to post and calls `Platform.post*` to deliver it.
 */
import type { AskAnswer } from '../core/answer/ask.js';
import type { QuotesAnswer } from '../core/answer/quotes.js';
import type { Briefing, WhoResult } from '../core/types.js';
import type { SubscriptionService } from './feeds.js';
import type { Views } from './views.js';

export type { AnswerLine } from '../core/answer/ask.js';
export type { QuoteLine } from '../core/answer/quotes.js';
export * from './feeds.js';
export * from './views.js';

/** A briefing ready to be posted: the core's Briefing plus where it came from. */
export interface BriefingPost {
  /** Stable id of the article in the store. */
  articleId: string;
  /** Article version (1 for the first; a changed article is posted as an update). */
  version: number;
  url: string | null;
  briefing: Briefing;
}

/** `/ask`'s answers, best first, each line with its article (the core's answer, as the service returns it). */
export type AskResult = AskAnswer;

/**
 * `/quotes`: `query` is the name asked for (null for the latest quotes of anyone); `suggestions` the
 * closest names when a name was asked for and not found.
 */
export type QuotesResult = QuotesAnswer;

/** One item of a digest: one story, possibly reported by several articles. */
export interface DigestItem {
  post: BriefingPost;
  /** Other articles about the same story (their title and link). */
  alsoReportedBy: { title: string | null; url: string | null }[];
}

/** Where a thread message was asked: lets answers prefer the briefing's own article. */
export interface ThreadContext {
  articleId: string;
}

export type ThreadAnswer =
  | { kind: 'who'; result: WhoResult }
  | { kind: 'quotes'; result: QuotesResult }
  | { kind: 'ask'; result: AskResult };

/** How many answers a caller wants (the command line's --limit); each method has its own default. */
export interface AnswerLimit {
  limit?: number;
}

/**
 * What adapters call. A method may throw; what the user then sees is decided by `Views.error` (a
 * `NewsbriefError` about the request, such as a page that cannot be fetched, shows its message; a store,
 * platform or unexpected failure shows a generic line and is logged).
 */
export interface NewsbriefService {
  /** Brief a URL or pasted text (not stored unless the app decides to). */
  brief(input: { url: string } | { text: string; title?: string }): Promise<BriefingPost>;
  who(name: string, context?: ThreadContext): Promise<WhoResult>;
  /** The best answers, at most `limit` (default 3). */
  ask(question: string, context?: ThreadContext, options?: AnswerLimit): Promise<AskResult>;
  /** The latest quotes of anyone (`name` null) or of one person, at most `limit` (default 10). */
  quotes(name: string | null, context?: ThreadContext, options?: AnswerLimit): Promise<QuotesResult>;
  /**
   * The briefings since this channel's last digest (else the last 24 hours), one item per story;
   * marks the digest as taken. With `since` (ISO 8601) it looks back that far and leaves the mark.
   */
  digest(channel: ChannelRef, options?: { since?: string }): Promise<DigestItem[]>;
  /** A free-text question asked in a briefing's thread ("who is Rutte?", "what did Zelenskyy say?"). */
  answerInThread(question: string, context: ThreadContext): Promise<ThreadAnswer>;
  /** People whose names start with / contain `prefix`, for autocomplete (at most `limit`). */
  peopleNames(prefix: string, limit: number): Promise<string[]>;
  /** Which article a platform thread belongs to, if it is one of our briefing threads. */
  threadArticle(channel: ChannelRef, threadId: string): Promise<ThreadContext | null>;
  /** Following sources from chat; absent when the store keeps no subscriptions (the memory store). */
  subscriptions?: SubscriptionService;
}

export type PlatformName = 'console' | 'slack' | 'discord';

export interface ChannelRef {
  platform: PlatformName;
  channelId: string;
}

/** The result of delivering a briefing: ids the store records so threads and edits can find it later. */
export interface Delivered {
  messageId: string;
  /** The thread holding details (Discord: a thread channel id; Slack: the parent ts). */
  threadId: string | null;
}

/**
 * A chat platform as the app layer sees it for scheduled delivery. Errors must be thrown as
 * `PlatformError` so the app can tell retryable failures (429, 5xx, network) from permanent ones.
 */
export interface Platform {
  readonly name: PlatformName;
  /** Starts answering commands through `service`; `views` decides what every post and answer shows. */
  start(service: NewsbriefService, views: Views): Promise<void>;
  stop(): Promise<void>;
  /** Post one briefing with its details in a thread. `idempotencyKey` is stable per delivery. */
  postBriefing(channelId: string, post: BriefingPost, idempotencyKey: string): Promise<Delivered>;
  /** Post one digest message listing headlines, with the stories briefed in its thread (`DigestView`). */
  postDigest(channelId: string, items: DigestItem[], idempotencyKey: string): Promise<Delivered>;
  /** Update an earlier post after its article changed (the policy: `updatePost` in src/adapters/update.ts). */
  updateBriefing(channelId: string, previous: Delivered, post: BriefingPost): Promise<Delivered>;
}

/** Run-state names of a channel: when its last run started, its report (JSON), its next run. */
export const runStateName = (c: ChannelRef) => `run:${c.platform}:${c.channelId}`;
export const reportStateName = (c: ChannelRef) => `report:${c.platform}:${c.channelId}`;
export const nextStateName = (c: ChannelRef) => `next:${c.platform}:${c.channelId}`;
/** The lease a channel's run holds while it posts (see the store's leases). */
export const leaseName = (c: ChannelRef) => `channel:${c.platform}:${c.channelId}`;
/** The last scheduled run that failed on an unreachable store (JSON StoreOutage, see the scheduler). */
export const outageStateName = (c: ChannelRef) => `outage:${c.platform}:${c.channelId}`;
/** The run-state name of a channel's last digest. */
export const digestRunName = (c: ChannelRef) => `digest:${c.platform}:${c.channelId}`;

/** What a feed's reader keeps between reads: its conditional-request headers and the last outcome. */
export interface FeedState {
  url: string;
  etag: string | null;
  lastModified: string | null;
  checkedAt: string | null;
  error: string | null;
}

/**
 * What reading a feed needs from a store: the feed's state, and whether an item is already stored
 * (under its key). Sources read feeds through this, never through the store itself, which implements it.
 */
export interface FeedMemory {
  feedState(url: string): Promise<FeedState | null>;
  setFeedState(state: FeedState): Promise<void>;
  findByKey(key: string): Promise<unknown>;
}

/** A scheduled run that failed because the store could not be reached (kept under `outageStateName`). */
export interface StoreOutage {
  /** When the run failed. */
  at: string;
  error: string;
  /** When the store answered again and the run was started again. */
  recoveredAt: string;
}

/** The platform and channel of anything that names them (a channel's settings, a delivery row). */
export function channelRef(c: ChannelRef): ChannelRef {
  return { platform: c.platform, channelId: c.channelId };
}
