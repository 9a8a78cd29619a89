/** Capitalised words that open a sentence before a name are not part of the name. */
import { describe, expect, it } from 'vitest';
import { condense } from '../condense/condense.js';

const peopleIn = (text: string) =>
  condense({ title: null, text, url: null, byline: null, publishedAt: null }).people.map((p) => p.name);

describe('a sentence-opening word before a name', () => {
  it('drops a participle that is the verb of the clause', () => {
    const names = peopleIn(
      'Governor Dana Whitcombe spoke in Leeds on Monday.\n\nBashing Whitcombe may be job one for her rivals, but the polls say otherwise.',
    );
    expect(names).toContain('Dana Whitcombe');
    expect(names).not.toContain('Bashing Whitcombe');
  });

  it('drops prepositions such as "Besides" and "Given"', () => {
    const names = peopleIn(
      'Senator Paul Ferrant lost the vote. Besides Ferrant, two others resigned. Given Ferrant’s record, few were surprised.',
    );
    expect(names.filter((n) => /^(Besides|Given)\b/.test(n))).toEqual([]);
    expect(names).toContain('Paul Ferrant');
  });

  it('keeps an -ing first name that the article also uses mid-sentence', () => {
    const names = peopleIn('Sterling Okafor scored twice. Fans cheered for Sterling Okafor after the match.');
    expect(names).toContain('Sterling Okafor');
  });
});

describe('a name run on into a Title Case headline', () => {
  it('ends before a capitalised function word, and reads the rest again', () => {
    const names = peopleIn(
      'Governor Dana Whitcombe visited the port on Monday, where Dana Whitcombe Is Right About Harbours was printed on every banner.',
    );
    expect(names).toContain('Dana Whitcombe');
    expect(names.some((n) => /Is Right/.test(n))).toBe(false);
  });

  it('ends before a headline verb after the first two words', () => {
    const names = peopleIn(
      'Governor Dana Whitcombe spoke on Monday. Readers saw Dana Whitcombe Backs Paul Ferrant on the front page. Paul Ferrant, the mayor, thanked her.',
    );
    expect(names).toEqual(expect.arrayContaining(['Dana Whitcombe', 'Paul Ferrant']));
    expect(names.some((n) => /Backs/.test(n))).toBe(false);
  });

  it('keeps long real names with initials, particles and a generational suffix, which is not the surname', () => {
    const names = peopleIn(
      'Joseph R Biden Jr met Ursula von der Leyen in Brussels on Tuesday. Biden left. Joseph R Biden spoke.',
    );
    expect(names).toEqual(['Joseph R Biden Jr', 'Ursula von der Leyen']);
  });
});
