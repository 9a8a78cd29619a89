import type { Quote } from '../core/index.js';
import { lastNameWord, nameHasWord } from './names.js';
import { articleWordsOf, speakerHasCapitalisedName } from './speaker-name.js';
import { containedShare, countWordTokens, type TokenCounts, totalTokens } from './word-tokens.js';

/**
 * Quote and speaker scores on PolNeAR (polnear-dev.jsonl), as shared/eval/README.md defines them:
 * - every `quoted_segments` entry is a gold quote, credited to its record's `speaker`;
 * - a gold quote is found when one extracted quote holds at least 80% of its word tokens;
 * - an extracted quote is correct when at least 50% of its word tokens lie inside one gold record's
 *   quoted segments (taken together);
 * - speaker accuracy counts the found gold quotes whose speaker span holds a capitalised name, and an
 *   extracted speaker is right when its last name is a word of the gold span or `speaker_resolved_auto`.
 * Counts are summed over articles (micro-averaged).
 */

export interface PolnearRecord {
  speaker: string | null;
  speaker_resolved_auto: string | null;
  quoted_segments: string[];
  /** Character offsets (in code points) of the speaker span; null when the record has none. */
  speaker_spans: [number, number][] | null;
  /** Character offsets of the attributed content, which holds the quoted segments. */
  content_spans?: [number, number][] | null;
}

export interface PolnearArticle {
  id: string;
  title: string | null;
  article: string;
  quotes: PolnearRecord[];
}

export const FOUND_SHARE = 0.8;
export const CORRECT_SHARE = 0.5;

export interface QuoteCounts {
  goldQuotes: number;
  goldFound: number;
  extractedQuotes: number;
  extractedCorrect: number;
  /** Found gold quotes whose speaker span holds a capitalised name. */
  namedSpeakerQuotes: number;
  speakerRight: number;
  /** Gold segments with no word tokens (e.g. a lone dash): they cannot be matched and are left out. */
  goldWithoutWords: number;
}

export type QuoteError =
  | { kind: 'missed'; id: string; gold: string; goldSpeaker: string | null; context: string }
  | {
      kind: 'wrong-speaker';
      id: string;
      gold: string;
      goldSpeaker: string | null;
      resolvedSpeaker: string | null;
      extracted: string;
      extractedSpeaker: string | null;
      context: string;
    }
  | { kind: 'spurious'; id: string; extracted: string; extractedSpeaker: string | null; context: string };

export interface ArticleQuoteScore {
  counts: QuoteCounts;
  errors: QuoteError[];
}

export function emptyQuoteCounts(): QuoteCounts {
  return {
    goldQuotes: 0,
    goldFound: 0,
    extractedQuotes: 0,
    extractedCorrect: 0,
    namedSpeakerQuotes: 0,
    speakerRight: 0,
    goldWithoutWords: 0,
  };
}

export function addQuoteCounts(total: QuoteCounts, more: QuoteCounts): void {
  for (const key of Object.keys(total) as (keyof QuoteCounts)[]) total[key] += more[key];
}

/** Up to 300 characters of the article around a gold quote, so an error can be read without the file. */
function contextOf(articleText: string, segment: string): string {
  const start = articleText.indexOf(segment.slice(0, 60));
  if (start < 0) return '';
  return articleText.slice(Math.max(0, start - 150), start + Math.min(segment.length, 150) + 150);
}

export function isSpeakerRight(extractedSpeaker: string | null, record: PolnearRecord): boolean {
  const surname = extractedSpeaker === null ? null : lastNameWord(extractedSpeaker);
  if (surname === null) return false;
  return nameHasWord(record.speaker, surname) || nameHasWord(record.speaker_resolved_auto, surname);
}

interface ExtractedTokens {
  quote: Quote;
  tokens: TokenCounts;
  /** Where the quote's words start in the article, or null when they cannot be found verbatim. */
  at: number | null;
}

/**
 * The extracted quote holding the largest share (at least 80%) of the gold quote's tokens. When the
 * same words are quoted twice ("Miss Piggy" in two paragraphs, a headline repeating a quotation), the
 * copies cover the gold quote equally, and the one nearest the gold quote's own place in the article is
 * the extraction of it; without this the first copy would be scored against every later one's speaker.
 */
