import { expect, test } from 'vitest';
import { analyse } from '../core/index.js';
import { type AskQuestion, evaluateAsk, holdsAnswer } from './ask.js';

test('holdsAnswer compares normalised word tokens in a row', () => {
  expect(holdsAnswer('Jörg Düsterwald, 49, paints models.', 'Jorg Dusterwald')).toBe(true);
  expect(holdsAnswer('It cost £38,831 more.', '£38,831')).toBe(true);
  expect(holdsAnswer('Dusterwald Jorg paints.', 'Jorg Dusterwald')).toBe(false);
  expect(holdsAnswer('Anything at all.', '')).toBe(false);
});

const blank = { title: null, url: null, byline: null, publishedAt: null };
const ARTICLES = [
  {
    id: 'a',
    article: {
      ...blank,
      text: 'The lighthouse on Gull Point reopened on Saturday after a two-year repair.\nKeeper Ruth Amsel said 400 visitors came on the first day.',
    },
  },
  {
    id: 'b',
    article: {
      ...blank,
      text: 'The town library closed for good on Friday.\nLibrarian Owen Pratt said the building would become flats.',
    },
  },
];

test('evaluateAsk stores every article, asks each question and scores the first answers', async () => {
  const questions: AskQuestion[] = [
    { dataset: 'cnndm', id: 'a', question: 'How many visitors came to the lighthouse?', answer: '400' },
    { dataset: 'cnndm', id: 'b', question: 'What will the library building become?', answer: 'flats' },
    { dataset: 'cnndm', id: 'b', question: 'Who is the keeper of the lighthouse?', answer: 'Owen Pratt' },
    { dataset: 'cnndm', id: 'missing', question: 'Not asked: its article is not in the store', answer: 'x' },
  ];
  const r = await evaluateAsk(ARTICLES, questions, (a) => analyse(a));
  expect(r.articles).toBe(2);
  expect(r.questions).toBe(3);
  // The third question is written wrong on purpose (its answer is in the other article): a miss.
  expect(r.core.accuracyAt1).toBeCloseTo(2 / 3);
  expect(r.core.rightArticleAt1).toBeCloseTo(2 / 3);
  expect(r.misses.map((m) => m.question)).toEqual(['Who is the keeper of the lighthouse?']);
});
