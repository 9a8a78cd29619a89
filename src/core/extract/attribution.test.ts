import { describe, expect, it } from 'vitest';
import { condense } from '../condense/condense.js';
import type { Article } from '../types.js';
import { isQuotedHeading, isTitleCase, namesAWork } from './attribution.js';

const article = (text: string): Article => ({
  title: null,
  text,
  url: null,
  byline: null,
  publishedAt: null,
});

/** The speaker credited with the first quotation holding `words`. */
function speakerOf(text: string, words: string): string | null | undefined {
  return condense(article(text)).quotes.find((q) => q.text.includes(words))?.speaker;
}

describe('"he said" and "she said"', () => {
  it('go to the nearest person of that gender named just before, spoken or not', () => {
    const text = [
      '“The quay is safe,” said harbour master Olav Brandt on Tuesday.',
      'The ferry captain, Tomas Keller, arrived an hour later and inspected the ramp himself.',
      '“We will sail on Friday,” he said.',
    ].join('\n\n');
    // The last one quoted was Brandt; the man named just before "he" is Keller.
    expect(speakerOf(text, 'sail on Friday')).toBe('Tomas Keller');
  });

  it('prefer the first person named in the nearest sentence, its subject, to a later object', () => {
    const text = [
      'Councillor Peter Lund spoke to reporters at the town hall on Monday.',
      'Peter Lund thanked Mayor Karl Ostby for his help. He added that the budget was “a fair deal for everyone.”',
    ].join('\n\n');
    expect(speakerOf(text, 'fair deal')).toBe('Peter Lund');
  });

  it('go to the man named just before though no name list knows his gender', () => {
    const text = [
      'Donald Trump spoke in Ohio on Monday. "We will win," Mr. Trump said.',
      'The rally was organised by Tasos Georgelis, a local official. "We were pleased," he said.',
    ].join('\n\n');
    // Trump is known to be a man by "Mr."; Georgelis is named right before "he".
    expect(speakerOf(text, 'We were pleased')).toBe('Tasos Georgelis');
  });

  it('go to the namesake the pronoun fits when a surname alone is shared', () => {
    const text = [
      'The physicist Tomas Brekvik hired the programmer Ellen Brekvik in 1961.',
      'Another programmer, Anna Lund, joined the lab a year later.',
      'Brekvik recalls that only once did anyone list her as a co-author; she said she was “stunned” by it.',
    ].join('\n\n');
    expect(speakerOf(text, 'stunned')).toBe('Ellen Brekvik');
  });

  it('pass over a name used as the modifier of a noun ("the Obama administration")', () => {
    const text = [
      'Senator Piet Olsen, the Virginia Democrat, called the new bill “the worst piece of legislation.”',
      'In 2009, when Congress passed a stimulus backed by the Obama administration, he called it “a responsible mix.”',
    ].join('\n\n');
    expect(speakerOf(text, 'responsible mix')).toBe('Piet Olsen');
  });

  it('credit nobody rather than the pronoun when nobody of that gender is named', () => {
    const text = 'The storm closed the road for a day. “Nobody could get through,” she said.';
    expect(speakerOf(text, 'Nobody could')).toBeNull();
  });
});

describe('a surname that is also a place', () => {
  it('joins the person of that surname when it speaks', () => {
    const text = [
      'Ilse Hamilton wrote the programs for the weather model in 1960.',
      '“He loved that computer,” Hamilton said.',
    ].join('\n\n');
    expect(speakerOf(text, 'loved that computer')).toBe('Ilse Hamilton');
  });

  it('stays a place after a preposition of place', () => {
    const text = 'Ilse Hamilton moved to a lab in Hamilton. “It was cold,” she said.';
    expect(condense(article(text)).people.map((p) => p.mentions)).toEqual([1]);
  });
});

describe('a sayer named before a verb of saying in -ing', () => {
  it('credits a later quotation in the sentence to the one "calling" it so', () => {
    const text =
      'Ada Voss left the talks saying she was “very encouraged” and Piet Olsen calling them a “great meeting.”';
    expect(speakerOf(text, 'very encouraged')).toBe('Ada Voss');
    expect(speakerOf(text, 'great meeting')).toBe('Piet Olsen');
  });

  it('does not take the one spoken about, set off by a comma, for the sayer', () => {
    const text = 'At a town hall, Piet Olsen went after Ada Voss, calling her “a total stiff.”';
    expect(speakerOf(text, 'total stiff')).toBe('Piet Olsen');
  });
});

describe('a description owned by a person, after the quotation', () => {
  it('speaks in the article’s words, not its owner', () => {
    const text = [
      'Ilse Marden lost the primary, and Piet Olsen called on Tomas Keller to apologise on Monday.',
      '“My reaction, that was outrageous,” Marden’s former campaign strategist said in an interview.',
    ].join('\n\n');
    expect(speakerOf(text, 'My reaction')).toBe('Marden’s former campaign strategist');
  });
});

describe('an appositive naming the person again', () => {
  it('is the person before it, not a body', () => {
    const text =
      'Mr. Olsen, the Virginia Democrat, called the tax bill “the worst piece of legislation we have passed.”';
    expect(speakerOf(`Senator Piet Olsen spoke on Monday. ${text}`, 'worst piece')).toBe('Piet Olsen');
  });
});

