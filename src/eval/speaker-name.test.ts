import { describe, expect, it } from 'vitest';
import { articleWordsOf, speakerHasCapitalisedName } from './speaker-name.js';

const text = 'Officials met. “It went well,” Officials said. The officials left. “Fine,” said Mr. Obama.';
const words = articleWordsOf(text);

describe('speakerHasCapitalisedName', () => {
  it.each([
    ['Trump', true],
    ['Mr. Obama', true],
    ['The New York Times', true],
    ['Rep. Jim Jordan (R-Ohio)', true],
    ['he', false],
    ['She', false],
    ['the statement', false],
    ['The president', false],
    ['The Republican nominee', false],
    [null, false],
  ])('%s -> %s', (speaker, expected) => {
    expect(speakerHasCapitalisedName(speaker, null, words)).toBe(expected);
  });

  it('treats a sentence-initial word the article also writes in lower case as a common noun', () => {
    const start = text.indexOf('Officials said');
    expect(speakerHasCapitalisedName('Officials', start, words)).toBe(false);
  });

  it('keeps a mid-sentence capitalised word as a name even if the article has it in lower case', () => {
    const mixed = articleWordsOf('The will was read. Critics, said Will, were wrong.');
    expect(speakerHasCapitalisedName('Will', 'The will was read. Critics, said '.length, mixed)).toBe(true);
  });

  it('counts offsets in code points, as PolNeAR does', () => {
    // Counted in UTF-16 units the span would start one character early and not look sentence-initial.
    const withEmoji = '😀 Crowds met. Officials said so; officials left.';
    const start = Array.from(withEmoji).indexOf('O');
    expect(speakerHasCapitalisedName('Officials', start, articleWordsOf(withEmoji))).toBe(false);
  });
});