function bestCoveringQuote(
  gold: TokenCounts,
  goldAt: number | null,
  extracted: readonly ExtractedTokens[],
): ExtractedTokens | null {
  let best: ExtractedTokens | null = null;
  let bestShare = 0;
  const distance = (candidate: ExtractedTokens) =>
    goldAt === null || candidate.at === null ? Number.POSITIVE_INFINITY : Math.abs(candidate.at - goldAt);
  for (const candidate of extracted) {
    const share = containedShare(gold, candidate.tokens);
    if (share < FOUND_SHARE) continue;
    if (share > bestShare || (best !== null && share === bestShare && distance(candidate) < distance(best))) {
      best = candidate;
      bestShare = share;
    }
  }
  return best;
}

/** The first words of a quote, enough to find it in the article (a joined multi-paragraph quote differs later). */
const LOCATING_PREFIX = 40;

/**
 * Where each extracted quote starts in the article. The core returns quotes in reading order, so each
 * is looked for after the previous one, then anywhere; null when its words are not in the text verbatim.
 */
function locateQuotes(articleText: string, quotes: readonly Quote[]): (number | null)[] {
  let cursor = 0;
  return quotes.map((quote) => {
    const prefix = quote.text.slice(0, LOCATING_PREFIX);
    if (prefix.trim() === '') return null;
    let at = articleText.indexOf(prefix, cursor);
    if (at < 0) at = articleText.indexOf(prefix);
    if (at < 0) return null;
    cursor = at + 1;
    return at;
  });
}

/** Where a gold segment is in the article: its occurrence nearest the start of its record's content. */
function locateSegment(articleText: string, record: PolnearRecord, segment: string): number | null {
  const contentStart = record.content_spans?.[0]?.[0];
  if (contentStart === undefined) return null;
  let nearest: number | null = null;
  for (let at = articleText.indexOf(segment); at >= 0; at = articleText.indexOf(segment, at + 1))
    if (nearest === null || Math.abs(at - contentStart) < Math.abs(nearest - contentStart)) nearest = at;
  return nearest ?? contentStart;
}

export function scoreArticleQuotes(article: PolnearArticle, quotes: readonly Quote[]): ArticleQuoteScore {
  const counts = emptyQuoteCounts();
  const errors: QuoteError[] = [];
  const places = locateQuotes(article.article, quotes);
  const extracted = quotes.map((quote, i) => ({
    quote,
    tokens: countWordTokens(quote.text),
    at: places[i] ?? null,
  }));
  const articleWords = articleWordsOf(article.article);

  for (const record of article.quotes) {
    for (const segment of record.quoted_segments) {
      const gold = countWordTokens(segment);
      if (totalTokens(gold) === 0) {
        counts.goldWithoutWords++;
        continue;
      }
      counts.goldQuotes++;
      const match = bestCoveringQuote(gold, locateSegment(article.article, record, segment), extracted);
      if (match === null) {
        errors.push({
          kind: 'missed',
          id: article.id,
          gold: segment,
          goldSpeaker: record.speaker,
          context: contextOf(article.article, segment),
        });
        continue;
      }
      counts.goldFound++;
      const speakerStart = record.speaker_spans?.[0]?.[0] ?? null;
      if (!speakerHasCapitalisedName(record.speaker, speakerStart, articleWords)) continue;
      counts.namedSpeakerQuotes++;
      if (isSpeakerRight(match.quote.speaker, record)) {
        counts.speakerRight++;
      } else {
        errors.push({
          kind: 'wrong-speaker',
          id: article.id,
          gold: segment,
          goldSpeaker: record.speaker,
          resolvedSpeaker: record.speaker_resolved_auto,
          extracted: match.quote.text,
          extractedSpeaker: match.quote.speaker,
          context: contextOf(article.article, segment),
        });
      }
    }
  }

  const recordTokens = article.quotes.map((record) => countWordTokens(record.quoted_segments.join(' ')));
  for (const { quote, tokens } of extracted) {
    counts.extractedQuotes++;
    // An extracted quote without word tokens cannot lie inside any record, so it counts as wrong.
    if (recordTokens.some((record) => containedShare(tokens, record) >= CORRECT_SHARE)) {
      counts.extractedCorrect++;
    } else {
      errors.push({
        kind: 'spurious',
        id: article.id,
        extracted: quote.text,
        extractedSpeaker: quote.speaker,
        context: contextOf(article.article, quote.text),
      });
    }
  }
  return { counts, errors };
}

