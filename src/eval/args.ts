import path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultEvalDataDir, repoRoot } from './data-dir.js';

/** The command line of `npm run eval -- [options]`. */

export interface EvalArgs {
  dataDir: string;
  seedArticle: string;
  /** At most this many articles from each dataset; undefined runs them all. */
  limit: number | undefined;
  points: number;
  out: string;
  dumpErrors: string | null;
  /** Only the pages row (page reading), for a quick run while working on it. */
  pagesOnly: boolean;
  dumpPeople: string | null;
  /** The ask questions (JSON Lines of {dataset, id, question, answer}). */
  askQuestions: string;
  help: boolean;
}

export const USAGE = `Usage: npm run eval -- [options]

Measures the briefing core on the shared evaluation data (read by path, never copied).

Options:
  --data DIR          evaluation data folder (default: $NEWSBRIEF_EVAL_DATA or ../shared/eval)
  --seed-article FILE the sample article (default: DIR/../seed/alaska-summit.txt)
  --limit N           only the first N articles of each dataset, for a quick run
  --points N          key points per CNN/DM article in the first row (default 3)
  --out FILE          JSON results (default eval-results/latest.json)
  --dump-errors FILE  write missed, wrong-speaker and spurious quotes as JSON Lines
  --pages-only        only the pages row (page reading against Readability's expected pages)
  --dump-people FILE  write missed and extra people and wrong roles (people-dev) as JSON Lines
  --ask-questions FILE questions for /ask (default src/eval/ask-questions.jsonl)
  -h, --help          show this help`;

export class UsageError extends Error {}

function positiveInteger(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1)
    throw new UsageError(`${flag} needs a positive whole number, got "${value}"`);
  return number;
}

export function parseEvalArgs(argv: readonly string[]): EvalArgs {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values } = parsed;
  const dataDir = values.data ?? defaultEvalDataDir();
  return {
    dataDir,
    seedArticle: values['seed-article'] ?? path.join(dataDir, '../seed/alaska-summit.txt'),
    limit: positiveInteger(values.limit, '--limit'),
    points: positiveInteger(values.points, '--points') ?? 3,
    out: values.out ?? 'eval-results/latest.json',
    dumpErrors: values['dump-errors'] ?? null,
    pagesOnly: values['pages-only'] ?? false,
    dumpPeople: values['dump-people'] ?? null,
    askQuestions: values['ask-questions'] ?? path.join(repoRoot, 'src/eval/ask-questions.jsonl'),
    help: values.help ?? false,
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    options: {
      data: { type: 'string' },
      'seed-article': { type: 'string' },
      limit: { type: 'string' },
      points: { type: 'string' },
      out: { type: 'string' },
      'dump-errors': { type: 'string' },
      'pages-only': { type: 'boolean' },
      'dump-people': { type: 'string' },
      'ask-questions': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
}
