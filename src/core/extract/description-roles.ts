/**
 * Roles from descriptions written elsewhere in the article: "the Democratic nominee", "the Vermont
 * senator", "the Republican nominee for president", "the former boxing champion's Twitter account". Each
 * description is bound to one person (and one person takes one description wording):
 * - a description in the same sentence as names is not the sentence's subject ("Sanders offered advice
 *   to Clinton, as the Democratic nominee looks to ..." is Clinton), so the latest other person wins;
 * - otherwise the sentences before are read back, each sentence's first-named person first;
 * - a person whose role already names the other party, or another post, or whose gender differs from
 *   the description's (its head, "chairwoman", or the first he/she/his/her after it) is passed over.
 * people.ts binds nationality descriptions ("the Russian president") as mentions for quotes by its own
 * rule; roles are bound here by the one above, which also keeps "the Vermont senator" off the person a
 * sentence is about when another person is named in it.
 */
import type { Doc, Token } from './document.js';
import {
  DEMONYMS,
  FUNCTION_WORDS,
  PLACES,
  ROLE_HEADS,
  ROLE_WORDS,
  WEEKDAYS_AND_MONTHS,
} from './lexicon/index.js';
import type { Gender, PeopleResult, PersonEntity } from './people.js';

export interface DescriptionGrammar {
  isRoleNoun(t: Token): boolean;
}

export interface BoundDescription {
  person: PersonEntity;
  text: string;
  weight: number;
}

const PARTIES: readonly [RegExp, string][] = [
  [/^(?:democrat|democrats|democratic)$/, 'D'],
  [/^(?:republican|republicans|gop)$/, 'R'],
  [/^(?:libertarian)$/, 'L'],
  [/^(?:labour)$/, 'Lab'],
  [/^(?:tory|conservative)$/, 'C'],
];

function partyOf(words: readonly string[]): string | null {
  for (const w of words) for (const [pattern, party] of PARTIES) if (pattern.test(w)) return party;
  return null;
}

