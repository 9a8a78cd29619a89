/** Role grammar on short texts written for these tests (names, places and organisations are invented). */
import { describe, expect, it } from 'vitest';
import { condense } from '../condense/condense.js';
import type { Person } from '../types.js';

const peopleOf = (text: string): Person[] =>
  condense({ title: null, text, url: null, byline: null, publishedAt: null }).people;
const roleOf = (text: string, name: string): string | null | undefined =>
  peopleOf(text).find((p) => p.name === name)?.role;

describe('roles after the name', () => {
  it('reads predicates through adverbs, asides and verbs of appointment', () => {
    expect(roleOf('Ilse Marsh is now the chair of the Tarnby Trust.', 'Ilse Marsh')).toBe(
      'chair of the Tarnby Trust',
    );
    expect(
      roleOf('Oren Falk will be confirmed as Westmoor’s permanent manager on Friday.', 'Oren Falk'),
    ).toBe('Westmoor’s permanent manager');
    expect(roleOf('Tova Lind, from Norrvik, is the current station commander.', 'Tova Lind')).toBe(
      'current station commander',
    );
  });

  it('ignores a guess or a condition', () => {
    expect(roleOf('Aldo Renn said Kees Brun would be a top manager.', 'Kees Brun')).toBeNull();
    expect(roleOf('If Kees Brun becomes mayor of Tarnby, taxes will rise.', 'Kees Brun')).toBeNull();
  });

  it('keeps a restrictive relative clause and a "one of" phrase inside the noun phrase', () => {
    expect(roleOf('Mira Holt, a historian who attended the session, spoke.', 'Mira Holt')).toBe(
      'historian who attended the session',
    );
    expect(roleOf('Jon Ekdal, one of the mayor’s closest aides, spoke.', 'Jon Ekdal')).toBe(
      'one of the mayor’s closest aides',
    );
  });

  it('reads "who" with a verb of holding a post, and an organisation after a comma', () => {
    expect(roleOf('Pia Grane, who runs Crossfell Strategies, spoke.', 'Pia Grane')).toBe(
      'runs Crossfell Strategies',
    );
    expect(roleOf('Lars Aune, of the Ratepayers’ League, spoke.', 'Lars Aune')).toBe(
      'of the Ratepayers’ League',
    );
    expect(roleOf('Lars Aune, of Norway, spoke.', 'Lars Aune')).toBeNull();
  });
});

describe('appositives that go on', () => {
  it('keeps a predicate after an appositive, and an organisation after a title', () => {
    expect(roleOf('Lena Tribe, a constitutional scholar, was a mentor to the mayor.', 'Lena Tribe')).toBe(
      'constitutional scholar, mentor to the mayor',
    );
    expect(
      roleOf('Mark Diffel, Director, Norvik MORI Scotland said the poll was clear.', 'Mark Diffel'),
    ).toBe('Director, Norvik MORI Scotland');
  });

  it('reads past an abbreviation the sentence splitter ends a sentence at', () => {
    expect(roleOf('Derek Mott, who served as U.S. ambassador to Norway, spoke.', 'Derek Mott')).toBe(
      'U.S. ambassador to Norway',
    );
  });

  it('makes each name of a credit line a contributor', () => {
    const text = 'The launch went well. Suzanne Pratt and Amanda Barrow contributed to this report.';
    expect(roleOf(text, 'Suzanne Pratt')).toBe('contributor to this report');
    expect(roleOf(text, 'Amanda Barrow')).toBe('contributor to this report');
  });
});

describe('roles before the name', () => {
  it('gives a plural role before a list of names to each, in the singular', () => {
    const text =
      'Holt will now decide the futures of nine first-team players at Westmoor — Ivo Pask, Alexei Lunn and Rolf Saari.';
    for (const name of ['Ivo Pask', 'Alexei Lunn', 'Rolf Saari'])
      expect(roleOf(text, name)).toBe('first-team player at Westmoor');
  });

  it('does not take a plural before a single name after a comma as a list role', () => {
    expect(roleOf('Speaking to supporters, Vera Kask promised lower fares.', 'Vera Kask')).toBeNull();
  });

  it('names the owner of a relative and reads possessive openers and coordinated titles', () => {
    expect(roleOf('Nils Brandt filed papers on his divorce from wife Greta Brandt.', 'Greta Brandt')).toBe(
      'Nils Brandt’s wife',
    );
    expect(roleOf('Halvor’s attorney, Ed Strand, said the case was closed.', 'Ed Strand')).toBe(
      'Halvor’s attorney',
    );
    expect(roleOf('Tarnby Academy president and CEO Rune Dahl spoke.', 'Rune Dahl')).toBe(
      'Tarnby Academy president and CEO',
    );
  });

  it('reads "X\'s tenure as" and "tapped X as"', () => {
    expect(roleOf('Records from Mona Berg’s tenure as secretary of state were released.', 'Mona Berg')).toBe(
      'secretary of state',
    );
  });
});

