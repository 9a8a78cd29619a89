/**
 * People: proper-noun runs that name persons, clustered so that each person appears once under the
 * fullest name the article gives, with every form that refers to them ("Mr Witkoff", "Witkoff",
 * "the Russian president"), their role as the article states it, and where they are mentioned.
 */
import type { Doc, Token } from './document.js';
import {
  DEMONYMS,
  FEMALE_NAMES,
  FUNCTION_WORDS,
  GIVEN_NAMES,
  MALE_NAMES,
  NAME_PARTICLES,
  ORG_WORDS,
  ORGANIZATIONS,
  PLACE_WORDS,
  PLACES,
  ROLE_HEADS,
  ROLE_WORDS,
  SHORT_HONORIFICS,
} from './lexicon/index.js';
import { joinTokens, type NameRun } from './runs.js';

export type Gender = 'female' | 'male' | null;

export interface PersonMention {
  /** The surface form ("Mr Witkoff", "the Russian president"). */
  form: string;
  sentence: number;
  paragraph: number;
  /** First and one-past-last token of the mention. */
  first: number;
  last: number;
  possessive: boolean;
  inQuote: boolean;
  kind: 'name' | 'description';
}

export interface PersonEntity {
  id: number;
  name: string;
  first: string | null;
  surname: string;
  role: string | null;
  gender: Gender;
  mentions: PersonMention[];
  aliases: Set<string>;
}

const FEMALE_HONORIFICS = new Set([
  'mrs',
  'ms',
  'miss',
  'dame',
  'lady',
  'queen',
  'princess',
  'baroness',
  'duchess',
]);
const MALE_HONORIFICS = new Set(['mr', 'sir', 'lord', 'king', 'prince', 'baron', 'duke', 'earl', 'father']);

/**
 * Is name[i] a surname particle? "von", "Di", "De" inside a name; a capitalised one opening the name
 * only after an honorific ("Mr Di Maio"), since "Van Morrison" is a given name.
 */
function isParticle(name: readonly Token[], i: number, afterHonorific: boolean): boolean {
  const t = name[i] as Token;
  if (i === name.length - 1 || !NAME_PARTICLES.has(t.lower)) return false;
  return i > 0 || !t.capitalized || afterHonorific;
}

function surnameOf(name: Token[]): string {
  // "Ursula von der Leyen" -> "von der Leyen"; "Steve Witkoff" -> "Witkoff".
  const firstParticle = name.findIndex((_, i) => i > 0 && isParticle(name, i, false));
  if (firstParticle > 0) return joinTokens(name.slice(firstParticle));
  return (name[name.length - 1] as Token).word;
}

function nameKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/\b\p{L}\.\s*/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Is this run a person's name on its own evidence (before clustering)? */
function looksLikePerson(run: NameRun, lowercase: Set<string>): boolean {
  const words = run.name.filter((_, i) => !isParticle(run.name, i, run.honorific !== null));
  if (words.length === 0) return false;
  const whole = run.nameText;
  if (PLACES.has(whole) || ORGANIZATIONS.has(whole) || DEMONYMS.has(whole)) return false;
  const last = (run.name[run.name.length - 1] as Token).lower;
  if (ORG_WORDS.has(last) || PLACE_WORDS.has(last)) return false;
  if (words.some((t) => /^\p{Lu}{2,}$/u.test(t.word) && t.word.length > 1)) return false; // acronyms
  if (words.some((t) => /\d/.test(t.word))) return false;
  if (run.honorific && SHORT_HONORIFICS.has(run.honorific.toLowerCase())) return true;
  if (words.length === 1) return run.honorific !== null;
  if (GIVEN_NAMES.has((words[0] as Token).word)) return true;
  // Two or three capitalised words that are not ordinary words in this article or places: a name.
  if (words.length > 4) return false;
  if (
    words.some(
      (t) =>
        lowercase.has(t.lower) || FUNCTION_WORDS.has(t.lower) || PLACES.has(t.word) || DEMONYMS.has(t.word),
    )
  )
    return false;
  return true;
}

export interface PeopleResult {
  people: PersonEntity[];
  /** Runs that were not people (candidates for organisations and places). */
  otherRuns: NameRun[];
  /** Person mentions by first token index, for attribution. */
  mentionAt: Map<number, { person: PersonEntity; mention: PersonMention }>;
}

