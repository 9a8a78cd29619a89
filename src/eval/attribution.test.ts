import { describe, expect, it } from 'vitest';
import type { Quote } from '../core/index.js';
import {
  doubleQuotedSpans,
  emptyQuoteCounts,
  evaluatePolnear,
  isSpeakerRight,
  outsideDoubledApostrophes,
  type PolnearArticle,
  quoteMetrics,
  scoreArticleQuotes,
} from './attribution.js';

const text =
  'Senator Jane Doe spoke on Monday. “We will win this state by a mile,” Doe said. ' +
  'He added: “No doubt.” The rally ended late.';

const article: PolnearArticle = {
  id: 'fixture',
  title: null,
  article: text,
  quotes: [
    {
      speaker: 'Doe',
      speaker_resolved_auto: 'Jane Doe',
      quoted_segments: ['We will win this state by a mile,'],
      speaker_spans: [[text.indexOf('Doe said'), text.indexOf('Doe said') + 3]],
    },
    {
      speaker: 'He',
      speaker_resolved_auto: 'Jane Doe',
      quoted_segments: ['No doubt.'],
      speaker_spans: [[text.indexOf('He added'), text.indexOf('He added') + 2]],
    },
  ],
};

const quote = (quoteText: string, speaker: string | null): Quote => ({
  text: quoteText,
  speaker,
  speakerRole: null,
});

describe('scoreArticleQuotes', () => {
  it('finds gold quotes at 80% token coverage and credits named speakers by last name', () => {
    const { counts, errors } = scoreArticleQuotes(article, [
      quote('we will win this', 'Jane Doe'),
      quote('No doubt', 'Jane Doe'),
      quote('The rally ended late', null),
    ]);
    // "we will win this" holds 4 of the gold quote's 8 tokens (50% < 80%): missed, yet it is correct,
    // since all its own tokens lie inside that record's quoted segment.
    expect(counts.goldQuotes).toBe(2);
    expect(counts.goldFound).toBe(1);
    expect(counts.extractedQuotes).toBe(3);
    expect(counts.extractedCorrect).toBe(2);
    // The found quote's gold speaker is "He", not a name, so no speaker is scored.
    expect(counts.namedSpeakerQuotes).toBe(0);
    expect(errors.map((error) => error.kind)).toEqual(['missed', 'spurious']);
  });

  it('counts a wrong speaker on a found quote with a named gold speaker', () => {
    const { counts, errors } = scoreArticleQuotes(article, [
      quote('We will win this state by a mile', 'John Smith'),
      quote('No doubt', 'Doe'),
    ]);
    expect(counts).toMatchObject({
      goldFound: 2,
      namedSpeakerQuotes: 1,
      speakerRight: 0,
      extractedCorrect: 2,
    });
    expect(errors).toEqual([
      expect.objectContaining({ kind: 'wrong-speaker', extractedSpeaker: 'John Smith', goldSpeaker: 'Doe' }),
    ]);
  });

  it('scores a quotation repeated in the article by the copy at the gold quote’s own place', () => {
    const twice =
      'Ann Lee spoke first. Trump called her “a loser” on Monday. ' +
      'Later Bob Ray said he agreed. Lee said she was called “a loser” twice.';
    const second = twice.lastIndexOf('“a loser”') + 1;
    const repeated: PolnearArticle = {
      id: 'repeated',
      title: null,
      article: twice,
      quotes: [
        {
          speaker: 'Lee',
          speaker_resolved_auto: null,
          quoted_segments: ['a loser'],
          speaker_spans: [[twice.indexOf('Lee said'), twice.indexOf('Lee said') + 3]],
          content_spans: [[twice.indexOf('she was called'), second + 8]],
        },
      ],
    };
    const { counts } = scoreArticleQuotes(repeated, [quote('a loser', 'Trump'), quote('a loser', 'Ann Lee')]);
    expect(counts.namedSpeakerQuotes).toBe(1);
    expect(counts.speakerRight).toBe(1);
  });

  it('leaves gold segments without word tokens out', () => {
    const dashOnly: PolnearArticle = {
      ...article,
      quotes: [{ speaker: 'Doe', speaker_resolved_auto: null, quoted_segments: ['—'], speaker_spans: null }],
    };
    expect(scoreArticleQuotes(dashOnly, []).counts).toMatchObject({ goldQuotes: 0, goldWithoutWords: 1 });
  });
});

describe('isSpeakerRight', () => {
  const record = {
    speaker: 'he',
    speaker_resolved_auto: 'Hillary Clinton',
    quoted_segments: [],
    speaker_spans: null,
  };
  it('accepts the last name found in speaker_resolved_auto, ignoring honorifics and possessives', () => {
    expect(isSpeakerRight('Mrs. Clinton', record)).toBe(true);
    expect(isSpeakerRight('Bill Clinton’s', record)).toBe(true);
    expect(isSpeakerRight('Donald Trump', record)).toBe(false);
    expect(isSpeakerRight(null, record)).toBe(false);
  });

  it('takes the last name before a generational suffix', () => {
    const biden = { ...record, speaker: 'Biden', speaker_resolved_auto: null };
    expect(isSpeakerRight('Joseph R. Biden Jr.', biden)).toBe(true);
    expect(isSpeakerRight('Jr.', biden)).toBe(false);
  });

  it('reads a typographic and a straight apostrophe in a name as the same letter', () => {
    const omalley = { ...record, speaker: "Martin O'Malley", speaker_resolved_auto: null };
    expect(isSpeakerRight('Martin O’Malley', omalley)).toBe(true);
    expect(isSpeakerRight('O’Malley’s', omalley)).toBe(true);
    expect(isSpeakerRight('Malley', omalley)).toBe(false);
  });
});

describe('quoteMetrics and the double-quote baseline', () => {
  it('micro-averages over articles', () => {
    const { result } = evaluatePolnear([article, article], (fixture) => doubleQuotedSpans(fixture.article));
    expect(result.core).toMatchObject({
      goldQuotes: 4,
      goldFound: 4,
      extractedQuotes: 4,
      extractedCorrect: 4,
    });
    expect(result.core.f1).toBe(1);
    expect(result.core.speakerAccuracy).toBe(0);
    expect(result.doubleQuotedBaseline.f1).toBe(1);
  });

  it('gives zeros rather than NaN when nothing was extracted', () => {
    expect(quoteMetrics(emptyQuoteCounts())).toEqual({ precision: 0, recall: 0, f1: 0, speakerAccuracy: 0 });
  });

  it("leaves out only the quotes inside ''…'' marks for the diagnostic row", () => {
    const text = "''We will win,'' he said. Later she said “the vote was close” and ''nothing more.''";
    const quotes = ['We will win,', 'the vote was close', 'nothing more.'].map((q) => ({
      text: q,
      speaker: null,
      speakerRole: null,
    }));
    expect(outsideDoubledApostrophes(text, quotes).map((q) => q.text)).toEqual(['the vote was close']);
  });

  it('takes curly and straight double-quoted spans', () => {
    expect(doubleQuotedSpans('He said “yes” and "no".').map((span) => span.text)).toEqual(['yes', 'no']);
  });
});