describe('a short term in quotation marks inside a sentence that names nobody', () => {
  it('is the writer’s, not the last speaker’s', () => {
    const text = [
      '“The brain keeps a running count,” said Dr. Tomas Keller, who led the study.',
      'To test this, the scientists asked five people to perform a “direction discrimination” task.',
    ].join('\n\n');
    expect(speakerOf(text, 'direction discrimination')).toBeNull();
  });

  it('still goes on from the last speaker when it opens its sentence', () => {
    const text = [
      '“The brain keeps a running count,” said Dr. Tomas Keller, who led the study.',
      '“It was a surprise.”',
    ].join('\n\n');
    expect(speakerOf(text, 'a surprise')).toBe('Tomas Keller');
  });
});

describe('a name in quotation marks', () => {
  it('is nobody’s words when only a firm or a word is named around it', () => {
    const text = [
      'Quorvex released a new game this week.',
      'Spooky horror game “Until Dusk” was a breakout hit for the console last year.',
    ].join('\n\n');
    expect(speakerOf(text, 'Until Dusk')).toBeNull();
  });

  it('keeps the one who gives the name its use', () => {
    const text =
      'Twenty years ago, a Times article hailed Marden as “The Comeback Kid” for his business success.';
    expect(speakerOf(text, 'Comeback Kid')).toBe('a Times article');
  });
});

describe('names, places and descriptions around a quotation', () => {
  it('skip a place written "city, state" before the speaker', () => {
    const text = 'At a rally in Dover, Delaware, Senator Anna Voss called the plan “a disgrace.”';
    expect(speakerOf(text, 'a disgrace')).toBe('Anna Voss');
  });

  it('credit a description when no name is given ("an Irish official said")', () => {
    const text = 'The talks stalled on Monday. An Irish official said the offer was “not serious.”';
    expect(speakerOf(text, 'not serious')).toBe('An Irish official');
  });

  it('credit the person whose staff speaks for them', () => {
    const text = [
      'Governor Lena Marsh was abroad on Monday.',
      'In response to the report, Lena Marsh’s office said in a statement that the figures were “out of date.”',
    ].join('\n\n');
    expect(speakerOf(text, 'out of date')).toBe('Lena Marsh');
  });

  it('take the speaker from a dash credit line under a quotation standing alone', () => {
    const text = [
      'The candidates answered questions for two hours.',
      '“Every town deserves a railway station.”',
      '— Martin Ekdahl.',
      'The debate ended late.',
    ].join('\n\n');
    expect(speakerOf(text, 'railway station')).toBe('Martin Ekdahl');
  });

  it('find an attribution that closes a long sentence after the quotation', () => {
    const text =
      'The court found “no evidence of fraud,” although several of the ballots in the northern districts had arrived after the deadline set by the state, said Maria Olsen, the presiding judge.';
    expect(speakerOf(text, 'no evidence of fraud')).toBe('Maria Olsen');
  });

  it('read "said" before the title of the name after the quotation', () => {
    const text = [
      'Councillor Nina Berg chaired the meeting while Harald Moe took notes.',
      'Harald Moe is “not a natural speaker,” said Ms. Berg, but he writes well.',
    ].join('\n\n');
    expect(speakerOf(text, 'natural speaker')).toBe('Nina Berg');
  });

  it('reach back over a later quotation in the sentence to credit an earlier one', () => {
    const text =
      'The inspectors found “no structural damage,” apart from “a few loose tiles,” said Maria Olsen, the chief engineer.';
    expect(speakerOf(text, 'no structural damage')).toBe('Maria Olsen');
  });
});

describe('titles of works and quoted sub-headings', () => {
  it('stay quotes but are credited to nobody', () => {
    const text = [
      'Director Ruth Eklund said her new documentary “The Long Winter” took six years to make.',
      'She appeared on “Morning Talk” to discuss it, saying the film was “a labour of love.”',
    ].join('\n\n');
    const quotes = condense(article(text)).quotes;
    expect(quotes.find((q) => q.text === 'The Long Winter')?.speaker).toBeNull();
    expect(quotes.find((q) => q.text === 'Morning Talk')?.speaker).toBeNull();
    // The one who named the show goes on speaking in the same sentence.
    expect(quotes.find((q) => q.text.includes('labour of love'))?.speaker).toBe('Ruth Eklund');
  });

  it('still credit a title-case phrase that is someone’s words', () => {
    const text = 'Senator Anna Voss called the bill “A Total Disgrace” on Monday.';
    expect(speakerOf(text, 'Total Disgrace')).toBe('Anna Voss');
  });

  it('recognise title case and the signals of a work', () => {
    expect(isTitleCase('Tales from the Crypt')).toBe(true);
    expect(isTitleCase('a labour of love')).toBe(false);
    expect(isTitleCase('Go home. Now.')).toBe(false);
    const p = 'It aired as the series “Quiet Harbour” last year.';
    const open = p.indexOf('“');
    const close = p.indexOf('”') + 1;
    expect(namesAWork(p, open, close, 'Quiet Harbour')).toBe(true);
    const q = 'Voss called it “Quiet Harbour” last year.';
    expect(namesAWork(q, q.indexOf('“'), q.indexOf('”') + 1, 'Quiet Harbour')).toBe(false);
    expect(isQuotedHeading('“What Comes Next”', 'What Comes Next')).toBe(true);
    expect(isQuotedHeading('“We will win.”', 'We will win.')).toBe(false);
  });
});
