/**
 * People: proper-noun runs that name persons, clustered so that each person appears once under the
 * fullest name the article gives, with every form that refers to them ("Mr Witkoff", "Witkoff",
 * "the Russian president"), their role as the article states it, and where they are mentioned.
 */
import type { Doc, Token } from './document.js';
import {
  BRANDS,
  COMMON_WORDS,
  DEMONYMS,
  DICTIONARY_WORDS,
  FEMALE_NAMES,
  FUNCTION_WORDS,
  GIVEN_NAMES,
  HONORIFICS,
  KIN_WORDS,
  KNOWN_SURNAMES,
  LEADING_THING_WORDS,
  MALE_NAMES,
  NAME_PARTICLES,
  ORG_WORDS,
  ORGANIZATIONS,
  PERSON_NOUNS,
  PLACE_ONLY_PREPOSITIONS,
  PLACE_PREPOSITIONS,
  PLACE_WORDS,
  PLACES,
  RELIGION_WORDS,
  ROLE_HEADS,
  ROLE_WORDS,
  SAYING_VERBS,
  SHORT_GIVEN_NAMES,
  SHORT_HONORIFICS,
  THING_DETERMINERS,
  THING_WORDS,
  TRAILING_ORG_WORDS,
  VERB_FORMS,
  VERB_GAP,
} from './lexicon/index.js';

export { assignRoles } from './roles.js';

import { isInitial, isSuffix, joinName, joinTokens, type NameRun } from './runs.js';

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