export interface QuoteMetrics {
  precision: number;
  recall: number;
  f1: number;
  speakerAccuracy: number;
}

const ratio = (part: number, whole: number): number => (whole === 0 ? 0 : part / whole);

export function quoteMetrics(counts: QuoteCounts): QuoteMetrics {
  const precision = ratio(counts.extractedCorrect, counts.extractedQuotes);
  const recall = ratio(counts.goldFound, counts.goldQuotes);
  return {
    precision,
    recall,
    f1: ratio(2 * precision * recall, precision + recall),
    speakerAccuracy: ratio(counts.speakerRight, counts.namedSpeakerQuotes),
  };
}

/**
 * The README's reference point: every double-quoted span, credited to nobody. It shows what finding
 * quotes alone is worth, so a speaker-less extractor cannot pass for a good one.
 */
export function doubleQuotedSpans(text: string): Quote[] {
  const spans = text.match(/“[^“”]*”|"[^"]*"/g) ?? [];
  return spans.map((span) => ({ text: span.slice(1, -1), speaker: null, speakerRole: null }));
}

/**
 * The core's quotes without those inside doubled-apostrophe marks (''I am going to be the nominee,'' he
 * said). The dev file keeps only records whose content holds `"`, so it has 101 gold segments for the
 * 1,918 such quotations in its NYT articles and counts the rest as spurious; this diagnostic row shows
 * the score on the quotations the file does annotate. It is not the headline number.
 */
export function outsideDoubledApostrophes(text: string, quotes: readonly Quote[]): Quote[] {
  const spans = (text.match(/''(?:[^']|'(?!'))+''/g) ?? []).map((span) => wordKey(span));
  return quotes.filter((q) => {
    const key = wordKey(q.text);
    return key === '' || !spans.some((span) => span.includes(key));
  });
}

const wordKey = (text: string) => ` ${(text.toLowerCase().match(/[a-z0-9]+/g) ?? []).join(' ')} `;

export interface PolnearResult {
  articles: number;
  core: QuoteCounts & QuoteMetrics;
  /** Diagnostic: the core without quotations in ''…'' marks, which the dev file leaves unannotated. */
  coreOutsideDoubledApostrophes: QuoteCounts & QuoteMetrics;
  /** Every double-quoted span, no speakers: the README's reference point (F1 0.935 on dev). */
  doubleQuotedBaseline: QuoteCounts & QuoteMetrics;
  failures: { id: string; error: string }[];
}

export type ExtractQuotes = (article: PolnearArticle) => readonly Quote[];

export function evaluatePolnear(
  articles: readonly PolnearArticle[],
  extractQuotes: ExtractQuotes,
  onProgress?: (done: number, total: number) => void,
): { result: PolnearResult; errors: QuoteError[] } {
  const core = emptyQuoteCounts();
  const outside = emptyQuoteCounts();
  const baseline = emptyQuoteCounts();
  const errors: QuoteError[] = [];
  const failures: PolnearResult['failures'] = [];
  articles.forEach((article, index) => {
    let quotes: readonly Quote[] = [];
    try {
      quotes = extractQuotes(article);
    } catch (error) {
      failures.push({ id: article.id, error: String(error) });
    }
    const scored = scoreArticleQuotes(article, quotes);
    addQuoteCounts(core, scored.counts);
    errors.push(...scored.errors);
    addQuoteCounts(
      outside,
      scoreArticleQuotes(article, outsideDoubledApostrophes(article.article, quotes)).counts,
    );
    addQuoteCounts(baseline, scoreArticleQuotes(article, doubleQuotedSpans(article.article)).counts);
    onProgress?.(index + 1, articles.length);
  });
  return {
    result: {
      articles: articles.length,
      core: { ...core, ...quoteMetrics(core) },
      coreOutsideDoubledApostrophes: { ...outside, ...quoteMetrics(outside) },
      doubleQuotedBaseline: { ...baseline, ...quoteMetrics(baseline) },
      failures,
    },
    errors,
  };
}
