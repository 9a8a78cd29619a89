/**
 * An answer sentence as it is shown: read alone, "He is El Salvador's first leftist president." and
 * "Bundchen, 28, is the highest-paid model" do not say who; the answer names the person as the article
 * first does, in square brackets (the press convention for words added to a quotation), so the
 * article's own words stay as they are: "He [Mauricio Funes] is ...", "[Gisele] Bundchen, 28, is ...".
 */
import { GIVEN_NAMES, HONORIFICS } from '../extract/lexicon/index.js';
import { nameTokens, tokens } from './names.js';
import { leadingPronoun } from './pronouns.js';

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** "He [Full Name]" when the sentence opens with a pronoun and names nobody its people hold. */
function withPronounReferent(text: string, people: readonly string[]): string {
  if (!leadingPronoun(text)) return text;
  const words = new Set(tokens(text));
  const referent = people.find((p) => nameTokens(p).every((t) => !words.has(t)));
  if (!referent) return text;
  return text.replace(/\b(he|she)\b/i, (m) => `${m} [${referent}]`);
}

/** "[Given] Surname" where the sentence gives a person's surname alone. */
function withGivenNames(text: string, people: readonly string[]): string {
  let out = text;
  for (const person of people) {
    const parts = person.trim().split(/\s+/);
    const surname = parts[parts.length - 1];
    if (parts.length < 2 || !surname) continue;
    const given = parts.slice(0, -1).join(' ');
    // Only a known given name: a "person" the recogniser made of two capitalised words ("Iconic
    // Arsenal") must not put words in the article's mouth.
    if (!GIVEN_NAMES.has(parts[0] ?? '') || !out.includes(surname)) continue;
    const words = new Set(tokens(out));
    if (nameTokens(given).some((t) => words.has(t))) continue;
    const m = new RegExp(`(^|[^\\p{L}\\]])(\\S+\\s+)?${escapeRegExp(surname)}(?![\\p{L}])`, 'u').exec(out);
    if (!m) continue;
    // After a capitalised word that is not a title ("Steve Smith" for "Steven Smith"), the sentence
    // already gives a first name.
    const before = (m[2] ?? '').trim().replace(/[.,]$/, '');
    if (/^\p{Lu}/u.test(before) && !HONORIFICS.has(before.toLowerCase()) && m.index > 0) continue;
    const at = m.index + (m[1] ?? '').length + (m[2] ?? '').length;
    out = `${out.slice(0, at)}[${given}] ${out.slice(at)}`;
  }
  return out;
}

export function presentAnswer(text: string, people: readonly string[]): string {
  return withGivenNames(withPronounReferent(text, people), people);
}
