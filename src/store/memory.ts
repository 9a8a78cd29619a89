/**
 * An in-memory BriefingStore with the same behaviour as the SQLite one (minus persistence), for unit
 * tests of the layers above the store. Text search is the core's BM25 over every sentence.
 */
import type { PlatformName } from '../contracts/index.js';
import { bm25, searchTerms, searchTokens, searchWords } from '../core/answer/bm25.js';
import { personKeys, queryKey } from '../core/answer/names.js';
import type { ArticleRef, PersonRow, QuoteRow, SentenceRow } from '../core/answer/rows.js';
import type { Analysis, Article } from '../core/types.js';
import { NewsbriefError } from '../errors.js';
import type {
  BriefingStore,
  Delivery,
  FeedState,
  IngestResult,
  KnownArticle,
  StoredArticle,
} from './types.js';

interface MemArticle {
  id: number;
  key: string;
  version: number;
  contentHash: string;
  article: Article;
  source: string | null;
  ingestedAt: string;
  updatedAt: string;
  analysis: Analysis;
  /** Per-person keys and ids, and sentence ids, assigned when the version was written. */
  personIds: number[];
  sentenceIds: number[];
  quoteIds: number[];
}

interface SentenceDoc {
  articleId: number;
  index: number;
  text: string;
  tokens: Set<string>;
}

