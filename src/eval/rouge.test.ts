import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evalDataFile } from './data-dir.js';
import { type RougeScore, type RougeType, scoreRouge, tokenize } from './rouge.js';

const TOLERANCE = 1e-6;
const SKIP_REASON =
  'skipped: evaluation data not found; set NEWSBRIEF_EVAL_DATA or place ../shared/eval beside the repo';

function expectClose(actual: RougeScore, expected: RougeScore, label: string): void {
  for (const key of ['precision', 'recall', 'fmeasure'] as const) {
    expect(
      Math.abs(actual[key] - expected[key]),
      `${label} ${key}: ${actual[key]} vs ${expected[key]}`,
    ).toBeLessThan(TOLERANCE);
  }
}

describe('tokenize', () => {
  it('lowercases, splits on non-alphanumerics and stems only words longer than 3 characters', () => {
    expect(tokenize("The cats' running-shoes, 2024!", { useStemmer: true })).toEqual([
      'the',
      'cat',
      'run',
      'shoe',
      '2024',
    ]);
    expect(tokenize('Ties were tied', { useStemmer: true })).toEqual(['tie', 'were', 'tie']);
    expect(tokenize('Café – naïve', { useStemmer: false })).toEqual(['caf', 'na', 've']);
  });
});

describe('scoreRouge on small cases worked by hand', () => {
  it('scores unigram and bigram overlap with clipping', () => {
    const repeated = scoreRouge('the cat the cat', 'the the the', { useStemmer: false });
    expectClose(repeated.rouge1, { precision: 2 / 3, recall: 2 / 4, fmeasure: 4 / 7 }, 'rouge1');
    expectClose(repeated.rouge2, { precision: 0, recall: 0, fmeasure: 0 }, 'rouge2');
    const prefix = scoreRouge('the cat the cat', 'the cat the', { useStemmer: false });
    expectClose(prefix.rouge2, { precision: 1, recall: 2 / 3, fmeasure: 0.8 }, 'rouge2');
  });

  it('gives zero for an empty prediction', () => {
    const scores = scoreRouge('a b c', '', { useStemmer: false });
    for (const score of Object.values(scores)) expect(score.fmeasure).toBe(0);
  });
});

interface TestVector {
  name: string;
  target: string;
  prediction: string;
  use_stemmer: boolean;
  rouge_type: RougeType;
  expected: RougeScore;
  python_port_value: RougeScore;
}

const vectorsFile = evalDataFile('rouge/rouge_score_testvectors.json');

describe.skipIf(vectorsFile === null)(`rouge_score test vectors (${SKIP_REASON})`, () => {
  const cases = vectorsFile
    ? (JSON.parse(readFileSync(vectorsFile, 'utf8')) as { cases: TestVector[] }).cases
    : [];

  it('has the 15 cases', () => {
    expect(cases.length).toBe(15);
  });

  it.each(cases.map((testCase) => [testCase.name, testCase] as const))('%s', (_name, testCase) => {
    const scores = scoreRouge(testCase.target, testCase.prediction, { useStemmer: testCase.use_stemmer });
    const actual = scores[testCase.rouge_type];
    // The exact Python values to 1e-6; ROUGE-1.5.5's published values are rounded to 5 places.
    expectClose(actual, testCase.python_port_value, testCase.name);
    for (const key of ['precision', 'recall', 'fmeasure'] as const) {
      expect(Math.abs(actual[key] - testCase.expected[key])).toBeLessThan(5.1e-6);
    }
  });
});

interface GoldenLead3 {
  id: string;
  prediction: string;
  reference: string;
  stem: Record<RougeType, RougeScore>;
  nostem: Record<RougeType, RougeScore>;
}

const goldenFile = evalDataFile('rouge/golden_rouge_lead3-dev.jsonl');

describe.skipIf(goldenFile === null)(`golden LEAD-3 scores on cnndm-dev (${SKIP_REASON})`, () => {
  const rows = goldenFile
    ? readFileSync(goldenFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as GoldenLead3)
    : [];

  it('has 100 articles', () => {
    expect(rows.length).toBe(100);
  });

  for (const [variant, useStemmer] of [
    ['stem', true],
    ['nostem', false],
  ] as const) {
    it(`reproduces every ${variant} score to 1e-6`, () => {
      for (const row of rows) {
        const scores = scoreRouge(row.reference, row.prediction, { useStemmer });
        for (const type of ['rouge1', 'rouge2', 'rougeL', 'rougeLsum'] as const) {
          expectClose(scores[type], row[variant][type], `${row.id} ${variant} ${type}`);
        }
      }
    });
  }
});
