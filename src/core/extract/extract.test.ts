import { describe, expect, it } from 'vitest';
import { condense } from '../condense/condense.js';
import type { Article } from '../types.js';

const article = (text: string): Article => ({
  title: null,
  text,
  url: null,
  byline: null,
  publishedAt: null,
});

// A story written for these tests: British single quotes, a quote running over two paragraphs, a
// pronoun speaker, an institution speaking, a description standing for a named person, a partial quote.
const STORY = [
  'Norwegian Prime Minister Jonas Gahr Store has agreed to a new fisheries pact, according to EU trade commissioner Maros Sefcovic.',
  'Mr Sefcovic said the Norwegian leader accepted the quota plan when he met Irish premier Micheal Martin in Oslo on Friday.',
  'Speaking to the BBC on Sunday, Mr Sefcovic said: ‘We have a deal that protects the boats of both sides.',
  '‘It took a year of talks, but it was worth it.’',
  'He later called the pact “historic”.',
  '“The government will review the text carefully,” a statement from Downing Street said.',
  'Ms Ingrid Dahl, the harbour chief, was sceptical. “Quotas never last,” she said.',
  'Photo: AP',
].join('\n');

describe('people, quotes and roles on a written story', () => {
  const b = condense(article(STORY));
  const person = (last: string) => b.people.find((p) => p.name.endsWith(last));

  it('lists each person once under the fullest name, with aliases and the stated role', () => {
    expect(person('Sefcovic')).toMatchObject({ name: 'Maros Sefcovic' });
    expect(person('Sefcovic')?.role).toContain('commissioner');
    expect(person('Sefcovic')?.aliases).toEqual(expect.arrayContaining(['Mr Sefcovic', 'Sefcovic']));
    expect(person('Store')?.aliases).toContain('the Norwegian leader');
    expect(person('Martin')?.role).toBe('Irish premier');
    expect(person('Dahl')?.role).toBe('harbour chief');
    expect(b.people.map((p) => p.name)).not.toContain('AP');
  });

  it('joins a quote that runs over two paragraphs and credits it to the speaker named before it', () => {
    const joined = b.quotes.find((q) => q.text.startsWith('We have a deal'));
    expect(joined?.text).toContain('worth it');
    expect(joined?.speaker).toBe('Maros Sefcovic');
  });

  it('resolves a pronoun speaker, credits an institution and a partial quote', () => {
    expect(b.quotes.find((q) => q.text === 'historic')?.speaker).toBe('Maros Sefcovic');
    expect(b.quotes.find((q) => q.text.startsWith('The government'))?.speaker).toBe('Downing Street');
    expect(b.quotes.find((q) => q.text.startsWith('Quotas never last'))?.speaker).toBe('Ingrid Dahl');
  });

  it('finds organisations and places', () => {
    expect(b.places.map((p) => p.name)).toContain('Oslo');
    expect(b.organizations.map((o) => o.name)).toEqual(expect.arrayContaining(['BBC', 'Downing Street']));
  });

  it('never uses a caption as a key point', () => {
    expect(b.keyPoints.map((k) => k.text).join(' ')).not.toContain('Photo');
  });
});

describe('surname particles', () => {
  it('keeps capitalised particles inside the name rather than reading them as titles', () => {
    const b = condense(
      article(
        'Italian foreign minister Luigi Di Maio met Ursula von der Leyen in Rome. Mr Di Maio said talks went well.',
      ),
    );
    expect(b.people.map((p) => p.name)).toEqual(
      expect.arrayContaining(['Luigi Di Maio', 'Ursula von der Leyen']),
    );
    expect(b.people.find((p) => p.name === 'Luigi Di Maio')?.aliases).toContain('Mr Di Maio');
  });
});

describe('attribution grammar beyond the adjacent name', () => {
  const b = condense(
    article(
      [
        'Mayor Alice Grant backed the plan on Monday, hours after councillor Tom Reyes said he was “deeply worried” by its cost.',
        '“We will not raise taxes,” Grant told the Harbour Gazette.',
        'Councillor Tom Reyes said the vote would be close.',
        '“I have counted the votes twice and it is still a coin toss.”',
      ].join('\n'),
    ),
  );
  const speakerOf = (start: string) => b.quotes.find((q) => q.text.startsWith(start))?.speaker;

  it('credits the name a verb of saying follows, not the sentence subject', () => {
    expect(speakerOf('deeply worried')).toBe('Tom Reyes');
  });

  it('never credits the one spoken to', () => {
    expect(speakerOf('We will not raise taxes')).toBe('Alice Grant');
  });

  it('hands a quote opening a paragraph to the speaker of the sentence before', () => {
    expect(speakerOf('I have counted')).toBe('Tom Reyes');
  });
});

