/**
 * The BriefingStore interface: everything the app, the sources and the scheduler need to persist.
 * Every method returns a promise. Two implementations, one per concern in each: SQLite (`createSqliteStore`,
 * the embedded default; `:memory:` is the fast store of other layers' tests) and PostgreSQL
 * (`createPostgresStore`, for several instances); one contract suite (test/store/contract.test.ts) runs
 * against both.
 */
import type { ChannelRef, FeedState, PlatformName } from '../contracts/index.js';
import type { BriefingRow, PersonCandidates, QuoteRow, SentenceRow } from '../core/answer/rows.js';
import type { Analysis, Article, Briefing } from '../core/types.js';

/** Feed state is defined with the contracts, where the sources that read feeds may import it. */
export type { FeedState };

export interface IngestInput {
  /**
   * The article's identity: its canonical URL, else a source-given key (a file's `file://` URL), else
   * `hash:<contentHash>`. A second article with the same key is a new version of the first.
   */
  key: string;
  /** Further keys the same article is known by (a feed item's link before redirects, say). */
  otherKeys?: string[];
  article: Article;
  analysis: Analysis;
  /** sha256 of the normalised title + text (see `contentHash`). */
  contentHash: string;
  /** Where it came from: a folder path, a feed URL, "url". */
  source?: string | null;
  /** ISO 8601; defaults to the current time. */
  now?: string;
}

export type IngestStatus = 'new' | 'updated' | 'unchanged' | 'duplicate';

export interface IngestResult {
  status: IngestStatus;
  articleId: string;
  version: number;
}

export interface KnownArticle {
  articleId: string;
  version: number;
  contentHash: string;
}

export interface StoredArticle {
  articleId: string;
  key: string;
  version: number;
  contentHash: string;
  url: string | null;
  title: string | null;
  byline: string | null;
  publishedAt: string | null;
  source: string | null;
  ingestedAt: string;
  updatedAt: string;
  analysis: Analysis;
}

export type DeliveryStatus = 'pending' | 'sent' | 'failed';

export interface Delivery {
  id: string;
  platform: PlatformName;
  channelId: string;
  articleId: string;
  version: number;
  status: DeliveryStatus;
  messageId: string | null;
  threadId: string | null;
  error: string | null;
  attempts: number;
  createdAt: string;
  updatedAt: string;
}

export interface DeliveryTarget {
  platform: PlatformName;
  channelId: string;
  articleId: string;
  version: number;
}

export interface StoreCounts {
  articles: number;
  versions: number;
  briefings: number;
  people: number;
  quotes: number;
  sentences: number;
  deliveries: number;
}

/** The latest sent delivery of an article to a channel: what an update edits. */
export interface SentDelivery {
  version: number;
  messageId: string | null;
  threadId: string | null;
}

/** An article as a channel's run reads it: everything selection needs, in one query. */
export interface ChannelArticle {
  articleId: string;
  key: string;
  version: number;
  url: string | null;
  title: string | null;
  source: string | null;
  publishedAt: string | null;
  ingestedAt: string;
  briefing: Briefing;
  /** The newest sent delivery of this article to the channel, if any. */
  lastSent: SentDelivery | null;
}

export interface ChannelArticlesQuery {
  /** Articles ingested or updated at or after this time (ISO 8601); null for none (recovery only). */
  since: string | null;
  /** At most this many of those, the newest. */
  limit: number;
  /** Also articles with a delivery to the channel left pending, or failed fewer than this many times. */
  retryBelowAttempts: number;
}

/** Who claims deliveries, and for how long: a crashed holder's claims expire. */
export interface ClaimOptions {
  holder: string;
  ttlMs: number;
  /** Milliseconds since the epoch; defaults to the clock. */
  now?: number;
}

/** A delivery after a claim: `claimed` is false when it is sent, or held by another live claim. */
export type ClaimedDelivery = Delivery & { claimed: boolean };

