/**
 * Roles: what the article says a person is, read from the grammar around each mention of their name —
 * a title before the name ("Rice University historian Douglas Brinkley"), an appositive after it
 * ("Mark Hamrick, senior economic analyst at Bankrate.com, said"), a relative clause ("X, who is the
 * ..."), a predicate ("X is the ..."), a party label ("Rep. X (D-Md.)"). A role is always a whole noun
 * phrase that ends in (or is headed by) a noun for a kind of person; of all the phrases found for a
 * person, the most informative one wins (the one that says most about who they are).
 */
import type { Doc, Token } from './document.js';
import {
  DEMONYMS,
  FUNCTION_WORDS,
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
} from './lexicon/index.js';
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
]);

/** A noun naming a kind of person or a post: the head a role phrase must have. */
function isRoleNoun(t: Token): boolean {
  const w = t.lower.replace(/\.$/, '');
  if (ADDRESS_ONLY.has(w)) return false;
  if (ROLE_HEADS.has(w) || PERSON_NOUNS.has(w) || HONORIFICS.has(w) || KIN_WORDS.has(w)) return true;
  // "co-host", "co-owner", "ex-wife": a prefixed role noun.
  const prefixed = /^(?:co|ex|vice|deputy)-(.+)$/.exec(w)?.[1];
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

/** No punctuation between two neighbouring tokens of one sentence. */
function joined(a: Token, b: Token): boolean {
  return a.sentence === b.sentence && b.index === a.index + 1 && a.post === '' && b.pre === '';
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
}

function weigh(words: readonly Token[]): number {
  return words.filter((t) => !FUNCTION_WORDS.has(t.lower) && !ADDRESS_ONLY.has(t.lower)).length;
}

/**
 * A title written right before the name ("FBI Director", "Obama's top science adviser", "Rep."): the
 * longest run of modifier words that ends in a role noun and touches the name.
 */
function titleBefore(doc: Doc, run: NameRun, result: PeopleResult): Candidate | null {
  const { tokens } = doc;
  const nameStart = run.name[0] as Token;
  const words: Token[] = run.title.filter((t) => !ADDRESS_ONLY.has(t.lower));
  let i = (run.title[0] ?? nameStart).index - 1;
  let right = tokens[i + 1] as Token;
  while (i >= 0 && words.length < 9) {
    const t = tokens[i] as Token;
    if (!(joined(t, right) || (t.possessive && t.sentence === right.sentence && right.pre === ''))) break;
    // "Secretary of State John Kerry": "of" between two title words.
    const ofInside = t.lower === 'of' && words[0]?.capitalized && isRoleNoun(tokens[i - 1] ?? t);
    if (!ofInside && !isModifier(t)) break;
    if (t.sentenceInitial && FUNCTION_WORDS.has(t.lower)) break;
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
  if (!isRoleNoun(last) && !(last.capitalized && words.some(isRoleNoun))) return null;
  if (last.possessive) return null;
  const after = partyAfter(doc, run) ?? placeAfter(doc, run);
  let text = textOf(doc, words[0] as Token, last);
  // "his wife Zara Phillips": a relative is named by whose relative they are.
  const pronoun = tokens[(words[0] as Token).index - 1];
  if (
    pronoun &&
    KIN_WORDS.has(last.lower) &&
    /^(?:his|her)$/.test(pronoun.lower) &&
    pronoun.sentence === run.sentence
  ) {
    const owner = ownerOf(result, run, pronoun);
    if (owner) text = `${owner.name}’s ${text}`;
  }
  return { text: after ? `${text} ${after}` : text, weight: weigh(words) + (after ? 1 : 0) };
}

/** "Senator John McCain of Arizona": the place a title is held for, written after the name. */
function placeAfter(doc: Doc, run: NameRun): string | null {
  const of = doc.tokens[run.last];
  const place = doc.tokens[run.last + 1];
  const last = doc.tokens[run.last - 1] as Token;
  if (!of || !place || of.lower !== 'of' || !joined(last, of) || !joined(of, place)) return null;
  return PLACES.has(place.word) ? `of ${place.word}` : null;
}

/**
 * A role phrase set off by a comma right before the name: "his senior climate adviser, Brian Deese,"
 * or "the moderator of Monday night's first debate, Lester Holt".
 */
function phraseBefore(doc: Doc, run: NameRun): Candidate | null {
  const { tokens } = doc;
  const start = (run.title[0] ?? (run.name[0] as Token)).index;
  const comma = tokens[start - 1];
  if (!comma || comma.sentence !== run.sentence || comma.post !== ',' || run.title.length > 0) return null;
  const words: Token[] = [];
  for (let i = start - 1; i >= 0 && words.length < 12; i--) {
    const t = tokens[i] as Token;
    const right = words[0];
    if (t.sentence !== run.sentence || (right && !joined(t, right) && !t.possessive)) break;
    if (/^(?:the|a|an|his|her|their|its|our|my)$/.test(t.lower)) {
      words.unshift(t);
      break;
    }
    if (!(isModifier(t, true) || (t.lower === 'of' && right))) break;
    words.unshift(t);
  }
  const opener = words[0];
  if (!opener || !/^(?:the|a|an|his|her|their|its|our|my)$/.test(opener.lower)) return null;
  words.shift();
  const of = words.findIndex((t) => t.lower === 'of');
  const head = words[(of >= 0 ? of : words.length) - 1];
  if (!head || !isRoleNoun(head) || head.capitalized) return null;
  return { text: textOf(doc, words[0] as Token, words[words.length - 1] as Token), weight: weigh(words) };
}

/**
 * Whose relative: the person last named before the pronoun, in its sentence or the one before, whose
 * gender fits "his" or "her" and who is not the relative.
 */
function ownerOf(result: PeopleResult, run: NameRun, pronoun: Token): PersonEntity | null {
  const self = result.mentionAt.get((run.name[0] as Token).index)?.person;
  const gender = pronoun.lower === 'his' ? 'male' : 'female';
  let best: PersonEntity | null = null;
  let bestAt = -1;
  for (const p of result.people) {
    if (p === self || (p.gender !== null && p.gender !== gender)) continue;
    for (const m of p.mentions)
      if (m.first < pronoun.index && m.first > bestAt && m.sentence >= pronoun.sentence - 1) {
        best = p;
        bestAt = m.first;
      }
  }
  return best;
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
 */
function phraseFrom(doc: Doc, from: number, sentence: number): Candidate | null {
  const { tokens } = doc;
  const words: Token[] = [];
  for (let k = from; k < tokens.length && words.length < 16; k++) {
    const t = tokens[k] as Token;
    if (t.sentence !== sentence || t.inQuote) break;
    if (words.length > 0 && /[(“"‘]/.test(t.pre)) break;
    if (!t.capitalized && (PHRASE_END.has(t.lower) || SAYING_VERBS.has(t.lower))) break;
    // A verb ends the phrase ("a historian attended"), but after "of", "at" or "the" the same word is a
    // noun ("director of debate").
    const prev = words[words.length - 1];
    if (
      prev &&
      !t.capitalized &&
      VERB_FORMS.has(t.lower) &&
      !isRoleNoun(t) &&
      !FUNCTION_WORDS.has(prev.lower)
    )
      break;
    if (/^(?:is|was|are|were|has|had|will|would|said)$/.test(t.lower)) break;
    // "for thirty years", "since 2010": a time adverbial ends the noun phrase.
    const following = tokens[k + 1];
    if (words.length > 0 && FUNCTION_WORDS.has(t.lower) && following && NUMBER.test(following.lower)) break;
    words.push(t);
    if (/[,;:.!?)—–]/.test(t.post)) break;
  }
  while (words.length > 0 && /^(?:the|a|an|his|her|their)$/.test((words[0] as Token).lower)) words.shift();
  while (words.length > 0 && FUNCTION_WORDS.has((words[words.length - 1] as Token).lower)) words.pop();
  if (words.length === 0 || words.length > 14) return null;
  // A noun phrase, not a prepositional phrase ("by the president's side"): its head, a role noun, comes
  // before the first preposition ("director of debate at ...").
  const preposition = words.findIndex((t) => FUNCTION_WORDS.has(t.lower) && !t.possessive);
  const head = words.findIndex(isRoleNoun);
  if (head < 0 || head > 6 || (preposition >= 0 && preposition < head)) return null;
  if ((words[0] as Token).capitalized && words.every((t) => t.capitalized)) {
    // "Smith, Director, Ipsos MORI" is fine; "Smith, Jones and Brown" (a list of names) is not.
    if (!words.some(isRoleNoun)) return null;
  }
  return { text: textOf(doc, words[0] as Token, words[words.length - 1] as Token), weight: weigh(words) };
}

/**
 * After the name: an appositive ("X, a historian who ...", "X, 45, the director of ..."), a relative
 * clause ("X, who is the ..."), or a predicate ("X is the ...", "X, 45, was a ...").
 */
function phraseAfter(doc: Doc, run: NameRun): Candidate | null {
  const { tokens } = doc;
  const last = tokens[run.last - 1] as Token;
  if (last.possessive) return null;
  let k = run.last;
  const next = tokens[k];
  if (!next || next.sentence !== run.sentence) return null;
  // "Jerrold Nadler (D-N.Y.), ranking member of ...": the appositive follows the party label.
  if (partyAfter(doc, run) && /\),/.test(next.post)) k++;
  const before = tokens[k - 1] as Token;
  if (before.post === ',' || /^,/.test(before.post) || /\),/.test(before.post)) {
    // An age between commas is skipped: "Smith, 45, a nurse".
    if (/^\d{1,3}$/.test(next.word) && next.post.startsWith(',')) k++;
    const first = tokens[k];
    if (!first || first.sentence !== run.sentence) return null;
    if (first.lower === 'who') {
      const verb = tokens[k + 1];
      if (verb && /^(?:is|was|has been|had been|became|serves as|served as)$/.test(verb.lower))
        return phraseFrom(doc, k + 2, run.sentence);
      return null;
    }
    if (SAYING_VERBS.has(first.lower) || FUNCTION_WORDS.has(first.lower)) {
      if (!/^(?:the|a|an)$/.test(first.lower)) return null;
    }
    if (first.capitalized && !isRoleNoun(first) && !/^(?:The|A|An)$/.test(first.word)) {
      // "Jane Doe, Ipsos MORI director" is an appositive; "Jane Doe, John Roe and ..." is a list.
      const phrase = phraseFrom(doc, k, run.sentence);
      const end = phrase ? null : null;
      return phrase && !/\band\b/.test(phrase.text) ? phrase : end;
    }
    return phraseFrom(doc, k, run.sentence);
  }
  if (last.post === '' && /^(?:is|was)$/.test(next.lower)) {
    const det = tokens[k + 1];
    if (det && /^(?:the|a|an)$/.test(det.lower)) return phraseFrom(doc, k + 1, run.sentence);
  }
  return null;
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
      phraseBefore(doc, run),
      orgAfter(doc, run),
    ])
      if (c) list.push({ ...c, order: list.length });
    found.set(at.person, list);
  }
  for (const [person, list] of found) person.role = choose(list);
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

/** "Lester Holt of NBC News": the organisation a person speaks for, written after the name. */
function orgAfter(doc: Doc, run: NameRun): Candidate | null {
  const { tokens } = doc;
  const of = tokens[run.last];
  const last = tokens[run.last - 1] as Token;
  if (of?.lower !== 'of' || !joined(last, of) || placeAfter(doc, run)) return null;
  const words: Token[] = [];
  for (let k = run.last + 1; k < tokens.length && words.length < 5; k++) {
    const t = tokens[k] as Token;
    const prev = tokens[k - 1] as Token;
    if (!joined(prev, t) && k > run.last + 1) break;
    if (!t.capitalized && !(words.length === 0 && t.lower === 'the')) break;
    words.push(t);
    if (t.post !== '') break;
  }
  if (!words.some((t) => t.capitalized)) return null;
  return { text: `of ${textOf(doc, words[0] as Token, words[words.length - 1] as Token)}`, weight: 1 };
}

/**
 * The most informative phrase (most content words; the earlier on a tie) is the role; a second phrase
 * that says something the first does not is kept after it ("Rep. (D-N.Y.), chairman of the
 * Congressional Black Caucus PAC"), as a card shows a person's post and what they are in the story.
 */
function choose(list: Candidate[]): string | null {
  const words = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
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
  return (second.order ?? 0) < (first.order ?? 0) && second.weight >= first.weight - 1
    ? `${second.text}, ${first.text}`
    : `${first.text}, ${second.text}`;
}