describe('attribution inside one sentence', () => {
  const speakerIn = (text: string, start: string) =>
    condense(article(text)).quotes.find((q) => q.text.startsWith(start))?.speaker;

  it('does not read a possessive apostrophe as the end of an earlier quotation', () => {
    const text = [
      'Councillor Tom Rivers opposed the budget.',
      'Mayor Lena Ortiz said she admired Rivers’ “stubborn honesty” all the same.',
    ].join(' ');
    expect(speakerIn(text, 'stubborn honesty')).toBe('Lena Ortiz');
  });

  it('binds he or she to the subject named earlier in the same sentence before the last speaker', () => {
    const text = [
      '“It is a good day for the port,” said Maria Lopez, the union leader.',
      'Governor Ruth Baines says she welcomed what she called a “fair compromise” on wages.',
    ].join('\n');
    expect(speakerIn(text, 'fair compromise')).toBe('Ruth Baines');
  });
});

describe('several quotations in one sentence', () => {
  const b = condense(
    article(
      [
        'Councillor Tom Reyes presented the budget on Monday.',
        'Mayor Alice Grant said the budget was “a fantasy” while its author was “hiding from the numbers.”',
        'She called the plan “reckless” and “a waste” before Tom Reyes took the floor again.',
      ].join(' '),
    ),
  );
  const speakerOf = (start: string) => b.quotes.find((q) => q.text.startsWith(start))?.speaker;

  it('credits a later quotation to the speaker of an earlier one in its sentence', () => {
    expect(speakerOf('a fantasy')).toBe('Alice Grant');
    expect(speakerOf('hiding from the numbers')).toBe('Alice Grant');
    expect(speakerOf('a waste')).toBe('Alice Grant');
  });
});

describe('what is not the subject of a sentence holding a quote', () => {
  const speakerIn = (text: string, start: string) =>
    condense(article(text)).quotes.find((q) => q.text.startsWith(start))?.speaker;

  it('skips a dateline', () => {
    const text = 'RIVERTON, Ore. (AP) — Senator Ann Marsh branded the budget “a fantasy” on Tuesday.';
    expect(speakerIn(text, 'a fantasy')).toBe('Ann Marsh');
  });

  it('skips a phrase fronted before the comma', () => {
    const text =
      'After Mayor Lena Ortiz left the room, councillor Tom Reyes branded the budget “a fantasy” to applause.';
    expect(speakerIn(text, 'a fantasy')).toBe('Tom Reyes');
  });

  it('reads past the period of a title or an initial after the quote', () => {
    const text = [
      'Councillor Tom Reyes spoke first.',
      '“Positions will soften,” Oregon Rep. Ann Marsh’s chief of staff, Joe Kasper, told reporters.',
    ].join(' ');
    expect(speakerIn(text, 'Positions will soften')).toBe('Joe Kasper');
  });
});

describe('a quotation opening a sentence after an attributed one', () => {
  it('continues the speaker of the quotation in the sentence before', () => {
    const b = condense(
      article('Councillor Tom Reyes spoke first. Reyes “has no plan,” said Maria Lopez. “He never had one.”'),
    );
    expect(b.quotes.find((q) => q.text.startsWith('He never'))?.speaker).toBe('Maria Lopez');
  });
});

describe('a quotation opening a paragraph', () => {
  it('goes to the last speaker when the paragraph before is about them', () => {
    const b = condense(
      article(
        [
          '“We will win the vote,” said Maria Lopez, the union leader.',
          'Lopez is confident about the ballot next week.',
          '“Nobody can stop this now.”',
        ].join('\n'),
      ),
    );
    expect(b.quotes.find((q) => q.text.startsWith('Nobody can stop'))?.speaker).toBe('Maria Lopez');
  });
});

