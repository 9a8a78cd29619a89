/**
 * Roles: what the article says a person is, read from the grammar around each mention of their name —
 * a title before the name ("Rice University historian Douglas Brinkley"), an appositive after it
 * ("Mark Hamrick, senior economic analyst at Bankrate.com, said"), a relative clause ("X, who is the
 * ..."), a predicate ("X is the ..."), a party label ("Rep. X (D-Md.)"). A role is always a whole noun
 * phrase that ends in (or is headed by) a noun for a kind of person; of all the phrases found for a
 * person, the most informative one wins (the one that says most about who they are).
 */
import { agentRole, clauseDescriptions, verbPhrase } from './clause-roles.js';
import { bindDescriptions } from './description-roles.js';
import type { Doc, Token } from './document.js';
import {
  DEMONYMS,
  DICTIONARY_WORDS,
  FUNCTION_WORDS,
  GIVEN_NAMES,
  HONORIFICS,
  KIN_WORDS,
  PERSON_NOUNS,
  PLACES,
  ROLE_HEADS,
  ROLE_MODIFIERS,
  ROLE_WORDS,
  SAYING_VERBS,
  SHORT_HONORIFICS,
  VERB_FORMS,
  WEEKDAYS_AND_MONTHS,
} from './lexicon/index.js';
import { listRole } from './list-roles.js';
import type { PeopleResult, PersonEntity } from './people.js';
import type { NameRun } from './runs.js';

/** Forms of address that say nothing about who someone is ("Mr", "Ms", "Dr", "Sir"). */
const ADDRESS_ONLY = new Set([
  'mr',
  'mrs',
  'ms',
  'miss',
  'mx',
  'dr',
  'sir',
  'dame',
  'lord',
  'lady',
  'messrs',
]);

/** Person nouns the generated list lacks, common in news roles. */
const PERSON_NOUN_EXTRAS = new Set([
  'expert',
  'experts',
  'nominee',
  'founder',
  'member',
  'resident',
  'golfer',
  'astronaut',
  'superintendent',
  'landlord',
  'landlady',
  'newlywed',
  'demonstrator',
  'contender',
  'strategist',
  'pollster',
  'surrogate',
  'fellow',
  'scholar',
  'veteran',
  'survivor',
  'victim',
  'suspect',
  'defendant',
  'plaintiff',
  'witness',
  'customer',
  'visitor',
  'fan',
  'supporter',
  'donor',
  'voter',
  'winner',
  'runner-up',
  'heir',
  'heiress',
  'nun',
  'monk',
  'priest',
  'pastor',
  'chaplain',
  'advocate',
  'campaigner',
  'counselor',
  'counsellor',
  // Party members named by their party's adjective ("Libertarian Gary Johnson", "Tory Ruth Davidson").
  'libertarian',
  'tory',
  'socialist',
]);

/** A noun naming a kind of person or a post: the head a role phrase must have. */
export function isRoleNoun(t: Token): boolean {
  const w = t.lower.replace(/\.$/, '');
  // "singer/songwriter": either part.
  if (w.includes('/'))
    return w.split('/').some((part) => part !== '' && isRoleNoun({ ...t, word: part, lower: part }));
  if (ADDRESS_ONLY.has(w)) return false;
  if (ROLE_HEADS.has(w) || PERSON_NOUNS.has(w) || HONORIFICS.has(w) || KIN_WORDS.has(w)) return true;
  // "co-host", "co-owner", "ex-wife": a prefixed role noun.
  const prefixed = /^(?:co|ex|vice|deputy|then)-(.+)$/.exec(w)?.[1];
  if (prefixed && (ROLE_HEADS.has(prefixed) || PERSON_NOUNS.has(prefixed) || KIN_WORDS.has(prefixed)))
    return true;
  // Agent nouns the lists miss ("saxophonist", "librarian"), never a verb ("insist").
  if (!t.capitalized && /^[a-z]{4,}(?:ist|ian|ists|ians)$/.test(w) && !VERB_FORMS.has(w)) return true;
  if (PERSON_NOUN_EXTRAS.has(w)) return true;
  return ROLE_WORDS.has(w) && !ROLE_MODIFIERS.has(w) && !FUNCTION_WORDS.has(w);
}

/** Words that may sit inside a role phrase before its head: modifiers, names of organisations, nouns. */
function isModifier(t: Token, afterDeterminer = false): boolean {
  // "First Minister", "Vice President": a capitalised function word inside a title.
  if (FUNCTION_WORDS.has(t.lower))
    return t.capitalized && !t.sentenceInitial && (isRoleNoun(t) || ROLE_MODIFIERS.has(t.lower));
  if (t.capitalized) return true;
  if (ROLE_WORDS.has(t.lower) || isRoleNoun(t) || DEMONYMS.has(t.word)) return true;
  const adjective = afterDeterminer && t.lower.endsWith('ing');
  if ((VERB_FORMS.has(t.lower) && !adjective) || SAYING_VERBS.has(t.lower)) return false;
  // Adverbs and participles ("reportedly", "seated") are not part of a title.
  // Between a determiner and a role noun an -ing word is an adjective ("its chief planning officer").
  if (/(?:ly|ing)$/.test(t.lower) && !isRoleNoun(t) && !adjective) return false;
  return /^[\p{Ll}][\p{Ll}\d-]*$/u.test(t.word);
}

/** The text between two tokens of one paragraph ("" when `b` does not follow `a` in it). */
export function gapBetween(doc: Doc, a: Token, b: Token): string {
  if (a.paragraph !== b.paragraph || b.start < a.end) return '';
  return (doc.paragraphs[a.paragraph] as string).slice(a.end, b.start);
}

/** No punctuation between two neighbouring tokens of one sentence (a lone dash counts as punctuation). */
function joined(doc: Doc, a: Token, b: Token): boolean {
  return (
    a.sentence === b.sentence &&
    b.index === a.index + 1 &&
    a.post === '' &&
    b.pre === '' &&
    /^\s*$/.test(gapBetween(doc, a, b))
  );
}

/** The paragraph's own text from token `a` to token `b` (inclusive), so "D.C.-based" stays as written. */
function textOf(doc: Doc, a: Token, b: Token): string {
  // An abbreviated title keeps its full stop ("Rep.", "Gov.").
  const stop = b.post.startsWith('.') && SHORT_HONORIFICS.has(b.lower) ? 1 : 0;
  return (doc.paragraphs[a.paragraph] as string).slice(a.start, b.end + stop);
}

interface Candidate {
  text: string;
  /** Content words: how much the phrase says. */
  weight: number;
  /** Where the phrase was found among the person's phrases (text order). */
  order?: number;
  /** The token after the phrase, where the sentence goes on. */
  end?: number;
}

