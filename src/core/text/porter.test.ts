import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evalDataFile } from '../../eval/data-dir.js';
import { porterStem } from './porter.js';

describe('porterStem on hand-picked words', () => {
  it.each([
    ['caresses', 'caress'],
    ['ponies', 'poni'],
    ['dies', 'die'],
    ['died', 'die'],
    ['spied', 'spi'],
    ['agreed', 'agre'],
    ['hopping', 'hop'],
    ['filing', 'file'],
    ['happy', 'happi'],
    ['enjoy', 'enjoy'],
    ['relational', 'relat'],
    ['generalization', 'gener'],
    ['controlling', 'control'],
    ['news', 'news'],
    ['skies', 'sky'],
    ['geology', 'geolog'],
    ['at', 'at'],
  ])('%s -> %s', (word, stem) => {
    expect(porterStem(word)).toBe(stem);
  });
});

const vocabFile = evalDataFile('rouge/nltk_porter_vocab.tsv');

describe.skipIf(vocabFile === null)(
  'porterStem against NLTK (skipped: no rouge/nltk_porter_vocab.tsv; set NEWSBRIEF_EVAL_DATA or place ../shared/eval beside the repo)',
  () => {
    it('reproduces every stem of nltk_porter_vocab.tsv', () => {
      const rows = readFileSync(vocabFile ?? '', 'utf8')
        .split('\n')
        .filter((line) => line !== '' && !line.startsWith('#'))
        .map((line) => line.split('\t') as [string, string]);
      expect(rows.length).toBe(18_415);
      const mismatches = rows
        .filter(([word, stem]) => porterStem(word) !== stem)
        .map(([word, stem]) => `${word}: expected ${stem}, got ${porterStem(word)}`);
      expect(mismatches.slice(0, 20)).toEqual([]);
    });
  },
);
