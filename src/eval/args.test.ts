import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEvalArgs, UsageError } from './args.js';
import { repoRoot } from './data-dir.js';

describe('parseEvalArgs', () => {
  it('fills in the defaults', () => {
    const args = parseEvalArgs(['--data', 'some/dir']);
    expect(args).toEqual({
      dataDir: 'some/dir',
      seedArticle: path.join('some/dir', '../seed/alaska-summit.txt'),
      limit: undefined,
      points: 3,
      out: 'eval-results/latest.json',
      dumpErrors: null,
      pagesOnly: false,
      dumpPeople: null,
      askQuestions: path.join(repoRoot, 'src/eval/ask-questions.jsonl'),
      help: false,
    });
  });

  it('reads every option', () => {
    const args = parseEvalArgs([
      '--limit',
      '10',
      '--points',
      '4',
      '--out',
      'x.json',
      '--dump-errors',
      'e.jsonl',
      '--dump-people',
      'p.jsonl',
      '--ask-questions',
      'q.jsonl',
    ]);
    expect(args).toMatchObject({
      limit: 10,
      points: 4,
      out: 'x.json',
      dumpErrors: 'e.jsonl',
      dumpPeople: 'p.jsonl',
      askQuestions: 'q.jsonl',
    });
  });

  it.each([[['--limit', '0']], [['--points', 'three']], [['--unknown']], [['stray']]])(
    'rejects %j as a usage error',
    (argv) => {
      expect(() => parseEvalArgs(argv)).toThrow(UsageError);
    },
  );
});