/** Articles, their versions and everything analysed from them. */
export interface ArticleStore {
  /** Store one analysed article in one transaction: new, new version of a known one, unchanged, or a duplicate. */
  ingest(input: IngestInput): Promise<IngestResult>;
  /** The article known by this key (any of its keys), to skip unchanged sources before analysing them. */
  findByKey(key: string): Promise<KnownArticle | null>;
  /** One article with its analysis and every sentence (a thread's "more" and the tests; not the runner). */
  getArticle(articleId: string): Promise<StoredArticle | null>;
  /** Delete an article and everything derived from it (briefing, people, quotes, sentences, deliveries). */
  deleteArticle(articleId: string): Promise<boolean>;
  counts(): Promise<StoreCounts>;
}

/** The rows the core's answers (who, ask, quotes, digest) are computed from. */
export interface SearchStore {
  /** Candidate rows for who(name)/quotes(name): people sharing the query's name key, newest first. */
  personCandidates(name: string, limit?: number): Promise<PersonCandidates>;
  /** Candidate sentences for ask(question), best BM25 first. */
  searchSentences(question: string, limit?: number): Promise<SentenceRow[]>;
  /** The newest quotes of anyone. */
  latestQuotes(limit?: number): Promise<QuoteRow[]>;
  /** Names of people starting with (else containing) `prefix`, most mentioned first. */
  peopleNames(prefix: string, limit: number): Promise<string[]>;
  /** Briefings of articles ingested or updated at or after `since` (ISO 8601), newest first. */
  briefingsSince(since: string, limit?: number): Promise<BriefingRow[]>;
}

/**
 * The outbox: a delivery is claimed (recorded pending, held by one instance until its claim expires)
 * before the post and marked sent or failed after it.
 */
export interface OutboxStore {
  /** What a channel's run chooses from, each article with its last delivery there, in one read. */
  channelArticles(channel: ChannelRef, query: ChannelArticlesQuery): Promise<ChannelArticle[]>;
  /**
   * Record these deliveries pending (a known one stays as it is), mark older unsent versions of the
   * same articles failed ("superseded"), and claim every unsent one no other live claim holds. In
   * target order. PostgreSQL claims with `FOR UPDATE SKIP LOCKED`; SQLite inside its write lock.
   */
  claimDeliveries(targets: readonly DeliveryTarget[], claim: ClaimOptions): Promise<ClaimedDelivery[]>;
  /** Extend this holder's claims (a long run renews them with its lease). */
  renewClaims(claim: ClaimOptions): Promise<void>;
  /** Mark deliveries sent (one post, or one digest of several) and drop their claims. */
  markDelivered(
    ids: readonly string[],
    delivered: { messageId: string; threadId: string | null },
    now?: string,
  ): Promise<void>;
  /** Mark deliveries failed and drop their claims. */
  markFailed(ids: readonly string[], error: string, now?: string): Promise<void>;
  /** Channels with deliveries left pending (a crash between the claim and the mark). */
  pendingChannels(): Promise<ChannelRef[]>;
  /** A channel's deliveries, oldest first (the newest `limit` when given). */
  deliveriesFor(channel: ChannelRef, limit?: number): Promise<Delivery[]>;
  /** Which article a platform thread belongs to. */
  threadArticle(
    platform: PlatformName,
    channelId: string,
    threadId: string,
  ): Promise<{ articleId: string } | null>;
}

/** Named times and small documents the app keeps between runs, and each feed's conditional-request state. */
export interface RunStateStore {
  /** Named run times ("run", "digest:slack:C123", a feed's last poll), ISO 8601. */
  lastRun(name: string): Promise<string | null>;
  setLastRun(name: string, at: string): Promise<void>;
  feedState(url: string): Promise<FeedState | null>;
  setFeedState(state: FeedState): Promise<void>;
}

/** Leases for several instances: rows with an expiry time, renewed by their holder. */
export interface LeaseStore {
  /** True when `holder` holds `name` until now + ttlMs (taken, renewed, or taken over after expiry). */
  tryAcquireLease(name: string, holder: string, ttlMs: number, now?: number): Promise<boolean>;
  releaseLease(name: string, holder: string): Promise<void>;
}

export interface BriefingStore extends ArticleStore, SearchStore, OutboxStore, RunStateStore, LeaseStore {
  close(): Promise<void>;
}
