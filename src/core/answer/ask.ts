/**
 * `ask(question)`: the best few sentences across articles. The store returns candidates ranked by BM25
 * (FTS5 bm25()); this re-ranks them with the question's entities (people it names), how many of the
 * question's words each sentence covers, and a little for sentences early in their article.
 */

import { contentTokens, searchTerms } from './bm25.js';
import { nameTokens } from './names.js';
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

export interface AskOptions {
  limit?: number;
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

export function rankSentences(question: string, rows: readonly SentenceRow[]): ScoredSentence[] {
  const terms = searchTerms(question).map((t) => t.token);
  const entities = questionEntities(question);
  const bm = rows.map((r) => -(r.score ?? 0));
  const maxBm = Math.max(1e-9, ...bm);
  return rows
    .map((row, i) => {
      const words = contentTokens(row.text);
      const covered = terms.length === 0 ? 0 : terms.filter((t) => words.has(t)).length / terms.length;
      let entity = 0;
      if (entities.size > 0) {
        const peopleTokens = new Set(row.people.flatMap((p) => nameTokens(p)));
        const textTokens = new Set(nameTokens(row.text));
        let hit = 0;
        for (const e of entities) if (peopleTokens.has(e) || textTokens.has(e)) hit++;
        entity = hit / entities.size;
      }
      const early = 1 / (1 + row.index);
      const score = 0.45 * ((bm[i] ?? 0) / maxBm) + 0.3 * covered + 0.2 * entity + 0.05 * early;
      return { row, score };
    })
    .sort((a, b) => b.score - a.score || Number(a.row.articleId) - Number(b.row.articleId));
}

/** One answer with the row it came from (the evaluation checks the article). */
export interface RankedAnswer {
  row: SentenceRow;
  /** The text shown: the sentence as the answer presents it. */
  text: string;
}

/** The best `limit` answers, best first; identical sentences are given once. */
export function rankAnswers(question: string, rows: readonly SentenceRow[], limit = 3): RankedAnswer[] {
  const out: RankedAnswer[] = [];
  const seen = new Set<string>();
  for (const { row } of rankSentences(question, rows)) {
    const key = row.text.toLowerCase().replace(/\s+/g, ' ');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ row, text: row.text });
    if (out.length >= limit) break;
  }
  return out;
}

/** Answer a free-text question from candidate sentences. */
export function ask(question: string, rows: readonly SentenceRow[], options: AskOptions = {}): AskAnswer {
  const answers: AnswerLine[] = rankAnswers(question, rows, options.limit ?? 3).map(({ row, text }) => ({
    text,
    title: row.title,
    url: row.url,
  }));
  return { question, answers };
}
