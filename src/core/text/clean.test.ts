import { describe, expect, it } from 'vitest';
import { cleanText } from './clean.js';
import { normalizeQuoteMarks } from './quote-marks.js';

describe('cleanText', () => {
  const raw = [
    'Ferry service to the islands will resume next week, the operator said on Tuesday.',
    '',
    'Picture:',
    'File pic: PA',
    'The harbour master, Ann Price, said repairs had finished early.',
    'Passengers wait at the pier on Monday. Pic: Reuters',
    'Repairs finish early',
    'The first sailing leaves at 7am on Monday.',
    'By Tom Hale',
  ].join('\n');

  it('sets aside captions, credits, sub-headings and bylines, keeping story paragraphs in order', () => {
    const clean = cleanText(raw, null);
    expect(clean.paragraphs).toEqual([
      'Ferry service to the islands will resume next week, the operator said on Tuesday.',
      'The harbour master, Ann Price, said repairs had finished early.',
      'The first sailing leaves at 7am on Monday.',
    ]);
    expect(clean.setAside.map((l) => l.kind)).toEqual(['caption', 'caption', 'caption', 'heading', 'byline']);
  });

  it('keeps short paragraphs ending in a full-width stop (Chinese, Japanese) as story text', () => {
    const clean = cleanText('港の橋が完成した。\n市長は開通を喜んだ。\n写真特集', null);
    expect(clean.paragraphs).toEqual(['港の橋が完成した。', '市長は開通を喜んだ。']);
  });

  it('takes a short unpunctuated first line as the headline when none is given', () => {
    expect(cleanText('Ferry returns to the islands\nThe ferry is back.', null).title).toBe(
      'Ferry returns to the islands',
    );
  });
});

describe('normalizeQuoteMarks', () => {
  it('turns straight double quotes into opening and closing marks', () => {
    expect(normalizeQuoteMarks('He said "yes," and "no".')).toBe('He said “yes,” and “no”.');
  });

  it('closes a straight mark followed by space even after a space', () => {
    expect(normalizeQuoteMarks(`"It is 'Operation Lark,' " she said`)).toBe(
      '“It is ‘Operation Lark,’ ” she said',
    );
  });

  it('keeps apostrophes as ’ and leaves curly marks alone', () => {
    expect(normalizeQuoteMarks("It's ‘done’, isn't it")).toBe('It’s ‘done’, isn’t it');
  });
});