describe('descriptions elsewhere in the article', () => {
  it('binds a description in a sentence with two people to the one who is not the subject', () => {
    const text =
      'Karl Sorensen offered advice to Maria Lindqvist on Friday, as the Democratic nominee looks to shore up support. Later the Vermont senator said he was hopeful.';
    expect(roleOf(text, 'Maria Lindqvist')).toBe('Democratic nominee');
    expect(roleOf(text, 'Karl Sorensen')).toBe('Vermont senator');
  });

  it('binds a description that opens a clause of its own to the subject of its sentence', () => {
    expect(
      roleOf(
        'Anna Ferris kept a busy schedule on Wednesday, as the first lady managed to open a school and a clinic.',
        'Anna Ferris',
      ),
    ).toBe('first lady');
    // The object of a verb is not the subject going on.
    expect(roleOf('Melda Ruiz spoke to the Republican nominee on Friday.', 'Melda Ruiz')).not.toBe(
      'Republican nominee',
    );
  });
});

describe('noun phrases that go on past words shaped like verbs or numbers', () => {
  it('reads a plural or a bare noun after a modifier, and a capitalised "One" as a name', () => {
    expect(
      roleOf('Rep. Alan Moss (D-Ore.), a leading advocate for human rights in Laos, spoke.', 'Alan Moss'),
    ).toBe('Rep. (D-Ore.), leading advocate for human rights in Laos');
    expect(roleOf('Lena Horst, the keen golf-playing member of One Republic, spoke.', 'Lena Horst')).toBe(
      'keen golf-playing member of One Republic',
    );
  });

  it('reads an ordinal and a bare noun in a phrase set off before the name', () => {
    expect(
      roleOf('Voters praised the moderator of Monday night’s first debate, Ada Lin of KTV News.', 'Ada Lin'),
    ).toBe('moderator of Monday night’s first debate, of KTV News');
  });

  it('reads "of the" inside a title before the name', () => {
    expect(roleOf('The plan was backed by Speaker of the House Tom Reed’s staff.', 'Tom Reed')).toBe(
      'Speaker of the House',
    );
  });
});

describe('appositives set off by dashes, coordinated predicates and quoted titles', () => {
  it('reads a dash appositive, with "himself" and after an age', () => {
    expect(
      roleOf(
        'Backers included former mayor Ed Sorn - himself the city’s first black mayor since Independence - and others.',
        'Ed Sorn',
      ),
    ).toBe('former mayor, city’s first black mayor since Independence');
    expect(roleOf('Tom Lark, 40 ― a father and student ― was hurt.', 'Tom Lark')).toBe('father and student');
  });

  it('keeps a second predicate joined by "and"', () => {
    expect(
      roleOf(
        'Mr. Rolf Ekberg served as director of the Budget Office and is now president of the Action Forum.',
        'Rolf Ekberg',
      ),
    ).toBe('director of the Budget Office, president of the Action Forum');
  });

  it('reads "also of" an organisation, and a title in quotation marks', () => {
    expect(roleOf('Major Ivo Renk, also of the Durham Light Infantry, escaped.', 'Ivo Renk')).toBe(
      'Major, of the Durham Light Infantry',
    );
    expect(roleOf('The paper sent its “national enterprise reporter” Ana Selby to Ohio.', 'Ana Selby')).toBe(
      'national enterprise reporter',
    );
  });

  it('does not take a verb after "to" into a title', () => {
    expect(
      roleOf('They bought the rights to turn military historian Carl Voss’s book into a film.', 'Carl Voss'),
    ).toBe('military historian');
  });
});

describe('titles and phrases before the name', () => {
  it('reads past a given name that is also a function word, and no common noun before a title', () => {
    const text = 'At the end of the season Arsenal defender Per Valsson says he will stay. Valsson said so.';
    expect(roleOf(text, 'Valsson')).toBe('Arsenal defender');
    expect(roleOf('Some asked how she could win the way Sen. Ole Brandt (Vt.) had.', 'Ole Brandt')).toBe(
      'Sen.',
    );
  });

  it('reads a phrase set off before the name through "for the"', () => {
    expect(roleOf('A lawyer for the news outlets, Dan Sulz, said no decision was made.', 'Dan Sulz')).toBe(
      'lawyer for the news outlets',
    );
    expect(roleOf('He came with his wife, Ada Sulz, to the court.', 'Ada Sulz')).toContain('wife');
  });
});

