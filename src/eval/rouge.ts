import { porterStem } from '../core/text/porter.js';

/**
 * ROUGE exactly as Google's `rouge_score` computes it (rouge_scorer.py), so that our numbers can be
 * set beside published ones. `rouge.test.ts` checks it against rouge_score's test vectors and against
 * golden scores for LEAD-3 on the CNN/DM dev articles.
 */

export interface RougeScore {
  precision: number;
  recall: number;
  fmeasure: number;
}

export type RougeType = 'rouge1' | 'rouge2' | 'rougeL' | 'rougeLsum';

export type RougeScores = Record<RougeType, RougeScore>;

export interface TokenizeOptions {
  useStemmer: boolean;
}

const ZERO: RougeScore = { precision: 0, recall: 0, fmeasure: 0 };

/**
 * rouge_score's DefaultTokenizer: lowercase, runs of anything but [a-z0-9] become separators, and with
 * the stemmer only tokens longer than 3 characters are stemmed (short words are left as they are).
 */
export function tokenize(text: string, { useStemmer }: TokenizeOptions): string[] {
  const tokens = text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  return useStemmer ? tokens.map((token) => (token.length > 3 ? porterStem(token) : token)) : tokens;
}

function fmeasure(precision: number, recall: number): number {
  return precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
}

function countNgrams(tokens: readonly string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let start = 0; start + n <= tokens.length; start++) {
    // A space cannot occur inside a token, so it separates the n-gram's words unambiguously.
    const ngram = tokens.slice(start, start + n).join(' ');
    counts.set(ngram, (counts.get(ngram) ?? 0) + 1);
  }
  return counts;
}

function sumValues(counts: ReadonlyMap<string, number>): number {
  let total = 0;
  for (const count of counts.values()) total += count;
  return total;
}

/** ROUGE-N: clipped n-gram overlap. */
export function rougeN(
  targetTokens: readonly string[],
  predictionTokens: readonly string[],
  n: number,
): RougeScore {
  const targetCounts = countNgrams(targetTokens, n);
  const predictionCounts = countNgrams(predictionTokens, n);
  let overlap = 0;
  for (const [ngram, targetCount] of targetCounts) {
    overlap += Math.min(targetCount, predictionCounts.get(ngram) ?? 0);
  }
  const precision = overlap / Math.max(sumValues(predictionCounts), 1);
  const recall = overlap / Math.max(sumValues(targetCounts), 1);
  return { precision, recall, fmeasure: fmeasure(precision, recall) };
}

/** The dynamic-programming table of longest-common-subsequence lengths (rows: reference). */
function lcsTable(reference: readonly string[], candidate: readonly string[]): Uint32Array[] {
  const table = Array.from({ length: reference.length + 1 }, () => new Uint32Array(candidate.length + 1));
  for (let i = 1; i <= reference.length; i++) {
    const row = table[i] as Uint32Array;
    const previousRow = table[i - 1] as Uint32Array;
    for (let j = 1; j <= candidate.length; j++) {
      row[j] =
        reference[i - 1] === candidate[j - 1]
          ? (previousRow[j - 1] as number) + 1
          : Math.max(previousRow[j] as number, row[j - 1] as number);
    }
  }
  return table;
}

/** ROUGE-L over the whole text as one sequence. */
export function rougeL(targetTokens: readonly string[], predictionTokens: readonly string[]): RougeScore {
  if (targetTokens.length === 0 || predictionTokens.length === 0) return { ...ZERO };
  const table = lcsTable(targetTokens, predictionTokens);
  const lcsLength = table[targetTokens.length]?.[predictionTokens.length] ?? 0;
  const precision = lcsLength / predictionTokens.length;
  const recall = lcsLength / targetTokens.length;
  return { precision, recall, fmeasure: fmeasure(precision, recall) };
}

/**
 * The reference positions of one LCS, found by rouge_score's backtracking; which LCS is chosen among
 * equals changes the union below, so the tie-breaking (prefer moving up a row) is kept exactly.
 */
function lcsReferenceIndices(reference: readonly string[], candidate: readonly string[]): number[] {
  const table = lcsTable(reference, candidate);
  const indices: number[] = [];
  let i = reference.length;
  let j = candidate.length;
  while (i > 0 && j > 0) {
    if (reference[i - 1] === candidate[j - 1]) {
      indices.push(i - 1);
      i--;
      j--;
    } else if ((table[i]?.[j - 1] ?? 0) > (table[i - 1]?.[j] ?? 0)) {
      j--;
    } else {
      i--;
    }
  }
  return indices.reverse();
}

function countTokens(sentences: readonly (readonly string[])[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const sentence of sentences) {
    for (const token of sentence) counts.set(token, (counts.get(token) ?? 0) + 1);
  }
  return counts;
}

/**
 * ROUGE-Lsum (summary-level LCS): for each reference sentence, the union of its LCS positions with
 * every candidate sentence; each hit uses up one occurrence of the token in both summaries.
 */
export function rougeLsum(
  targetSentences: readonly (readonly string[])[],
  predictionSentences: readonly (readonly string[])[],
): RougeScore {
  const referenceLength = targetSentences.reduce((sum, sentence) => sum + sentence.length, 0);
  const candidateLength = predictionSentences.reduce((sum, sentence) => sum + sentence.length, 0);
  if (referenceLength === 0 || candidateLength === 0) return { ...ZERO };

  const referenceCounts = countTokens(targetSentences);
  const candidateCounts = countTokens(predictionSentences);
  let hits = 0;
  for (const referenceSentence of targetSentences) {
    const union = new Set<number>();
    for (const candidateSentence of predictionSentences) {
      for (const index of lcsReferenceIndices(referenceSentence, candidateSentence)) union.add(index);
    }
    for (const index of [...union].sort((a, b) => a - b)) {
      const token = referenceSentence[index] as string;
      const inCandidate = candidateCounts.get(token) ?? 0;
      const inReference = referenceCounts.get(token) ?? 0;
      if (inCandidate > 0 && inReference > 0) {
        hits++;
        candidateCounts.set(token, inCandidate - 1);
        referenceCounts.set(token, inReference - 1);
      }
    }
  }
  const precision = hits / candidateLength;
  const recall = hits / referenceLength;
  return { precision, recall, fmeasure: fmeasure(precision, recall) };
}

/** rouge_score splits summaries for ROUGE-Lsum on newlines and drops empty lines. */
function summarySentences(text: string, options: TokenizeOptions): string[][] {
  return text
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => tokenize(line, options));
}

/** All four ROUGE scores of `prediction` against `target`, as `RougeScorer(...).score(target, prediction)`. */
export function scoreRouge(target: string, prediction: string, options: TokenizeOptions): RougeScores {
  const targetTokens = tokenize(target, options);
  const predictionTokens = tokenize(prediction, options);
  return {
    rouge1: rougeN(targetTokens, predictionTokens, 1),
    rouge2: rougeN(targetTokens, predictionTokens, 2),
    rougeL: rougeL(targetTokens, predictionTokens),
    rougeLsum: rougeLsum(summarySentences(target, options), summarySentences(prediction, options)),
  };
}