function weigh(words: readonly Token[]): number {
  return words.filter((t) => !FUNCTION_WORDS.has(t.lower) && !ADDRESS_ONLY.has(t.lower)).length;
}

/** "first lady": "lady" is a form of address except after "first". */
function firstLady(t: Token, before: Token | undefined): boolean {
  return t.lower === 'lady' && before?.lower === 'first';
}

/** The full name of the person whose name mention ends at a token. */
function nameEnding(result: PeopleResult): (index: number) => string | null {
  return (index) => {
    for (const p of result.people)
      for (const m of p.mentions)
        if (m.kind === 'name' && m.last - 1 === index && !m.possessive) return p.name;
    return null;
  };
}

/** The person a name run mentions. */
function personOf(result: PeopleResult, run: NameRun): PersonEntity | undefined {
  return result.mentionAt.get((run.name[0] as Token).index)?.person;
}

/** Whether token `index` is part of a person's name. */
function isPersonAt(result: PeopleResult, index: number): boolean {
  return result.people.some((p) =>
    p.mentions.some((m) => m.kind === 'name' && m.first <= index && index < m.last),
  );
}

/**
 * A title written right before the name ("FBI Director", "Obama's top science adviser", "Rep."): the
 * longest run of modifier words that ends in a role noun and touches the name.
 */
