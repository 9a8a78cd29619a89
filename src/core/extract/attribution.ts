/**
 * What a reader keeps in mind while crediting quotations: who was named last, and where. "He said" and
 * "she said" point back to the nearest person of that gender named a little earlier (in the same
 * paragraph or the one before), whether or not that person has spoken yet.
 */
import type { Gender, PeopleResult, PersonEntity } from './people.js';

interface Named {
  /** Token index where the mention starts. */
  at: number;
  /** One past the mention's last token. */
  last: number;
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
      if (!m.inQuote)
        named.push({ at: m.first, last: m.last, paragraph: m.paragraph, sentence: m.sentence, person });
  named.sort((a, b) => a.at - b.at);
  return { named };
}

/** Index of the first mention starting at or after token `at`. */
function firstFrom(named: readonly Named[], at: number): number {
  let lo = 0;
  let hi = named.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((named[mid] as Named).at < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Is a person named in words ending right before token `end` ("Joe Arpaio|, the Arizona sheriff")? */
export function namedEndingAt(index: MentionIndex, end: number): boolean {
  const i = firstFrom(index.named, end) - 1;
  return i >= 0 && (index.named[i] as Named).last === end;
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
  skip?: (at: number, last: number) => boolean,
): PersonEntity | null {
  const { named } = index;
  const lo = firstFrom(named, before);
  let found: Named | null = null;
  for (let i = lo - 1; i >= 0; i--) {
    const n = named[i] as Named;
    if (n.paragraph < fromParagraph || (found && n.sentence !== found.sentence)) break;
    if (fits(n.person) && !skip?.(n.at, n.last)) found = n;
  }
  return found?.person ?? null;
}

/** Words left lower case inside a title ("Tales from the Crypt", "Collapse: How Societies Choose to Fail"). */
const MINOR_WORDS = new Set(
  'a an the and but or nor for of on in at to by from with as vs via up into over off per than'.split(' '),
);

/** Short, and every word capitalised except the minor ones: how titles and headings are written. */
export function isTitleCase(text: string): boolean {
  const words = text
    .replace(/[.,;:!?…]+$/u, '')
    .split(/\s+/)
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter(Boolean);
  if (words.length === 0 || words.length > 10) return false;
  // A sentence inside ("Go home. Now.") is speech, not a name.
  if (/[.!?]\s+\S/u.test(text)) return false;
  let capitalised = 0;
  for (const w of words) {
    if (/^[\p{Lu}\p{N}]/u.test(w)) capitalised++;
    else if (!MINOR_WORDS.has(w.toLowerCase())) return false;
  }
  return capitalised > 0 && /^[^\p{Ll}]/u.test(words[0] as string);
}

/** Nouns naming a work, written right before its title ("the documentary “13th”", "his book “…”"). */
const WORK_NOUNS = new Set(
  'book books novel memoir memoirs biography autobiography film films movie movies documentary show shows series miniseries sitcom program programme play musical opera album song single poem episode podcast newsletter anthem titled entitled'.split(
    ' ',
  ),
);

/**
 * A title-case quotation that names a work rather than quoting anyone: after a noun for a work or a
 * network's possessive, or after "on" ("appeared on “Meet the Press”"), or followed by an appositive
 * that names the kind of work ("“Tales From the Crypt,” an HBO series"). Its words are nobody's.
 */
export function namesAWork(paragraph: string, openAt: number, closeEnd: number, text: string): boolean {
  if (!isTitleCase(text)) return false;
  const before = paragraph.slice(Math.max(0, openAt - 40), openAt);
  const lastWord = /([\p{L}’']+)[\s,:]*$/u.exec(before)?.[1] ?? '';
  const lower = lastWord.toLowerCase();
  if (WORK_NOUNS.has(lower) || lower === 'on') return true;
  // "CNN’s “Fareed Zakaria GPS”", "HBO’s “Girls”": a broadcaster's or publisher's programme.
  if (/^\p{Lu}{2,}[’']s$/u.test(lastWord)) return true;
  const after = paragraph.slice(closeEnd, closeEnd + 60);
  const appositive = /^\s*,?\s*(?:an?|the)\s+(?:[\p{L}-]+\s+){0,3}([\p{Ll}]+)/u.exec(after)?.[1] ?? '';
  return WORK_NOUNS.has(appositive) && !/^(?:titled|entitled)$/.test(appositive);
}

/** A paragraph that is nothing but a title-case quotation: a sub-heading set in quotation marks. */
export function isQuotedHeading(paragraph: string, text: string): boolean {
  const bare = paragraph.trim().replace(/^[“‘"]+|[”’"]+$/gu, '');
  return bare === text && isTitleCase(text) && !/[.!?,;:]$/u.test(text);
}
