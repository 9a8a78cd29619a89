/** People and roles on short texts written for these tests (names and places are invented). */
import { describe, expect, it } from 'vitest';
import { condense } from '../condense/condense.js';
import type { Person } from '../types.js';

const peopleOf = (text: string): Person[] =>
  condense({ title: null, text, url: null, byline: null, publishedAt: null }).people;
const person = (text: string, name: string): Person | undefined =>
  peopleOf(text).find((p) => p.name === name);

describe('roles read from the grammar around a name', () => {
  it('takes a title written before the name, with its organisation', () => {
    const text = 'Lakeside College historian Marta Quell said the archive would reopen in May.';
    expect(person(text, 'Marta Quell')?.role).toBe('Lakeside College historian');
  });

  it('takes an appositive after the name, with its "at" phrase', () => {
    const text = 'Tomas Ruhl, senior economic analyst at Fernwood Bank, said rates would stay high.';
    expect(person(text, 'Tomas Ruhl')?.role).toBe('senior economic analyst at Fernwood Bank');
  });

  it('takes the noun phrase of a relative clause and of a predicate', () => {
    const text =
      'Ada Voss, who is the mayor of Linfield, opened the bridge. Piet Olsen was a harbour pilot for thirty years.';
    expect(person(text, 'Ada Voss')?.role).toBe('mayor of Linfield');
    expect(person(text, 'Piet Olsen')?.role).toBe('harbour pilot');
  });

  it('takes a role set off by a comma before the name', () => {
    const text = 'The council heard from its chief planning officer, Nadia Brekke, on Tuesday.';
    expect(person(text, 'Nadia Brekke')?.role).toBe('chief planning officer');
  });

  it('never returns a cut-off fragment or a verb as a role', () => {
    const text = 'Guests seated next to Mr Harlan Veit included Rosa Imrie. Veit said little.';
    const roles = peopleOf(text).map((p) => p.role);
    expect(roles.every((r) => r === null || !/seated|next|included/.test(r))).toBe(true);
  });

  it('names a relative by whose relative they are', () => {
    const text = 'Marek Lund arrived at the gala on Friday. He came with his wife Ilse Lund and their dog.';
    expect(person(text, 'Ilse Lund')?.role).toBe('Marek Lund’s wife');
  });

  it('keeps a party label with the title of a politician', () => {
    const text = 'Rep. Joan Aldane (D-Ore.) said the bill would pass.';
    expect(person(text, 'Joan Aldane')?.role).toBe('Rep. (D-Ore.)');
  });
});

describe('a person is a person', () => {
  it('does not take things named after people or with a name shape for people', () => {
    const names = peopleOf(
      'Nell Cardew wore a Stella Brandt dress to the Harrow Cup. The Morrow Prize went to the Linden Hotel.',
    ).map((p) => p.name);
    expect(names).toContain('Nell Cardew');
    expect(names).not.toContain('Stella Brandt');
    expect(names.some((n) => /Prize|Hotel|Cup/.test(n))).toBe(false);
  });

  it('keeps a name with initials whole', () => {
    const names = peopleOf('George H.W. Pell visited Oslo. Pell spoke for an hour.').map((p) => p.name);
    expect(names).toEqual(['George H.W. Pell']);
  });

  it('finds a surname used alone after a title, and a single name a verb of saying vouches for', () => {
    const people = peopleOf(
      'President Okafor met the press on Monday. Later, Tavistock said nothing had changed.',
    );
    expect(people.find((p) => p.name === 'Okafor')?.role).toBe('President');
    expect(people.map((p) => p.name)).toContain('Tavistock');
  });

  it('does not take an ordinary word after a title for a surname', () => {
    const names = peopleOf('Fans of the Premier League cheered as General Election results came in.').map(
      (p) => p.name,
    );
    expect(names).toEqual([]);
  });

  it('keeps two people who share a surname apart by honorific', () => {
    const people = peopleOf(
      'Ivo Darrow and his daughter Lena Darrow run the mill. Mr. Darrow founded it in 1990. Ms. Darrow runs the books.',
    );
    expect(people.find((p) => p.name === 'Ivo Darrow')?.aliases).toContain('Mr Darrow');
    expect(people.find((p) => p.name === 'Lena Darrow')?.aliases).toContain('Ms Darrow');
    expect(people.find((p) => p.name === 'Ivo Darrow')?.aliases).not.toContain('Ms Darrow');
  });
});