describe('a name right after a comma-ended quote', () => {
  it('is the speaker only when a verb of saying goes with it', () => {
    const b = condense(
      article('Councillor Tom Reyes called the plan “a fantasy,” while Maria Lopez backed it.'),
    );
    expect(b.quotes[0]?.speaker).toBe('Tom Reyes');
  });

  it('knows verbs of saying beyond "said" ("quipped", "countered", "proclaimed")', () => {
    const b = condense(
      article('Mayor Alice Grant spoke first. Grant “is finished,” Tom Reyes, the union leader, quipped.'),
    );
    expect(b.quotes[0]?.speaker).toBe('Tom Reyes');
  });

  it('lets an adverb or auxiliary stand between a sayer and the verb ("X also said")', () => {
    const b = condense(
      article(
        'Mayor Alice Grant opened the meeting after councillor Tom Reyes also said the port was “in trouble”.',
      ),
    );
    expect(b.quotes[0]?.speaker).toBe('Tom Reyes');
  });

  it('credits the source cited with "according to" when no one in the sentence is saying it', () => {
    const b = condense(
      article('According to the Harbour Gazette, Mayor Alice Grant was “furious” about the vote.'),
    );
    expect(b.quotes[0]?.speaker).toBe('Harbour Gazette');
  });

  it('credits the agent of a passive verb of saying ("asked by X")', () => {
    const b = condense(
      article(
        'Councillor Tom Reyes was asked by host Maria Lopez whether he “would ever resign” over the budget.',
      ),
    );
    expect(b.quotes[0]?.speaker).toBe('Maria Lopez');
  });

  it('counts "reported" as a verb of saying', () => {
    const b = condense(
      article('Councillor Tom Reyes spoke first. Reyes “will resign,” the Harbour Gazette reported.'),
    );
    expect(b.quotes[0]?.speaker).toBe('Harbour Gazette');
  });
});

describe('an attribution closing the sentence', () => {
  const speakerIn = (text: string, start: string) =>
    condense(article(text)).quotes.find((q) => q.text.startsWith(start))?.speaker;

  it('credits the one it names, not the subject before the quotation', () => {
    const text =
      'Grant “would struggle to win” if turnout stays low, said Tom Reyes, a pollster at the college.';
    expect(speakerIn(text, 'would struggle')).toBe('Tom Reyes');
  });

  it('reads past an appositive or a title around the name', () => {
    const withAppositive = 'Grant “is the favourite,” Tom Reyes, a pollster at the college, told reporters.';
    expect(speakerIn(withAppositive, 'is the favourite')).toBe('Tom Reyes');
    const withTitle = 'Grant is “the clear favourite” in the north, veteran college pollster Tom Reyes said.';
    expect(speakerIn(withTitle, 'the clear favourite')).toBe('Tom Reyes');
  });

  it('never credits the one spoken to', () => {
    const text = '“We will appeal,” Maria Lopez, 58, told Harbour Radio on Monday.';
    expect(speakerIn(text, 'We will appeal')).toBe('Maria Lopez');
  });

  it('does not reach past a quotation that ends its sentence', () => {
    const text =
      'Councillor Tom Reyes called the plan “dead on arrival.” Maria Lopez said the union would fight on.';
    expect(speakerIn(text, 'dead on arrival')).toBe('Tom Reyes');
  });
});

describe('the name before a verb introducing a quote', () => {
  it('prefers a person to a place or body named later in the clause', () => {
    const b = condense(
      article(
        'Senator Ann Marsh attacked the plan for its cost to Ohio and Texas, saying: “It will bankrupt both.”',
      ),
    );
    expect(b.quotes[0]?.speaker).toBe('Ann Marsh');
  });
});

describe('a subject that belongs to a person', () => {
  it('credits the owner named in the possessive ("X’s lawyers said")', () => {
    const b = condense(
      article(
        'Councillor Tom Reyes spoke first. However, Lena Ortiz’s lawyers said the ruling was “deeply flawed” and would be appealed.',
      ),
    );
    expect(b.quotes.find((q) => q.text === 'deeply flawed')?.speaker).toBe('Lena Ortiz');
  });

  it('prefers the owner to a place or body standing as the subject', () => {
    const b = condense(
      article('Lena Ortiz’s office told the Gazette that the Riverton council was “acting in bad faith”.'),
    );
    expect(b.quotes[0]?.speaker).toBe('Lena Ortiz');
  });
});

describe('a headline in capitalised words', () => {
  it('credits the person whose full name opens a run that swallowed the verb', () => {
    const b = condense(
      article(
        [
          'Lena Ortiz Calls Harbour Plan ‘A Fantasy’',
          'Mayor Lena Ortiz on Monday rejected the harbour plan.',
          'The Lena Ortiz Foundation said it “will not comment” on the plan.',
        ].join('\n'),
      ),
    );
    expect(b.quotes.find((q) => q.text === 'A Fantasy')?.speaker).toBe('Lena Ortiz');
    // A body named after the person is not the person.
    expect(b.quotes.find((q) => q.text === 'will not comment')?.speaker).toBe('Lena Ortiz Foundation');
  });
});
