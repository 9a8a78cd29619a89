import { describe, expect, it } from 'vitest';
import { answerEvidence } from './evidence.js';
import { isFurniture } from './furniture.js';
import { presentAnswer } from './present.js';
import { resolveLeadingPronouns } from './pronouns.js';
import { questionKind } from './question.js';

describe('questionKind reads the kind of answer from the question’s form', () => {
  it.each([
    ['Who won the race?', 'person'],
    ['To whom did she send the letter?', 'person'],
    ['What is the name of the new coach?', 'person'],
    ['What is the name of the ship?', 'thing'],
    ['How many people were hurt?', 'number'],
    ['How much did the house cost?', 'number'],
    ['How old is the mayor?', 'number'],
    ['When did the bridge open?', 'date'],
    ['In which year was the law passed?', 'date'],
    ['Where was the concert held?', 'place'],
    ['Which country did he flee to?', 'place'],
    ['Which senator wrote the bill?', 'person'],
    ['Why did the talks fail?', 'reason'],
    ['What did the court decide?', 'thing'],
  ])('%s -> %s', (question, kind) => {
    expect(questionKind(question)).toBe(kind);
  });
});

describe('answerEvidence wants an answer the question does not already give', () => {
  it('a who-question: a person other than the ones asked about', () => {
    const q = 'Who is Anna Berg’s lawyer?';
    expect(answerEvidence('person', q, 'Berg hired Tom Klee last year.', ['Anna Berg', 'Tom Klee'])).toBe(1);
    expect(answerEvidence('person', q, 'Anna Berg has a long record.', ['Anna Berg'])).toBe(0);
  });
  it('a how-old question: an age, not any number', () => {
    const q = 'How old is Berg?';
    expect(answerEvidence('number', q, 'Berg, 52, denies it.', [])).toBe(1);
    expect(answerEvidence('number', q, 'Berg paid 300 dollars.', [])).toBeLessThan(1);
  });
  it('a when-question: a date; a where-question: a known place', () => {
    expect(answerEvidence('date', 'When did the fair open?', 'The fair opened in May 2019.', [])).toBe(1);
    expect(answerEvidence('date', 'When did the fair open?', 'The fair opened to crowds.', [])).toBe(0);
    expect(answerEvidence('place', 'Where did the fair open?', 'The fair opened in Kenya.', [])).toBe(1);
  });
});

describe('isFurniture', () => {
  it.each([
    'CNN’s Jack Doe contributed to this story.',
    'E-mail to a friend',
    'Dana Smith in Pasadena, California, in March.',
    'Follow him on Twitter: @somebody.',
  ])('%s is not an answer', (text) => expect(isFurniture(text)).toBe(true));
  it.each([
    'Dana Smith spoke in Pasadena in March.',
    'But in small towns, the vote went the other way.',
    'Scroll down for video The council voted to close the library, which opened in 1921.',
  ])('%s is story text', (text) => expect(isFurniture(text)).toBe(false));
});

describe('pronouns and full names', () => {
  it('a sentence opening with he/she lists the person the sentence before names first', () => {
    const out = resolveLeadingPronouns([
      { text: 'Maria Lopez beat Peter Hall in the final.', people: ['Maria Lopez', 'Peter Hall'] },
      { text: 'She is the first woman to win it.', people: [] },
      { text: 'He said he would be back.', people: [] },
    ]);
    expect(out[1]?.people).toEqual(['Maria Lopez']);
    // "He" passes over a woman's given name to the man the same sentence names.
    expect(out[2]?.people).toEqual(['Peter Hall']);
  });
  it('the answer names the referent and gives a surname its first name, in brackets', () => {
    expect(presentAnswer('She is the first woman to win it.', ['Maria Lopez'])).toBe(
      'She [Maria Lopez] is the first woman to win it.',
    );
    expect(presentAnswer('Lopez, 29, lives in Madrid.', ['Maria Lopez'])).toBe(
      '[Maria] Lopez, 29, lives in Madrid.',
    );
    expect(presentAnswer('Maria Lopez lives in Madrid.', ['Maria Lopez'])).toBe(
      'Maria Lopez lives in Madrid.',
    );
  });
});
