import { describe, expect, it } from 'vitest';
import { buildDoc, type Sentence } from '../extract/document.js';
import {
  type RankedSentence,
  rankSentences,
  runOnBreaks,
  selectKeyPoints,
  shorten,
  storyText,
} from './key-points.js';

/** Each text's story text is the expected one. */
function expectStories(cases: [text: string, story: string][]): void {
  for (const [text, story] of cases) expect(storyText(text)).toBe(story);
}

describe('run-in captions', () => {
  it('cuts a caption that runs into the story without a full stop', () => {
    const text =
      'The mayor opened the new bridge on Monday The ceremony drew a crowd of about two hundred people.';
    expect(runOnBreaks(text)).toHaveLength(1);
    expect(storyText(text)).toBe('The ceremony drew a crowd of about two hundred people.');
  });

  it('cuts a caption followed by a long quotation', () => {
    const text =
      'The club will name its new coach on Friday ‘I would love the job and I have worked for it,’ she said.';
    expect(storyText(text)).toBe('‘I would love the job and I have worked for it,’ she said.');
  });

  it('cuts a caption that ends in a quoted title', () => {
    const text =
      'The band’s last tour is to become a film called ‘Road to Nowhere’ The tour took the band to forty cities in a year.';
    expect(storyText(text)).toBe('The tour took the band to forty cities in a year.');
  });

  it('leaves names, titles and short quoted phrases alone', () => {
    for (const text of [
      'Officers raided the restaurant The Golden Dragon on Main Street last week.',
      'She was called the ‘Queen of Chess’ by her many fans.',
      'He told The Evening Post that the plan would go ahead.',
    ]) {
      expect(runOnBreaks(text)).toEqual([]);
      expect(storyText(text)).toBe(text);
    }
  });

  it('drops a labelled photo caption, keeping the story that follows it', () => {
    expect(
      storyText(
        'Delighted: Ann Lee, 44, is shown, left, holding her prize marrow A local gardener has won the county show for a third year.',
      ),
    ).toBe('A local gardener has won the county show for a third year.');
    expect(storyText('Proud moment: Ann Lee, pictured, with her prize marrow at the county show.')).toBe('');
  });

  it('removes pointers to photos and cuts a caption that ends with one', () => {
    const opened = 'Council leader Ann Lee opened the new library on Monday.';
    const aside = 'The shelves hold 9,000 books (about twice as many as before).';
    expectStories([
      ['Council leader Ann Lee (pictured) opened the new library on Monday.', opened],
      ['Council leader Ann Lee, right, opened the new library on Monday.', opened],
      [
        'The library was built in 1904 (seen above) Lee said it would stay open late.',
        'Lee said it would stay open late.',
      ],
      [aside, aside],
    ]);
  });

  it('keeps a sentence that opens with a speaker and a colon', () => {
    const text = 'He said: The council has not yet decided what to do with the site.';
    expect(storyText(text)).toBe(text);
  });

  it('drops a dateline and "Scroll down for video"', () => {
    const blaze = 'Firefighters put out a blaze at the town hall on Tuesday.';
    expectStories([
      [`(The Valley Gazette)${blaze}`, blaze],
      [`Springfield (CNN)${blaze}`, blaze],
      [
        'Scroll down for video The council voted to close the library.',
        'The council voted to close the library.',
      ],
    ]);
  });
});

describe('remarks', () => {
  const doc = buildDoc([
    'You would think a quiet village fete could never make the news.',
    'Organisers in Little Hamden cancelled the annual fete on Saturday after a storm flattened the marquee.',
    'What will happen to all the prize vegetables now?',
    'The Little Hamden committee said the fete would return next summer with a stronger tent.',
    'Volunteers spent Sunday clearing broken poles and canvas from the green near the church.',
    '“You have all been wonderful,” the committee told volunteers in Little Hamden.',
    'Our village has seen nothing like it, and we will rebuild.',
    'Visitors from the US had booked a dozen stalls at the fete this year.',
    'Saving a fete is easier than you think The volunteers repaired two broken stalls before noon.',
  ]);
  const ranked = rankSentences(doc, () => 0);
  const remark = (index: number) => ranked.find((r) => r.sentence.index === index)?.remark;

  it('marks questions and the writer talking to the reader when no recurring name is named', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7].map(remark)).toEqual([
      true,
      false,
      true,
      false,
      false,
      false,
      true,
      false,
    ]);
  });

  it('reads only the story text, not a caption run into it', () => {
    expect(ranked.find((r) => r.sentence.index === 8)?.sentence.text).toMatch(/^The volunteers/);
    expect(remark(8)).toBe(false);
  });

  it('leaves remarks out of the lead points', () => {
    expect(selectKeyPoints(ranked, { points: 3 }).map((s) => s.index)).toEqual([1, 3, 4]);
  });
});

describe('shorten', () => {
  it('keeps short text and cuts long text at a clause boundary', () => {
    expect(shorten('A short line.', 50)).toBe('A short line.');
    const long = `The council met on Tuesday evening, and after a long debate it voted to close the library, ${'which many residents opposed '.repeat(3)}`;
    const short = shorten(long, 100);
    expect(short.length).toBeLessThanOrEqual(100);
    expect(short.endsWith('…')).toBe(true);
    expect(short).not.toMatch(/,…$/);
  });
});

describe('points beyond the lead', () => {
  const sentence = (index: number, text: string): Sentence => ({
    index,
    paragraph: index,
    text,
    start: 0,
    end: text.length,
    tokenStart: 0,
    tokenEnd: 0,
  });
  const ranked = (index: number, text: string, score: number, extra: Partial<RankedSentence> = {}) => ({
    sentence: sentence(index, text),
    score,
    coverage: score,
    anaphoric: false,
    names: 0,
    remark: false,
    ...extra,
  });
  const lead = [
    ranked(0, 'Alpha bravo charlie delta echo foxtrot.', 9),
    ranked(1, 'Golf hotel india juliet kilo lima.', 8),
    ranked(2, 'Mike november oscar papa quebec romeo.', 7),
  ];

  it('penalises a point that opens with "It/His/They" when the sentence before it is not chosen', () => {
    const dangling = ranked(6, 'It sierra tango uniform victor whiskey.', 1, { anaphoric: true });
    const plain = ranked(8, 'Xray yankee zulu amber bronze copper.', 0.9);
    expect(selectKeyPoints([...lead, dangling, plain], { points: 4 }).map((s) => s.index)).toEqual([
      0, 1, 2, 8,
    ]);
    const follows = ranked(3, 'It sierra tango uniform victor whiskey.', 1, { anaphoric: true });
    expect(selectKeyPoints([...lead, follows, plain], { points: 4 }).map((s) => s.index)).toEqual([
      0, 1, 2, 3,
    ]);
  });
});