function surnameOf(full: Token[]): string {
  // "Harry F. Byrd Sr." -> "Byrd": a generational suffix is not the surname.
  const name = full.length > 1 && isSuffix(full[full.length - 1] as Token) ? full.slice(0, -1) : full;
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

/**
 * A word shaped like a brand or a web address, never a name: a capital inside the word after a
 * lowercase letter ("MailOnline", "BethesdaNow.com"), except after the prefixes of surnames ("McCoy",
 * "MacLeod", "DeSantis", "LaGuardia", "DiCaprio", "O'Neill"), or a domain ending.
 */
function isBrandShaped(word: string): boolean {
  // ASCII patterns: brands and domains are written in ASCII, and these run on every name word.
  if (/\.(?:com|org|net|co|uk|gov|edu|io)$/i.test(word)) return true;
  const inner = /[a-z][A-Z]/.exec(word);
  return (
    inner !== null && !/^(?:Mc|Mac|De|Di|Da|Du|La|Le|Van|Von|St|Fitz)$/u.test(word.slice(0, inner.index + 1))
  );
}

/** "from Midway Atoll", "at Port Vale": a name no given name vouches for, written where a place goes. */
function afterPlacePreposition(doc: Doc, run: NameRun): boolean {
  const before = doc.tokens[run.first - 1];
  // "to" is also the preposition of people ("married to X", "wrote to X").
  return (
    before !== undefined &&
    before.sentence === run.sentence &&
    before.lower !== 'to' &&
    PLACE_PREPOSITIONS.has(before.lower)
  );
}

/**
 * A plural naming a group of people: "Sunni Muslims", "Coptic Christians", "African-Americans" when
 * the article also writes the singular with a capital ("Muslim", "African-American"), and plurals of
 * -ist nouns ("Islamists"), which no one is named.
 */
function namesAGroup(name: string, capitalised: ReadonlySet<string>): boolean {
  const last = name.split(' ').at(-1) ?? '';
  if (/\p{Ll}ists$/u.test(last)) return true;
  return /\p{Ll}s$/u.test(last) && capitalised.has(last.slice(0, -1));
}

/**
 * A name of two or three words after a title or honorific in the same run ("Secretary General Ban
 * Ki-moon", "police Chief Chuck Jordan"): the title says it is a person though its words are also
 * ordinary words or places.
 */
function titledName(run: NameRun, lowercase: Set<string>): boolean {
  if (!run.title.some((t) => HONORIFICS.has(t.lower.replace(/\.$/, '')) || ROLE_HEADS.has(t.lower)))
    return false;
  const words = coreWords(run);
  if (words.length < 2 || words.length > 3) return false;
  if (PLACES.has(run.nameText) || ORGANIZATIONS.has(run.nameText) || DEMONYMS.has(run.nameText)) return false;
  // The surname is no ordinary word ("Obama Speech", "Islamic Holiday" are things).
  if (isDictionaryWord(words[words.length - 1] as Token, lowercase)) return false;
  return !words.some(
    (t) =>
      /^\p{Lu}{2,}$/u.test(t.word) ||
      /\d/.test(t.word) ||
      isBrandShaped(t.word) ||
      FUNCTION_WORDS.has(t.lower) ||
      ORG_WORDS.has(t.lower) ||
      PLACE_WORDS.has(t.lower) ||
      THING_WORDS.has(t.lower),
  );
}

/** "Marks & Spencer", "Procter & Gamble": names joined by an ampersand are a firm's. */
function joinedByAmpersand(doc: Doc, run: NameRun): boolean {
  const text = doc.paragraphs[run.paragraph] ?? '';
  const first = doc.tokens[run.first] as Token;
  const last = doc.tokens[run.last - 1] as Token;
  return text.slice(first.end, last.start).includes('&');
}

/**
 * A firm, band or team ("Tesco", "Aston Villa"), or a product named after its maker ("Nissan Navara",
 * "Ford Focus"); a name opening with a given name is a person's ("Gerald Ford", "Coco Chanel").
 */
function namesABrand(run: NameRun): boolean {
  const first = run.name[0] as Token;
  if (GIVEN_NAMES.has(first.word)) return false;
  return BRANDS.has(run.nameText.toLowerCase()) || (run.name.length > 1 && BRANDS.has(first.lower));
}

/** Is this run a person's name on its own shape (before the words around it are read)? */
function looksLikePerson(run: NameRun, lowercase: Set<string>): boolean {
  const words = coreWords(run);
  if (words.length === 0) return false;
  if (run.name.some((t) => isBrandShaped(t.word))) return false;
  const whole = run.nameText;
  if (PLACES.has(run.text) || ORGANIZATIONS.has(run.text)) return false;
  if (PLACES.has(whole) || ORGANIZATIONS.has(whole) || DEMONYMS.has(whole)) return false;
  const last = (run.name[run.name.length - 1] as Token).lower;
  if (ORG_WORDS.has(last) || PLACE_WORDS.has(last) || THING_WORDS.has(last)) return false;
  if (words.length > 1 && TRAILING_ORG_WORDS.has(last)) return false;
  if (RELIGION_WORDS.has((run.name[run.name.length - 1] as Token).word)) return false;
  if (namesABrand(run)) return false;
  if (run.name.length > 1 && LEADING_THING_WORDS.has((run.name[0] as Token).lower)) return false;
  // Words in Chinese, Japanese or Korean script inside English text are no name the text gives in full.
  if (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(run.nameText))
    return false;
  if (words.some((t) => /^\p{Lu}{2,}$/u.test(t.word) && t.word.length > 1)) return false; // acronyms
  if (words.some((t) => /\d/.test(t.word))) return false;
  if (run.honorific && SHORT_HONORIFICS.has(run.honorific.toLowerCase())) return true;
  if (words.length === 1) return run.honorific !== null;
  if (GIVEN_NAMES.has((words[0] as Token).word)) return true;
  if (writtenWithParticle(run)) return true;
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

/**
 * "Osama bin Laden", "Ursula von der Leyen": a lowercase surname particle between capitalised words is
 * how personal names are written (a thing's name writes "of", not "bin" or "von").
 */
function writtenWithParticle(run: NameRun): boolean {
  const words = coreWords(run);
  if (words.length < 2 || words.length > 3 || !words.every((t) => t.capitalized)) return false;
  return run.name.some((t, i) => i > 0 && !t.capitalized && isParticle(run.name, i, false));
}

/** The words of a name that are neither particles, initials nor generational suffixes. */
function coreWords(run: NameRun): Token[] {
  return run.name.filter(
    (t, i) => !isParticle(run.name, i, run.honorific !== null) && !isInitial(t) && !isSuffix(t),
  );
}

/** 'organisation': the text says outright what it is ("Roscosmos, the Russian Federal Space Agency"). */
type Cue = 'person' | 'thing' | 'organisation' | null;

/** The word after `t` in the same sentence, skipping nothing. */
function nextIn(doc: Doc, index: number, sentence: number): Token | undefined {
  const t = doc.tokens[index];
  return t && t.sentence === sentence ? t : undefined;
}

/**
 * What the words around a name say about it. A person: a title or honorific in the run, a person noun
 * right before it ("historian Douglas Brinkley", "his wife Audrey"), a verb of saying or a "who" after
 * it, "said X", an appositive ("X, 45," / "X, a historian,"), a relative ("X's wife"). A thing: a
 * determiner before it ("a Stella McCartney coat", "the Grand National was"), or a preposition of place
 * ("in Santa Rosa").
 */
function cueOf(doc: Doc, run: NameRun): Cue {
  const { tokens } = doc;
  // A title word before the name ("President", "historian"), not a mere modifier ("New", "former").
  if (run.title.some((t) => HONORIFICS.has(t.lower.replace(/\.$/, '')) || ROLE_HEADS.has(t.lower)))
    return 'person';
  const head = tokens[run.first] as Token;
  const last = tokens[run.last - 1] as Token;
  const before = run.first > 0 ? tokens[run.first - 1] : undefined;
  const sameSentenceBefore =
    before && before.sentence === run.sentence && before.post === '' && head.pre === '';
  if (sameSentenceBefore && before) {
    if (THING_DETERMINERS.has(before.lower) && !before.capitalized) return 'thing';
    if (before.lower === 'the' && !before.capitalized) {
      // "the Clinton campaign": the name is used attributively for a person; "the Golden Globes." is a thing.
      const after = nextIn(doc, run.last, run.sentence);
      const attributive = after && !last.post && !after.capitalized && !FUNCTION_WORDS.has(after.lower);
      if (!attributive) return 'thing';
    }
    if (PLACE_ONLY_PREPOSITIONS.has(before.lower)) return 'thing';
    // "historian Douglas Brinkley said", not "radical Islamic terrorism": the noun before is the
    // person's title only when the name is not itself a modifier of a noun after it.
    const after = nextIn(doc, run.last, run.sentence);
    const modifiesNoun =
      after !== undefined &&
      last.post === '' &&
      !after.capitalized &&
      !FUNCTION_WORDS.has(after.lower) &&
      !VERB_FORMS.has(after.lower) &&
      !SAYING_VERBS.has(after.lower) &&
      !VERB_GAP.has(after.lower);
    if (
      (PERSON_NOUNS.has(before.lower) || KIN_WORDS.has(before.lower) || ROLE_HEADS.has(before.lower)) &&
      !modifiesNoun
    )
      return 'person';
    // "said Smith"; "a material called Frubber" names a thing.
    if (SAYING_VERBS.has(before.lower) && before.lower !== 'called') return 'person';
  }
  // "her eighth husband, Rashid Rajput", "his lawyer, Ed Brass": a person noun set off before the name.
  if (
    before &&
    before.sentence === run.sentence &&
    before.post === ',' &&
    !before.capitalized &&
    // Singular: "board of directors, Cyanogen, …" goes on to a list.
    !/s$/.test(before.lower) &&
    (KIN_WORDS.has(before.lower) || PERSON_NOUNS.has(before.lower))
  )
    return 'person';
  // After the name: a verb of saying (allowing an auxiliary or adverb), "who", an appositive.
  let i = run.last;
  if (last.possessive) {
    const owned = nextIn(doc, i, run.sentence);
    const ownedNext = nextIn(doc, i + 1, run.sentence);
    // "St James’s Palace", "St Mary’s Hospital": a building or body named after a person.
    if (owned?.capitalized && (PLACE_WORDS.has(owned.lower) || ORG_WORDS.has(owned.lower))) return 'thing';
    if (owned && (KIN_WORDS.has(owned.lower) || (PERSON_NOUNS.has(owned.lower) && !owned.capitalized)))
      return 'person';
    if (owned && ownedNext && !owned.capitalized && KIN_WORDS.has(ownedNext.lower)) return 'person';
    return null;
  }
  if (last.post === ',' || last.post === '') {
    const next = nextIn(doc, i, run.sentence);
    if (!next) return null;
    if (next.lower === 'who' && !next.capitalized) return 'person';
    if (last.post === ',') {
      // "Smith, 45," or "Smith, a historian,".
      if (/^\d{1,3}$/.test(next.word) && next.post.startsWith(',')) return 'person';
      if (next.lower === 'a' || next.lower === 'an' || next.lower === 'the') {
        let person = false;
        for (let k = i + 1; k < Math.min(tokens.length, i + 7); k++) {
          const t = tokens[k] as Token;
          if (t.sentence !== run.sentence) break;
          // "X, the keen golf-playing member of One Direction,": "member" is no job but names a person.
          if (PERSON_NOUNS.has(t.lower) || ROLE_HEADS.has(t.lower) || t.lower === 'member') person = true;
          if (t.post === '') continue;
          // "Roscosmos, the Russian Federal Space Agency,": an organisation named in apposition.
          if (t.capitalized && ORG_WORDS.has(t.lower)) return 'organisation';
          break;
        }
        if (person) return 'person';
      }
      return null;
    }
    while (VERB_GAP.has(next.lower) && i < run.last + 2) {
      i++;
      const t = nextIn(doc, i, run.sentence);
      if (!t) return null;
      if (!VERB_GAP.has(t.lower)) return SAYING_VERBS.has(t.lower) ? 'person' : null;
    }
    if (SAYING_VERBS.has(next.lower)) return 'person';
  }
  return null;
}

export interface PeopleResult {
  people: PersonEntity[];
  /** Runs that were not people (candidates for organisations and places). */
  otherRuns: NameRun[];
  /** Person mentions by first token index, for attribution. */
  mentionAt: Map<number, { person: PersonEntity; mention: PersonMention }>;
}

/** The gender an honorific, or a given name only ever listed for one sex, implies. */
function genderOf(run: NameRun): Gender {
  const h = run.honorific?.toLowerCase() ?? '';
  if (FEMALE_HONORIFICS.has(h)) return 'female';
  if (MALE_HONORIFICS.has(h)) return 'male';
  const given = (run.name[0] as Token).word;
  if (run.name.length > 1 && FEMALE_NAMES.has(given) && !MALE_NAMES.has(given)) return 'female';
  if (run.name.length > 1 && MALE_NAMES.has(given) && !FEMALE_NAMES.has(given)) return 'male';
  return null;
}

/** Does a name's last word read as an ordinary word ("Trump Train", "Paulson Partners")? */
function endsInDictionaryWord(name: string, lowercase: Set<string>): boolean {
  const last = name.split(' ').at(-1)?.toLowerCase() ?? '';
  return lowercase.has(last) || COMMON_WORDS.has(last) || DICTIONARY_WORDS.has(last);
}

/** A dictionary word ("golden", "national"): evidence a capitalised run names a thing. */
function isDictionaryWord(t: Token, lowercase: Set<string>): boolean {
  return lowercase.has(t.lower) || COMMON_WORDS.has(t.lower) || DICTIONARY_WORDS.has(t.lower);
}

interface Cluster {
  person: PersonEntity;
  runs: NameRun[];
  cues: Cue[];
}

/**
 * The person named in full that a single word (a surname or a first name) stands for, if any: of the
 * same gender when both are known, the first named when several fit.
 */
function namedBefore(
  people: readonly PersonEntity[],
  run: NameRun,
  gender: PersonEntity['gender'],
  lowercase: Set<string>,
): PersonEntity | undefined {
  const word = run.nameText;
  const fits = (p: PersonEntity) => gender === null || p.gender === null || p.gender === gender;
  const bySurname = people.filter((p) => (p.surname === word || p.surname.endsWith(` ${word}`)) && fits(p));
  // A first word alone stands for the full name when it is a known given name, or when the full name
  // ends in no dictionary word ("Xi" for Xi Jinping): "Trump" never joins "Trump Train", "Trump
  // University" or "Paulson Partners", things named after a person.
  const byFirst = people.filter(
    (p) =>
      p.first === word &&
      p.first !== p.name &&
      (GIVEN_NAMES.has(word) || !endsInDictionaryWord(p.name, lowercase)) &&
      fits(p),
  );
  const candidates = bySurname.length > 0 ? bySurname : byFirst;
  // Several fit ("Trump" after Donald and Ivanka Trump): the first named, who is most often the one
  // the story is about (the most recent or the most mentioned so far did worse, docs/PEOPLE.md).
  return candidates[0];
}

/**
 * A cluster is a person when the text shows it (a cue), or when it is shaped like a person's name (a
 * known given name, or words that are not dictionary words) and nothing shows it is a thing.
 */
function clusterIsPerson(
  cluster: Cluster,
  doc: Doc,
  lowercase: Set<string>,
  capitalised: Set<string>,
): boolean {
  const personCues = cluster.cues.filter((c) => c === 'person').length;
  const thingCues = cluster.cues.filter((c) => c === 'thing').length;
  const full = cluster.runs.find((r) => coreWords(r).length > 1 || r.name.some(isInitial));
  if (cluster.cues.includes('organisation') || namesAGroup(cluster.person.name, capitalised)) return false;
  if (personCues > 0) return personCues >= thingCues;
  if (!full) return thingCues === 0;
  // A person named again is named by surname ("Cambridge Analytica ... Cambridge Analytica" is a firm;
  // "Hori Parata ... Parata" a man): a name no given name vouches for, repeated only in full, is a
  // thing's (a firm, a product, a team).
  // Lists of contributors or signatories name each person in full every time, so a name in a list of
  // names is exempt.
  const repeatedInFull =
    cluster.runs.length >= 2 && cluster.runs.every((r) => coreWords(r).length > 1 && !inListOfNames(doc, r));
  if (GIVEN_NAMES.has((full.name[0] as Token).word)) return thingCues < cluster.runs.length;
  if (writtenWithParticle(full)) return thingCues === 0;
  if (repeatedInFull) return false;
  // A first name may be a dictionary word the article never writes in lower case ("Mitt Romney",
  // "Wolf Blitzer"); the rest of the name may not ("Capitol Hill", "Charlotte Panthers").
  return (
    thingCues === 0 &&
    !cluster.runs.some((r) => afterPlacePreposition(doc, r)) &&
    !coreWords(full).some(
      (t, k) => ORG_WORDS.has(t.lower) || (k === 0 ? lowercase.has(t.lower) : isDictionaryWord(t, lowercase)),
    )
  );
}

/**
 * "…, Herbert Dürr, Tsutomu Uchino, …": a name set between commas next to another capitalised name, or
 * standing alone as a sentence (a table cell, a caption's credit).
 */
function inListOfNames(doc: Doc, run: NameRun): boolean {
  const sentence = doc.sentences[run.sentence];
  if (sentence && sentence.tokenEnd - sentence.tokenStart === run.last - run.first) return true;
  const before = doc.tokens[run.first - 1];
  const last = doc.tokens[run.last - 1] as Token;
  const after = doc.tokens[run.last];
  // "63 16.6% Jürgen Schmidt 56 14.7%": a table's row read as text.
  if (before && after && /^\d/.test(before.word) && /^\d/.test(after.word)) return true;
  const listBefore = before?.sentence === run.sentence && before.post === ',' && before.capitalized;
  const listAfter =
    after?.sentence === run.sentence && last.post === ',' && (after.capitalized || after.lower === 'and');
  return listBefore || listAfter;
}

export function findPeople(runs: NameRun[], lowercase: Set<string>, doc: Doc): PeopleResult {
  const people: PersonEntity[] = [];
  const clusters = new Map<PersonEntity, Cluster>();
  const byKey = new Map<string, PersonEntity>();
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
    clusters.set(person, { person, runs: [], cues: [] });
    byKey.set(key, person);
    return person;
  };
  const join = (person: PersonEntity, run: NameRun, cue: Cue): void => {
    const cluster = clusters.get(person) as Cluster;
    cluster.runs.push(run);
    cluster.cues.push(cue);
    person.gender ??= genderOf(run);
  };

  const capitalised = new Set(doc.tokens.filter((t) => t.capitalized).map((t) => t.word));
  // Pass 1: full names (two or more words) establish people.
  const singles: NameRun[] = [];
  // "Hamilton said" after "Margaret Hamilton": a surname that is also a city's name.
  const placeSingles: NameRun[] = [];
  const nicknames = new Map<NameRun, string>();
  for (const run of withSharedSurnames(withNicknames(runs, doc, nicknames), doc)) {
    const core = coreWords(run);
    if ((!looksLikePerson(run, lowercase) && !titledName(run, lowercase)) || joinedByAmpersand(doc, run)) {
      if (core.length === 1 && !PLACES.has(run.nameText) && !ORGANIZATIONS.has(run.nameText))
        singles.push(run);
      else if (core.length === 1 && PLACES.has(run.nameText) && !afterPlacePreposition(doc, run))
        placeSingles.push(run);
      else otherRuns.push(run);
      continue;
    }
    // One word besides surname particles ("Mr Witkoff", "von der Leyen"); an initial makes a full name.
    if (core.length === 1 && !run.name.some(isInitial)) {
      singles.push(run);
      continue;
    }
    // "Joseph R. Biden Jr.": the suffix is part of the full name; the key leaves it out, so "Joseph R.
    // Biden" and "Joseph R. Biden Jr." are one person.
    const name = run.nameText;
    const key = nameKey(withoutSuffix(run));
    let person = byKey.get(key) ?? variantSpelling(people, run);
    if (!person) {
      person = addPerson(key, run, name, (run.name[0] as Token).word, surnameOf(run.name));
    } else if (name.length > person.name.length) {
      person.aliases.add(person.name);
      person.name = name;
    }
    join(person, run, cueOf(doc, run));
    // "Robert C. “Bobby” Scott": a later "Bobby Scott" is the same person.
    const nickname = nicknames.get(run);
    if (nickname !== undefined && !byKey.has(nameKey(nickname))) byKey.set(nameKey(nickname), person);
  }

  for (const run of placeSingles) {
    const surnamed = people.some((p) => p.first !== null && p.surname === run.nameText);
    (surnamed ? singles : otherRuns).push(run);
  }
  // Pass 2: single words (a surname or a first name, maybe after "Mr") join a person named in full;
  // an honorific's gender keeps "Mr. Trump" away from Ivanka Trump.
  const cues = new Map(singles.map((run) => [run, cueOf(doc, run)]));
  // A word the text once calls an organisation is one everywhere in the article.
  const organisations = new Set(
    singles.filter((run) => cues.get(run) === 'organisation').map((r) => r.nameText),
  );
  for (const run of singles) {
    const word = run.nameText;
    if (organisations.has(word)) {
      otherRuns.push(run);
      continue;
    }
    const gender = genderOf(run);
    let person = namedBefore(people, run, gender, lowercase);
    const cue = cues.get(run) ?? null;
    if (!person) {
      if (!singleIsPerson(run, cue, lowercase, doc) && !namedAsKin(doc, run)) {
        otherRuns.push(run);
        continue;
      }
      const key = `${nameKey(word)}|${gender ?? ''}`;
      person = byKey.get(key) ?? byKey.get(`${nameKey(word)}|`);
      person ??= addPerson(key, run, word, null, word);
    }
    join(person, run, cue);
  }

  const kept: PersonEntity[] = [];
  for (const person of people) {
    const cluster = clusters.get(person) as Cluster;
    if (clusterIsPerson(cluster, doc, lowercase, capitalised)) kept.push(person);
    else otherRuns.push(...cluster.runs);
  }

  const mentionAt = new Map<number, { person: PersonEntity; mention: PersonMention }>();
  for (const [id, person] of kept.entries()) {
    person.id = id;
    for (const run of (clusters.get(person) as Cluster).runs) addMention(person, run, mentionAt);
    if (person.first !== null && person.surname !== person.name) person.aliases.add(person.surname);
    person.mentions.sort((a, b) => a.first - b.first);
  }
  otherRuns.sort((a, b) => a.first - b.first);
  return { people: kept, otherRuns, mentionAt };
}

/**
 * A single word no full name explains is a person when an honorific or title stands before it ("Mr
 * Trump", "President Obama"), or the words around it say so ("Sanders said", "his wife Audrey"), or it
 * is a known given name used in the middle of a sentence ("... with Eugenie"); never a place or an
 * organisation the lists know, nor an ordinary word.
 */
/**
 * "his father Peter", "his 17-year-old daughter, Ellie,": a known given name right after a word for a
 * relative is that relative, though the name is also a dictionary word ("peter").
 */
function namedAsKin(doc: Doc, run: NameRun): boolean {
  const before = doc.tokens[run.first - 1];
  if (!before || before.sentence !== run.sentence || before.capitalized || run.title.length > 0) return false;
  if (!KIN_WORDS.has(before.lower) || (before.post !== '' && before.post !== ',')) return false;
  const word = run.nameText;
  return GIVEN_NAMES.has(word) && !PLACES.has(word) && !ORGANIZATIONS.has(word);
}

function singleIsPerson(run: NameRun, cue: Cue, lowercase: Set<string>, doc: Doc): boolean {
  const word = run.nameText;
  if (peerage(doc, run) || RELIGION_WORDS.has(word)) return false;
  if (PLACES.has(word) || ORGANIZATIONS.has(word) || DEMONYMS.has(word)) return false;
  if (PLACES.has(run.text) || ORGANIZATIONS.has(run.text)) return false;
  if (run.honorific !== null && SHORT_HONORIFICS.has(run.honorific.toLowerCase())) return true;
  if (/^\p{Lu}{2,}$/u.test(word) || /\d/.test(word) || isBrandShaped(word)) return false;
  const token = run.name[0] as Token;
  // "Obama’s policies", "the Nixon years": a well-known surname names its bearer without a cue.
  const known = cue === null && KNOWN_SURNAMES.has(token.lower);
  if ((cue !== 'person' && !known) || ORG_WORDS.has(token.lower) || PLACE_WORDS.has(token.lower))
    return false;
  if (namesABrand(run)) return false;
  if (lowercase.has(token.lower) || FUNCTION_WORDS.has(token.lower) || ROLE_WORDS.has(token.lower))
    return false;
  // An ordinary word or its plural ("League", "Researchers") is not a name, whatever stands before it.
  const forms = [token.lower, token.lower.replace(/s$/, ''), token.lower.replace(/es$/, '')];
  return !forms.some((w) => COMMON_WORDS.has(w) || DICTIONARY_WORDS.has(w) || PERSON_NOUNS.has(w));
}

/** "the Duchess of Cambridge", "the Duke of York": the place a title is held of, not a person's name. */
function peerage(doc: Doc, run: NameRun): boolean {
  const of = run.title.length > 0 ? run.title[run.title.length - 1] : doc.tokens[run.first - 1];
  const title = doc.tokens[(of?.index ?? 0) - 1];
  return of?.lower === 'of' && title !== undefined && HONORIFICS.has(title.lower);
}

/**
 * "Robert C. "Bobby" Scott", "Marcia "Cia" Price": a nickname in quotation marks between a given name
 * and a surname splits the run in three; the name is joined again, and the nickname with the surname
 * is recorded as another form of it.
 */
function withNicknames(runs: readonly NameRun[], doc: Doc, nicknames: Map<NameRun, string>): NameRun[] {
  const out: NameRun[] = [];
  for (let i = 0; i < runs.length; i++) {
    const run = runs[i] as NameRun;
    const nick = runs[i + 1];
    const surname = runs[i + 2];
    const nickToken = nick ? doc.tokens[nick.first] : undefined;
    if (
      !nick ||
      !surname ||
      !nickToken ||
      nick.first !== run.last ||
      surname.first !== nick.last ||
      nick.name.length !== 1 ||
      surname.name.length !== 1 ||
      !/["“]/u.test(nickToken.pre) ||
      !/["”]/u.test(nickToken.post) ||
      run.possessive ||
      !GIVEN_NAMES.has((run.name[0] as Token).word) ||
      !run.name.slice(1).every(isInitial)
    ) {
      out.push(run);
      continue;
    }
    const name = [...run.name, ...surname.name];
    const merged: NameRun = {
      ...run,
      last: surname.last,
      name,
      nameText: joinName(name),
      text: `${run.text} ${surname.text}`,
      possessive: surname.possessive,
    };
    nicknames.set(merged, `${nick.nameText} ${surname.nameText}`);
    out.push(merged);
    i += 2;
  }
  return out;
}

/**
 * "Brian and Charlotte Smith", "Charles G. and David H. Koch": a given name (with initials) joined by
 * "and" to a full name shares its surname, so each is found under their own full name.
 */
function withSharedSurnames(runs: readonly NameRun[], doc: Doc): NameRun[] {
  // "Cooper and Martha Raddatz" after "Anderson Cooper": a known surname stands alone (the set is
  // built only for an article with such a pair).
  let surnames: Set<string> | null = null;
  const knownSurnames = (): Set<string> => {
    surnames ??= new Set(runs.filter((r) => coreWords(r).length > 1).map((r) => surnameOf(r.name)));
    return surnames;
  };
  return runs.map((run, i) => {
    const next = runs[i + 1];
    const and = doc.tokens[run.last];
    if (!next || !and || and.lower !== 'and' || and.capitalized || next.first !== run.last + 1) return run;
    if (run.possessive || run.name.length === 0 || run.title.length > 0) return run;
    const given = (run.name[0] as Token).word;
    if (!GIVEN_NAMES.has(given) || !run.name.slice(1).every(isInitial)) return run;
    if (!GIVEN_NAMES.has((next.name[0] as Token).word) || knownSurnames().has(given)) return run;
    const nextCore = coreWords(next);
    if (nextCore.length < 2 || next.name.length > 4) return run;
    const surname = next.name[next.name.length - 1] as Token;
    const sharedWords = isSuffix(surname) ? next.name.slice(-2) : [surname];
    return {
      ...run,
      name: [...run.name, ...sharedWords],
      nameText: `${run.name.length > 1 ? joinName(run.name) : run.nameText} ${joinName(sharedWords)}`,
    };
  });
}

/**
 * One person spelled two ways ("Lianna Barrientos" and "Liana Barrientos"): the same surname and first
 * names one letter apart (added, dropped or changed), both at least four letters long.
 */
function variantSpelling(people: readonly PersonEntity[], run: NameRun): PersonEntity | undefined {
  const first = (run.name[0] as Token).word;
  // "Joe Biden" and "Joseph R. Biden Jr.": a short form of the given name, the same surname.
  const full = SHORT_GIVEN_NAMES.get(first);
  const shortened = (p: PersonEntity) =>
    p.first !== null && (SHORT_GIVEN_NAMES.get(p.first) === first || full === p.first);
  if (run.name.length >= 2) {
    const surname = surnameOf(run.name);
    const sameName = people.find((p) => p.surname === surname && shortened(p));
    if (sameName) return sameName;
  }
  if (run.name.length !== 2 || first.length < 4) return undefined;
  const surname = surnameOf(run.name);
  return people.find(
    (p) =>
      p.surname === surname &&
      p.first !== null &&
      p.first.length >= 4 &&
      p.name.split(' ').length === 2 &&
      oneEditApart(p.first, first),
  );
}

function oneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

function withoutSuffix(run: NameRun): string {
  const last = run.name[run.name.length - 1] as Token;
  if (run.name.length > 2 && isSuffix(last)) return run.nameText.replace(/,?\s+\S+$/, '');
  return run.nameText;
}

function addMention(
  person: PersonEntity,
  run: NameRun,
  mentionAt: Map<number, { person: PersonEntity; mention: PersonMention }>,
): void {
  const firstName = run.name[0] as Token;
  const form =
    run.honorific && SHORT_HONORIFICS.has(run.honorific.toLowerCase())
      ? `${run.honorific} ${run.nameText}`
      : run.nameText;
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
}

/* ---------------------------------------------------------------- roles */

const GENERIC_HEADS = new Set(['leader', 'official', 'head', 'chief']);

const ROLE_STOP = /[,;:!?()"“”‘’—–]/;

/* --------------------------------------------------------- descriptions */

/**
 * Descriptions that stand for a person named elsewhere: "the Russian president", "the US president".
 * Each is resolved to the most recently mentioned compatible person outside its own sentence, and one
 * description keeps one referent throughout the article.
 */
export function resolveDescriptions(doc: Doc, result: PeopleResult): void {
  const bound = new Map<string, PersonEntity>();
  const boundLoosely = new Map<string, PersonEntity>();
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
    // A gendered head ("chairwoman") never stands for a person of the other gender.
    const headGender: Gender = /woman$/.test(head.lower) ? 'female' : /man$/.test(head.lower) ? 'male' : null;
    const modifiers = words.slice(0, -1);
    // Nationality ("the Russian president", "the US president"), party and standing ("the Democratic
    // nominee", "the former secretary"): words that say which office, not a whole clause.
    const isNation = (t: Token) =>
      DEMONYMS.has(t.word) || PLACES.has(t.word) || /^\p{Lu}{2,3}$/u.test(t.word);
    if (!modifiers.every((t) => isNation(t) || ROLE_WORDS.has(t.lower))) continue;
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
    const nationality = modifiers
      .filter(isNation)
      .map((t) => DEMONYMS.get(t.word) ?? t.word)
      .join(' ');
    // Party and standing descriptions are bound apart, so they never keep a nationality one away.
    const byDescription = modifiers.some((t) => !isNation(t)) ? boundLoosely : bound;
    let person = byDescription.get(key);
    if (!person) {
      person = findReferent(doc, result, i, head.lower, nationality, byDescription, headGender);
      if (!person) continue;
      byDescription.set(key, person);
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
    person.role = withDescription(person.role, [...words, ...ofTail(doc, head)].map((t) => t.word).join(' '));
    // A nationality description stands for one person; a party or standing one ("the Democratic
    // nominee") is bound less surely, so it informs the role but is not a mention quotes are credited by.
    if (modifiers.some((t) => !isNation(t))) continue;
    person.mentions.push(mention);
    person.aliases.add(description);
    result.mentionAt.set(the.index, { person, mention });
  }
  for (const p of result.people) p.mentions.sort((a, b) => a.first - b.first);
}

/** "of state" after "the former secretary": the "of"-phrase that completes a post's name. */
function ofTail(doc: Doc, head: Token): Token[] {
  const of = doc.tokens[head.index + 1];
  const noun = doc.tokens[head.index + 2];
  if (!of || !noun || of.lower !== 'of' || head.post !== '' || of.post !== '') return [];
  if (noun.sentence !== head.sentence || FUNCTION_WORDS.has(noun.lower)) return [];
  return [of, noun];
}

/** A description adds to a role only the words the role lacks ("Democrat" + "Democratic nominee"). */
function withDescription(role: string | null, description: string): string {
  if (role === null) return description;
  const has = new Set(role.toLowerCase().split(/[^\p{L}\p{N}]+/u));
  const adds = description
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => !has.has(w) && !FUNCTION_WORDS.has(w));
  return adds.length === 0 ? role : `${role}, ${description}`;
}

function findReferent(
  doc: Doc,
  result: PeopleResult,
  at: number,
  head: string,
  nationality: string,
  bound: Map<string, PersonEntity>,
  gender: Gender = null,
): PersonEntity | undefined {
  const sentence = (doc.tokens[at] as Token).sentence;
  const boundTo = new Map<PersonEntity, string>();
  for (const [desc, p] of bound) boundTo.set(p, desc);
  const compatible = (p: PersonEntity): boolean => {
    if (boundTo.has(p)) return false;
    if (gender !== null && p.gender !== null && p.gender !== gender) return false;
    if (p.role) {
      const role = p.role.toLowerCase();
      // "the Norwegian leader" may stand for a prime minister or a president; "the president" may not.
      // A party or standing description may name one of two posts a person holds ("Democrat" and "the
      // Democratic nominee"); a nationality one names the post.
      const holdsOther = nationality === '' ? role.split(/[^a-z-]+/).some((w) => ROLE_HEADS.has(w)) : true;
      if (!role.includes(head) && !GENERIC_HEADS.has(head) && holdsOther) return false;
      const nat = nationality.toLowerCase();
      if (nat === '') return true;
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
