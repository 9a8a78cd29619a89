/**
 * Who a sentence-opening "He" or "She" is. News prose names a person and goes on about them with a
 * pronoun ("Mauricio Funes won the election on Sunday. He is El Salvador's first leftist president."),
 * so a sentence read alone, as an answer is, loses its subject. The person is the one the sentence
 * before names first (its subject, in the usual order of news sentences), whose given name, when the
 * lexicon knows it, does not contradict the pronoun.
 */
import { FEMALE_NAMES, MALE_NAMES } from '../extract/lexicon/index.js';
import { nameTokens, tokens } from './names.js';

/** "He", "She", "But he", "And she", "Now he": the pronoun is the sentence's subject. */
const LEADING_PRONOUN = /^(?:(?:but|and|so|yet|now|then|later|still|instead|meanwhile),?\s+)?(he|she)\b/i;

/** How many sentences back the antecedent may be. */
const LOOK_BACK = 2;

export function leadingPronoun(text: string): 'he' | 'she' | null {
  const m = LEADING_PRONOUN.exec(text.trim());
  return m ? ((m[1] ?? '').toLowerCase() as 'he' | 'she') : null;
}

/** Does the given name say the person is not of the pronoun's gender? Unknown names never do. */
function contradicts(name: string, pronoun: 'he' | 'she'): boolean {
  const given = name.trim().split(/\s+/)[0] ?? '';
  if (name.trim().split(/\s+/).length < 2) return false;
  const female = FEMALE_NAMES.has(given) && !MALE_NAMES.has(given);
  const male = MALE_NAMES.has(given) && !FEMALE_NAMES.has(given);
  return pronoun === 'he' ? female : male;
}

/** The people of a sentence in the order the text names them (by any token of their name). */
function inTextOrder(text: string, people: readonly string[]): string[] {
  const words = tokens(text);
  const at = (p: string) => {
    const own = new Set(nameTokens(p));
    const i = words.findIndex((w) => own.has(w));
    return i < 0 ? words.length : i;
  };
  return [...people].sort((a, b) => at(a) - at(b));
}

interface SentenceWithPeople {
  text: string;
  people: string[];
}

/**
 * The same sentences, each one that opens with he/she and does not name its subject given the person
 * it refers to first among its people.
 */
export function resolveLeadingPronouns<T extends SentenceWithPeople>(sentences: readonly T[]): T[] {
  return sentences.map((s, i) => {
    const pronoun = leadingPronoun(s.text);
    if (!pronoun) return s;
    for (let back = 1; back <= LOOK_BACK && i - back >= 0; back++) {
      const before = sentences[i - back] as T;
      if (before.people.length === 0) continue;
      const person = inTextOrder(before.text, before.people).find((p) => !contradicts(p, pronoun));
      if (!person) return s;
      return s.people.includes(person) ? s : { ...s, people: [person, ...s.people] };
    }
    return s;
  });
}
