#!/usr/bin/env node
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { analyse, condense } from '../core/index.js';
import { parseEvalArgs, USAGE, UsageError } from './args.js';
import { type AskQuestion, type EvalArticle, evaluateAsk } from './ask.js';
import { evaluatePolnear, type PolnearArticle } from './attribution.js';
import { type CnndmArticle, evaluateCnndm } from './highlights.js';
import { readJsonLines } from './jsonl.js';
import { createProgress } from './progress.js';
import { type EvalResults, formatReport } from './report.js';
import { type SeedGold, scoreSeed } from './seed.js';

/**
 * `npm run eval`: runs the core in-process over the shared evaluation data and reports key-point
 * ROUGE (CNN/DM), quote and speaker scores (PolNeAR) and the sample article's gold checks.
 * The report goes to stdout, progress to stderr, and the full results to a JSON file.
 */

/** Key points the sample article's key facts are written for. */
const SEED_POINTS = 6;

function requireFile(dataDir: string, name: string): string {
  const file = path.join(dataDir, name);
  if (!existsSync(file)) throw new UsageError(`${file} not found; point --data at the evaluation folder`);
  return file;
}

function writeFileMakingFolder(file: string, text: string): void {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  writeFileSync(file, text);
}

function evaluateSeed(seedArticle: string, dataDir: string): EvalResults['seed'] {
  const goldFile = path.join(dataDir, 'seed-gold.json');
  if (!existsSync(seedArticle) || !existsSync(goldFile))
    return { skipped: `${seedArticle} or ${goldFile} not found` };
  const gold = JSON.parse(readFileSync(goldFile, 'utf8')) as SeedGold;
  const text = readFileSync(seedArticle, 'utf8');
  const briefing = condense(
    { title: null, text, url: null, byline: null, publishedAt: null },
    { points: SEED_POINTS },
  );
  return scoreSeed(briefing, gold);
}

async function main(argv: readonly string[]): Promise<number> {
  const args = parseEvalArgs(argv);
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const cnndmArticles = readJsonLines<CnndmArticle>(requireFile(args.dataDir, 'cnndm-dev.jsonl'), args.limit);
  const polnearArticles = readJsonLines<PolnearArticle>(
    requireFile(args.dataDir, 'polnear-dev.jsonl'),
    args.limit,
  );
  const progress = createProgress();

  const cnndm = evaluateCnndm(cnndmArticles, condense, {
    choices: [{ kind: 'fixed', points: args.points }, { kind: 'highlights' }],
    onProgress: (done, total) => progress.update('CNN/DM', done, total),
  });
  // Quotes do not depend on the number of key points; the core's default is used.
  const polnear = evaluatePolnear(
    polnearArticles,
    (article) =>
      condense({ title: null, text: article.article, url: null, byline: null, publishedAt: null }, {}).quotes,
    (done, total) => progress.update('PolNeAR', done, total),
  );
  const seed = evaluateSeed(args.seedArticle, args.dataDir);
  const ask = existsSync(args.askQuestions)
    ? await evaluateAsk(
        askArticles(cnndmArticles, polnearArticles),
        readJsonLines<AskQuestion>(args.askQuestions),
        (article) => analyse(article),
        (done, total) => progress.update('ask', done, total),
      )
    : { skipped: `${args.askQuestions} not found` };
  progress.done();

  const results: EvalResults = {
    startedAt,
    wallSeconds: (performance.now() - started) / 1000,
    dataDir: args.dataDir,
    limit: args.limit ?? null,
    cnndm,
    polnear: polnear.result,
    seed,
    ask,
  };
  writeFileMakingFolder(args.out, `${JSON.stringify(results, null, 2)}\n`);
  if (args.dumpErrors !== null) {
    writeFileMakingFolder(
      args.dumpErrors,
      `${polnear.errors.map((error) => JSON.stringify(error)).join('\n')}\n`,
    );
  }
  process.stdout.write(`${formatReport(results)}\n`);
  process.stderr.write(
    `Results written to ${args.out}${args.dumpErrors ? `, quote errors to ${args.dumpErrors}` : ''}\n`,
  );
  return 0;
}

/** Every dev article as the app would ingest it: CNN/DM has no headline of its own, PolNeAR has one. */
function askArticles(cnndm: readonly CnndmArticle[], polnear: readonly PolnearArticle[]): EvalArticle[] {
  const blank = { byline: null, publishedAt: null };
  return [
    ...cnndm.map((a) => ({
      id: a.id,
      article: { ...blank, title: null, text: a.article, url: a.url ?? null },
    })),
    ...polnear.map((a) => ({ id: a.id, article: { ...blank, title: a.title, text: a.article, url: null } })),
  ];
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`newsbrief eval: ${error.message}\n${USAGE.split('\n')[0]}\n`);
    process.exitCode = 2;
  },
);
