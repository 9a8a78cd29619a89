#!/usr/bin/env node
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { analyse, condense } from '../core/index.js';
import { extractHtml } from '../sources/html.js';
import { parseEvalArgs, USAGE, UsageError } from './args.js';
import { type AskQuestion, type EvalArticle, evaluateAsk } from './ask.js';
import { evaluatePolnear, type PolnearArticle } from './attribution.js';
import { evaluateFeeds } from './feeds.js';
import { evaluateFeedsEndToEnd } from './feeds-e2e.js';
import { type CnndmArticle, evaluateCnndm } from './highlights.js';
import { readJsonLines } from './jsonl.js';
import { evaluatePages, loadPages } from './pages.js';
import { evaluatePeople, type PeopleGoldArticle } from './people.js';
import { createProgress } from './progress.js';
import { type EvalResults, formatReport } from './report.js';
import { type SeedGold, type SeedResult, scoreSeed } from './seed.js';

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

function evaluateSeed(seedArticle: string, dataDir: string): SeedResult | { skipped: string } {
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

/**
 * People and roles on people-dev.jsonl: each gold article's text is the CNN/DM or PolNeAR article with
 * the same id (read in full, whatever --limit says, since the gold names only 60 of them).
 */
function evaluatePeopleDev(
  dataDir: string,
  limit: number | undefined,
  onProgress: (done: number, total: number) => void,
): ReturnType<typeof evaluatePeople> | null {
  const goldFile = path.join(dataDir, 'people-dev.jsonl');
  if (!existsSync(goldFile)) return null;
  const gold = readJsonLines<PeopleGoldArticle>(goldFile, limit);
  const texts = new Map<string, string>();
  for (const name of ['cnndm-dev.jsonl', 'polnear-dev.jsonl'])
    for (const a of readJsonLines<{ id: string; article: string }>(requireFile(dataDir, name)))
      texts.set(a.id, a.article);
  return evaluatePeople(
    gold,
    (id) => {
      const text = texts.get(id);
      if (text === undefined) throw new Error(`no article with id ${id}`);
      return condense({ title: null, text, url: null, byline: null, publishedAt: null }, {}).people;
    },
    onProgress,
  );
}

async function main(argv: readonly string[]): Promise<number> {
  const args = parseEvalArgs(argv);
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const progress = createProgress();
  const pagesDir = path.join(args.dataDir, 'pages');
  const pageCases = loadPages(pagesDir);
  const pages =
    pageCases.length === 0
      ? { skipped: `${pagesDir} has no pages` }
      : evaluatePages(
          pageCases,
          extractHtml,
          (article) => condense(article, {}),
          (done, total) => progress.update('pages', done, total),
        );
  const results: EvalResults = {
    startedAt,
    wallSeconds: 0,
    dataDir: args.dataDir,
    limit: args.limit ?? null,
    pages,
  };
  if (!args.pagesOnly) {
    const cnndmArticles = readJsonLines<CnndmArticle>(
      requireFile(args.dataDir, 'cnndm-dev.jsonl'),
      args.limit,
    );
    const polnearArticles = readJsonLines<PolnearArticle>(
      requireFile(args.dataDir, 'polnear-dev.jsonl'),
      args.limit,
    );
    results.cnndm = evaluateCnndm(cnndmArticles, condense, {
      choices: [{ kind: 'fixed', points: args.points }, { kind: 'highlights' }],
      onProgress: (done, total) => progress.update('CNN/DM', done, total),
    });
    // Quotes do not depend on the number of key points; the core's default is used.
    const polnear = evaluatePolnear(
      polnearArticles,
      (article) =>
        condense({ title: null, text: article.article, url: null, byline: null, publishedAt: null }, {})
          .quotes,
      (done, total) => progress.update('PolNeAR', done, total),
    );
    results.polnear = polnear.result;
    const people = evaluatePeopleDev(args.dataDir, args.limit, (done, total) =>
      progress.update('people', done, total),
    );
    results.people = people?.result ?? {
      skipped: `${path.join(args.dataDir, 'people-dev.jsonl')} not found`,
    };
    if (args.dumpPeople !== null)
      writeFileMakingFolder(
        args.dumpPeople,
        `${(people?.errors ?? []).map((error) => JSON.stringify(error)).join('\n')}\n`,
      );
    results.seed = evaluateSeed(args.seedArticle, args.dataDir);
    results.ask = existsSync(args.askQuestions)
      ? await evaluateAsk(
          askArticles(cnndmArticles, polnearArticles),
          readJsonLines<AskQuestion>(args.askQuestions),
          (article) => analyse(article),
          (done, total) => progress.update('ask', done, total),
        )
      : { skipped: `${args.askQuestions} not found` };
    const feedsDir = path.join(args.dataDir, 'feeds');
    results.feeds = existsSync(feedsDir) ? evaluateFeeds(feedsDir) : { skipped: `${feedsDir} not found` };
    // End to end (a local server, every page failing) takes ~25 s: full runs only.
    results.feedsEndToEnd = !existsSync(feedsDir)
      ? { skipped: `${feedsDir} not found` }
      : args.limit !== undefined
        ? { skipped: 'not run with --limit' }
        : await evaluateFeedsEndToEnd(feedsDir);
    if (args.dumpErrors !== null) {
      writeFileMakingFolder(
        args.dumpErrors,
        `${polnear.errors.map((error) => JSON.stringify(error)).join('\n')}\n`,
      );
    }
  }
  progress.done();
  results.wallSeconds = (performance.now() - started) / 1000;
  writeFileMakingFolder(args.out, `${JSON.stringify(results, null, 2)}\n`);
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

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError) {
    process.stderr.write(`newsbrief eval: ${error.message}\n${USAGE.split('\n')[0]}\n`);
    process.exitCode = 2;
  } else {
    throw error;
  }
}
