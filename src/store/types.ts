/**
 * The BriefingStore interface: everything the app, the sources and the scheduler need to persist.
 * Every method returns a promise so that a server database can implement it later. Two implementations:
 * `createSqliteStore(path)` (the real one) and `createMemoryStore()` (for unit tests of other layers);
 * one contract suite (test/store/contract.test.ts) runs against both.
 */
import type { FeedState, PlatformName } from '../contracts/index.js';
import type { BriefingRow, PersonCandidates, QuoteRow, SentenceRow } from '../core/answer/rows.js';
import type { Analysis, Article } from '../core/types.js';

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

export interface BriefingStore {
  /** Store one analysed article in one transaction: new, new version of a known one, unchanged, or a duplicate. */
  ingest(input: IngestInput): Promise<IngestResult>;
  /** The article known by this key (any of its keys), to skip unchanged sources before analysing them. */
  findByKey(key: string): Promise<KnownArticle | null>;
  findByContentHash(hash: string): Promise<KnownArticle | null>;
  getArticle(articleId: string): Promise<StoredArticle | null>;
  /** Delete an article and everything derived from it (briefing, people, quotes, sentences, deliveries). */
  deleteArticle(articleId: string): Promise<boolean>;
  counts(): Promise<StoreCounts>;

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

  /** Outbox: a pending delivery of an article version to a channel (idempotent: returns the existing one). */
  recordDeliveryPending(target: DeliveryTarget, now?: string): Promise<Delivery>;
  markDelivered(
    id: string,
    delivered: { messageId: string; threadId: string | null },
    now?: string,
  ): Promise<void>;
  markFailed(id: string, error: string, now?: string): Promise<void>;
  pendingDeliveries(limit?: number): Promise<Delivery[]>;
  deliveriesFor(channel: { platform: PlatformName; channelId: string }): Promise<Delivery[]>;
  /** The latest sent delivery of an article to a channel (to edit it when the article changes). */
  lastDelivery(
    channel: { platform: PlatformName; channelId: string },
    articleId: string,
  ): Promise<Delivery | null>;
  /** Which article a platform thread belongs to. */
  threadArticle(
    platform: PlatformName,
    channelId: string,
    threadId: string,
  ): Promise<{ articleId: string } | null>;

  /** Named run times ("run", "digest:slack:C123", a feed's last poll), ISO 8601. */
  lastRun(name: string): Promise<string | null>;
  setLastRun(name: string, at: string): Promise<void>;
  /** A lease for one of several instances: true when `holder` holds `name` until now + ttlMs. */
  tryAcquireLease(name: string, holder: string, ttlMs: number, now?: number): Promise<boolean>;
  releaseLease(name: string, holder: string): Promise<void>;

  /** Conditional-request state of a feed. */
  feedState(url: string): Promise<FeedState | null>;
  setFeedState(state: FeedState): Promise<void>;

  close(): Promise<void>;
}