export function findPeople(runs: NameRun[], lowercase: Set<string>): PeopleResult {
  const people: PersonEntity[] = [];
  const byKey = new Map<string, PersonEntity>();
  const mentionAt = new Map<number, { person: PersonEntity; mention: PersonMention }>();
  const otherRuns: NameRun[] = [];

  const addPerson = (key: string, run: NameRun, name: string, first: string | null, surname: string) => {
    const person: PersonEntity = {
      id: people.length,
      name,
      first,
      surname,
      role: null,
      gender: genderOf(run),
      mentions: [],
      aliases: new Set(),
    };
    people.push(person);
    byKey.set(key, person);
    return person;
  };

  const addMention = (person: PersonEntity, run: NameRun, form: string): void => {
    const firstName = run.name[0] as Token;
    const mention: PersonMention = {
      form,
      sentence: run.sentence,
      paragraph: run.paragraph,
      first: firstName.index,
      last: run.last,
      possessive: run.possessive,
      inQuote: run.inQuote,
      kind: 'name',
    };
    person.mentions.push(mention);
    if (form !== person.name) person.aliases.add(form);
    mentionAt.set(firstName.index, { person, mention });
    if (run.title[0]) mentionAt.set(run.title[0].index, { person, mention });
  };

  const genderOf = (run: NameRun): Gender => {
    const h = run.honorific?.toLowerCase() ?? '';
    if (FEMALE_HONORIFICS.has(h)) return 'female';
    if (MALE_HONORIFICS.has(h)) return 'male';
    const given = (run.name[0] as Token).word;
    if (run.name.length > 1 && FEMALE_NAMES.has(given) && !MALE_NAMES.has(given)) return 'female';
    if (run.name.length > 1 && MALE_NAMES.has(given) && !FEMALE_NAMES.has(given)) return 'male';
    return null;
  };

  // Pass 1: full names (two or more words) establish people.
  const singles: NameRun[] = [];
  for (const run of runs) {
    const core = run.name.filter((_, i) => !isParticle(run.name, i, run.honorific !== null));
    if (!looksLikePerson(run, lowercase)) {
      if (core.length === 1 && !PLACES.has(run.nameText) && !ORGANIZATIONS.has(run.nameText))
        singles.push(run);
      else otherRuns.push(run);
      continue;
    }
    if (core.length === 1) {
      singles.push(run);
      continue;
    }
    const key = nameKey(run.nameText);
    let person = byKey.get(key);
    if (!person) {
      person = addPerson(key, run, run.nameText, (run.name[0] as Token).word, surnameOf(run.name));
    } else if (run.nameText.length > person.name.length) {
      person.aliases.add(person.name);
      person.name = run.nameText;
    }
    person.gender ??= genderOf(run);
    const form =
      run.honorific && SHORT_HONORIFICS.has(run.honorific.toLowerCase())
        ? `${run.honorific} ${run.nameText}`
        : run.nameText;
    addMention(person, run, form);
  }

  // Pass 2: single words (a surname or a first name, maybe after "Mr") join a person named in full.
  for (const run of singles) {
    const word = run.nameText;
    const bySurname = people.filter((p) => p.surname === word || p.surname.endsWith(` ${word}`));
    const byFirst = people.filter((p) => p.first === word);
    const candidates =
      bySurname.length > 0
        ? bySurname
        : run.honorific || run.possessive || bySurname.length === 0
          ? byFirst
          : [];
    let person: PersonEntity | undefined;
    if (candidates.length === 1) person = candidates[0];
    else if (candidates.length > 1) {
      // Several people share the word: the one mentioned most recently before this run.
      person = mostRecent(candidates, run.first) ?? candidates[0];
    }
    if (!person) {
      const isPerson = run.honorific !== null && SHORT_HONORIFICS.has(run.honorific.toLowerCase());
      if (!isPerson || PLACES.has(word) || ORGANIZATIONS.has(word)) {
        otherRuns.push(run);
        continue;
      }
      const key = nameKey(word);
      person = byKey.get(key);
      person ??= addPerson(key, run, word, null, word);
    }
    person.gender ??= genderOf(run);
    const form =
      run.honorific && SHORT_HONORIFICS.has(run.honorific.toLowerCase()) ? `${run.honorific} ${word}` : word;
    addMention(person, run, form);
  }
  for (const p of people) {
    if (p.first !== null && p.surname !== p.name) p.aliases.add(p.surname);
    p.mentions.sort((a, b) => a.first - b.first);
  }
  return { people, otherRuns, mentionAt };
}