const clone = <T>(v: T): T => structuredClone(v);
export function createMemoryStore(): BriefingStore {
  let nextId = 1;
  const articles = new Map<number, MemArticle>();
  const keys = new Map<string, number>();
  const versions: { articleId: number; version: number }[] = [];
  const sentenceDocs = new Map<number, SentenceDoc>();
  const quoteOrder = new Map<number, { articleId: number; index: number }>();
  const deliveries = new Map<number, Delivery>();
  const runs = new Map<string, string>();
  const leases = new Map<string, { holder: string; expires: number }>();
  const feeds = new Map<string, FeedState>();

  const ref = (a: MemArticle): ArticleRef => ({
    articleId: String(a.id),
    title: a.article.title,
    url: a.article.url,
    publishedAt: a.article.publishedAt,
    ingestedAt: a.updatedAt,
  });

  function writeDerived(a: MemArticle): void {
    for (const id of a.sentenceIds) sentenceDocs.delete(id);
    for (const id of a.quoteIds) quoteOrder.delete(id);
    a.personIds = a.analysis.briefing.people.map(() => nextId++);
    a.quoteIds = a.analysis.briefing.quotes.map((_, index) => {
      const id = nextId++;
      quoteOrder.set(id, { articleId: a.id, index });
      return id;
    });
    a.sentenceIds = a.analysis.sentences.map((s, index) => {
      const id = nextId++;
      sentenceDocs.set(id, { articleId: a.id, index, text: s.text, tokens: new Set(searchTokens(s.text)) });
      return id;
    });
  }

  const knownOf = (a: MemArticle): KnownArticle => ({
    articleId: String(a.id),
    version: a.version,
    contentHash: a.contentHash,
  });

  function sentenceRow(a: MemArticle, index: number, score?: number): SentenceRow {
    const s = a.analysis.sentences[index];
    const row: SentenceRow = {
      ...ref(a),
      sentenceId: String(a.sentenceIds[index]),
      index,
      text: s?.text ?? '',
      people: [...(s?.people ?? [])],
    };
    if (score !== undefined) row.score = score;
    return row;
  }

  function quoteRow(a: MemArticle, index: number): QuoteRow {
    const q = a.analysis.briefing.quotes[index];
    return {
      ...ref(a),
      index,
      text: q?.text ?? '',
      speaker: q?.speaker ?? null,
      speakerRole: q?.speakerRole ?? null,
    };
  }

  const newestArticles = () => [...articles.values()].sort((x, y) => y.id - x.id);

  return {
    async ingest(input) {
      const now = input.now ?? new Date().toISOString();
      const all = [input.key, ...(input.otherKeys ?? [])];
      const knownId = all.map((k) => keys.get(k)).find((id) => id !== undefined);
      const existing = knownId === undefined ? undefined : articles.get(knownId);
      if (existing) {
        for (const k of all) if (!keys.has(k)) keys.set(k, existing.id);
        if (existing.contentHash === input.contentHash)
          return { status: 'unchanged', articleId: String(existing.id), version: existing.version };
        existing.version += 1;
        existing.contentHash = input.contentHash;
        existing.article = clone(input.article);
        existing.analysis = clone(input.analysis);
        existing.source = input.source ?? existing.source;
        existing.updatedAt = now;
        versions.push({ articleId: existing.id, version: existing.version });
        writeDerived(existing);
        return { status: 'updated', articleId: String(existing.id), version: existing.version };
      }
      const same = [...articles.values()].find((a) => a.contentHash === input.contentHash);
      if (same) {
        for (const k of all) if (!keys.has(k)) keys.set(k, same.id);
        return {
          status: 'duplicate',
          articleId: String(same.id),
          version: same.version,
        } satisfies IngestResult;
      }
      const a: MemArticle = {
        id: nextId++,
        key: input.key,
        version: 1,
        contentHash: input.contentHash,
        article: clone(input.article),
        source: input.source ?? null,
        ingestedAt: now,
        updatedAt: now,
        analysis: clone(input.analysis),
        personIds: [],
        sentenceIds: [],
        quoteIds: [],
      };
      articles.set(a.id, a);
      for (const k of all) keys.set(k, a.id);
      versions.push({ articleId: a.id, version: 1 });
      writeDerived(a);
      return { status: 'new', articleId: String(a.id), version: 1 };
    },
    async findByKey(key) {
      const id = keys.get(key);
      const a = id === undefined ? undefined : articles.get(id);
      return a ? knownOf(a) : null;
    },
    async findByContentHash(hash) {
      const a = [...articles.values()].find((x) => x.contentHash === hash);
      return a ? knownOf(a) : null;
    },
    async getArticle(articleId) {
      const a = articles.get(Number(articleId));
      if (!a) return null;
      const out: StoredArticle = {
        articleId: String(a.id),
        key: a.key,
        version: a.version,
        contentHash: a.contentHash,
        url: a.article.url,
        title: a.article.title,
        byline: a.article.byline,
        publishedAt: a.article.publishedAt,
        source: a.source,
        ingestedAt: a.ingestedAt,
        updatedAt: a.updatedAt,
        analysis: clone(a.analysis),
      };
      return out;
    },
    async deleteArticle(articleId) {
      const id = Number(articleId);
      const a = articles.get(id);
      if (!a) return false;
      for (const s of a.sentenceIds) sentenceDocs.delete(s);
      for (const q of a.quoteIds) quoteOrder.delete(q);
      for (const [k, v] of keys) if (v === id) keys.delete(k);
      for (let i = versions.length - 1; i >= 0; i--) if (versions[i]?.articleId === id) versions.splice(i, 1);
      for (const [k, d] of deliveries) if (d.articleId === String(id)) deliveries.delete(k);
      articles.delete(id);
      return true;
    },
    async counts() {
      let people = 0;
      let quotes = 0;
      let sentences = 0;
      for (const a of articles.values()) {
        people += a.analysis.briefing.people.length;
        quotes += a.analysis.briefing.quotes.length;
        sentences += a.analysis.sentences.length;
      }
      return {
        articles: articles.size,
        versions: versions.length,
        briefings: articles.size,
        people,
        quotes,
        sentences,
        deliveries: deliveries.size,
      };
    },
    async personCandidates(name, limit = 100) {
      const key = queryKey(name);
      const people: PersonRow[] = [];
      const quotes: QuoteRow[] = [];
      const sentences: SentenceRow[] = [];
      if (!key) return { people, quotes, sentences };
      for (const a of newestArticles()) {
        if (people.length >= limit) break;
        const found: string[] = [];
        a.analysis.briefing.people.forEach((p, i) => {
          if (people.length >= limit || !personKeys(p.name, p.aliases).includes(key)) return;
          found.push(p.name);
          people.push({
            ...ref(a),
            personId: String(a.personIds[i]),
            name: p.name,
            role: p.role,
            aliases: [...p.aliases],
            mentions: p.mentions,
          });
        });
        if (found.length === 0) continue;
        a.analysis.briefing.quotes.forEach((q, i) => {
          if (q.speaker) quotes.push(quoteRow(a, i));
        });
        a.analysis.sentences.forEach((s, i) => {
          if (s.people.some((p) => found.includes(p))) sentences.push(sentenceRow(a, i));
        });
      }
      const result = { people, quotes: quotes.slice(0, limit * 4), sentences: sentences.slice(0, limit * 2) };
      if (people.length < limit) return result;
      const totals = new Map(
        people.map((p) => [p.name.toLowerCase(), { name: p.name, articles: 0, mentions: 0 }]),
      );
      for (const a of articles.values())
        for (const p of a.analysis.briefing.people) {
          const t = totals.get(p.name.toLowerCase());
          if (!t) continue;
          t.articles++;
          t.mentions += p.mentions;
        }
      return { ...result, nameTotals: [...totals.values()] };
    },
    async searchSentences(question, limit = 50) {
      const terms = searchTerms(question).map((t) => t.token);
      if (terms.length === 0 || sentenceDocs.size === 0) return [];
      let total = 0;
      const documentFrequency = new Map<string, number>();
      for (const d of sentenceDocs.values()) {
        total += searchWords(d.text).length;
        for (const t of terms)
          if (d.tokens.has(t)) documentFrequency.set(t, (documentFrequency.get(t) ?? 0) + 1);
      }
      const stats = {
        documents: sentenceDocs.size,
        averageLength: total / sentenceDocs.size,
        documentFrequency,
      };
      const scored: { id: number; doc: SentenceDoc; score: number }[] = [];
      for (const [id, d] of sentenceDocs) {
        const score = bm25(terms, d.text, stats);
        // Like FTS5's bm25(): negative, lower is better.
        if (score > 0) scored.push({ id, doc: d, score: -score });
      }
      scored.sort((x, y) => x.score - y.score || y.id - x.id); // ties: newest first, as in SQLite
      return scored.slice(0, limit).flatMap(({ doc, score }) => {
        const a = articles.get(doc.articleId);
        return a ? [sentenceRow(a, doc.index, score)] : [];
      });
    },
    async latestQuotes(limit = 10) {
      return [...quoteOrder.entries()]
        .sort((x, y) => y[0] - x[0])
        .slice(0, limit)
        .flatMap(([, q]) => {
          const a = articles.get(q.articleId);
          return a ? [quoteRow(a, q.index)] : [];
        });
    },
    async peopleNames(prefix, limit) {
      const p = prefix.trim().toLowerCase();
      if (!p) return [];
      const totals = new Map<string, { n: number; starts: boolean }>();
      for (const a of articles.values())
        for (const person of a.analysis.briefing.people) {
          if (!personKeys(person.name, person.aliases).some((k) => k.startsWith(p))) continue;
          const t = totals.get(person.name) ?? { n: 0, starts: person.name.toLowerCase().startsWith(p) };
          t.n += person.mentions;
          totals.set(person.name, t);
        }
      return [...totals.entries()]
        .sort(
          (x, y) => Number(y[1].starts) - Number(x[1].starts) || y[1].n - x[1].n || x[0].localeCompare(y[0]),
        )
        .slice(0, limit)
        .map(([name]) => name);
    },
    async briefingsSince(since, limit = 500) {
      return [...articles.values()]
        .filter((a) => a.updatedAt >= since)
        .sort((x, y) => y.updatedAt.localeCompare(x.updatedAt) || y.id - x.id)
        .slice(0, limit)
        .map((a) => ({ ...ref(a), version: a.version, briefing: clone(a.analysis.briefing) }));
    },
    async recordDeliveryPending(t, now = new Date().toISOString()) {
      const existing = [...deliveries.values()].find(
        (d) =>
          d.platform === t.platform &&
          d.channelId === t.channelId &&
          d.articleId === t.articleId &&
          d.version === t.version,
      );
      if (existing) return { ...existing };
      if (!articles.has(Number(t.articleId)))
        throw new NewsbriefError('store', `No article ${t.articleId} to deliver.`);
      const d: Delivery = {
        id: String(nextId++),
        ...t,
        status: 'pending',
        messageId: null,
        threadId: null,
        error: null,
        attempts: 0,
        createdAt: now,
        updatedAt: now,
      };
      deliveries.set(Number(d.id), d);
      return { ...d };
    },
    async markDelivered(id, done, now = new Date().toISOString()) {
      const d = deliveries.get(Number(id));
      if (!d) return;
      Object.assign(d, { status: 'sent', ...done, error: null, attempts: d.attempts + 1, updatedAt: now });
    },
    async markFailed(id, error, now = new Date().toISOString()) {
      const d = deliveries.get(Number(id));
      if (!d) return;
      Object.assign(d, { status: 'failed', error, attempts: d.attempts + 1, updatedAt: now });
    },
    async pendingDeliveries(limit = 100) {
      return [...deliveries.values()]
        .filter((d) => d.status === 'pending')
        .slice(0, limit)
        .map((d) => ({ ...d }));
    },
    async deliveriesFor(channel) {
      return [...deliveries.values()]
        .filter((d) => d.platform === channel.platform && d.channelId === channel.channelId)
        .map((d) => ({ ...d }));
    },
    async lastDelivery(channel, articleId) {
      const found = [...deliveries.values()]
        .filter(
          (d) =>
            d.platform === channel.platform &&
            d.channelId === channel.channelId &&
            d.articleId === articleId &&
            d.status === 'sent',
        )
        .sort((x, y) => y.version - x.version || Number(y.id) - Number(x.id))[0];
      return found ? { ...found } : null;
    },
    async threadArticle(platform: PlatformName, channelId, threadId) {
      const found = [...deliveries.values()]
        .filter((d) => d.platform === platform && d.channelId === channelId && d.threadId === threadId)
        .sort((x, y) => Number(y.id) - Number(x.id))[0];
      return found ? { articleId: found.articleId } : null;
    },
    async lastRun(name) {
      return runs.get(name) ?? null;
    },
    async setLastRun(name, at) {
      runs.set(name, at);
    },
    async tryAcquireLease(name, holder, ttlMs, now = Date.now()) {
      const l = leases.get(name);
      if (l && l.holder !== holder && l.expires > now) return false;
      leases.set(name, { holder, expires: now + ttlMs });
      return true;
    },
    async releaseLease(name, holder) {
      if (leases.get(name)?.holder === holder) leases.delete(name);
    },
    async feedState(url) {
      const f = feeds.get(url);
      return f ? { ...f } : null;
    },
    async setFeedState(state) {
      feeds.set(state.url, { ...state });
    },
    async close() {},
  };
}
