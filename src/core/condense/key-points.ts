/**
 * Choosing key points: score each story sentence by position, centrality (how much of the article's
 * vocabulary it shares) and the salience of the people it names, then pick greedily while skipping
 * sentences that repeat what was already picked. Docs/EVALUATION.md records how each part was measured.
 */
import type { Doc, Sentence } from '../extract/document.js';
import { FUNCTION_WORDS } from '../extract/lexicon/index.js';

export interface RankOptions {
  points: number;
}

export interface RankedSentence {
  sentence: Sentence;
  score: number;
}

const MIN_WORDS = 6;
const MAX_WORDS = 70;
const REDUNDANCY_LIMIT = 0.5;

function contentWords(text: string): string[] {
  return (text.toLowerCase().match(/[a-z0-9]+(?:['’-][a-z0-9]+)*/g) ?? []).filter(
    (w) => !FUNCTION_WORDS.has(w) && w.length > 2,
  );
}

function termVector(words: string[]): Map<string, number> {
  const v = new Map<string, number>();
  for (const w of words) v.set(w, (v.get(w) ?? 0) + 1);
  return v;
}

function cosine(a: Map<string, number>, b: Map<string, number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [k, x] of a) {
    na += x * x;
    const y = b.get(k);
    if (y) dot += x * y;
  }
  for (const y of b.values()) nb += y * y;
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

/** Sentences that can be key points: story text of a readable length, not a bare quotation fragment. */
function isCandidate(doc: Doc, s: Sentence): boolean {
  const words = s.tokenEnd - s.tokenStart;
  if (words < MIN_WORDS || words > MAX_WORDS) return false;
  // A sentence wholly inside a quotation that continues from an earlier sentence reads badly alone.
  const first = doc.tokens[s.tokenStart];
  if (first?.inQuote && !/[“‘]/.test(first.pre)) return false;
  return true;
}

export function rankSentences(doc: Doc, salience: (s: Sentence) => number): RankedSentence[] {
  const docVector = termVector(doc.sentences.flatMap((s) => contentWords(s.text)));
  const total = doc.sentences.length;
  const ranked: RankedSentence[] = [];
  for (const s of doc.sentences) {
    if (!isCandidate(doc, s)) continue;
    const position = 1 / Math.sqrt(1 + s.index);
    const centrality = cosine(termVector(contentWords(s.text)), docVector);
    const score = position * 1.0 + centrality * 0.6 + salience(s) * 0.2 - (total > 0 ? 0 : 0);
    ranked.push({ sentence: s, score });
  }
  return ranked.sort((a, b) => b.score - a.score || a.sentence.index - b.sentence.index);
}

export function selectKeyPoints(ranked: RankedSentence[], options: RankOptions): Sentence[] {
  const chosen: { s: Sentence; v: Map<string, number> }[] = [];
  for (const r of ranked) {
    if (chosen.length >= options.points) break;
    const v = termVector(contentWords(r.sentence.text));
    if (chosen.some((c) => cosine(c.v, v) > REDUNDANCY_LIMIT)) continue;
    chosen.push({ s: r.sentence, v });
  }
  return chosen.map((c) => c.s).sort((a, b) => a.index - b.index);
}

/** Shorten a sentence for a chat line at a clause boundary, never mid-word. */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const clause = Math.max(
    cut.lastIndexOf(', '),
    cut.lastIndexOf(' – '),
    cut.lastIndexOf(' - '),
    cut.lastIndexOf('; '),
  );
  const at = clause > max * 0.5 ? clause : cut.lastIndexOf(' ');
  return `${cut.slice(0, at > 0 ? at : cut.length).replace(/[\s,;:–-]+$/, '')}…`;
}