function mostRecent(candidates: PersonEntity[], before: number): PersonEntity | undefined {
  let best: PersonEntity | undefined;
  let bestAt = -1;
  for (const p of candidates) {
    for (const m of p.mentions)
      if (m.first < before && m.first > bestAt) {
        bestAt = m.first;
        best = p;
      }
  }
  return best;
}

/* ---------------------------------------------------------------- roles */

const GENERIC_HEADS = new Set(['leader', 'official', 'head', 'chief']);

const ROLE_STOP = /[,;:!?()"“”‘’—–]/;

/** Role words written right before a name: "US special envoy Steve Witkoff", "Germany's Chancellor Friedrich Merz". */
function roleBefore(doc: Doc, run: NameRun): string | null {
  const words: Token[] = [...run.title];
  let i = (run.title[0] ?? (run.name[0] as Token)).index - 1;
  while (i >= 0 && words.length < 8) {
    const t = doc.tokens[i] as Token;
    const following = doc.tokens[i + 1] as Token;
    if (t.sentence !== run.sentence || ROLE_STOP.test(t.post) || ROLE_STOP.test(following.pre)) break;
    if (FUNCTION_WORDS.has(t.lower) && !ROLE_WORDS.has(t.lower)) break;
    if (t.lower === 'the' || t.lower === 'of' || t.lower === 'to' || t.lower === 'for') break;
    words.unshift(t);
    i--;
  }
  // The role phrase starts at a capitalised word, a role word or a demonym; leading verbs are not roles.
  while (words.length > 0) {
    const head = words[0] as Token;
    if (head.capitalized || ROLE_WORDS.has(head.lower)) break;
    words.shift();
  }
  while (words.length > 0 && FUNCTION_WORDS.has((words[0] as Token).lower)) words.shift();
  if (words.length === 0) return null;
  // Short honorifics are forms of address, not roles.
  const filtered = words.filter((t) => !SHORT_HONORIFICS.has(t.lower.replace(/\.$/, '')));
  const last = filtered[filtered.length - 1];
  if (!last) return null;
  if (filtered.length === 1 && last.possessive && PLACES.has(last.word)) return last.word;
  const isRoleWord = (t: Token): boolean =>
    ROLE_HEADS.has(t.lower) || (ROLE_WORDS.has(t.lower) && !FUNCTION_WORDS.has(t.lower));
  // The role phrase ends right before the name: with a role word, or a capitalised word of a titled phrase.
  if (!isRoleWord(last) && !(last.capitalized && filtered.some(isRoleWord))) return null;
  return renderRole(filtered);
}

function renderRole(words: Token[]): string {
  return words.map((t) => (t.possessive ? `${t.word}’s` : t.word)).join(' ');
}

/** An appositive after the name: "Mark Rutte, NATO's secretary general, said". */
function roleAfter(doc: Doc, run: NameRun): string | null {
  const lastToken = doc.tokens[run.last - 1] as Token;
  if (lastToken.post !== ',') return null;
  const words: Token[] = [];
  for (let i = run.last; i < doc.tokens.length && words.length < 10; i++) {
    const t = doc.tokens[i] as Token;
    if (t.sentence !== run.sentence) return null;
    words.push(t);
    if (t.post.includes(',') || t.post.includes('.') || t.post.includes(';')) break;
  }
  const first = words[0];
  if (
    !first ||
    ['who', 'which', 'whose', 'said', 'says', 'told', 'and', 'but', 'in', 'on', 'at'].includes(first.lower)
  )
    return null;
  const body = first.lower === 'the' || first.lower === 'a' || first.lower === 'an' ? words.slice(1) : words;
  const lastWord = body[body.length - 1];
  if (!lastWord || !(ROLE_HEADS.has(lastWord.lower) || ROLE_WORDS.has(lastWord.lower))) return null;
  if (body.some((t) => /^(?:is|was|has|had|said|will|would)$/.test(t.lower))) return null;
  return renderRole(body);
}

export function assignRoles(doc: Doc, runs: NameRun[], result: PeopleResult): void {
  for (const run of runs) {
    const at = result.mentionAt.get((run.name[0] as Token).index);
    if (!at || at.person.role !== null || run.inQuote) continue;
    at.person.role = roleBefore(doc, run) ?? roleAfter(doc, run);
  }
}

/* --------------------------------------------------------- descriptions */

/**
 * Descriptions that stand for a person named elsewhere: "the Russian president", "the US president".
 * Each is resolved to the most recently mentioned compatible person outside its own sentence, and one
 * description keeps one referent throughout the article.
 */
export function resolveDescriptions(doc: Doc, result: PeopleResult): void {
  const bound = new Map<string, PersonEntity>();
  const { tokens } = doc;
  for (let i = 0; i < tokens.length; i++) {
    const the = tokens[i] as Token;
    if (the.lower !== 'the' || the.inQuote || ROLE_STOP.test(the.post)) continue;
    const words: Token[] = [];
    let j = i + 1;
    while (j < tokens.length && words.length < 4) {
      const t = tokens[j] as Token;
      if (t.sentence !== the.sentence) break;
      words.push(t);
      if (ROLE_HEADS.has(t.lower) || ROLE_STOP.test(t.post) || t.possessive) break;
      j++;
    }
    const head = words[words.length - 1];
    if (!head || !ROLE_HEADS.has(head.lower) || words.length < 2) continue;
    const modifiers = words.slice(0, -1);
    // Only nationality-like descriptions ("the Russian president", "the US president").
    if (!modifiers.every((t) => DEMONYMS.has(t.word) || PLACES.has(t.word) || /^\p{Lu}{2,3}$/u.test(t.word)))
      continue;
    // "the US president Donald Trump": a title before a name, not a description.
    const after = tokens[j + 1];
    if (
      after &&
      after.sentence === the.sentence &&
      after.capitalized &&
      !after.sentenceInitial &&
      result.mentionAt.has(after.index)
    )
      continue;
    const description = `the ${words.map((t) => t.word).join(' ')}`;
    const key = description.toLowerCase();
    const nationality = modifiers.map((t) => DEMONYMS.get(t.word) ?? t.word).join(' ');
    let person = bound.get(key);
    if (!person) {
      person = findReferent(doc, result, i, head.lower, nationality, bound);
      if (!person) continue;
      bound.set(key, person);
    }
    const mention: PersonMention = {
      form: description,
      sentence: the.sentence,
      paragraph: the.paragraph,
      first: the.index,
      last: head.index + 1,
      possessive: head.possessive,
      inQuote: false,
      kind: 'description',
    };
    person.mentions.push(mention);
    person.aliases.add(description);
    person.role ??= words.map((t) => t.word).join(' ');
    result.mentionAt.set(the.index, { person, mention });
  }
  for (const p of result.people) p.mentions.sort((a, b) => a.first - b.first);
}

function findReferent(
  doc: Doc,
  result: PeopleResult,
  at: number,
  head: string,
  nationality: string,
  bound: Map<string, PersonEntity>,
): PersonEntity | undefined {
  const sentence = (doc.tokens[at] as Token).sentence;
  const boundTo = new Map<PersonEntity, string>();
  for (const [desc, p] of bound) boundTo.set(p, desc);
  const compatible = (p: PersonEntity): boolean => {
    if (boundTo.has(p)) return false;
    if (p.role) {
      const role = p.role.toLowerCase();
      // "the Norwegian leader" may stand for a prime minister or a president; "the president" may not.
      if (!role.includes(head) && !GENERIC_HEADS.has(head)) return false;
      const nat = nationality.toLowerCase();
      const roleWords = p.role.split(/\s+/).map((w) => w.replace(/’s$/, ''));
      const roleNation = roleWords.find((w) => DEMONYMS.has(w) || PLACES.has(w));
      if (roleNation && (DEMONYMS.get(roleNation) ?? roleNation).toLowerCase() !== nat) return false;
    }
    return true;
  };
  // Walk back sentence by sentence; within a sentence prefer its first-mentioned person (the subject).
  for (let s = sentence - 1; s >= Math.max(0, sentence - 6); s--) {
    const inSentence = result.people
      .flatMap((p) =>
        p.mentions.filter((m) => m.sentence === s && m.kind === 'name' && !m.inQuote).map((m) => ({ p, m })),
      )
      .sort((a, b) => a.m.first - b.m.first);
    for (const { p } of inSentence) if (compatible(p)) return p;
  }
  return undefined;
}
