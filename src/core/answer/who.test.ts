import { describe, expect, it } from 'vitest';
import type { PersonRow } from './rows.js';
import { who } from './who.js';

let next = 0;
function row(name: string, role: string | null = null): PersonRow {
  next++;
  return {
    articleId: String(next),
    title: `Story ${next}`,
    url: null,
    publishedAt: null,
    ingestedAt: `2025-01-01T00:00:${String(next % 60).padStart(2, '0')}Z`,
    personId: String(next),
    name,
    role,
    aliases: [],
    mentions: 1,
  };
}
const rows = (name: string, n: number, role: string | null = null) =>
  Array.from({ length: n }, () => row(name, role));
const candidates = (people: PersonRow[]) => ({ people, quotes: [], sentences: [] });

describe('who with a bare surname', () => {
  it('means the person the news almost always means by it', () => {
    const people = [...rows('Dana Okafor', 30, 'governor'), ...rows('Lee Okafor', 2, 'coach')];
    expect(who('Okafor', candidates(people))).toMatchObject({
      found: true,
      name: 'Dana Okafor',
      articles: 30,
    });
    // A full name still reaches the other one.
    expect(who('Lee Okafor', candidates(people))).toMatchObject({ found: true, name: 'Lee Okafor' });
  });

  it('says it is ambiguous when the surname is shared more evenly, or seen too rarely to tell', () => {
    const even = [...rows('Dana Okafor', 12), ...rows('Lee Okafor', 4)];
    expect(who('Okafor', candidates(even))).toMatchObject({
      found: false,
      suggestions: expect.arrayContaining(['Dana Okafor', 'Lee Okafor']),
    });
    const few = [...rows('Dana Okafor', 9), ...rows('Lee Okafor', 1)];
    expect(who('Okafor', candidates(few))).toMatchObject({ found: false });
  });
});