describe('whose relative or counterpart', () => {
  it('names the owner of a relational noun after his/her, a few sentences back if need be', () => {
    expect(
      roleOf('Rolf Brandt won in 2004. He beat his opponent Karl Rohde in two rounds.', 'Karl Rohde'),
    ).toBe('Rolf Brandt’s opponent');
    const text = [
      'Lina Barros appeared in court on Friday.',
      'The charges were filed in May.',
      'Papers show the marriages were brief.',
      'It was her eighth husband, Rashid Omar, who was deported.',
    ].join(' ');
    expect(roleOf(text, 'Rashid Omar')).toBe('Lina Barros’s eighth husband');
  });
});

describe('lists introduced by "like", "including", "namely"', () => {
  it('gives the plural before "like" to each name, through initials', () => {
    const text = 'He praised the work of Democrats like Edwin J. Marsh and Lena Holt.';
    expect(roleOf(text, 'Edwin J. Marsh')).toBe('Democrat');
    expect(roleOf(text, 'Lena Holt')).toBe('Democrat');
  });

  it('names the husbands or wives listed after the men or women a person married', () => {
    const text =
      'Mira Castell married three men in 2004 - namely Olek Brandt, Ivo Renn and Tomas Kell - records show.';
    expect(roleOf(text, 'Ivo Renn')).toBe('Mira Castell’s husband');
    expect(roleOf('Mira Castell met three men - namely Olek Brandt and Ivo Renn.', 'Ivo Renn')).toBeNull();
  });
});

describe('a "who" clause after an organisation, and campaign descriptions', () => {
  it('reads "X of Org, who will ..." and ends the clause at a date', () => {
    expect(
      roleOf(
        'Voters praised Ada Lin of KTV News, who will moderate the final debate Oct. 19 in Reno.',
        'Ada Lin',
      ),
    ).toBe('of KTV News, will moderate the final debate');
  });

  it('gives a shorter wording of a description to the person who holds the longer one', () => {
    const text = [
      'Ron Hale is running hard.',
      'The Republican presidential nominee spoke on Monday.',
      'He praised Ada Lin of KTV News.',
      'The Republican nominee and his aides said little.',
    ].join(' ');
    expect(roleOf(text, 'Ada Lin')).toBe('of KTV News');
    expect(roleOf(text, 'Ron Hale')).toBe('Republican presidential nominee');
  });
});

describe('descriptions opened by a possessive name', () => {
  it('binds "Obama’s former campaign strategist" to the person named before, never to its owner', () => {
    const text =
      'Dan Axel on Wednesday called on Hal Dean to apologize. “That was outrageous,” Ron Obama’s former campaign strategist said in an interview.';
    expect(roleOf(text, 'Dan Axel')).toBe('Obama’s former campaign strategist');
  });
});

describe('descriptions of two posts', () => {
  it('reads "the former secretary of state and current Democratic presidential nominee" whole', () => {
    const text =
      'Ada Morrow spoke out on Tuesday. On a radio show, the former secretary of state and current Democratic presidential nominee said she would act.';
    expect(roleOf(text, 'Ada Morrow')).toBe(
      'former secretary of state and current Democratic presidential nominee',
    );
  });
});

describe('one of the others', () => {
  it('gives "she and hundreds of other demonstrators" the singular', () => {
    expect(
      roleOf(
        '“We will stay,” Tina Rowe, 25, said as she and hundreds of other demonstrators moved on.',
        'Tina Rowe',
      ),
    ).toBe('demonstrator');
    expect(roleOf('Ken Ard and other Democratic senators voted no.', 'Ken Ard')).toBe('Democratic senator');
  });
});

describe('descriptions far from the name', () => {
  it('binds a description up to ten sentences after the person was named', () => {
    const filler = Array.from({ length: 8 }, (_, i) => `The crowd cheered for the ${i + 1}th time.`);
    const text = [
      'Ron Hale spoke in Ohio.',
      ...filler,
      'Later the Republican nominee for president left.',
    ].join(' ');
    expect(roleOf(text, 'Ron Hale')).toBe('Republican nominee for president');
  });
});

describe('appositives that end in a noun shaped like a verb', () => {
  it('reads "a major party" whole, and never gives a possessive description to its owner', () => {
    expect(
      roleOf('Ada Morrow, the first woman nominated for mayor by a major party, spoke.', 'Ada Morrow'),
    ).toBe('first woman nominated for mayor by a major party');
    const text = 'Ivo Renn replaced Olaf Brandt as Karl Tennant’s vice presidential nominee.';
    expect(roleOf(text, 'Karl Tennant')).toBeNull();
  });
});
