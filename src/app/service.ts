/**
 * The NewsbriefService the adapters call: answers from the store's rows through the core's pure answer
 * functions, briefs of URLs (stored, so threads can be answered) and of pasted text (not stored).
 */

import type {
  AskResult,
  ChannelRef,
  DigestItem,
  NewsbriefService,
  QuotesResult,
  SubscriptionService,
  ThreadAnswer,
  ThreadContext,
} from '../contracts/index.js';
import { digestRunName } from '../contracts/index.js';
import { ASK_CANDIDATES, ask as askRows } from '../core/answer/ask.js';
import { latestQuotes, quotesOf } from '../core/answer/quotes.js';
import { who as whoRows } from '../core/answer/who.js';
import { analyse } from '../core/index.js';
import type { Analysis, Article, WhoResult } from '../core/types.js';
import { NewsbriefError } from '../errors.js';
import type { FetchOptions } from '../sources/fetch.js';
import { contentHash } from '../store/hash.js';
import type { BriefingStore } from '../store/types.js';
import { digestItems } from './digest.js';
import { ingestUrl } from './ingest.js';

export interface ServiceDeps {
  store: BriefingStore;
  analyse?: (article: Article) => Analysis;
  fetch?: FetchOptions;
  now?: () => Date;
  /** Following sources from chat (when the store keeps subscriptions). */
  subscriptions?: SubscriptionService;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** Quotes shown when no limit is asked for. */
const DEFAULT_QUOTES = 10;
/** The newest stored quotes the latest are chosen from (they are ordered by their article's time). */
const LATEST_QUOTE_CANDIDATES = 50;

/** A digest and the instant it looks back to. */
export interface DigestWindow {
  since: string;
  items: DigestItem[];
}

/**
 * The briefings since this channel's last digest (else the last 24 hours), one item per story, and
 * the digest marked as taken; with `since` it looks back that far and leaves the mark.
 */
export async function takeDigest(
  store: BriefingStore,
  channel: ChannelRef,
  at: Date,
  options: { since?: string } = {},
): Promise<DigestWindow> {
  const runName = digestRunName(channel);
  const since =
    options.since ?? (await store.lastRun(runName)) ?? new Date(at.getTime() - DAY_MS).toISOString();
  const rows = await store.briefingsSince(since, 100);
  // An explicit window is a look back; only the default "since the last digest" takes the digest.
  if (options.since === undefined) await store.setLastRun(runName, at.toISOString());
  return { since, items: digestItems(rows) };
}

/** Rows of the thread's own article first, so answers prefer the briefing being discussed. */
function preferArticle<T extends { articleId: string }>(rows: T[], context?: ThreadContext): T[] {
  if (!context) return rows;
  return [
    ...rows.filter((r) => r.articleId === context.articleId),
    ...rows.filter((r) => r.articleId !== context.articleId),
  ];
}

export function createService(deps: ServiceDeps): NewsbriefService {
  const { store } = deps;
  const analyseFn = deps.analyse ?? ((a: Article) => analyse(a));
  const now = deps.now ?? (() => new Date());

  const service: NewsbriefService = {
    async brief(input) {
      if ('url' in input) {
        // One chat command fetches a bounded amount: of a feed, only its newest item.
        const report = await ingestUrl(
          input.url,
          { store, analyse: analyseFn, ...(deps.fetch ? { fetch: deps.fetch } : {}) },
          { newestItemOnly: true },
        );
        const item = report.items[0];
        if (!item)
          throw new NewsbriefError('fetch_failed', report.errors[0]?.error ?? `Could not read ${input.url}`);
        const stored = await store.getArticle(item.articleId);
        if (!stored) throw new NewsbriefError('store', `Article ${item.articleId} vanished from the store`);
        return {
          articleId: stored.articleId,
          version: stored.version,
          url: stored.url,
          briefing: stored.analysis.briefing,
        };
      }
      if (!input.text.trim()) throw new NewsbriefError('bad_input', 'Nothing to brief: the text is empty.');
      const article: Article = {
        title: input.title ?? null,
        text: input.text,
        url: null,
        byline: null,
        publishedAt: null,
      };
      const briefing = analyseFn(article).briefing;
      return { articleId: `text:${contentHash(article).slice(0, 16)}`, version: 1, url: null, briefing };
    },

    async who(name, context): Promise<WhoResult> {
      const rows = await store.personCandidates(name);
      return whoRows(name, { ...rows, quotes: preferArticle(rows.quotes, context) });
    },

    async ask(question, context, options = {}): Promise<AskResult> {
      const rows = await store.searchSentences(question, ASK_CANDIDATES);
      const answer = askRows(question, rows, { preferArticleId: context?.articleId, ...options });
      return { question: answer.question, answers: answer.answers };
    },

    async quotes(name, context, options = {}): Promise<QuotesResult> {
      const limit = options.limit ?? DEFAULT_QUOTES;
      if (name === null || !name.trim())
        return latestQuotes(await store.latestQuotes(Math.max(limit, LATEST_QUOTE_CANDIDATES)), limit);
      const rows = await store.personCandidates(name);
      return quotesOf(name, { ...rows, quotes: preferArticle(rows.quotes, context) }, limit);
    },

    async digest(channel: ChannelRef, options = {}): Promise<DigestItem[]> {
      return (await takeDigest(store, channel, now(), options)).items;
    },

    async answerInThread(question, context): Promise<ThreadAnswer> {
      const q = question.trim();
      const who = /^(?:who\s+(?:is|was|are)\s+)(.+?)\??$/i.exec(q);
      if (who?.[1]) return { kind: 'who', result: await service.who(who[1], context) };
      const said =
        /^what\s+(?:did|does|has)\s+(.+?)\s+(?:say|said)\b.*$/i.exec(q) ??
        /^quotes?(?:\s+(?:of|from|by))?\s+(.+?)\??$/i.exec(q);
      if (said?.[1]) return { kind: 'quotes', result: await service.quotes(said[1], context) };
      return { kind: 'ask', result: await service.ask(q, context) };
    },

    async peopleNames(prefix, limit) {
      return store.peopleNames(prefix, limit);
    },

    async threadArticle(channel, threadId) {
      return store.threadArticle(channel.platform, channel.channelId, threadId);
    },
    ...(deps.subscriptions ? { subscriptions: deps.subscriptions } : {}),
  };
  return service;
}
