#!/usr/bin/env node
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { condense } from '../core/index.js';
import { parseEvalArgs, USAGE, UsageError } from './args.js';
import { evaluatePolnear, type PolnearArticle } from './attribution.js';
import { type CnndmArticle, evaluateCnndm } from './highlights.js';
import { readJsonLines } from './jsonl.js';
import { evaluatePeople, type PeopleGoldArticle } from './people.js';
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

function main(argv: readonly string[]): number {
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
  const people = evaluatePeopleDev(args.dataDir, args.limit, (done, total) =>
    progress.update('people', done, total),
  );
  const seed = evaluateSeed(args.seedArticle, args.dataDir);
  progress.done();

  const results: EvalResults = {
    startedAt,
    wallSeconds: (performance.now() - started) / 1000,
    dataDir: args.dataDir,
    limit: args.limit ?? null,
    cnndm,
    polnear: polnear.result,
    people: people?.result ?? { skipped: `${path.join(args.dataDir, 'people-dev.jsonl')} not found` },
    seed,
  };
  writeFileMakingFolder(args.out, `${JSON.stringify(results, null, 2)}\n`);
  if (args.dumpErrors !== null) {
    writeFileMakingFolder(
      args.dumpErrors,
      `${polnear.errors.map((error) => JSON.stringify(error)).join('\n')}\n`,
    );
  }
  if (args.dumpPeople !== null) {
    writeFileMakingFolder(
      args.dumpPeople,
      `${(people?.errors ?? []).map((error) => JSON.stringify(error)).join('\n')}\n`,
    );
  }
  process.stdout.write(`${formatReport(results)}\n`);
  process.stderr.write(
    `Results written to ${args.out}${args.dumpErrors ? `, quote errors to ${args.dumpErrors}` : ''}${
      args.dumpPeople ? `, people errors to ${args.dumpPeople}` : ''
    }\n`,
  );
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError) {
    process.stderr.write(`newsbrief eval: ${error.message}\n${USAGE.split('\n')[0]}\n`);
    process.exitCode = 2;
  } else {
    throw error;
  }
}
