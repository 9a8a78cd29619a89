/** Row mapping shared by the SQLite and PostgreSQL stores: both return rows with the same column names. */
import type { PlatformName } from '../contracts/index.js';
import type { PersonRow, QuoteRow, SentenceRow } from '../core/answer/rows.js';
import type { Briefing } from '../core/types.js';
import type {
  ChannelArticle,
  Delivery,
  DeliveryStatus,
  FeedState,
  KnownArticle,
  StoreCounts,
  StoredArticle,
} from './types.js';

export type Row = Record<string, unknown>;

/** How many of a name's newest articles `personCandidates` reads quotes and sentences from. */
export const DETAIL_ROWS = 25;
/**
 * Quotes and sentences read for a card, which shows five of each: ten times that leaves room for the
 * rows of other people who share the name, and reading 200 of each cost more than the rest of `who`.
 */
export const DETAIL_LINES = 50;

export const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** A JSON list of names (a sentence's people, a person's aliases). */
const parseList = (v: unknown): string[] => JSON.parse(String(v)) as string[];

export function articleRef(r: Row) {
  return {
    articleId: String(r.article_id),
    title: str(r.title),
    url: str(r.url),
    publishedAt: str(r.published_at),
    ingestedAt: String(r.updated_at),
  };
}

export function toDelivery(r: Row): Delivery {
  return {
    id: String(r.id),
    platform: r.platform as PlatformName,
    channelId: String(r.channel_id),
    articleId: String(r.article_id),
    version: Number(r.version),
    status: r.status as DeliveryStatus,
    messageId: str(r.message_id),
    threadId: str(r.thread_id),
    error: str(r.error),
    attempts: Number(r.attempts),
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
  };
}

export const knownArticle = (r: Row | undefined): KnownArticle | null =>
  r ? { articleId: String(r.id), version: Number(r.version), contentHash: String(r.content_hash) } : null;

export const quoteRow = (r: Row): QuoteRow => ({
  ...articleRef(r),
  index: Number(r.idx),
  text: String(r.text),
  speaker: str(r.speaker),
  speakerRole: str(r.speaker_role),
});

export const sentenceRow = (r: Row): SentenceRow => ({
  ...articleRef(r),
  sentenceId: String(r.id),
  index: Number(r.idx),
  text: String(r.text),
  people: parseList(r.people),
});

export const personRow = (r: Row): PersonRow => ({
  ...articleRef(r),
  personId: String(r.person_id),
  name: String(r.name),
  role: str(r.role),
  aliases: parseList(r.aliases),
  mentions: Number(r.mentions),
});

export function storedArticle(r: Row, sentences: StoredArticle['analysis']['sentences']): StoredArticle {
  return {
    articleId: String(r.id),
    key: String(r.key),
    version: Number(r.version),
    contentHash: String(r.content_hash),
    url: str(r.url),
    title: str(r.title),
    byline: str(r.byline),
    publishedAt: str(r.published_at),
    source: str(r.source),
    ingestedAt: String(r.ingested_at),
    updatedAt: String(r.updated_at),
    analysis: { briefing: JSON.parse(String(r.briefing)) as Briefing, sentences },
  };
}

export const articleSentence = (x: Row) => ({
  text: String(x.text),
  paragraph: Number(x.paragraph),
  people: parseList(x.people),
});

export const feedStateRow = (r: Row | undefined): FeedState | null =>
  r
    ? {
        url: String(r.url),
        etag: str(r.etag),
        lastModified: str(r.last_modified),
        checkedAt: str(r.checked_at),
        error: str(r.error),
      }
    : null;

/** Every table's row count (`counts()`), the same SQL in both stores. */
export const COUNTS_SQL = `SELECT (SELECT count(*) FROM articles) AS articles,
  (SELECT count(*) FROM article_versions) AS versions, (SELECT count(*) FROM briefings) AS briefings,
  (SELECT count(*) FROM people) AS people, (SELECT count(*) FROM quotes) AS quotes,
  (SELECT count(*) FROM sentences) AS sentences, (SELECT count(*) FROM deliveries) AS deliveries`;

export const countsRow = (r: Row | undefined): StoreCounts =>
  Object.fromEntries(Object.entries(r ?? {}).map(([k, v]) => [k, Number(v)])) as unknown as StoreCounts;

/** A channel's article row (`channelArticles`): the article, its briefing, its last sent delivery there. */
export const channelArticle = (r: Row): ChannelArticle => ({
  articleId: String(r.article_id),
  key: String(r.key),
  version: Number(r.version),
  url: str(r.url),
  title: str(r.title),
  source: str(r.source),
  publishedAt: str(r.published_at),
  ingestedAt: String(r.ingested_at),
  briefing: JSON.parse(String(r.briefing)) as Briefing,
  lastSent:
    r.sent_version === null || r.sent_version === undefined
      ? null
      : {
          version: Number(r.sent_version),
          messageId: str(r.sent_message_id),
          threadId: str(r.sent_thread_id),
        },
});