const ROLE_STOP = /[,;:!?()"“”‘’—–]/;

/** Modifier words a description may have: office, party, standing, nationality, place, field. */
function isDescriptionModifier(t: Token, g: DescriptionGrammar): boolean {
  if (t.possessive) return false;
  if (DEMONYMS.has(t.word) || PLACES.has(t.word) || /^\p{Lu}{2,4}$/u.test(t.word)) return true;
  if (ROLE_WORDS.has(t.lower) || g.isRoleNoun(t) || OFFICE_ADJECTIVES.has(t.lower)) return true;
  // Standing: "the current Democratic presidential nominee" ("former" and "then" are role words).
  if (t.lower === 'current') return true;
  return t.capitalized && !t.sentenceInitial && partyOf([t.lower]) !== null;
}

/** Adjectives of office that look like role words: "the Democratic presidential nominee". */
const OFFICE_ADJECTIVES = new Set([
  'presidential',
  'vice-presidential',
  'congressional',
  'gubernatorial',
  'senatorial',
  'mayoral',
  'parliamentary',
  'ministerial',
]);

/** A plural ("the American people", "the TSA officers") names a group, not the person. */
function isPlural(t: Token): boolean {
  return t.lower === 'people' || (t.lower.endsWith('s') && !t.lower.endsWith('ss') && t.lower.length > 3);
}

/** A noun a description can end in: a lowercase role noun in the singular. */
function isHead(t: Token, g: DescriptionGrammar): boolean {
  return g.isRoleNoun(t) && !t.capitalized && !OFFICE_ADJECTIVES.has(t.lower) && !isPlural(t);
}

/** The description starting at "the" (token `i`): its words, heads and end; null when there is none. */
function readDescription(
  doc: Doc,
  i: number,
  g: DescriptionGrammar,
): { words: Token[]; heads: Token[]; end: number } | null {
  const { tokens } = doc;
  const the = tokens[i] as Token;
  const words: Token[] = [];
  const heads: Token[] = [];
  /** How many of `words` make a whole description (up to the last head or its completing phrase). */
  let whole = 0;
  /** Whether the last head was completed ("secretary of state"), so "and" may join a second post. */
  let completed = false;
  for (let j = i + 1; j < tokens.length && words.length < 10; j++) {
    const t = tokens[j] as Token;
    const next = tokens[j + 1];
    if (t.sentence !== the.sentence || t.inQuote) break;
    const prev = words[words.length - 1];
    if (prev && (ROLE_STOP.test(prev.post) || prev.possessive)) break;
    if (prev && (heads.includes(prev) || (whole === words.length && completed))) {
      // "the former secretary of state and current Democratic presidential nominee": two posts.
      if (t.lower === 'and' && next && (isDescriptionModifier(next, g) || g.isRoleNoun(next))) {
        words.push(t);
        continue;
      }
      // "secretary of state", "nominee for president": a phrase completing a post's name.
      // Not "winner of Monday night's debate".
      const completes =
        (t.lower === 'of' &&
          next &&
          !FUNCTION_WORDS.has(next.lower) &&
          /^\p{L}+$/u.test(next.word) &&
          !next.possessive &&
          !WEEKDAYS_AND_MONTHS.has(next.lower)) ||
        (t.lower === 'for' && next?.lower === 'president');
      if (completes && next && next.sentence === t.sentence) {
        words.push(t, next);
        whole = words.length;
        completed = true;
        j++;
        continue;
      }
    }
    // "the first lady": "lady" names a post only after "first".
    if (isHead(t, g) || (t.lower === 'lady' && prev?.lower === 'first')) {
      words.push(t);
      heads.push(t);
      whole = words.length;
      continue;
    }
    if (!isDescriptionModifier(t, g) || isPlural(t)) break;
    words.push(t);
  }
  words.length = whole;
  const kept = heads.filter((h) => words.includes(h));
  const firstLady = kept.some((h) => h.lower === 'lady');
  if (
    kept.length === 0 ||
    words.length < 2 ||
    !(firstLady || words.some((t) => !kept.includes(t) && !FUNCTION_WORDS.has(t.lower)))
  )
    return null;
  return { words, heads: kept, end: (words[words.length - 1] as Token).index + 1 };
}

/** The gender a description implies: its head ("chairwoman"), or the first personal pronoun after it. */
function genderAfter(doc: Doc, heads: readonly Token[], end: number, result: PeopleResult): Gender {
  const head = (heads[heads.length - 1] as Token).lower;
  if (/woman$|^(?:queen|princess|duchess|wife|mother|daughter|sister|lady)$/.test(head)) return 'female';
  if (/man$|^(?:king|prince|duke|husband|father|son|brother)$/.test(head)) return 'male';
  const sentence = (doc.tokens[end - 1] as Token).sentence;
  for (let k = end; k < doc.tokens.length && k < end + 15; k++) {
    const t = doc.tokens[k] as Token;
    if (t.sentence !== sentence || result.mentionAt.has(k)) return null;
    if (t.inQuote) continue;
    if (/^(?:he|his|him|himself)$/.test(t.lower)) return 'male';
    if (/^(?:she|her|hers|herself)$/.test(t.lower)) return 'female';
  }
  return null;
}

/** Reads every description outside quotations and binds it to a person. */
export function bindDescriptions(
  doc: Doc,
  result: PeopleResult,
  roleOf: (p: PersonEntity) => string | null,
  g: DescriptionGrammar,
): BoundDescription[] {
  const { tokens } = doc;
  const out: BoundDescription[] = [];
  const boundByKey = new Map<string, PersonEntity>();
  const keyOf = new Map<PersonEntity, string>();
  for (let i = 0; i < tokens.length; i++) {
    const the = tokens[i] as Token;
    // "Obama’s former campaign strategist said": a possessive name opens a description as "the" does.
    const possessor =
      the.possessive && the.capitalized ? result.mentionAt.get(nameStartEndingAt(result, i) ?? i) : undefined;
    const opener = the.lower === 'the' || (the.possessive && the.capitalized && the.post === '');
    if (!opener || the.inQuote || ROLE_STOP.test(the.post)) continue;
    const read = readDescription(doc, i, g);
    if (!read) continue;
    const { words, heads, end } = read;
    // "the US president Donald Trump": a title before a name, not a description.
    if (result.mentionAt.has(end) || tokens[end]?.capitalized) continue;
    // "X, the Democratic nominee,": an appositive, read with the name.
    if (tokens[i - 1]?.post.startsWith(',') && result.mentionAt.has(nameStartEndingAt(result, i - 1) ?? -1))
      continue;
    const own = the.lower === 'the' ? '' : `${the.word}’s `;
    const text =
      own +
      words.map((t, n) => (n < words.length - 1 ? `${t.word}${t.possessive ? '’s' : ''} ` : t.word)).join('');
    const key = text.toLowerCase();
    // "the Republican nominee" after "the Republican presidential nominee": the same person again.
    let person = boundByKey.get(key) ?? holderOfWider(boundByKey, key);
    if (!person) {
      const lower = words.map((t) => t.lower);
      const party = partyOf(lower);
      const gender = genderAfter(doc, heads, end, result);
      const headWords = heads.map((h) => h.lower);
      const former = lower.includes('former');
      const fits = (p: PersonEntity): boolean => {
        if (p === possessor?.person) return false;
        if (keyOf.has(p) && keyOf.get(p) !== key) return false;
        if (gender !== null && p.gender !== null && p.gender !== gender) return false;
        const role = roleOf(p)?.toLowerCase();
        if (!role) return true;
        const roleWords = role.split(/[^\p{L}-]+/u);
        const roleParty = partyOf(roleWords);
        if (party && roleParty && party !== roleParty) return false;
        // A person who holds another post ("president") is not "the Vermont senator"; a former post may
        // be any.
        const posts = roleWords.filter((w) => ROLE_HEADS.has(w)).map(samePost);
        if (!former && posts.length > 0 && !headWords.some((h) => posts.includes(samePost(h)))) return false;
        return true;
      };
      person = referent(doc, result, i, fits, opensClause(doc, i, end));
      if (!person) continue;
    }
    boundByKey.set(key, person);
    if (!keyOf.has(person)) keyOf.set(person, key);
    out.push({ person, text, weight: words.filter((t) => !FUNCTION_WORDS.has(t.lower)).length });
  }
  return out;
}

/** The person bound to a wording that has every word of `key` and more ("republican presidential nominee"). */
function holderOfWider(boundByKey: ReadonlyMap<string, PersonEntity>, key: string): PersonEntity | undefined {
  const words = key.split(' ');
  for (const [wider, person] of boundByKey) {
    const has = new Set(wider.split(' '));
    if (wider !== key && words.every((w) => has.has(w))) return person;
  }
  return undefined;
}

/** Posts that are one in a campaign: the "GOP candidate" is "the Republican nominee". */
function samePost(head: string): string {
  return /^(?:candidate|nominee|contender|standard-bearer)$/.test(head) ? 'candidate' : head;
}

/** The first token of the person mention that ends at token `index`, if one does. */
function nameStartEndingAt(result: PeopleResult, index: number): number | null {
  for (const p of result.people)
    for (const m of p.mentions) if (m.kind === 'name' && m.last - 1 === index) return m.first;
  return null;
}

/** Conjunctions that open a clause of their own within a sentence. */
const CLAUSE_CONJUNCTIONS =
  /^(?:as|and|but|while|when|because|before|after|since|although|though|so|until|whereas)$/;

/** Verbs and auxiliaries that tell a description is the subject of its clause ("as the first lady managed"). */
const FINITE =
  /^(?:is|was|has|had|will|would|also|then|later|now|still|did|does|can|could|[a-z]+ed|[a-z]+es)$/;

/**
 * "..., as the first lady managed to ...": a description that is the subject of a clause joined to the
 * sentence (a conjunction before it, a verb after it) goes on telling of the sentence's subject.
 */
function opensClause(doc: Doc, at: number, end: number): boolean {
  const before = doc.tokens[at - 1];
  const after = doc.tokens[end];
  const the = doc.tokens[at] as Token;
  return (
    before !== undefined &&
    after !== undefined &&
    before.sentence === the.sentence &&
    after.sentence === the.sentence &&
    !before.capitalized &&
    CLAUSE_CONJUNCTIONS.test(before.lower) &&
    !after.capitalized &&
    FINITE.test(after.lower)
  );
}

/**
 * How many sentences back a description looks for its person: a feature story names its subject once
 * and describes them for several paragraphs (6 missed "the Republican nominee for president" ten
 * sentences after Trump's name; 10, 15 and 25 read the same on people-dev).
 */
const LOOKBACK = 10;

function referent(
  doc: Doc,
  result: PeopleResult,
  at: number,
  fits: (p: PersonEntity) => boolean,
  subjectClause: boolean,
): PersonEntity | undefined {
  const sentence = (doc.tokens[at] as Token).sentence;
  const named = (s: number) =>
    result.people
      .flatMap((p) =>
        p.mentions
          .filter(
            (m) =>
              m.sentence === s &&
              m.kind === 'name' &&
              !m.inQuote &&
              m.first < (s === sentence ? at : Infinity),
          )
          .map((m) => ({ p, first: m.first })),
      )
      .sort((a, b) => a.first - b.first);
  // Its own sentence: not the subject (the first named), the latest other person.
  const own = named(sentence);
  // "The boxing champion" capitalised mid-sentence starts a new sentence run on from a caption: the
  // names before it are read as a sentence before, subject first.
  const runOn = (doc.tokens[at] as Token).word === 'The' && !(doc.tokens[at] as Token).sentenceInitial;
  const subject = own[0]?.p;
  if (runOn) {
    for (const { p } of own) if (fits(p)) return p;
  } else for (const { p } of [...own].reverse()) if ((p !== subject || subjectClause) && fits(p)) return p;
  for (let s = sentence - 1; s >= Math.max(0, sentence - LOOKBACK); s--)
    for (const { p } of named(s)) if (fits(p)) return p;
  return undefined;
}
