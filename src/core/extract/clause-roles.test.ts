/** Descriptions from a person's own clause, on short texts written for these tests (invented names). */
import { describe, expect, it } from 'vitest';
import { condense } from '../condense/condense.js';

const roleOf = (text: string, name: string): string | null | undefined =>
  condense({ title: null, text, url: null, byline: null, publishedAt: null }).people.find(
    (p) => p.name === name,
  )?.role;

describe('a description from the clause a person is the subject of', () => {
  it('reads the verb phrase up to the clause boundary when no noun phrase names the person', () => {
    expect(
      roleOf(
        'Tomas Reyka recorded three birdies during the morning round, leaving the field behind.',
        'Tomas Reyka',
      ),
    ).toBe('recorded three birdies during the morning round');
    expect(
      roleOf('Later, after Ines Varga was relieved of her duties, the club moved on.', 'Ines Varga'),
    ).toBe('was relieved of her duties');
  });

  it('gives a coordinated subject the clause, and cuts before another clause', () => {
    const text = 'Olaf Brenn and Sari Koski starred in The Long Harbour before the studio closed.';
    expect(roleOf(text, 'Olaf Brenn')).toBe('starred in The Long Harbour');
    expect(roleOf(text, 'Sari Koski')).toBe('starred in The Long Harbour');
  });

  it('never reads saying, guessing, a quotation or a clause too long to be a description', () => {
    expect(roleOf('Pavel Dunst said the bridge would open in May.', 'Pavel Dunst')).toBeNull();
    expect(roleOf('Pavel Dunst could face a fine for the delay.', 'Pavel Dunst')).toBeNull();
    expect(roleOf('Pavel Dunst called the bridge "a disgrace" on Monday.', 'Pavel Dunst')).toBeNull();
    expect(
      roleOf(
        'Pavel Dunst walked along the river past the old mill and the new school to the bridge over the weir near the town hall.',
        'Pavel Dunst',
      ),
    ).toBeNull();
  });

  it('leaves a noun-phrase role alone and reads past a caption aside and an age', () => {
    expect(roleOf('Nora Adler, a nurse, walked to the bridge.', 'Nora Adler')).toBe('nurse');
    expect(roleOf('Nora Adler (right), 34, opened the new ward.', 'Nora Adler')).toBe('opened the new ward');
  });

  it('adds what a "who" clause says after any noun phrase', () => {
    expect(roleOf('Retired colonel Anton Weir, who hatched the escape plan, spoke last.', 'Anton Weir')).toBe(
      'Retired colonel, hatched the escape plan',
    );
    expect(roleOf('Mila Petrov, who lost the primary to Aldo Renn, spoke.', 'Mila Petrov')).toBe(
      'lost the primary to Aldo Renn',
    );
  });

  it('is not given to the people a story is about, whose first action is its news', () => {
    const text = [
      'Hanna Lind opened the new bridge on Monday.',
      'Lind cut the ribbon.',
      'Lind then walked across.',
      'Lind thanked the builders.',
    ].join(' ');
    expect(roleOf(text, 'Hanna Lind')).toBeNull();
  });

  it('reads what a name after "starring" or "<a noun> <participle> by" did', () => {
    const film = 'The raid was later told in The Long Harbour starring Olaf Brenn and Sari Koski.';
    expect(roleOf(film, 'Olaf Brenn')).toBe('starred in The Long Harbour');
    expect(roleOf(film, 'Sari Koski')).toBe('starred in The Long Harbour');
    expect(roleOf('It was a plot hatched by Danish sergeant Eske Holm, 23.', 'Eske Holm')).toBe(
      'Danish sergeant, hatched a plot',
    );
    expect(roleOf('It was a film starring Olaf Brenn.', 'Olaf Brenn')).toBeNull();
  });

  it('reads past an organisation after a coordinated subject', () => {
    expect(
      roleOf(
        'Tove Brekke and Ada Lin of KTV News are scheduled to co-moderate the second debate.',
        'Tove Brekke',
      ),
    ).toBe('are scheduled to co-moderate the second debate');
  });

  it('adds the clause to a role that only names an organisation', () => {
    expect(
      roleOf(
        'Tove Brekke and Ada Lin of KTV News are scheduled to co-moderate the second debate.',
        'Ada Lin',
      ),
    ).toBe('of KTV News, are scheduled to co-moderate the second debate');
  });

  it('names the author of a work written a few words before "by"', () => {
    const text =
      'The film is based on a book on the Tarn escape by historian Lars Ovik called Zero Hour. Ovik spoke.';
    expect(roleOf(text, 'Lars Ovik')).toBe('historian, author of the book');
    expect(roleOf('The plan was rejected by historian Lars Ovik. Ovik spoke.', 'Lars Ovik')).toBe(
      'historian',
    );
  });
});
