import type { Article, Briefing, CondenseOptions } from '../core/index.js';
import { type DifferenceInterval, pairedBootstrap } from './bootstrap.js';
import { scoreRouge } from './rouge.js';

/**
 * Key points against CNN/DailyMail's human highlights (cnndm-dev.jsonl), with LEAD-3 scored in the
 * same run: ROUGE-1, ROUGE-2 and ROUGE-Lsum F1 x 100 (stemmed), averaged over the articles.
 */

export interface CnndmArticle {
  id: string;
  /** Where the article was published (the ask evaluation stores it as the article's link). */
  url?: string;
  article: string;
  article_lines: string[];
  /** The highlights, one per line. */
  reference: string;
}

export type Condense = (article: Article, options: CondenseOptions) => Briefing;

export const ROUGE_METRICS = ['rouge1', 'rouge2', 'rougeLsum'] as const;
export type RougeMetric = (typeof ROUGE_METRICS)[number];
export type MetricScores = Record<RougeMetric, number>;

export interface CnndmRow {
  /** "3" for a fixed number of key points, "highlights" for as many as the article has highlights. */
  points: string;
  core: MetricScores;
  lead: MetricScores;
  /** Paired bootstrap of core − lead per metric, in F1 x 100 points. */
  difference: Record<RougeMetric, DifferenceInterval>;
}

export interface CnndmArticleScore {
  id: string;
  core: MetricScores;
  lead: MetricScores;
}

export interface CnndmResult {
  articles: number;
  /** Articles the core threw on; they score as an empty prediction. */
  failures: { id: string; error: string }[];
  rows: CnndmRow[];
  /** Per-article scores of the first row, so two runs can be compared article by article. */
  perArticle: CnndmArticleScore[];
}

export type PointsChoice = { kind: 'fixed'; points: number } | { kind: 'highlights' };

export function highlightCount(article: CnndmArticle): number {
  return article.reference.split('\n').filter((line) => line.trim() !== '').length;
}

/** The first `count` sentences of the article, one per line: the LEAD baseline. */
export function leadPrediction(article: CnndmArticle, count: number): string {
  return article.article_lines.slice(0, count).join('\n');
}

function f1Times100(reference: string, prediction: string): MetricScores {
  const scores = scoreRouge(reference, prediction, { useStemmer: true });
  return {
    rouge1: scores.rouge1.fmeasure * 100,
    rouge2: scores.rouge2.fmeasure * 100,
    rougeLsum: scores.rougeLsum.fmeasure * 100,
  };
}

function meanScores(scores: readonly MetricScores[]): MetricScores {
  const mean = (metric: RougeMetric) =>
    scores.reduce((sum, score) => sum + score[metric], 0) / Math.max(scores.length, 1);
  return { rouge1: mean('rouge1'), rouge2: mean('rouge2'), rougeLsum: mean('rougeLsum') };
}

function asArticle(article: CnndmArticle): Article {
  // The dataset gives only the body text; the core sees what a source without metadata would give it.
  return { title: null, text: article.article, url: null, byline: null, publishedAt: null };
}

export interface CnndmOptions {
  choices: readonly PointsChoice[];
  onProgress?: (done: number, total: number) => void;
}

export function evaluateCnndm(
  articles: readonly CnndmArticle[],
  condense: Condense,
  options: CnndmOptions,
): CnndmResult {
  const failures: CnndmResult['failures'] = [];
  const perChoice = options.choices.map(() => [] as CnndmArticleScore[]);
  const total = articles.length * options.choices.length;
  let done = 0;

  for (const article of articles) {
    options.choices.forEach((choice, choiceIndex) => {
      const points = choice.kind === 'fixed' ? choice.points : highlightCount(article);
      let prediction = '';
      try {
        prediction = condense(asArticle(article), { points })
          .keyPoints.map((point) => point.text)
          .join('\n');
      } catch (error) {
        if (choiceIndex === 0) failures.push({ id: article.id, error: String(error) });
      }
      perChoice[choiceIndex]?.push({
        id: article.id,
        core: f1Times100(article.reference, prediction),
        lead: f1Times100(article.reference, leadPrediction(article, points)),
      });
      options.onProgress?.(++done, total);
    });
  }

  const rows = options.choices.map((choice, choiceIndex): CnndmRow => {
    const scores = perChoice[choiceIndex] ?? [];
    const interval = (metric: RougeMetric) =>
      pairedBootstrap(
        scores.map((score) => score.core[metric]),
        scores.map((score) => score.lead[metric]),
      );
    return {
      points: choice.kind === 'fixed' ? String(choice.points) : 'highlights',
      core: meanScores(scores.map((score) => score.core)),
      lead: meanScores(scores.map((score) => score.lead)),
      difference: {
        rouge1: interval('rouge1'),
        rouge2: interval('rouge2'),
        rougeLsum: interval('rougeLsum'),
      },
    };
  });
  return { articles: articles.length, failures, rows, perArticle: perChoice[0] ?? [] };
}
