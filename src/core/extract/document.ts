/**
 * The analysed document: paragraphs, sentences and word tokens with their offsets, and which tokens sit
 * inside quotation marks. Every later step (names, roles, quotes, key points) reads this one structure.
 */
import { splitParagraph } from '../text/sentences.js';
import { findQuoteSpans, type QuoteSpan } from './quote-spans.js';

export interface Token {
  /** Position in `Doc.tokens`. */
  index: number;
  /** The word without surrounding punctuation or a possessive ’s. */
  word: string;
  lower: string;
  paragraph: number;
  sentence: number;
  /** Offsets of `word` within its paragraph. */
  start: number;
  end: number;
  /** Punctuation right before and right after the word. */
  pre: string;
  post: string;
  possessive: boolean;
  capitalized: boolean;
  /** First word of its sentence (ignoring opening quotes and brackets). */
  sentenceInitial: boolean;
  inQuote: boolean;
}

export interface Sentence {
  index: number;
  paragraph: number;
  text: string;
  start: number;
  end: number;
  /** Index of the first token and one past the last token of this sentence. */
  tokenStart: number;
  tokenEnd: number;
}

export interface Doc {
  paragraphs: string[];
  sentences: Sentence[];
  tokens: Token[];
  quotes: QuoteSpan[];
}

const WORD = /\S+/g;
const LEADING = /^[^\p{L}\p{N}]+/u;
const TRAILING = /[^\p{L}\p{N}]+$/u;

export function buildDoc(paragraphs: string[]): Doc {
  const quotes = findQuoteSpans(paragraphs);
  const quoted: Array<Array<[number, number]>> = paragraphs.map(() => []);
  for (const q of quotes) for (const s of q.segments) quoted[s.paragraph]?.push([s.start, s.end]);

  const sentences: Sentence[] = [];
  const tokens: Token[] = [];
  for (const [pIndex, paragraph] of paragraphs.entries()) {
    const ranges = quoted[pIndex] ?? [];
    for (const span of splitParagraph(paragraph)) {
      const sentence: Sentence = {
        index: sentences.length,
        paragraph: pIndex,
        text: span.text,
        start: span.start,
        end: span.end,
        tokenStart: tokens.length,
        tokenEnd: tokens.length,
      };
      const body = paragraph.slice(span.start, span.end);
      let first = true;
      WORD.lastIndex = 0;
      for (let m = WORD.exec(body); m !== null; m = WORD.exec(body)) {
        const raw = m[0];
        const pre = LEADING.exec(raw)?.[0] ?? '';
        if (pre.length === raw.length) continue;
        let post = TRAILING.exec(raw)?.[0] ?? '';
        let word = raw.slice(pre.length, raw.length - post.length);
        let possessive = false;
        const poss = /^(.+?)['’]s$/.exec(word) ?? /^(.+s)['’]$/.exec(raw.slice(pre.length));
        if (poss) {
          word = poss[1] as string;
          possessive = true;
          post = raw.slice(pre.length + word.length).replace(/^['’]s?/, '') || post;
        }
        const start = span.start + m.index + pre.length;
        const end = start + word.length;
        tokens.push({
          index: tokens.length,
          word,
          lower: word.toLowerCase(),
          paragraph: pIndex,
          sentence: sentence.index,
          start,
          end,
          pre,
          post,
          possessive,
          capitalized: /^\p{Lu}/u.test(word),
          sentenceInitial: first,
          inQuote: ranges.some(([a, b]) => start >= a && start < b),
        });
        first = false;
      }
      sentence.tokenEnd = tokens.length;
      sentences.push(sentence);
    }
  }
  return { paragraphs, sentences, tokens, quotes };
}
