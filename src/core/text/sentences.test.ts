import { describe, expect, it } from 'vitest';
import { splitParagraph } from './sentences.js';

const texts = (p: string) => splitParagraph(p).map((s) => s.text);

describe('splitParagraph', () => {
  it('splits Chinese and Japanese text at full-width stops, which no space follows', () => {
    expect(texts('港の橋が完成した。市長は「素晴らしい」と述べた！来月開通する？ Then English.')).toEqual([
      '港の橋が完成した。',
      '市長は「素晴らしい」と述べた！',
      '来月開通する？',
      'Then English.',
    ]);
  });

  it('keeps honorifics, initials, dotted acronyms before names and decimals inside sentences', () => {
    expect(
      texts('Mr. Smith met Dr. Jones at 3.5 p.m. in the U.S. Senate. J. K. Rowling was not there.'),
    ).toEqual(['Mr. Smith met Dr. Jones at 3.5 p.m. in the U.S. Senate.', 'J. K. Rowling was not there.']);
  });

  it('ends a sentence after "U.S." when a sentence opener follows, and keeps "No. 10" together', () => {
    expect(texts('The deal was struck in the U.S. The talks resumed at No. 10 on Monday.')).toEqual([
      'The deal was struck in the U.S.',
      'The talks resumed at No. 10 on Monday.',
    ]);
  });

  it('splits after a closing quote mark that follows the full stop', () => {
    expect(texts('She said: “We will win.” Then she left. “Why?” he asked.')).toEqual([
      'She said: “We will win.”',
      'Then she left.',
      '“Why?” he asked.',
    ]);
  });

  it('handles flattened feed text with no paragraph breaks', () => {
    const flat = Array.from({ length: 200 }, (_, i) => `Sentence number ${i} is here.`).join(' ');
    expect(texts(flat)).toHaveLength(200);
  });
});
