/**
 * `ask` on the dev articles: every CNN/DM and PolNeAR dev article goes into one store the way the app
 * ingests (analyse, store rows), each question's candidates come from the store's sentence search and
 * the core ranks them, exactly as the service does for the CLI, Slack and Discord. The questions
 * (ask-questions.jsonl) were written by reading the articles, each with the words that answer it.
 *
 * Scores: accuracy@1 (the first answer holds the answer span, compared on normalised word tokens),
 * accuracy@3 (one of the first three does), right-article@1 (the first answer comes from the
 * question's own article), for the core and for the store's plain BM25 order side by side.
 */
import { ASK_CANDIDATES, rankAnswers } from '../core/answer/ask.js';
import { type AnswerKind, questionKind } from '../core/answer/question.js';
import type { SentenceRow } from '../core/answer/rows.js';
import type { Analysis, Article } from '../core/types.js';
import { contentHash } from '../store/hash.js';
import { createSqliteStore } from '../store/index.js';

export interface AskQuestion {
  dataset: 'cnndm' | 'polnear';
  /** The article the question was written from. */
  id: string;
  question: string;
  /** The words of the article that answer it. */
  answer: string;
}

export interface EvalArticle {
  id: string;
  article: Article;
}

export interface AskScores {
  accuracyAt1: number;
  accuracyAt3: number;
  rightArticleAt1: number;
}

export interface AskMiss {
  id: string;
  question: string;
  answer: string;
  kind: AnswerKind;
  first: string | null;
  rightArticle: boolean;
  /** Whether any candidate the store returned holds the answer in the right article. */
  reachable: boolean;
}

export interface AskResult {
  articles: number;
  questions: number;
  /** Questions whose answer is in one of the store's candidates from the right article. */
  reachable: number;
  core: AskScores;
  bm25: AskScores;
  byKind: { kind: AnswerKind; questions: number; core: AskScores; bm25: AskScores }[];
  misses: AskMiss[];
}

/** Lower-case letter and digit runs, diacritics removed: "Jörg Düsterwald" = "jorg dusterwald". */
function answerTokens(text: string): string[] {
  return (
    text
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/** Does the text hold the answer span, its tokens in a row? */
export function holdsAnswer(text: string, answer: string): boolean {
  const need = answerTokens(answer);
  const have = answerTokens(text);
  if (need.length === 0) return false;
  for (let i = 0; i + need.length <= have.length; i++)
    if (need.every((t, j) => have[i + j] === t)) return true;
  return false;
}

interface Ranked {
  text: string;
  articleId: string;
}

interface Tally {
  at1: number;
  at3: number;
  article: number;
}

function score(ranked: Ranked[], q: AskQuestion, ids: ReadonlySet<string>, tally: Tally): boolean {
  const first = ranked[0];
  if (first && holdsAnswer(first.text, q.answer)) tally.at1++;
  if (ranked.slice(0, 3).some((r) => holdsAnswer(r.text, q.answer))) tally.at3++;
  const right = first !== undefined && ids.has(first.articleId);
  if (right) tally.article++;
  return right;
}

const rate = (t: Tally, n: number): AskScores => ({
  accuracyAt1: n === 0 ? 0 : t.at1 / n,
  accuracyAt3: n === 0 ? 0 : t.at3 / n,
  rightArticleAt1: n === 0 ? 0 : t.article / n,
});

const emptyTally = (): Tally => ({ at1: 0, at3: 0, article: 0 });

export async function evaluateAsk(
  articles: readonly EvalArticle[],
  questions: readonly AskQuestion[],
  analyse: (article: Article) => Analysis,
  onProgress?: (done: number, total: number) => void,
): Promise<AskResult> {
  const store = createSqliteStore(':memory:');
  try {
    // Eval id -> store article id (a repeated text is stored once, as the app does).
    const storeId = new Map<string, string>();
    for (const [i, { id, article }] of articles.entries()) {
      const analysis = analyse(article);
      const stored = { ...article, title: article.title ?? analysis.briefing.title };
      const r = await store.ingest({
        key: `eval:${id}`,
        article: stored,
        analysis,
        contentHash: contentHash(stored),
        now: '2026-01-01T00:00:00.000Z',
      });
      storeId.set(id, r.articleId);
      onProgress?.(i + 1, articles.length);
    }
    const asked = questions.filter((q) => storeId.has(q.id));
    const core = emptyTally();
    const bm25 = emptyTally();
    const kinds = new Map<AnswerKind, { n: number; core: Tally; bm25: Tally }>();
    const misses: AskMiss[] = [];
    let reachable = 0;
    for (const q of asked) {
      const ids = new Set([storeId.get(q.id) as string]);
      const rows: SentenceRow[] = await store.searchSentences(q.question, ASK_CANDIDATES);
      const ranked = rankAnswers(q.question, rows, { limit: 3 }).map((a) => ({
        text: a.text,
        articleId: a.row.articleId,
      }));
      const plain = rows.slice(0, 3).map((r) => ({ text: r.text, articleId: r.articleId }));
      const kind = questionKind(q.question);
      const k = kinds.get(kind) ?? { n: 0, core: emptyTally(), bm25: emptyTally() };
      kinds.set(kind, k);
      k.n++;
      const before = core.at1;
      const right = score(ranked, q, ids, core);
      score(ranked, q, ids, k.core);
      score(plain, q, ids, bm25);
      score(plain, q, ids, k.bm25);
      const canReach = rows.some((r) => ids.has(r.articleId) && holdsAnswer(r.text, q.answer));
      if (canReach) reachable++;
      if (core.at1 === before)
        misses.push({
          id: q.id,
          question: q.question,
          answer: q.answer,
          kind,
          first: ranked[0]?.text ?? null,
          rightArticle: right,
          reachable: canReach,
        });
    }
    return {
      articles: articles.length,
      questions: asked.length,
      reachable,
      core: rate(core, asked.length),
      bm25: rate(bm25, asked.length),
      byKind: [...kinds.entries()].map(([kind, k]) => ({
        kind,
        questions: k.n,
        core: rate(k.core, k.n),
        bm25: rate(k.bm25, k.n),
      })),
      misses,
    };
  } finally {
    await store.close();
  }
}