function titleBefore(doc: Doc, run: NameRun, result: PeopleResult): Candidate | null {
  const { tokens } = doc;
  const nameStart = run.name[0] as Token;
  const words: Token[] = run.title.filter(
    (t, i) => !ADDRESS_ONLY.has(t.lower) || firstLady(t, run.title[i - 1]),
  );
  let i = (run.title[0] ?? nameStart).index - 1;
  // "Arsenal defender Per Mertesacker" named "Mertesacker": a given name that is also a function word.
  const given = tokens[i];
  if (
    run.title.length === 0 &&
    given?.capitalized &&
    !given.sentenceInitial &&
    FUNCTION_WORDS.has(given.lower) &&
    !isRoleNoun(given) &&
    joined(doc, given, nameStart)
  )
    i--;
  let right = tokens[i + 1] as Token;
  while (i >= 0 && words.length < 9) {
    const t = tokens[i] as Token;
    // "its “national enterprise reporter” Stephanie McCrummen": a title in quotation marks.
    const quoted =
      words.length === 0 && t.index + 1 === right.index && /^[”"’]$/.test(t.post) && right.pre === '';
    if (
      !(
        joined(doc, t, right) ||
        quoted ||
        (t.possessive && t.sentence === right.sentence && right.pre === '')
      )
    )
      break;
    // "Secretary of State John Kerry": "of" between two title words; "president and CEO Neil Portnow".
    const titleWord = words[0]?.lower === 'the' ? words[1] : words[0];
    const ofInside = t.lower === 'of' && titleWord?.capitalized && isRoleNoun(tokens[i - 1] ?? t);
    // "Speaker of the House Newt Gingrich": "the" between "of" and a capitalised title word.
    const theInside =
      t.lower === 'the' &&
      words[0]?.capitalized &&
      tokens[i - 1]?.lower === 'of' &&
      isRoleNoun(tokens[i - 2] ?? t) &&
      (tokens[i - 2] as Token).capitalized;
    const firstOf = t.lower === 'first' && right.lower === 'lady';
    const andInside =
      t.lower === 'and' && words[0] !== undefined && isRoleNoun(words[0]) && isRoleNoun(tokens[i - 1] ?? t);
    if (!ofInside && !theInside && !andInside && !firstOf && !isModifier(t)) break;
    if (t.sentenceInitial && FUNCTION_WORDS.has(t.lower)) break;
    // "the rights to turn military historian X's book": a word after "to" is a verb.
    if (!t.capitalized && tokens[i - 1]?.lower === 'to' && !isRoleNoun(t)) break;
    // "the end of the season Arsenal vice-captain": before a capitalised title word, a lowercase word
    // is a title word only if it is one of office or standing ("former Arsenal captain", "state Sen.").
    const outside = !tokens[i - 1]?.capitalized && right !== nameStart && !FUNCTION_WORDS.has(t.lower);
    if (!t.capitalized && right.capitalized && outside && !ROLE_WORDS.has(t.lower) && !isRoleNoun(t)) break;
    words.unshift(t);
    right = t;
    i--;
  }
  // The phrase starts at a word that can open a noun phrase, not at "of".
  while (words.length > 0 && FUNCTION_WORDS.has((words[0] as Token).lower) && !isRoleNoun(words[0] as Token))
    words.shift();
  const last = words[words.length - 1];
  if (!last) return null;
  // "France's Emmanuel Macron": the country a leader speaks for.
  if (words.length === 1 && last.possessive && PLACES.has(last.word)) return { text: last.word, weight: 1 };
  const lastIsRole = isRoleNoun(last) || firstLady(last, words[words.length - 2]);
  // "Labour's Jim Murphy", "NBC's Dante Chinni": the organisation a person belongs to.
  if (last.possessive && words.every((t) => t.capitalized) && !isPersonAt(result, last.index))
    return words.some((t) => PLACES.has(t.word)) && words.length > 1
      ? null
      : { text: textOf(doc, words[0] as Token, last), weight: 1 };
  if (!lastIsRole && !(last.capitalized && words.some(isRoleNoun))) return null;
  if (last.possessive) return null;
  const after = partyAfter(doc, run) ?? placeAfter(doc, run);
  let text = textOf(doc, words[0] as Token, last);
  // "his wife Zara Phillips": a relative is named by whose relative they are.
  const pronoun = tokens[(words[0] as Token).index - 1];
  const kin =
    KIN_WORDS.has(last.lower) ||
    (RELATIONAL_NOUNS.has(last.lower) && /^(?:his|her)$/.test(pronoun?.lower ?? ''));
  if (
    kin &&
    (!last.capitalized || last.sentenceInitial) &&
    words.length === 1 &&
    pronoun?.sentence === run.sentence &&
    !pronoun.possessive
  ) {
    // "wife Ivana" after "Donald Trump's divorce from": the person the sentence is about.
    const owner = ownerOf(
      result,
      personOf(result, run),
      /^(?:his|her)$/.test(pronoun.lower) ? pronoun : (words[0] as Token),
    );
    if (owner) text = `${owner.name}’s ${text}`;
  }
  return { text: after ? `${text} ${after}` : text, weight: weigh(words) + (after ? 1 : 0) };
}

/**
 * Person nouns that name someone by whom they stand with or against, like a relative: "his opponent
 * Marcus Rhode" is the opponent of the person "his" means.
 */
// biome-ignore format: a word list reads best packed
const RELATIONAL_NOUNS = new Set([
  'opponent', 'rival', 'challenger', 'lawyer', 'attorney', 'aide', 'adviser', 'advisor', 'spokesman',
  'spokeswoman', 'spokesperson', 'assistant', 'deputy', 'successor', 'predecessor', 'teammate',
  'coach', 'agent', 'biographer', 'doctor', 'bodyguard', 'secretary', 'caddie', 'caddy', 'trainer',
  'jockey', 'manager', 'mentor', 'protege', 'protégé', 'boss', 'employer', 'employee',
]);

/** "Senator John McCain of Arizona": the place a title is held for, written after the name. */
function placeAfter(doc: Doc, run: NameRun): string | null {
  const of = doc.tokens[run.last];
  const place = doc.tokens[run.last + 1];
  const last = doc.tokens[run.last - 1] as Token;
  if (!of || !place || of.lower !== 'of' || !joined(doc, last, of) || !joined(doc, of, place)) return null;
  return PLACES.has(place.word) ? `of ${place.word}` : null;
}

/**
 * A role phrase set off by a comma right before the name: "his senior climate adviser, Brian Deese,"
 * or "the moderator of Monday night's first debate, Lester Holt".
 */
function phraseBefore(doc: Doc, run: NameRun, result: PeopleResult): Candidate | null {
  const { tokens } = doc;
  const start = (run.title[0] ?? (run.name[0] as Token)).index;
  const comma = tokens[start - 1];
  if (!comma || comma.sentence !== run.sentence || comma.post !== ',') return null;
  const words: Token[] = [];
  for (let i = start - 1; i >= 0 && words.length < 12; i--) {
    const t = tokens[i] as Token;
    const right = words[0];
    if (t.sentence !== run.sentence || (right && !joined(doc, t, right) && !t.possessive)) break;
    if (/^(?:the|a|an|his|her|their|its|our|my)$/.test(t.lower)) {
      words.unshift(t);
      // "A lawyer for the news outlets, David Schulz": the phrase goes on before "for the".
      const preposition = tokens[i - 1];
      const noun = tokens[i - 2];
      if (
        !preposition ||
        !noun ||
        !/^(?:the|a|an)$/.test(t.lower) ||
        !PHRASE_PREPOSITIONS.test(preposition.lower) ||
        !joined(doc, preposition, t) ||
        !isRoleNoun(noun)
      )
        break;
      words.unshift(preposition);
      i--;
      continue;
    }
    // "the moderator of Monday night's first debate, Lester Holt": an ordinal inside the phrase.
    const ordinal = right !== undefined && ORDINALS.test(t.lower);
    if (!(isModifier(t, true) || ordinal || isBareForm(t) || (t.lower === 'of' && right))) break;
    words.unshift(t);
  }
  // "Altice's attorney, Ed Brass": a possessive name opens the phrase as a determiner does.
  const possessor = words.findIndex((t, i) => t.possessive && t.capitalized && i < words.length - 1);
  const determiner = /^(?:the|a|an|his|her|their|its|our|my)$/.test(words[0]?.lower ?? '');
  if (!determiner && possessor < 0) return null;
  const pronoun = words[0] as Token;
  if (determiner) words.shift();
  else {
    let from = possessor;
    while (from > 0 && (words[from - 1] as Token).capitalized && !(words[from - 1] as Token).possessive)
      from--;
    words.splice(0, from);
  }
  const of = words.findIndex((t) => PHRASE_PREPOSITIONS.test(t.lower));
  const head = words[(of >= 0 ? of : words.length) - 1];
  if (!head || !isRoleNoun(head) || head.capitalized) return null;
  const text = textOf(doc, words[0] as Token, words[words.length - 1] as Token);
  // "her father, Prince Andrew": whose relative.
  const owner =
    determiner &&
    /^(?:his|her)$/.test(pronoun.lower) &&
    KIN_WORDS.has(head.lower) &&
    ownerOf(result, personOf(result, run), pronoun);
  return { text: owner ? `${owner.name}’s ${text}` : text, weight: weigh(words) };
}

/**
 * A verb's bare form that is also a noun ("seat", "debate": it takes -s): after a singular noun it is no
 * finite verb, so a noun phrase goes on through it.
 */
function isBareForm(t: Token): boolean {
  return (
    !t.capitalized &&
    !/(?:s|ed|ing)$/.test(t.lower) &&
    !/^(?:have|do|be|go|get|say|make|take|need|want)$/.test(t.lower) &&
    (DICTIONARY_WORDS.has(`${t.lower}s`) ||
      DICTIONARY_WORDS.has(`${t.lower}es`) ||
      DICTIONARY_WORDS.has(t.lower.replace(/y$/, 'ies')))
  );
}

/** Prepositions inside a role phrase after its head: "lawyer for the news outlets", "director of debate". */
const PHRASE_PREPOSITIONS = /^(?:for|of|at|with|to)$/;

const ORDINALS = /^(?:first|second|third|fourth|fifth|final|last|next)$/;

/**
 * Whose relative: the person named before the pronoun, in its sentence or up to three before (a
 * pronoun's person is often named a few sentences back), whose gender fits "his" or "her" and who is
 * not the relative.
 */
function ownerOf(result: PeopleResult, self: PersonEntity | undefined, at: Token): PersonEntity | null {
  const gender = /^(?:his|he)$/.test(at.lower) ? 'male' : /^(?:her|she)$/.test(at.lower) ? 'female' : null;
  // The first person named before it in its sentence (the subject), else in each sentence before; a kin
  // word with no pronoun ("divorce from wife Ivana") looks only in its own sentence.
  const sentences = gender === null ? [at.sentence] : [0, 1, 2, 3].map((back) => at.sentence - back);
  for (const sentence of sentences) {
    let best: PersonEntity | null = null;
    let bestAt = Number.POSITIVE_INFINITY;
    for (const p of result.people) {
      if (p === self || (gender !== null && p.gender !== null && p.gender !== gender)) continue;
      for (const m of p.mentions)
        if (m.sentence === sentence && m.first < at.index && m.first < bestAt && !m.inQuote) {
          best = p;
          bestAt = m.first;
        }
    }
    if (best) return best;
  }
  return null;
}

/** "(D-Md.)" or "(R)" right after a name: the party and state of an American politician. */
function partyAfter(doc: Doc, run: NameRun): string | null {
  const next = doc.tokens[run.last];
  if (!next || next.sentence !== run.sentence || !next.pre.startsWith('(')) return null;
  if (!/^(?:[DRI]|[DRI]-[\p{L}. ]+)$/u.test(next.word) || !next.post.includes(')')) return null;
  return `(${next.word}${next.post.slice(0, next.post.indexOf(')'))})`;
}

const NUMBER =
  /^(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|several|many|decades|years|months)$/;

/** Words that end a role phrase read after the name: the clause goes on with a verb or a new clause. */
const PHRASE_END = new Set([
  'who',
  'whom',
  'which',
  'that',
  'whose',
  'when',
  'where',
  'while',
  'because',
  'but',
  'now',
]);

/**
 * A noun phrase starting at token `from` and running to the next comma, full stop, dash or bracket (at
 * most 16 words), cut before a verb or a new clause; null unless a role noun is in it. The leading
 * article goes ("the director of debate at the University of Michigan" -> "director of debate at ...").
 * A restrictive relative clause or participle belongs to the noun phrase it follows ("a historian who
 * attended the session", "the clerk abused by McHenry"), and "one of the president's closest aides" is
 * one noun phrase.
 */
function phraseFrom(doc: Doc, from: number, sentence: number): Candidate | null {
  const { tokens } = doc;
  const words: Token[] = [];
  /** Where a relative clause starts inside `words` (-1: none). */
  let relative = -1;
  for (let k = from; k < tokens.length && words.length < 20; k++) {
    const t = tokens[k] as Token;
    if ((t.sentence !== sentence && !continuesAfterAbbreviation(tokens[k - 1], t)) || t.inQuote) break;
    sentence = t.sentence;
    if (words.length > 0 && /[(“"‘]/.test(t.pre)) break;
    const prev = words[words.length - 1];
    const next = tokens[k + 1];
    // "manager on Friday - exactly eight weeks after": a lone dash ends the phrase.
    if (prev && /[—–―]|\s-\s/.test(gapBetween(doc, prev, t))) break;
    if (relative < 0 && prev && !prev.post && isRoleNoun(prev) && !t.capitalized) {
      const restrictive = /^(?:who|that)$/.test(t.lower);
      const participle = /ed$/.test(t.lower) && next?.lower === 'by';
      if (restrictive || participle) {
        relative = words.length;
        words.push(t);
        if (endsPhrase(t, tokens[k + 1])) break;
        continue;
      }
    }
    if (relative >= 0) {
      // The clause ends where another clause joins it ("who led the team and considers ...").
      if (
        !t.capitalized &&
        /^(?:and|but|or|before|after|while|when|because|although|until|since)$/.test(t.lower)
      )
        break;
      if (SAYING_VERBS.has(t.lower) && !t.capitalized && words.length > relative + 1) break;
      words.push(t);
      if (endsPhrase(t, tokens[k + 1])) break;
      continue;
    }
    if (words.length >= 16) break;
    if (!t.capitalized && (PHRASE_END.has(t.lower) || SAYING_VERBS.has(t.lower))) break;
    // A verb ends the phrase ("a historian attended"), but after "of", "at" or "the" the same word is a
    // noun ("director of debate").
    if (
      prev &&
      !t.capitalized &&
      VERB_FORMS.has(t.lower) &&
      !isRoleNoun(t) &&
      !FUNCTION_WORDS.has(prev.lower) &&
      !nounAfter(tokens, k)
    )
      break;
    if (/^(?:is|was|are|were|has|had|will|would|said)$/.test(t.lower)) break;
    // "for thirty years", "since 2010": a time adverbial ends the noun phrase.
    const unit = tokens[k + 2];
    const thisYear =
      next &&
      /^(?:last|next|this)$/.test(next.lower) &&
      unit &&
      !unit.possessive &&
      /^(?:week|month|year|season|summer|spring|autumn|fall|winter|weekend)$/.test(unit.lower);
    const when =
      next &&
      ((NUMBER.test(next.lower) && !next.capitalized) ||
        (WEEKDAYS_AND_MONTHS.has(next.lower) && !next.possessive && !unit?.possessive) ||
        thisYear);
    if (words.length > 0 && FUNCTION_WORDS.has(t.lower) && when) break;
    words.push(t);
    if (endsPhrase(t, tokens[k + 1])) break;
  }
  // A relative clause too long to be part of a name for someone is left out.
  if (relative >= 0 && (words.length - relative > 7 || words.length - relative < 2)) words.length = relative;
  while (words.length > 0 && /^(?:the|a|an|his|her|their)$/.test((words[0] as Token).lower)) {
    words.shift();
    relative--;
  }
  while (words.length > 0 && FUNCTION_WORDS.has((words[words.length - 1] as Token).lower)) words.pop();
  const core = relative > 0 ? words.slice(0, relative) : words;
  if (core.length === 0 || core.length > 14) return null;
  // "one of the president's closest aides": the head is the plural after "one of".
  const opening = core[0]?.lower === 'one' && core[1]?.lower === 'of' ? 2 : 0;
  const body = core.slice(opening);
  // A noun phrase, not a prepositional phrase ("by the president's side"): its head, a role noun, comes
  // before the first preposition ("director of debate at ...").
  const preposition = body.findIndex(
    (t) =>
      FUNCTION_WORDS.has(t.lower) &&
      !t.possessive &&
      !/^(?:the|his|her|their)$/.test(t.lower) &&
      !ORDINALS.test(t.lower),
  );
  const head = body.findIndex((t) => isRoleNoun(t) || (opening > 0 && isRoleNoun(singularToken(t))));
  if (head < 0 || head > 6 || (preposition >= 0 && preposition < head)) return null;
  if ((core[0] as Token).capitalized && core.every((t) => t.capitalized)) {
    // "Smith, Director, Ipsos MORI" is fine; "Smith, Jones and Brown" (a list of names) is not.
    if (!core.some(isRoleNoun)) return null;
  }
  const last = words[words.length - 1] as Token;
  return { text: textOf(doc, words[0] as Token, last), weight: weigh(words), end: last.index + 1 };
}

/**
 * Whether the verb-shaped word at `k`, inside a noun phrase, is a noun: a plural in -s after a modifier
 * ("advocate for human rights": after a preposition a person noun is a modifier too), or a bare form
 * that also takes -s after a singular ("Kaine's Senate seat", "the first presidential debate"), which no
 * finite verb is.
 */
function nounAfter(tokens: readonly Token[], k: number): boolean {
  const t = tokens[k] as Token;
  const prev = tokens[k - 1] as Token;
  if (isBareForm(t) && !/[^s]s$/.test(prev.lower)) return true;
  if (!/[^s]s$/.test(t.lower) || prev.capitalized) return false;
  const beforePrev = tokens[k - 2];
  return (
    !isRoleNoun(prev) ||
    (beforePrev !== undefined &&
      FUNCTION_WORDS.has(beforePrev.lower) &&
      !/^(?:the|a|an|his|her|their|its)$/.test(beforePrev.lower))
  );
}

/** Punctuation after `t` ends a phrase, unless it is an abbreviation's full stop the phrase reads past. */
function endsPhrase(t: Token, next: Token | undefined): boolean {
  return /[,;:.!?)—–]/.test(t.post) && !(next && continuesAfterAbbreviation(t, next));
}

/**
 * "who served as U.S. | ambassador to Burma", "chairman of Mrs. | Clinton's campaign": the sentence
 * splitter ends a sentence after some abbreviations that do not end one here.
 */
function continuesAfterAbbreviation(prev: Token | undefined, t: Token): boolean {
  if (prev?.post !== '.' || prev.paragraph !== t.paragraph) return false;
  if (SHORT_HONORIFICS.has(prev.lower)) return t.capitalized;
  return /^(?:U\.S|U\.K|U\.N|D\.C)$/.test(prev.word) && !t.capitalized;
}

/** The singular of a plural noun ("players" -> "player", "coaches" -> "coach", "chairmen" -> "chairman"). */
export function singular(word: string): string {
  if (/men$/.test(word)) return word.replace(/men$/, 'man');
  if (/[^aeiou]ies$/.test(word)) return word.replace(/ies$/, 'y');
  if (/(?:ch|sh|ss|x)es$/.test(word)) return word.slice(0, -2);
  if (/[^su]s$/.test(word)) return word.slice(0, -1);
  return word;
}

/** The token as its singular, to test a plural against the role nouns. */
function singularToken(t: Token): Token {
  const word = singular(t.word);
  return word === t.word ? t : { ...t, word, lower: word.toLowerCase() };
}

/** Adverbs that may stand between a name, its verb and the role ("X is now the ...", "who is also"). */
const ROLE_ADVERBS = new Set([
  'now',
  'also',
  'currently',
  'still',
  'later',
  'then',
  'once',
  'formerly',
  'previously',
  'recently',
  'already',
  'officially',
  'since',
  'soon',
  'long',
]);

/** Auxiliaries before the verb that gives a role ("will be confirmed as", "has been"). */
// Not "would", "could", "might": "Klopp would be a top manager" is a guess, not a post.
const AUXILIARIES = new Set(['will', 'has', 'have', 'had', 'to']);

/** Copulas: "X is/was/became the ...". */
const COPULAS = new Set([
  'is',
  'was',
  'are',
  'were',
  'be',
  'been',
  'became',
  'becomes',
  'become',
  'remains',
  'remained',
]);

/** Verbs that put a person in a post, read with "as" or a bare role ("was elected president", "served as"). */
const POST_VERBS = new Set([
  'elected',
  're-elected',
  'appointed',
  'named',
  'confirmed',
  'chosen',
  'installed',
  'hired',
  'emerged',
  'served',
  'serves',
  'serving',
  'works',
  'worked',
  'acted',
  'acts',
  'nominated',
  'selected',
  'sworn',
]);

/**
 * Verbs of holding a post whose object says who someone is: "X, who runs Crosscut Strategies", "who
 * chairs the committee". The verb phrase is the role when nothing better is given.
 */
const HOLDING_VERBS = new Set([
  'runs',
  'ran',
  'leads',
  'led',
  'heads',
  'headed',
  'chairs',
  'chaired',
  'owns',
  'owned',
  'co-owns',
  'manages',
  'managed',
  'coaches',
  'coached',
  'founded',
  'co-founded',
  'directs',
  'directed',
  'hosts',
  'hosted',
  'co-hosts',
  'presents',
  'represents',
  'represented',
  'oversees',
  'oversaw',
  'edits',
  'edited',
  'advises',
  'advised',
  'captains',
  'captained',
  'trains',
  'trained',
  'teaches',
  'taught',
  'lives',
]);

/** Words a caption puts in brackets after a name: "Wright (centre)", "Smith (pictured)". */
const CAPTION_ASIDES =
  /^(?:centre|center|left|right|pictured|above|below|top|bottom|inset|second|third|far|front|back|middle|l|r|c|file|photo)$/;

/**
 * The token after the asides that may follow a name: a party label "(D-Md.)", caption words in brackets
 * "(centre)". Returns the index of the first token after them.
 */
function skipAsides(doc: Doc, k: number, sentence: number): number {
  const { tokens } = doc;
  for (;;) {
    const t = tokens[k];
    if (!t || t.sentence !== sentence || !t.pre.startsWith('(')) return k;
    let end = k;
    while (end < k + 4 && !(tokens[end] as Token).post.includes(')')) end++;
    const inside = tokens.slice(k, end + 1);
    const party =
      /^(?:[DRI]|[DRI]-[\p{L}. ]+|\p{Lu}\p{Ll}{0,4})$/u.test(t.word) ||
      inside.every((w) => PLACES.has(w.word));
    if (!(tokens[end] as Token | undefined)?.post.includes(')')) return k;
    if (!party && !inside.every((w) => CAPTION_ASIDES.test(w.lower))) return k;
    k = end + 1;
  }
}

/** A dash between two neighbouring tokens of a sentence ("Wilder - himself ...", "Crutcher, 40 ― a"). */
function dashBetween(doc: Doc, a: Token, b: Token): boolean {
  return a.sentence === b.sentence && /^\s*[-–—―]\s*$/.test(gapBetween(doc, a, b).replace(/^[,)]+/, ''));
}

/** A comma after a token ("X,", "X),"): the appositive or clause that follows is set off. */
const commaAfter = (t: Token): boolean => /^\.?\)?,/.test(t.post);

/**
 * The role a verb chain from token `k` gives: "is (now) the ...", "will be confirmed as ...", "was elected
 * president", "served as director of ...". Null when the words from `k` are not such a chain.
 */
function predicateFrom(doc: Doc, k: number, sentence: number): Candidate | null {
  const { tokens } = doc;
  let copula = false;
  for (let steps = 0; steps < 7; steps++, k++) {
    const t = tokens[k];
    if (!t || t.sentence !== sentence || t.capitalized || t.inQuote) return null;
    if (ROLE_ADVERBS.has(t.lower) || AUXILIARIES.has(t.lower)) continue;
    if (COPULAS.has(t.lower)) {
      copula = true;
      continue;
    }
    if (POST_VERBS.has(t.lower)) {
      const next = tokens[k + 1];
      // "sworn in as"
      const as = next?.lower === 'in' ? k + 2 : k + 1;
      return andPredicate(doc, phraseFrom(doc, tokens[as]?.lower === 'as' ? as + 1 : as, sentence), sentence);
    }
    return copula ? andPredicate(doc, phraseFrom(doc, k, sentence), sentence) : null;
  }
  return null;
}

/**
 * "served as director of the Congressional Budget Office and is now president of the American Action
 * Forum": a second predicate joined by "and" is kept after the first.
 */
function andPredicate(doc: Doc, phrase: Candidate | null, sentence: number): Candidate | null {
  const end = phrase?.end;
  if (!phrase || end === undefined || doc.tokens[end]?.lower !== 'and') return phrase;
  const next = predicateFrom(doc, end + 1, sentence);
  if (!next) return phrase;
  const text = `${phrase.text}, ${next.text}`;
  return { text, weight: phrase.weight + next.weight, ...(next.end === undefined ? {} : { end: next.end }) };
}

/** "who runs Crosscut Strategies": a verb of holding a post and its object, up to the clause's end. */
function holdingFrom(doc: Doc, k: number, sentence: number): Candidate | null {
  const { tokens } = doc;
  const verb = tokens[k];
  if (!verb || !HOLDING_VERBS.has(verb.lower)) return null;
  const words: Token[] = [verb];
  for (let i = k + 1; i < tokens.length && words.length < 12; i++) {
    const t = tokens[i] as Token;
    if (t.sentence !== sentence || t.inQuote || /[(“"‘]/.test(t.pre)) break;
    if (!t.capitalized && (PHRASE_END.has(t.lower) || SAYING_VERBS.has(t.lower) || t.lower === 'and')) break;
    words.push(t);
    if (/[,;:.!?)—–]/.test(t.post)) break;
  }
  while (words.length > 1 && FUNCTION_WORDS.has((words[words.length - 1] as Token).lower)) words.pop();
  if (words.length < 2) return null;
  // A verb phrase says less about who someone is than a noun phrase of the same length.
  return { text: textOf(doc, verb, words[words.length - 1] as Token), weight: weigh(words) - 1 };
}

/** "X, who is the ...", "X, who served as ...", "X, who runs ...". */
function whoClause(doc: Doc, k: number, sentence: number): Candidate | null {
  while (ROLE_ADVERBS.has(doc.tokens[k]?.lower ?? '')) k++;
  const phrase = predicateFrom(doc, k, sentence) ?? holdingFrom(doc, k, sentence);
  if (phrase) return phrase;
  // "X, who hatched the escape plot,": what the clause says they did, after any noun phrase.
  const text = verbPhrase(doc, k, sentence);
  return text ? { text, weight: 0.5 } : null;
}

/** "if Kaine becomes vice president": a condition states no post. */
function conditional(doc: Doc, run: NameRun): boolean {
  for (let i = run.first - 1; i >= Math.max(0, run.first - 12); i--) {
    const t = doc.tokens[i] as Token;
    if (t.sentence !== run.sentence || /[,;:.!?]/.test(t.post)) return false;
    if (/^(?:if|unless|whether)$/.test(t.lower)) return true;
  }
  return false;
}

/**
 * After the name: an appositive ("X, a historian who ...", "X, 45, the director of ..."), a relative
 * clause ("X, who is the ..."), an organisation ("X, of the TaxPayers' Alliance"), or a predicate ("X is
 * the ...", "X, 45, was a ...", "X (centre) is now a television pundit", "X will be confirmed as ...").
 */
function phraseAfter(doc: Doc, run: NameRun): Candidate | null {
  const { tokens } = doc;
  const last = tokens[run.last - 1] as Token;
  if (last.possessive) return null;
  let k = skipAsides(doc, run.last, run.sentence);
  for (let asides = 0; asides < 3; asides++) {
    const before = tokens[k - 1] as Token;
    const first = tokens[k];
    if (!first || first.sentence !== run.sentence) return null;
    // "X is ...", and after an aside "X, 45, was a ...", "X, from Maryland, is the ...".
    // "Chris Wallace of Fox News, who will moderate ...": the organisation (read by orgAfter) is an aside.
    if (first.lower === 'of' && asides === 0 && !commaAfter(before)) {
      const org = orgFrom(doc, k, run.sentence);
      const end = org?.end;
      if (end === undefined || !commaAfter(tokens[end - 1] as Token)) return null;
      k = end;
      continue;
    }
    const predicate = conditional(doc, run) ? null : predicateFrom(doc, k, run.sentence);
    // "Wilder - himself the nation's first black governor since Reconstruction -", "X, 40 ― a father ―".
    if (!predicate && dashBetween(doc, before, first)) {
      const from = /^(?:himself|herself)$/.test(first.lower) ? k + 1 : k;
      if (tokens[from]?.lower === 'who') return whoClause(doc, from + 1, run.sentence);
      return phraseFrom(doc, from, run.sentence);
    }
    if (predicate || !commaAfter(before)) return predicate;
    // An age between commas is skipped: "Smith, 45, a nurse"; so is a home town: "X, from Maryland, is".
    if (
      /^\d{1,3}$/.test(first.word) &&
      (first.post.startsWith(',') || dashBetween(doc, first, tokens[k + 1] ?? first))
    ) {
      k++;
      continue;
    }
    if (first.lower === 'from') {
      let end = k + 1;
      while (end < k + 5 && tokens[end]?.capitalized && !commaAfter(tokens[end] as Token)) end++;
      if (tokens[end]?.capitalized && commaAfter(tokens[end] as Token)) {
        k = end + 1;
        continue;
      }
      return null;
    }
    if (first.lower === 'who') return whoClause(doc, k + 1, run.sentence);
    if (first.lower === 'of') return orgFrom(doc, k, run.sentence);
    // "Major Johnnie Cousens, also of the Durham Light Infantry,".
    if (first.lower === 'also' && tokens[k + 1]?.lower === 'of') return orgFrom(doc, k + 1, run.sentence);
    if (SAYING_VERBS.has(first.lower) || FUNCTION_WORDS.has(first.lower)) {
      if (!/^(?:the|a|an|one)$/.test(first.lower)) return null;
    }
    if (first.capitalized && !isRoleNoun(first) && !/^(?:The|A|An|One)$/.test(first.word)) {
      // "Jane Doe, Ipsos MORI director" is an appositive; "Jane Doe, John Roe and ..." is a list.
      const phrase = phraseFrom(doc, k, run.sentence);
      return phrase && !/\band\b/.test(phrase.text) ? phrase : null;
    }
    return withPredicate(doc, phraseFrom(doc, k, run.sentence), run.sentence);
  }
  return null;
}

/** "Mark Diffley, Director, Ipsos MORI Scotland said": capitalised words after a title, up to a verb of saying. */
function organisationFrom(doc: Doc, k: number, sentence: number): Candidate | null {
  const { tokens } = doc;
  const words: Token[] = [];
  for (let i = k; i < tokens.length && words.length < 6; i++) {
    const t = tokens[i] as Token;
    if (t.sentence !== sentence || !t.capitalized) break;
    words.push(t);
    if (t.post !== '') break;
  }
  const after = tokens[k + words.length];
  const last = words[words.length - 1];
  if (!last || !after || !SAYING_VERBS.has(after.lower) || /[;:.!?]/.test(last.post)) return null;
  // "..., Jane Roe said" names the next speaker, not an organisation.
  if (GIVEN_NAMES.has((words[0] as Token).word)) return null;
  return { text: textOf(doc, words[0] as Token, last), weight: words.length };
}

/**
 * "Tribe, a liberal constitutional scholar, was a mentor to Mr. Obama": the predicate after an
 * appositive says more; both are kept, the appositive first.
 */
function withPredicate(doc: Doc, appositive: Candidate | null, sentence: number): Candidate | null {
  const end = appositive?.end;
  if (!appositive || end === undefined || !commaAfter(doc.tokens[end - 1] as Token)) return appositive;
  const predicate = predicateFrom(doc, end, sentence) ?? organisationFrom(doc, end, sentence);
  if (!predicate) return appositive;
  return { text: `${appositive.text}, ${predicate.text}`, weight: appositive.weight + predicate.weight };
}

/** Picks, for each person, the most informative role any mention outside a quotation gives. */
export function assignRoles(doc: Doc, runs: NameRun[], result: PeopleResult): void {
  const found = new Map<PersonEntity, Candidate[]>();
  for (const run of runs) {
    const at = result.mentionAt.get((run.name[0] as Token).index);
    if (!at || run.inQuote) continue;
    const list = found.get(at.person) ?? [];
    const after = phraseAfter(doc, run);
    for (const c of [
      titleBefore(doc, run, result),
      after && !listsOthers(after, at.person, result) ? after : null,
      phraseBefore(doc, run, result),
      orgAfter(doc, run),
      listRole(doc, run, { isRoleNoun, isModifier, gapBetween, singular, nameEndingAt: nameEnding(result) }),
      asAfter(doc, run),
      creditAfter(doc, run),
      agentCandidate(doc, run),
    ])
      if (c) list.push({ ...c, order: list.length });
    found.set(at.person, list);
  }
  for (const { person, candidate } of [...pronounAs(doc, result), ...othersLike(doc, result)]) {
    const list = found.get(person) ?? [];
    list.push({ ...candidate, order: list.length });
    found.set(person, list);
  }
  for (const [person, list] of found) person.role = choose(list);
  candidatesOf.set(result, found);
  runsOf.set(result, runs);
}

/** "starring X", "a plot hatched by X": what X did, weighed below any noun phrase. */
function agentCandidate(doc: Doc, run: NameRun): Candidate | null {
  const text = agentRole(doc, run);
  return text ? { text, weight: 0.5 } : null;
}

/** The name runs assignRoles read, kept for the clause descriptions read after the descriptions. */
const runsOf = new WeakMap<PeopleResult, readonly NameRun[]>();

/** The phrases assignRoles found for each person, kept for the descriptions read after it. */
const candidatesOf = new WeakMap<PeopleResult, Map<PersonEntity, Candidate[]>>();

/**
 * Adds the descriptions written elsewhere in the article ("the Democratic nominee") to the roles
 * assignRoles gave, and chooses again. Run after people.ts has bound its descriptions as mentions, whose
 * binding it keeps; any role text written there is replaced by this choice.
 */
export function addDescriptionRoles(doc: Doc, result: PeopleResult): void {
  const found = candidatesOf.get(result) ?? new Map<PersonEntity, Candidate[]>();
  const roleOf = (p: PersonEntity): string | null => choose(found.get(p) ?? []);
  for (const { person, text, weight } of bindDescriptions(doc, result, roleOf, { isRoleNoun })) {
    const list = found.get(person) ?? [];
    list.push({ text, weight, order: list.length });
    found.set(person, list);
  }
  for (const person of result.people) person.role = choose(found.get(person) ?? []);
  // No noun phrase says who they are (an organisation says only where): what the article says they
  // did, where it makes them the subject.
  const unnamed = new Set(result.people.filter((p) => p.role === null || /^of [^,]+$/.test(p.role)));
  if (unnamed.size === 0) return;
  for (const [person, text] of clauseDescriptions(doc, runsOf.get(result) ?? [], result, unnamed))
    person.role = person.role === null ? text : `${person.role}, ${text}`;
}

/**
 * A credit line: "McLaughlin, Suzanne Presto and Amanda Barnett contributed to this report" — each name
 * of the list before "contributed" is a contributor.
 */
function creditAfter(doc: Doc, run: NameRun): Candidate | null {
  const { tokens } = doc;
  let k = run.last;
  while (k < tokens.length && k < run.last + 12) {
    const t = tokens[k] as Token;
    if (t.sentence !== run.sentence || !(t.capitalized || t.lower === 'and')) break;
    k++;
  }
  const verb = tokens[k];
  if (verb?.lower !== 'contributed' || verb.sentence !== run.sentence) return null;
  const object = tokens[k + 1]?.lower === 'to' && tokens[k + 2]?.lower === 'this' ? ' to this report' : '';
  return { text: `contributor${object}`, weight: 1 };
}

/** Nouns for the time or place someone holds a post: "Clinton's tenure as secretary of state". */
const TENURE_NOUNS =
  /^(?:role|roles|tenure|time|job|post|position|stint|term|spell|days|career|stint|run|duties)$/;

/** Verbs that put their object in a post named after "as": "Clinton tapped Kaine as her running mate". */
const APPOINTING_VERBS = new Set([
  'tapped',
  'named',
  'appointed',
  'picked',
  'chose',
  'chosen',
  'hired',
  'nominated',
  'elected',
  'selected',
  'installed',
  'confirmed',
  'unveiled',
  'announced',
  'recruited',
  'endorsed',
]);

/** "Clinton's tenure as secretary of state", "tapped Kaine as her running mate". */
function asAfter(doc: Doc, run: NameRun): Candidate | null {
  const { tokens } = doc;
  const last = tokens[run.last - 1] as Token;
  const next = tokens[run.last];
  if (!next || next.sentence !== run.sentence) return null;
  if (last.possessive && TENURE_NOUNS.test(next.lower) && tokens[run.last + 1]?.lower === 'as')
    return phraseFrom(doc, run.last + 2, run.sentence);
  const verb = tokens[run.first - 1];
  if (
    next.lower === 'as' &&
    verb?.sentence === run.sentence &&
    APPOINTING_VERBS.has(verb.lower) &&
    !last.post
  )
    return phraseFrom(doc, run.last + 1, run.sentence);
  return null;
}

/** "he will be vacating his role as Borussia Dortmund boss": the role belongs to whom "his" means. */
function pronounAs(doc: Doc, result: PeopleResult): { person: PersonEntity; candidate: Candidate }[] {
  const out: { person: PersonEntity; candidate: Candidate }[] = [];
  const { tokens } = doc;
  for (let i = 0; i + 2 < tokens.length; i++) {
    const pronoun = tokens[i] as Token;
    if ((pronoun.lower !== 'his' && pronoun.lower !== 'her') || pronoun.inQuote) continue;
    const noun = tokens[i + 1] as Token;
    if (!TENURE_NOUNS.test(noun.lower) || (tokens[i + 2] as Token).lower !== 'as') continue;
    const candidate = phraseFrom(doc, i + 3, pronoun.sentence);
    const person = candidate && ownerOf(result, undefined, pronoun);
    if (person && candidate) out.push({ person, candidate });
  }
  return out;
}

/**
 * "she and hundreds of other demonstrators", "Smith and other Democratic senators": one of the others is
 * what the person named (or meant by he/she) is.
 */
function othersLike(doc: Doc, result: PeopleResult): { person: PersonEntity; candidate: Candidate }[] {
  const out: { person: PersonEntity; candidate: Candidate }[] = [];
  const { tokens } = doc;
  for (let i = 0; i < tokens.length; i++) {
    const other = tokens[i] as Token;
    if (other.lower !== 'other' || other.inQuote) continue;
    let h = i + 1;
    while (
      h < i + 4 &&
      tokens[h] &&
      !tokens[h]?.post &&
      isModifier(tokens[h] as Token, true) &&
      !isRoleNoun(singularToken(tokens[h] as Token))
    )
      h++;
    const head = tokens[h];
    if (!head || head.sentence !== other.sentence || head.capitalized || singular(head.lower) === head.lower)
      continue;
    if (!isRoleNoun(singularToken(head))) continue;
    // Back over "hundreds of", "dozens of", a number, to "and" and the person.
    let k = i - 1;
    if (tokens[k]?.lower === 'of') k -= 2;
    else if (NUMBER.test(tokens[k]?.lower ?? '')) k--;
    if (tokens[k]?.lower !== 'and') continue;
    const who = tokens[k - 1];
    if (!who || who.sentence !== other.sentence) continue;
    const named = nameEnding(result)(who.index);
    const person = /^(?:he|she)$/.test(who.lower)
      ? ownerOf(result, undefined, who)
      : named
        ? result.people.find((p) => p.name === named)
        : undefined;
    if (!person) continue;
    const words = tokens.slice(i + 1, h + 1);
    const text = [...words.slice(0, -1).map((t) => t.word), singular(head.word)].join(' ');
    out.push({ person, candidate: { text, weight: weigh(words) } });
  }
  return out;
}

/**
 * "Ruth Davidson, Labour's Jim Murphy and ...": a phrase after a name that names another person (not
 * after "to", "of", "for": "adviser to Vice President Joe Biden") is the next item of a list.
 */
function listsOthers(c: Candidate, self: PersonEntity, result: PeopleResult): boolean {
  return result.people.some((p) => {
    if (p === self || !c.text.includes(p.name)) return false;
    const before = c.text.slice(0, c.text.indexOf(p.name)).trim().split(/\s+/);
    return !before.some((w) => /^(?:to|of|for|with|by|under)$/.test(w));
  });
}

/** "Lester Holt of NBC News": the organisation a person speaks for, written right after the name. */
function orgAfter(doc: Doc, run: NameRun): Candidate | null {
  const of = doc.tokens[run.last];
  const last = doc.tokens[run.last - 1] as Token;
  if (of?.lower !== 'of' || !joined(doc, last, of) || placeAfter(doc, run)) return null;
  return orgFrom(doc, run.last, run.sentence);
}

/**
 * "of NBC News", "of the TaxPayers' Alliance" from the token "of" at `k`: capitalised words (after an
 * optional "the") up to the first punctuation; not a place ("Bowe, of Maryland" says where, not who).
 */
function orgFrom(doc: Doc, k: number, sentence: number): Candidate | null {
  const { tokens } = doc;
  const words: Token[] = [];
  for (let i = k + 1; i < tokens.length && words.length < 6; i++) {
    const t = tokens[i] as Token;
    const prev = tokens[i - 1] as Token;
    if (t.sentence !== sentence || (i > k + 1 && !joined(doc, prev, t) && !prev.possessive)) break;
    if (!t.capitalized && !(words.length === 0 && t.lower === 'the')) break;
    words.push(t);
    if (t.post !== '' && !(t.possessive && /^['’]$/.test(t.post))) break;
  }
  const named = words.filter((t) => t.capitalized);
  if (named.length === 0 || named.every((t) => PLACES.has(t.word))) return null;
  const last = words[words.length - 1] as Token;
  return { text: `of ${textOf(doc, words[0] as Token, last)}`, weight: 1, end: last.index + 1 };
}

/**
 * The most informative phrase (most content words; the earlier on a tie) is the role; a second phrase
 * that says something the first does not is kept after it ("Rep. (D-N.Y.), chairman of the
 * Congressional Black Caucus PAC"), as a card shows a person's post and what they are in the story.
 */
function choose(list: Candidate[]): string | null {
  const words = (text: string): string[] => (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).map(singular);
  const ranked = [...list].sort((a, b) => b.weight - a.weight || (a.order ?? 0) - (b.order ?? 0));
  const first = ranked[0];
  if (!first) return null;
  const has = new Set(words(first.text));
  const second = ranked.find(
    (c) => c !== first && words(c.text).some((w) => !has.has(w) && !FUNCTION_WORDS.has(w)),
  );
  if (!second) return first.text;
  const secondWords = new Set(words(second.text));
  if ([...has].every((w) => secondWords.has(w))) return second.text;
  // Title first when the first phrase is written before the name in the text.
  const shortTitle = second.text.split(' ').length <= 3;
  // What someone did (a verb phrase, weighed below 1) always comes after what they are.
  const clause = second.weight < 1;
  return (second.order ?? 0) < (first.order ?? 0) &&
    !clause &&
    (second.weight >= first.weight - 1 || shortTitle)
    ? `${second.text}, ${first.text}`
    : `${first.text}, ${second.text}`;
}
