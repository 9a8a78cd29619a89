/**
 * `ask(question)`: the best few sentences across articles. The store returns candidates ranked by BM25
 * (FTS5 bm25()); this re-ranks them with the question's entities (people it names), how many of the
 * question's words each sentence covers, and a little for sentences early in their article.
 */

import { contentTokens, searchTerms } from './bm25.js';
import { evidenceFor } from './evidence.js';
import { isFurniture } from './furniture.js';
import { nameTokens } from './names.js';
import { presentAnswer } from './present.js';
import { questionKind } from './question.js';
import type { SentenceRow } from './rows.js';

export interface AnswerLine {
  text: string;
  title: string | null;
  url: string | null;
}

export interface AskAnswer {
  question: string;
  answers: AnswerLine[];
}

/**
 * Candidates a store is asked for. More only adds sentences that share fewer of the question's words
 * (200 instead of 50 measured worse on the dev questions: docs/ASK.md).
 */
export const ASK_CANDIDATES = 50;

export interface AskOptions {
  limit?: number;
  /** The article a thread is about: its sentences answer first when they answer at all. */
  preferArticleId?: string | undefined;
}

/** Capitalised words of the question that are not its first word: likely names ("Putin", "NATO"). */
export function questionEntities(question: string): Set<string> {
  const out = new Set<string>();
  const words = question.match(/\p{Lu}[\p{L}'’-]+/gu) ?? [];
  const first = question.trim().split(/\s+/)[0] ?? '';
  for (const w of words) {
    if (
      w === first &&
      /^(what|who|when|where|why|how|did|does|do|is|are|was|were|which|has|have|can)$/i.test(w)
    )
      continue;
    for (const t of nameTokens(w)) out.add(t);
  }
  return out;
}

export interface ScoredSentence {
  row: SentenceRow;
  score: number;
}

/** How much each part of the evidence counts (measured on the dev questions: docs/ASK.md). */
export const WEIGHTS = {
  /** The store's BM25 of the sentence, relative to the best candidate's. */
  bm25: 0.2,
  /** The share of the question's words the sentence holds, each weighted by its rarity. */
  sentence: 0.25,
  /** The same share over every candidate sentence of the sentence's article. */
  article: 0.3,
  /** The people the question names are in the article's candidate sentences. */
  articleNames: 0.1,
  /** The sentence holds an answer of the question's kind that the question does not state. */
  kind: 0.2,
  /** The people the question names are in the sentence. */
  entity: 0.1,
  /** Early in its article. */
  early: 0.03,
};

/**
 * The rarity of each question word among the candidates. The candidates are what the store found for
 * the question's words, so a word in nearly all of them (a name every story shares) says little about
 * which one answers, and a word in a few ("puppy") says a lot.
 */
function termWeights(terms: readonly string[], words: readonly Set<string>[]): Map<string, number> {
  const n = words.length;
  const out = new Map<string, number>();
  for (const t of terms) {
    let df = 0;
    for (const w of words) if (w.has(t)) df++;
    out.set(t, Math.log(1 + (n + 1) / (df + 0.5)));
  }
  return out;
}

function share(
  terms: readonly string[],
  weight: ReadonlyMap<string, number>,
  has: (t: string) => boolean,
): number {
  let total = 0;
  let held = 0;
  for (const t of terms) {
    const w = weight.get(t) ?? 0;
    total += w;
    if (has(t)) held += w;
  }
  return total === 0 ? 0 : held / total;
}

/**
 * A headline in Title Case ("Republican Party Boosts Spending In Battleground States"): the story's own
 * or a related story's, run into the text. It repeats a story's words without the facts that answer.
 */
export function isHeadline(text: string): boolean {
  const words = text.split(/\s+/).filter((w) => /^[\p{L}‘’'“"(]/u.test(w));
  if (words.length < 4) return false;
  const capitalised = words.filter((w) => /^[‘’'“"(]?\p{Lu}/u.test(w)).length;
  return capitalised / words.length >= HEADLINE_CAPITALS;
}

/** Share of capitalised words above which a line is a headline (a sentence's names rarely reach it). */
const HEADLINE_CAPITALS = 0.75;

/** What a headline's score is multiplied by (0.9 to 0.5 measure the same on the dev questions). */
const HEADLINE_FACTOR = 0.85;

/** The share of the question's names a set of name tokens holds (1 when the question names nobody). */
function entityShare(entities: ReadonlySet<string>, names: ReadonlySet<string>): number {
  if (entities.size === 0) return 1;
  let hit = 0;
  for (const e of entities) if (names.has(e)) hit++;
  return hit / entities.size;
}

export function rankSentences(
  question: string,
  rows: readonly SentenceRow[],
  options: { preferArticleId?: string | undefined } = {},
): ScoredSentence[] {
  const usable = rows;
  const terms = searchTerms(question).map((t) => t.token);
  const entities = questionEntities(question);
  const evidenceOf = evidenceFor(questionKind(question), question);
  const words = usable.map((r) => contentTokens(r.text));
  const weight = termWeights(terms, words);
  const articleWords = new Map<string, Set<string>>();
  for (const [i, r] of usable.entries()) {
    const set = articleWords.get(r.articleId) ?? new Set<string>();
    for (const w of words[i] ?? []) set.add(w);
    articleWords.set(r.articleId, set);
  }
  const names = usable.map(
    (r) => new Set([...r.people.flatMap((p) => nameTokens(p)), ...nameTokens(r.text)]),
  );
  const articleNames = new Map<string, Set<string>>();
  for (const [i, r] of usable.entries()) {
    const set = articleNames.get(r.articleId) ?? new Set<string>();
    for (const w of names[i] ?? []) set.add(w);
    articleNames.set(r.articleId, set);
  }
  const bm = usable.map((r) => -(r.score ?? 0));
  const maxBm = Math.max(1e-9, ...bm);
  const byScore = (a: ScoredSentence, b: ScoredSentence) =>
    b.score - a.score || Number(a.row.articleId) - Number(b.row.articleId);
  // Everything but the answer-kind evidence, for every candidate.
  const partial = usable
    .map((row, i) => {
      const own = words[i] ?? new Set<string>();
      const sentence = share(terms, weight, (t) => own.has(t));
      const inArticle = articleWords.get(row.articleId) ?? own;
      // The article must hold the question's words and the people it names: a name every story shares
      // is in all of them and decides nothing, a name only one story has decides a lot.
      let article = share(terms, weight, (t) => inArticle.has(t));
      const articleEntity = entityShare(entities, articleNames.get(row.articleId) ?? new Set());
      // A question asked in a briefing's thread is about that article.
      if (options.preferArticleId !== undefined && row.articleId === options.preferArticleId) article += 1;
      const entity = entityShare(entities, names[i] ?? new Set());
      const early = 1 / (1 + row.index);
      const score =
        WEIGHTS.bm25 * ((bm[i] ?? 0) / maxBm) +
        WEIGHTS.sentence * sentence +
        WEIGHTS.article * article +
        WEIGHTS.articleNames * articleEntity +
        WEIGHTS.entity * entity +
        WEIGHTS.early * early;
      return { row, score };
    })
    .sort(byScore);
  // Reading a sentence for furniture and for an answer of the question's kind costs more than the
  // rest, and a candidate far down cannot climb to the first answers: only the best are read.
  const head = partial
    .slice(0, EVIDENCE_READS)
    .filter((s) => !isFurniture(s.row.text))
    .map(({ row, score }) => {
      const full = score + WEIGHTS.kind * evidenceOf(row.text, row.people);
      return { row, score: isHeadline(row.text) ? full * HEADLINE_FACTOR : full };
    })
    .sort(byScore);
  return [...head, ...partial.slice(EVIDENCE_READS)];
}

/** Candidates read for furniture and answer-kind evidence, best first by everything else. */
const EVIDENCE_READS = 15;

/** One answer with the row it came from (the evaluation checks the article). */
export interface RankedAnswer {
  row: SentenceRow;
  /** The text shown: the sentence as the answer presents it. */
  text: string;
}

/** The best `limit` answers, best first; identical sentences are given once. */
export function rankAnswers(
  question: string,
  rows: readonly SentenceRow[],
  options: AskOptions = {},
): RankedAnswer[] {
  const limit = options.limit ?? 3;
  const out: RankedAnswer[] = [];
  const seen = new Set<string>();
  for (const { row } of rankSentences(question, rows, options)) {
    if (isFurniture(row.text)) continue;
    const key = row.text.toLowerCase().replace(/\s+/g, ' ');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ row, text: presentAnswer(row.text, row.people) });
    if (out.length >= limit) break;
  }
  return out;
}

/** Answer a free-text question from candidate sentences. */
export function ask(question: string, rows: readonly SentenceRow[], options: AskOptions = {}): AskAnswer {
  const answers: AnswerLine[] = rankAnswers(question, rows, options).map(({ row, text }) => ({
    text,
    title: row.title,
    url: row.url,
  }));
  return { question, answers };
}
