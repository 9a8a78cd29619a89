/**
 * The word tokens the quote and seed scores compare: lowercase runs of [a-z0-9] (ROUGE's tokens
 * without stemming), treated as multisets so a repeated word has to be matched as often as it occurs.
 */

export type TokenCounts = Map<string, number>;

export function wordTokens(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
}

export function countWordTokens(text: string): TokenCounts {
  const counts: TokenCounts = new Map();
  for (const token of wordTokens(text)) counts.set(token, (counts.get(token) ?? 0) + 1);
  return counts;
}

export function totalTokens(counts: TokenCounts): number {
  let total = 0;
  for (const count of counts.values()) total += count;
  return total;
}

/**
 * The share of `part`'s tokens that `whole` also holds, counting each token at most as often as
 * `whole` has it. 0 when `part` has no tokens, so an empty text never counts as contained.
 */
export function containedShare(part: TokenCounts, whole: TokenCounts): number {
  const partTotal = totalTokens(part);
  if (partTotal === 0) return 0;
  let shared = 0;
  for (const [token, count] of part) shared += Math.min(count, whole.get(token) ?? 0);
  return shared / partTotal;
}
