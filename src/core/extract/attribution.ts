/**
 * What a reader keeps in mind while crediting quotations: who was named last, and where. "He said" and
 * "she said" point back to the nearest person of that gender named a little earlier (in the same
 * paragraph or the one before), whether or not that person has spoken yet.
 */
import type { Gender, PeopleResult, PersonEntity } from './people.js';

interface Named {
  /** Token index where the mention starts. */
  at: number;
  paragraph: number;
  sentence: number;
  person: PersonEntity;
}

export interface MentionIndex {
  /** Every mention outside quotation marks, in reading order. */
  named: Named[];
}

export function indexMentions(people: PeopleResult): MentionIndex {
  const named: Named[] = [];
  for (const person of people.people)
    for (const m of person.mentions)
      if (!m.inQuote) named.push({ at: m.first, paragraph: m.paragraph, sentence: m.sentence, person });
  named.sort((a, b) => a.at - b.at);
  return { named };
}

/** Does a person of this gender (or of unknown gender) fit a "he" or "she"? */
export function fitsGender(person: PersonEntity, gender: Gender): boolean {
  return gender === null || person.gender === null || person.gender === gender;
}

/**
 * The person named nearest before token `before`, no earlier than paragraph `fromParagraph`, whose
 * gender fits: the nearest sentence naming one, and in it the first one named (a sentence's subject
 * comes first: in "Pence pledged that Trump …", a later "he" is Pence). A binary search, then a walk
 * back over the mentions of that window.
 */
export function nearestNamed(
  index: MentionIndex,
  before: number,
  fromParagraph: number,
  fits: (p: PersonEntity) => boolean,
): PersonEntity | null {
  const { named } = index;
  let lo = 0;
  let hi = named.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((named[mid] as Named).at < before) lo = mid + 1;
    else hi = mid;
  }
  let found: Named | null = null;
  for (let i = lo - 1; i >= 0; i--) {
    const n = named[i] as Named;
    if (n.paragraph < fromParagraph || (found && n.sentence !== found.sentence)) break;
    if (fits(n.person)) found = n;
  }
  return found?.person ?? null;
}
