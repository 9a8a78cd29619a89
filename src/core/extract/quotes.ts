/**
 * Crediting each quotation to its speaker with attribution grammar rather than a fixed verb list:
 *   “…,” X said.  /  “…,” said X.  /  X said: “…”  /  X said, “…”  /  X called it “…”
 * A speaker may be a person's name, a description or pronoun (resolved to the person meant), or an
 * institution ("a statement from No 10 said"). A quotation standing alone in its paragraph continues
 * the previous paragraph's speaker; a later quotation in a sentence keeps the earlier one's speaker; an
 * attribution closing the sentence ("…, said X") names the speaker of the quotations before it.
 */

import {
  fitsGender,
  indexMentions,
  isQuotedHeading,
  isTitleCase,
  type MentionIndex,
  namedEndingAt,
  namesAWork,
  nearestNamed,
} from './attribution.js';
import type { Doc, Token } from './document.js';
import {
  COMMON_WORDS,
  DEMONYMS,
  FUNCTION_WORDS,
  HONORIFICS,
  ORG_WORDS,
  PERSON_NOUNS,
  PLACE_WORDS,
  PLACES,
  ROLE_HEADS,
  ROLE_WORDS,
  VERB_FORMS,
} from './lexicon/index.js';
import type { PeopleResult, PersonEntity } from './people.js';
import type { QuoteSpan } from './quote-spans.js';
import type { NameRun } from './runs.js';

export interface AttributedQuote {
  text: string;
  person: PersonEntity | null;
  /** An institution or unresolved name credited when no person is. */
  other: string | null;
  paragraph: number;
}

type Speaker = { person: PersonEntity | null; other: string | null };

const NOBODY: Speaker = { person: null, other: null };
/** A capitalised place, an optional date and agency, then a dash, opening a paragraph. */
const DATELINE = /^\p{Lu}[\p{Lu}\s.'’-]*\p{Lu}\.?(?:,[^—–\n]{0,40}?)?\s*(?:\([\p{L} ]+\))?\s*(?:—|--|–|-)\s/u;
const CLAUSE_END = /[.!?;]/;

interface Context {
  doc: Doc;
  people: PeopleResult;
  institutions: Map<number, NameRun>;
  /** Per paragraph, where each quotation closed by a mark ends. */
  quoteEnds: Map<number, number[]>;
  mentions: MentionIndex;
}

/** Index of the first item at or after (paragraph, offset): tokens and sentences are in reading order. */
function lowerBound<T extends { paragraph: number; start: number }>(
  items: readonly T[],
  paragraph: number,
  offset: number,
): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const t = items[mid] as T;
    if (t.paragraph < paragraph || (t.paragraph === paragraph && t.start < offset)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The words outside quotation marks between two offsets of a paragraph (a binary search, not a scan). */
function tokensBetween(doc: Doc, paragraph: number, from: number, to: number): Token[] {
  const out: Token[] = [];
  for (let i = lowerBound(doc.tokens, paragraph, from); i < doc.tokens.length; i++) {
    const t = doc.tokens[i] as Token;
    if (t.paragraph !== paragraph || t.end > to) break;
    if (!t.inQuote) out.push(t);
  }
  return out;
}

interface Candidate {
  kind: 'person' | 'pronoun' | 'other';
  /** Token index where the mention starts and one past where it ends. */
  first: number;
  last: number;
  person: PersonEntity | null;
  name: string | null;
  pronoun: Token | null;
}

const PREPOSITIONS = new Set([
  'on',
  'in',
  'to',
  'with',
  'from',
  'at',
  'by',
  'for',
  'of',
  'via',
  'into',
  'onto',
  'about',
]);
/**
 * Verbs of saying: "X said … “…”" beats a sentence's grammatical subject, and "…, said X" / "…, X said"
 * after a quotation is its attribution.
 */
const SPEECH_VERBS: ReadonlySet<string> = new Set([
  ...'said says say told tells wrote writes calls reports'.split(' '),
  ...verbForms(
    'add ask explain argue insist warn reply respond continue describe urge acknowledge admit recall concede suggest predict complain lament criticize praise mention testify assert contend caution boast proclaim observe interject recount wonder assure stress emphasize confirm allege maintain reiterate repeat retort scoff marvel muse tout',
    true,
  ),
  // "Republican claims of …", "his posts": these verbs are also plural nouns, so only their past.
  ...verbForms(
    'tweet post state declare announce claim note call remark report joke quip shout yell chant counter charge email text promise vow',
    false,
  ),
]);

/**
 * "Ryan saying he was “very encouraged” and Trump calling it a “great meeting”": the -ing forms of the
 * verbs of saying, for a sayer named right before them.
 */
const SPEECH_GERUNDS: ReadonlySet<string> = new Set(
  'saying telling writing calling adding asking explaining arguing insisting warning replying responding describing urging declaring noting tweeting posting claiming stating announcing complaining praising dubbing labeling labelling branding'.split(
    ' ',
  ),
);

/** "add" -> added (and adds); "argue" -> argued; "reply" -> replied; "quip" -> quipped. */
function verbForms(bases: string, withPresent: boolean): string[] {
  const forms: string[] = [];
  for (const base of bases.split(' ')) {
    const [present, past] = /[^aeiou]y$/.test(base)
      ? [`${base.slice(0, -1)}ies`, `${base.slice(0, -1)}ied`]
      : /(?:s|sh|ch|x)$/.test(base)
        ? [`${base}es`, `${base}ed`]
        : /e$/.test(base)
          ? [`${base}s`, `${base}d`]
          : /^(?:quip)$/.test(base)
            ? [`${base}s`, `${base}ped`]
            : [`${base}s`, `${base}ed`];
    forms.push(past);
    if (withPresent) forms.push(present);
  }
  return forms;
}

/** The last candidate directly followed (allowing one adverb) by a verb of saying. */
function lastSayer(ctx: Context, found: Candidate[]): Candidate | undefined {
  for (let i = found.length - 1; i >= 0; i--) {
    const c = found[i] as Candidate;
    if (agentOfSaying(ctx, c)) return c;
    if (afterPreposition(ctx, c)) continue;
    const next = ctx.doc.tokens[c.last];
    const after = ctx.doc.tokens[c.last + 1];
    // Obama “admits this is a problem”: a word inside the quotation is not the sayer's verb.
    if (next?.inQuote) continue;
    if (next && SPEECH_VERBS.has(next.lower)) return c;
    // "… and Trump calling it", not "went after Bush, calling him": the gerund's subject touches it.
    // ("calling for a ban" asks for something; it says nothing.)
    if (
      next &&
      SPEECH_GERUNDS.has(next.lower) &&
      (ctx.doc.tokens[c.last - 1] as Token).post === '' &&
      after?.lower !== 'for'
    )
      return c;
    if (
      next &&
      after &&
      (/ly$/.test(next.lower) || VERB_HELPERS.has(next.lower)) &&
      SPEECH_VERBS.has(after.lower)
    )
      return c;
  }
  return undefined;
}

/** A source after "according to" ("according to the AP", "according to Politico"). */
function citedSource(ctx: Context, c: Candidate): boolean {
  let i = c.first - 1;
  if (ctx.doc.tokens[i]?.lower === 'the') i--;
  return ctx.doc.tokens[i]?.lower === 'to' && ctx.doc.tokens[i - 1]?.lower === 'according';
}

/** Words between a sayer and the verb: "X also said", "X has said", "X later told". */
const VERB_HELPERS = new Set([
  'also',
  'later',
  'then',
  'again',
  'earlier',
  'has',
  'had',
  'have',
  'would',
  'will',
]);

/** "Sanders was asked by host Bill Maher …": the agent of a passive verb of saying. */
function agentOfSaying(ctx: Context, c: Candidate): boolean {
  let i = c.first - 1;
  while (i > c.first - 4 && titleWordBefore(ctx.doc.tokens[i])) i--;
  const by = ctx.doc.tokens[i];
  const verb = ctx.doc.tokens[i - 1];
  return (
    by?.lower === 'by' &&
    by.post === '' &&
    verb !== undefined &&
    SPEECH_VERBS.has(verb.lower) &&
    verb.post === ''
  );
}

function titleWordBefore(t: Token | undefined): boolean {
  return (
    t !== undefined &&
    t.post === '' &&
    t.lower !== 'by' &&
    !SPEECH_VERBS.has(t.lower) &&
    (t.capitalized || ROLE_WORDS.has(t.lower))
  );
}

const ADDRESSING_VERBS = new Set(['told', 'tells', 'telling', 'asked', 'asks', 'asking']);
const SUBJECT_PRONOUNS = new Set(['he', 'she', 'they', 'i', 'we']);
const CLAUSE_BREAKERS = new Set([
  'and',
  'but',
  'who',
  'which',
  'while',
  'when',
  'because',
  'after',
  'before',
  'if',
]);

/** A number ("2013", "55 percent") or a party label ("D-MA") names no one who could speak. */
function neverSpeaks(name: string): boolean {
  return !/\p{L}/u.test(name) || /^[DRI]-[A-Z][\p{L}.]*$/u.test(name);
}

/** Every possible speaker in a clause, in order: people (not possessives), pronouns, institutions. */
function candidates(ctx: Context, clause: readonly Token[]): Candidate[] {
  const found: Candidate[] = [];
  // Words inside a person's mention ("The Ukrainian president") are that person, not another name.
  let inside = -1;
  for (const t of clause) {
    if (t.index < inside) continue;
    const at = ctx.people.mentionAt.get(t.index);
    if (at) {
      inside = at.mention.last;
      if (!at.mention.possessive) {
        found.push({
          kind: 'person',
          first: at.mention.first,
          last: at.mention.last,
          person: at.person,
          name: null,
          pronoun: null,
        });
      }
      continue;
    }
    const inst = ctx.institutions.get(t.index);
    if (inst) {
      if (!inst.possessive && !neverSpeaks(inst.nameText))
        found.push({
          kind: 'other',
          first: inst.first,
          last: inst.last,
          person: null,
          name: inst.nameText,
          pronoun: null,
        });
      continue;
    }
    if (SUBJECT_PRONOUNS.has(t.lower))
      found.push({
        kind: 'pronoun',
        first: t.index,
        last: t.index + 1,
        person: null,
        name: null,
        pronoun: t,
      });
  }
  // "Trump campaign manager Kellyanne Conway": a name that only modifies the title of the next one.
  const kept = found.filter((c, i) => {
    const next = found[i + 1];
    if (!next || c.kind === 'pronoun' || next.kind !== 'person') return true;
    const between = ctx.doc.tokens.slice(c.last, next.first);
    const modifier =
      between.length <= 4 &&
      between.every((t) => ROLE_WORDS.has(t.lower) && t.post === '' && t.lower !== 'the');
    const touching = (ctx.doc.tokens[c.last - 1] as Token).post === '';
    return !(modifier && touching);
  });
  // "An Israeli official said", "a Times article hailed": a name modifying the noun after it is part
  // of a description, and the description is the one who speaks (its words as the article gives them);
  // "Joe Arpaio, the Arizona sheriff," re-describes the person before it and is dropped.
  const described: Candidate[] = [];
  for (const c of kept) {
    const phrase = c.kind === 'other' ? description(ctx, c) : null;
    if (phrase === null) described.push(c);
    else if (phrase !== 'appositive') described.push({ ...c, name: phrase.text, last: phrase.last });
  }
  // "In Ames, Iowa, on Sunday, Mrs. Clinton said …": a place, a people or a number is where or about
  // whom something was said; it speaks only when nobody else in the clause can.
  const strong = described.filter((c) => !(c.kind === 'other' && placeLike(ctx, c)));
  return strong.length > 0 ? strong : described;
}

/**
 * "the New York businessman", "an Israeli official": determiner, name, then lowercase nouns up to the
 * verb. The phrase and where it ends; 'appositive' after a person ("Joe Arpaio, the Arizona sheriff,");
 * null when the name is not used that way.
 */
function description(ctx: Context, c: Candidate): { text: string; last: number } | 'appositive' | null {
  const det = ctx.doc.tokens[c.first - 1];
  if (!det || !/^(?:the|a|an)$/.test(det.lower) || det.post !== '') return null;
  // "Mr. Warner, the Virginia Democrat, called …": a name re-describing the person before it.
  const beforeDet = ctx.doc.tokens[c.first - 2];
  if (beforeDet?.post === ',' && namedEndingAt(ctx.mentions, c.first - 1)) return 'appositive';
  const end = ctx.doc.tokens[c.last - 1] as Token;
  if (end.post !== '') return null;
  const nouns: Token[] = [];
  for (let i = c.last; i < c.last + 3; i++) {
    const t = ctx.doc.tokens[i];
    if (!t || t.capitalized || t.inQuote || t.sentence !== end.sentence || isPredicate(t)) break;
    nouns.push(t);
    if (t.post !== '') break;
  }
  // The phrase ends at its head noun: a role ("official", "presidential candidate") or a source
  // ("report", "website"); a word after that is the verb ("the Daily News focuses").
  const head = nouns.findLastIndex((t) => ROLE_HEADS.has(t.lower) || SOURCE_NOUNS.has(t.lower));
  if (head < 0) return null;
  nouns.length = head + 1;
  const words = [det, ...ctx.doc.tokens.slice(c.first, c.last), ...nouns];
  return { text: words.map((t) => t.word).join(' '), last: c.last + nouns.length };
}

/** Nouns for something that speaks for its authors: "a Times article", "an FBI investigation". */
const SOURCE_NOUNS = new Set(
  'report article statement investigation study poll survey analysis memo letter editorial website group campaign team office spokesman spokeswoman spokesperson source sources officials aides lawyers lawyer'.split(
    ' ',
  ),
);

/** A word that can only be the verb or a function word after a description ("the FBI concluded"). */
function isPredicate(t: Token): boolean {
  return (
    SPEECH_VERBS.has(t.lower) ||
    VERB_HELPERS.has(t.lower) ||
    FUNCTION_WORDS.has(t.lower) ||
    /ed$/.test(t.lower) ||
    /^(?:is|are|was|were|says)$/.test(t.lower)
  );
}

/** Sentence adverbs that link to what came before (a closed class): "Moreover, …". */
const CONNECTIVES = new Set(
  'however moreover meanwhile furthermore nevertheless nonetheless instead still indeed therefore thus hence besides likewise otherwise consequently accordingly'.split(
    ' ',
  ),
);

/** A place name used as the modifier of a lowercase noun after it ("a Sydney café"), not a subject. */
function modifiesNoun(name: string, next: Token): boolean {
  if (!(PLACES.has(name) || DEMONYMS.has(name))) return false;
  return (
    !VERB_FORMS.has(next.lower) &&
    !SPEECH_VERBS.has(next.lower) &&
    !VERB_HELPERS.has(next.lower) &&
    !/(?:ed|s)$/.test(next.lower)
  );
}

/**
 * A run naming a place, a people or a date rather than a body that can speak, unless it is the subject
 * of the verb right after it ("South Korea accused …").
 */
function placeLike(ctx: Context, c: Candidate): boolean {
  const name = c.name ?? '';
  const words = name.split(' ');
  const last = words[words.length - 1] ?? '';
  const head = ctx.doc.tokens[c.first] as Token;
  const end = ctx.doc.tokens[c.last - 1] as Token;
  const next = ctx.doc.tokens[c.last];
  const prev = ctx.doc.tokens[c.first - 1];
  const followedByWord = end.post === '' && next !== undefined && !next.capitalized && !next.inQuote;
  // "South Korea accused …" speaks; "a Sydney café", "the U.S. economy" only say where.
  if (followedByWord && !FUNCTION_WORDS.has(next.lower) && !modifiesNoun(name, next)) return false;
  if (/\d/.test(name) || PLACES.has(name) || PLACES.has(last) || DEMONYMS.has(name)) return true;
  if (/s$/.test(name) && DEMONYMS.has(name.slice(0, -1))) return true;
  // "Salem, New Hampshire", "Carson, Calif.": the second part of a place written "city, state".
  if (prev?.capitalized && prev.post === ',' && prev.sentence === head.sentence) return true;
  // "Moreover, …", "Latest: …": an ordinary word capitalised only because it opens the sentence.
  return (
    c.last - c.first === 1 &&
    head.sentenceInitial &&
    (COMMON_WORDS.has(head.lower) ||
      FUNCTION_WORDS.has(head.lower) ||
      /ly$/.test(head.lower) ||
      CONNECTIVES.has(head.lower))
  );
}

function toSpeaker(ctx: Context, c: Candidate, lastSpeaker: Speaker): Speaker {
  const opening = c.kind === 'pronoun' ? null : personOpening(ctx, c);
  if (opening) return { person: opening, other: null };
  if (c.kind === 'person') return { person: c.person, other: null };
  if (c.kind === 'other') return { person: null, other: c.name };
  return resolvePronoun(ctx, c.pronoun as Token, lastSpeaker);
}
/**
 * "Chris Christie Calls Hillary Clinton ‘a Disgrace’": in a headline's capitalised words a name runs on
 * into the verb after it; a person the article names in full at the start of the run is the one meant.
 */
function personOpening(ctx: Context, c: Candidate): PersonEntity | null {
  const words = ctx.doc.tokens.slice(c.first, c.last).map((t) => t.word);
  const last = (words[words.length - 1] ?? '').toLowerCase();
  // "The Trayvon Martin Foundation", "Brent Bozell III": a body named after a person, or a name's suffix.
  if (words.length < 3 || ORG_WORDS.has(last) || PLACE_WORDS.has(last) || /^(?:[ivx]+|jr|sr)$/.test(last))
    return null;
  for (const p of ctx.people.people) {
    if (p === c.person) continue;
    const name = p.name.split(' ');
    if (name.length >= 2 && name.length < words.length && name.every((w, i) => words[i] === w)) return p;
  }
  return null;
}

/**
 * Who "he" or "she" is, as a reader decides it: the subject named earlier in the pronoun's own
 * sentence, else the nearest person of that gender named in this paragraph or the one before (spoken
 * or not), else the last quoted speaker, else the last person of that gender named anywhere before.
 */
function resolvePronoun(ctx: Context, pronoun: Token, lastSpeaker: Speaker): Speaker {
  const gender = pronoun.lower === 'he' ? 'male' : pronoun.lower === 'she' ? 'female' : null;
  const fits = (p: PersonEntity): boolean => fitsGender(p, gender);
  // "Clinton says she appreciated …": the subject named earlier in the pronoun's own sentence.
  const sentence = ctx.doc.sentences[pronoun.sentence];
  if (sentence && gender !== null) {
    const earlier = ctx.doc.tokens.slice(sentence.tokenStart, pronoun.index).filter((t) => !t.inQuote);
    for (const c of candidates(ctx, earlier)) {
      if (c.kind !== 'person' || afterPreposition(ctx, c)) continue;
      if (fits(c.person as PersonEntity)) return { person: c.person, other: null };
      // "Gille recalls … she said": a surname alone that two people share is the one the pronoun fits.
      const namesake = sameSurname(ctx, c, fits);
      if (namesake) return { person: namesake, other: null };
    }
  }
  if (gender !== null) {
    // "a bill backed by the Obama administration, he called it": a name used as a modifier of a noun
    // ("the Obama administration") names no one who could be "he".
    const near = nearestNamed(ctx.mentions, pronoun.index, pronoun.paragraph - 1, fits, (at, last) =>
      attributive(ctx, at, last),
    );
    if (near) return { person: near, other: null };
  }
  if (lastSpeaker.person && fits(lastSpeaker.person)) return lastSpeaker;
  const best = nearestNamed(ctx.mentions, pronoun.index, 0, fits);
  if (best) return { person: best, other: null };
  return lastSpeaker.other ? lastSpeaker : NOBODY;
}

/** A name between "the" and the noun it modifies ("the Obama administration", "the Clinton campaign"). */
function attributive(ctx: Context, at: number, last: number): boolean {
  const det = ctx.doc.tokens[at - 1];
  const end = ctx.doc.tokens[last - 1] as Token;
  const next = ctx.doc.tokens[last];
  return (
    det?.lower === 'the' &&
    det.post === '' &&
    end.post === '' &&
    next !== undefined &&
    !next.capitalized &&
    !next.inQuote &&
    !FUNCTION_WORDS.has(next.lower) &&
    !VERB_FORMS.has(next.lower) &&
    !SPEECH_VERBS.has(next.lower)
  );
}

/** Another person of the same surname whom a surname written alone may stand for, when one fits. */
function sameSurname(ctx: Context, c: Candidate, fits: (p: PersonEntity) => boolean): PersonEntity | null {
  const person = c.person as PersonEntity;
  if (c.last - c.first !== 1 || (ctx.doc.tokens[c.first] as Token).word !== person.surname) return null;
  const others = ctx.people.people.filter((p) => p !== person && p.surname === person.surname && fits(p));
  if (others.length < 2) return others[0] ?? null;
  // Several fit: the one named last before.
  return nearestNamed(ctx.mentions, c.first, 0, (p) => others.includes(p));
}

function clauseAfter(ctx: Context, paragraph: number, from: number): Token[] {
  const text = ctx.doc.paragraphs[paragraph] ?? '';
  let end = from;
  // At most 600 characters are read, so the work per quotation is bounded (linear time overall).
  const limit = Math.min(text.length, from + 600);
  let inner = false;
  while (end < limit && text[end] !== '‘') {
    // “A,” aside from “B,” said X: the closing attribution reaches back over later quotations.
    if (text[end] === '“') inner = true;
    if (inner) {
      if (text[end] === '”') inner = false;
      end++;
      continue;
    }
    // The period of an initial or a title ("Vann R. Newkirk", "Rep. Duncan Hunter") ends no clause.
    if (CLAUSE_END.test(text[end] as string) && !(text[end] === '.' && abbreviationBefore(text, end))) break;
    end++;
  }
  // "“…,” since so many cases were decided 5-to-4, said Lee Epstein": an attribution may close a long
  // sentence; 40 words bound the search (each quotation reads a fixed number of words: linear time).
  return tokensBetween(ctx.doc, paragraph, from, end).slice(0, 40);
}

function abbreviationBefore(text: string, dot: number): boolean {
  const word = /(\p{L}+)$/u.exec(text.slice(Math.max(0, dot - 12), dot))?.[1] ?? '';
  return /^\p{Lu}$/u.test(word) || (/^\p{Lu}/u.test(word) && HONORIFICS.has(word.toLowerCase()));
}

/** Where the sentence holding `to` starts: the last one of this paragraph starting at or before it. */
function sentenceStart(ctx: Context, paragraph: number, to: number): number {
  const sentence = ctx.doc.sentences[lowerBound(ctx.doc.sentences, paragraph, to + 1) - 1];
  return sentence && sentence.paragraph === paragraph ? sentence.start : 0;
}

function clauseBefore(ctx: Context, paragraph: number, to: number): Token[] {
  const text = ctx.doc.paragraphs[paragraph] ?? '';
  let start = sentenceStart(ctx, paragraph, to);
  // "WASHINGTON, Dec. 8 (UPI) — …": a dateline is where the story was filed, never its subject.
  const dateline = DATELINE.exec(text)?.[0].length ?? 0;
  if (dateline > start && dateline <= to) start = dateline;
  // Stop at an earlier quotation's closing mark in the same sentence (a quotation found in the text,
  // or a stray ”; not a ’ that may be an apostrophe, "Sanders’ “passion”").
  const lastClose = text.slice(start, to).lastIndexOf('”');
  if (lastClose >= 0) start += lastClose + 1;
  for (const end of ctx.quoteEnds.get(paragraph) ?? []) if (end <= to && end > start) start = end;
  return tokensBetween(ctx.doc, paragraph, start, to);
}

export function attributeQuotes(doc: Doc, people: PeopleResult, otherRuns: NameRun[]): AttributedQuote[] {
  const institutions = new Map<number, NameRun>();
  for (const run of otherRuns)
    if (!run.inQuote) institutions.set((run.name[0] ?? (run.title[0] as Token)).index, run);
  const quoteEnds = new Map<number, number[]>();
  for (const q of doc.quotes)
    for (const s of q.segments) {
      if (s.closeEnd <= s.end) continue;
      const ends = quoteEnds.get(s.paragraph) ?? [];
      ends.push(s.closeEnd);
      quoteEnds.set(s.paragraph, ends);
    }
  const ctx: Context = { doc, people, institutions, quoteEnds, mentions: indexMentions(people) };
  const results: AttributedQuote[] = [];
  let lastSpeaker: Speaker = NOBODY;
  let lastParagraph = -1;
  let previous: Previous | null = null;
  for (const quote of doc.quotes) {
    const firstSeg = quote.segments[0];
    const lastSeg = quote.segments[quote.segments.length - 1];
    if (!firstSeg || !lastSeg) continue;
    // A quotation that goes on from the last speaker opens its sentence; one inside a sentence that
    // names nobody ("asked five people to perform a “direction discrimination” task") is the writer's.
    const opensSentence =
      quote.text.split(/\s+/).length > 4 ||
      clauseBefore(ctx, firstSeg.paragraph, firstSeg.openAt).length === 0;
    const speaker: Speaker =
      dashCredit(ctx, quote) ??
      attributeOne(ctx, quote, lastSpeaker, previous) ??
      (lastParagraph >= firstSeg.paragraph - 1 && opensSentence ? lastSpeaker : NOBODY);
    // A work's title is nobody's words, though the one who named it may go on speaking in the sentence
    // ("visited NBC’s “Today”, saying “on her worst day” …"), so the chain below still sees the speaker.
    const credited = creditsNobody(ctx, quote) || namedByNobody(ctx, quote, speaker) ? NOBODY : speaker;
    results.push({
      text: quote.text,
      person: credited.person,
      other: credited.other,
      paragraph: firstSeg.paragraph,
    });
    previous = { paragraph: lastSeg.paragraph, closeEnd: lastSeg.closeEnd, speaker };
    if (speaker.person || speaker.other) {
      lastSpeaker = speaker;
      lastParagraph = lastSeg.paragraph;
    }
  }
  return results;
}

/** A dash opening a credit line. */
const CREDIT_DASH = /^\s*[—―–-]+\s*/u;

/**
 * “…” — Bernie Sanders. / “…” followed by a paragraph "-President Obama, tweeting …": a credit line
 * after a quotation, as under an epigraph or a pull quote, names its speaker outright.
 */
function dashCredit(ctx: Context, quote: QuoteSpan): Speaker | null {
  // Only a quotation standing on its own: after "his party was “…”" a dash sets off something else.
  const open = quote.segments[0] as QuoteSpan['segments'][number];
  if (clauseBefore(ctx, open.paragraph, open.openAt).length > 0) return null;
  const seg = quote.segments[quote.segments.length - 1] as QuoteSpan['segments'][number];
  const text = ctx.doc.paragraphs[seg.paragraph] ?? '';
  const rest = text.slice(seg.closeEnd);
  let paragraph = seg.paragraph;
  let from = seg.closeEnd;
  if (!CREDIT_DASH.test(rest)) {
    const next = ctx.doc.paragraphs[seg.paragraph + 1];
    if (!/^[\s.,]*$/u.test(rest) || next === undefined || !CREDIT_DASH.test(next)) return null;
    paragraph = seg.paragraph + 1;
    from = 0;
  }
  const words = tokensBetween(ctx.doc, paragraph, from, from + 80).slice(0, 6);
  const named = candidates(ctx, words).find((c) => c.kind !== 'pronoun' && c.first === words[0]?.index);
  return named ? toSpeaker(ctx, named, NOBODY) : null;
}

/** The title of a work ("the documentary “13th”") or a sub-heading in quotation marks: nobody's words. */
function creditsNobody(ctx: Context, quote: QuoteSpan): boolean {
  if (quote.segments.length !== 1) return false;
  const seg = quote.segments[0] as QuoteSpan['segments'][number];
  const paragraph = ctx.doc.paragraphs[seg.paragraph] ?? '';
  return (
    namesAWork(paragraph, seg.openAt, seg.closeEnd, quote.text) || isQuotedHeading(paragraph, quote.text)
  );
}

/**
 * "Cheeky horror game “Until Dawn” was a breakout hit", "a “Like” button": a name in quotation marks
 * (title case, no exclamation or question: "Choke!" is a cry) that an institution is credited with
 * only because the sentence is about it, with no verb of saying in the sentence, is nobody's words.
 */
function namedByNobody(ctx: Context, quote: QuoteSpan, speaker: Speaker): boolean {
  if (speaker.person !== null || speaker.other === null || quote.segments.length !== 1) return false;
  if (!isTitleCase(quote.text) || /[!?]/.test(quote.text)) return false;
  const seg = quote.segments[0] as QuoteSpan['segments'][number];
  const start = sentenceStart(ctx, seg.paragraph, seg.openAt);
  const text = ctx.doc.paragraphs[seg.paragraph] ?? '';
  const end = text.slice(seg.closeEnd).search(/[.!?](?:\s|$)/u);
  const words = tokensBetween(ctx.doc, seg.paragraph, start, end < 0 ? text.length : seg.closeEnd + end + 1);
  return !words.some(
    (t) => SPEECH_VERBS.has(t.lower) || SPEECH_GERUNDS.has(t.lower) || NAMING_VERBS.has(t.lower),
  );
}

/** Verbs by which the subject gives a name its use ("hailed Trump as “The Comeback Kid”"). */
const NAMING_VERBS = new Set(
  'hailed dubbed labeled labelled branded nicknamed termed coined referred rated titled named'.split(' '),
);

/** The quotation before this one: where it ended and whom it was credited to. */
interface Previous {
  paragraph: number;
  closeEnd: number;
  speaker: Speaker;
}

function attributeOne(
  ctx: Context,
  quote: QuoteSpan,
  lastSpeaker: Speaker,
  previous: Previous | null,
): Speaker | null {
  const firstSeg = quote.segments[0] as QuoteSpan['segments'][number];
  const lastSeg = quote.segments[quote.segments.length - 1] as QuoteSpan['segments'][number];
  const before = clauseBefore(ctx, firstSeg.paragraph, firstSeg.openAt);
  // “…” and “…” / called him “…” while Cruz is “…”: a later quotation in the sentence of an earlier one
  // is the same speaker's unless the words between name a new one saying it.
  const sameSentence =
    previous !== null &&
    (previous.speaker.person !== null || previous.speaker.other !== null) &&
    previous.paragraph === firstSeg.paragraph &&
    previous.closeEnd <= firstSeg.openAt &&
    previous.closeEnd > sentenceStart(ctx, firstSeg.paragraph, firstSeg.openAt)
      ? previous.speaker
      : null;
  const afterWords = clauseAfter(ctx, lastSeg.paragraph, lastSeg.closeEnd);
  // “…” if she didn’t win by more, said David Wasserman: an attribution closing the sentence.
  // (A quotation ending in a full stop ends its sentence: the words after it start another.)
  const endsSentence = (ctx.doc.paragraphs[lastSeg.paragraph] ?? '')[lastSeg.end - 1] === '.';
  const closing = endsSentence
    ? undefined
    : (closingSayer(ctx, afterWords, lastSeg.closeEnd) ?? ownedSayer(ctx, afterWords));
  const fromAfter = (): Speaker | null => {
    if (closing) return toSpeaker(ctx, closing, lastSpeaker);
    const found = candidates(ctx, afterWords.slice(0, 10));
    // "a statement from No 10 said": a source after a preposition still speaks; one spoken to does not.
    const first = found.find((c) => !afterPreposition(ctx, c)) ?? found.find((c) => !isAddressee(ctx, c));
    return first ? toSpeaker(ctx, first, lastSpeaker) : null;
  };
  // A quotation opening its sentence: “…,” said X / “…?” X asked / “…,” X, the envoy, said.
  if (before.length === 0) {
    const after = fromAfter();
    if (after) return after;
    // A quotation opening its paragraph after "X said:" at the end of the previous one.
    const prev = ctx.doc.paragraphs[firstSeg.paragraph - 1];
    if (prev && /:\s*$/.test(prev)) {
      const clause = clauseBefore(ctx, firstSeg.paragraph - 1, prev.length);
      const subject = pickSubject(ctx, candidates(ctx, clause), clause);
      if (subject) return toSpeaker(ctx, subject, lastSpeaker);
    }
    // "Clinton touted her record. “We need …”": the subject of the sentence before, in this paragraph.
    const opening = ctx.doc.tokens[lowerBound(ctx.doc.tokens, firstSeg.paragraph, firstSeg.openAt)];
    const prior = opening ? ctx.doc.sentences[opening.sentence - 1] : undefined;
    if (prior) {
      // “…,” said X. “…”: the sentence before ends a quotation of this paragraph; its speaker goes on.
      if (
        prior.paragraph === firstSeg.paragraph &&
        previous?.paragraph === firstSeg.paragraph &&
        previous.closeEnd > prior.start &&
        (previous.speaker.person || previous.speaker.other)
      )
        return previous.speaker;
      const words = ctx.doc.tokens.slice(prior.tokenStart, prior.tokenEnd).filter((t) => !t.inQuote);
      const found = candidates(ctx, words);
      // In its own paragraph: the sentence before's subject. Opening a paragraph: only a sentence that
      // says someone is speaking ("Carter said that …") hands its speaker on.
      const speaker =
        prior.paragraph === firstSeg.paragraph
          ? pickSubject(ctx, found, words)
          : (lastSayer(ctx, found) ?? lastSpeakerAsSubject(ctx, found, words, lastSpeaker));
      if (speaker) return toSpeaker(ctx, speaker, lastSpeaker);
    }
    return null;
  }
  // “…,” Susan said: a quote ending in a comma and followed at once by its speaker, even mid-sentence.
  const lastText = ctx.doc.paragraphs[lastSeg.paragraph] ?? '';
  if (lastText[lastSeg.end - 1] === ',') {
    const after = clauseAfter(ctx, lastSeg.paragraph, lastSeg.closeEnd);
    // The name must be the one saying it ("Susan said", "said Susan"), not the subject of a new clause.
    const first = candidates(ctx, after.slice(0, 4)).find(
      (c) =>
        !afterPreposition(ctx, c) &&
        (SPEECH_VERBS.has(ctx.doc.tokens[c.last]?.lower ?? '') ||
          SPEECH_VERBS.has(ctx.doc.tokens[c.first - 1]?.lower ?? '')),
    );
    if (first && after.length <= 8) return toSpeaker(ctx, first, lastSpeaker);
  }
  if (closing) return toSpeaker(ctx, closing, lastSpeaker);
  const found = candidates(ctx, before);
  // "Mrs. Clinton’s campaign said in a statement that “…”": a person's staff speaks for them.
  const staff = possessiveSayer(ctx, before);
  if (found.length === 0 && sameSentence) return sameSentence;
  if (found.length === 0) {
    if (staff) return { person: staff.person, other: null };
    // "the pull of Obama’s “if you like your plan, you can keep it” promise": with nobody speaking in
    // the clause, the words belong to the one named right before them (not so after "Issa said").
    const namer = ownerRightBefore(ctx, before);
    if (namer) return { person: namer, other: null };
    // "Ivana Trump’s brief said …", "Scott’s family has called …": the one the subject belongs to.
    const owner = possessiveSubject(ctx, before);
    if (owner) return { person: owner, other: null };
    return fromAfter();
  }
  // X said: “…” / X told reporters, “…”: the name right before the verb that introduces the quote
  // (an institution after a preposition, "in a post on X:", is where it was said, not who said it).
  const speakers = found.filter((c) => !afterPreposition(ctx, c));
  // "Clinton posted a Twitter comment, saying": a person before a place or body named later in the clause.
  const lastPerson = speakers.filter((c) => c.kind !== 'other').pop();
  const last =
    speakers[speakers.length - 1]?.kind === 'other' && lastPerson
      ? lastPerson
      : speakers[speakers.length - 1];
  const lastToken = before[before.length - 1] as Token;
  const introduces = /[,:]$/.test(lastToken.post) || lastToken.lower === 'that';
  // The name must be followed by its verb ("X said:", "X told reporters:"), not by a phrase about it.
  const verbFollows =
    last !== undefined && (last.last > lastToken.index || isVerbLike(ctx.doc.tokens[last.last] as Token));
  if (last && introduces && verbFollows) {
    const between = ctx.doc.tokens.slice(last.last, lastToken.index + 1);
    if (between.length <= 5 && !between.some((t) => CLAUSE_BREAKERS.has(t.lower)))
      return toSpeaker(ctx, last, lastSpeaker);
  }
  // "… hours after Sanders said he was “encouraged”": the one the sentence says is saying it.
  const sayer = lastSayer(ctx, found);
  if (staff && (!sayer || staff.at > sayer.first)) return { person: staff.person, other: null };
  if (sayer) return toSpeaker(ctx, sayer, lastSpeaker);
  if (sameSentence) return sameSentence;
  // A quotation inside a sentence (“called it ‘game-changing’”): the sentence's subject.
  // "According to the AP, Kelly was “incognito”": the source the sentence cites, not its subject.
  const cited = found.find((c) => c.kind !== 'pronoun' && citedSource(ctx, c));
  if (cited) return toSpeaker(ctx, cited, lastSpeaker);
  const subject = pickSubject(ctx, found, before);
  // "Congressman Trey Gowdy’s office … calling it “meritless”": the owner beats a place, body or pronoun.
  const owner = subject?.kind !== 'person' ? possessiveSubject(ctx, before) : null;
  if (owner) return { person: owner, other: null };
  return subject ? toSpeaker(ctx, subject, lastSpeaker) : fromAfter();
}

/** "Viguerie is upbeat about Cruz. // “Not only can …”": a sentence whose subject is the last speaker. */
function lastSpeakerAsSubject(
  ctx: Context,
  found: Candidate[],
  words: readonly Token[],
  lastSpeaker: Speaker,
): Candidate | undefined {
  const subject = pickSubject(ctx, found, words);
  if (!subject || !lastSpeaker.person) return undefined;
  const person = subject.kind === 'pronoun' ? toSpeaker(ctx, subject, lastSpeaker).person : subject.person;
  return person === lastSpeaker.person ? subject : undefined;
}

/**
 * "…, said X" / "…, X said" after a quotation, set off by a comma (or right after the closing mark):
 * the sentence's attribution, which names the speaker of every quotation before it.
 */
function closingSayer(ctx: Context, after: readonly Token[], closeEnd: number): Candidate | undefined {
  const opens = (t: Token | undefined): boolean =>
    t === undefined || t.post.includes(',') || (t.paragraph === after[0]?.paragraph && t.end <= closeEnd);
  for (const c of candidates(ctx, after)) {
    if (c.kind === 'pronoun') continue;
    // "…,” said Representative Charles B. Rangel": the verb comes before the title the name carries.
    const start = c.kind === 'person' ? titleStart(ctx, c) : c.first;
    const prev = ctx.doc.tokens[start - 1];
    const next = ctx.doc.tokens[c.last];
    // "…, told AFP" names the one spoken to; only "“…?” asked X" right after the quotation is inverted.
    const before = ctx.doc.tokens[start - 2];
    const inverted = ADDRESSING_VERBS.has(prev?.lower ?? '')
      ? before !== undefined && before.end <= closeEnd
      : true;
    if (prev && SPEECH_VERBS.has(prev.lower) && prev.post === '' && opens(before) && inverted) return c;
    // "…?” former Obama adviser David Axelrod asked": a title may stand between the quote and the name.
    let head = c.first;
    while (head > c.first - 4 && titleWord(ctx.doc.tokens[head - 1], closeEnd)) head--;
    const lead = ctx.doc.tokens[head - 1];
    if (
      next &&
      SPEECH_VERBS.has(next.lower) &&
      (ctx.doc.tokens[c.last - 1] as Token).post === '' &&
      (opens(prev) || opens(lead))
    )
      return c;
    // "…,” Simon Rosenberg, a Clinton supporter, told …: an appositive between the name and its verb.
    if ((ctx.doc.tokens[c.last - 1] as Token).post === ',' && opens(prev) && appositiveThenVerb(ctx, c.last))
      return c;
  }
  return undefined;
}

/**
 * "“…,” Obama's former campaign strategist said": right after the quotation, a person's possessive and
 * a description ending in a person noun, then a verb of saying. The description speaks (the person it
 * belongs to does not), in the article's words.
 */
function ownedSayer(ctx: Context, after: readonly Token[]): Candidate | undefined {
  const first = after[0];
  const at = first ? ctx.people.mentionAt.get(first.index) : undefined;
  if (!first || !at?.mention.possessive || at.mention.first !== first.index) return undefined;
  const start = at.mention.last;
  for (let i = start; i < start + 4; i++) {
    const t = ctx.doc.tokens[i];
    const next = ctx.doc.tokens[i + 1];
    if (!t || !next || t.capitalized || t.post !== '' || t.sentence !== first.sentence) return undefined;
    const personNoun =
      ROLE_HEADS.has(t.lower) || PERSON_NOUNS.has(t.lower) || /\p{Ll}(?:ist|ian)$/u.test(t.lower);
    if (personNoun && SPEECH_VERBS.has(next.lower)) {
      const name = (ctx.doc.paragraphs[first.paragraph] ?? '').slice(first.start, t.end);
      return { kind: 'other', first: first.index, last: i + 1, person: null, name, pronoun: null };
    }
  }
  return undefined;
}

/** Where a person's mention starts with the title words of its own name run ("Representative …"). */
function titleStart(ctx: Context, c: Candidate): number {
  for (let i = c.first - 1; i >= Math.max(0, c.first - 4); i--) {
    const at = ctx.people.mentionAt.get(i);
    if (at && at.mention.first === c.first && at.person === c.person) return i;
  }
  return c.first;
}

/** A word of a title before a name, after the quotation: "former Obama adviser", not "and" or "said". */
function titleWord(t: Token | undefined, closeEnd: number): boolean {
  return (
    t !== undefined &&
    t.post === '' &&
    t.end > closeEnd &&
    !SPEECH_VERBS.has(t.lower) &&
    !FUNCTION_WORDS.has(t.lower)
  );
}

function appositiveThenVerb(ctx: Context, from: number): boolean {
  for (let i = from; i < from + 10; i++) {
    const t = ctx.doc.tokens[i];
    const next = ctx.doc.tokens[i + 1];
    if (!t || !next || t.sentence !== next.sentence || /[.;:!?]/.test(t.post)) return false;
    if (t.post === ',') return SPEECH_VERBS.has(next.lower);
  }
  return false;
}

/** A person named in the possessive right before the opening mark ("Obama’s “…” promise"). */
function ownerRightBefore(ctx: Context, clause: readonly Token[]): PersonEntity | null {
  const last = clause[clause.length - 1];
  if (!last?.possessive || last.post !== '') return null;
  for (let i = last.index; i >= Math.max(0, last.index - 4); i--) {
    const at = ctx.people.mentionAt.get(i);
    if (at) return at.mention.last === last.index + 1 && at.mention.possessive ? at.person : null;
  }
  return null;
}

/**
 * "Mrs. Clinton’s campaign said", "Ryan’s office told": a possessive person, a few lowercase words
 * (the staff or body speaking for them), then a verb of saying. The last such in the clause.
 */
function possessiveSayer(
  ctx: Context,
  clause: readonly Token[],
): { person: PersonEntity; at: number } | null {
  let found: { person: PersonEntity; at: number } | null = null;
  for (const t of clause) {
    const at = ctx.people.mentionAt.get(t.index);
    if (!at?.mention.possessive || at.mention.first !== t.index) continue;
    for (let i = at.mention.last; i < at.mention.last + 4; i++) {
      const w = ctx.doc.tokens[i];
      if (!w || w.capitalized || w.inQuote) break;
      // "Trump’s repeated calls": after a possessive, a word in -s is a plural noun, not the verb.
      if (SPEECH_VERBS.has(w.lower) && i > at.mention.last && (!/s$/.test(w.lower) || w.lower === 'says')) {
        found = { person: at.person, at: t.index };
        break;
      }
      if (w.post !== '' || FUNCTION_WORDS.has(w.lower)) break;
    }
  }
  return found;
}

/** A person named in the possessive at the head of the clause ("However, Ivana Trump’s lawyers said"). */
function possessiveSubject(ctx: Context, clause: readonly Token[]): PersonEntity | null {
  const start = clause[0]?.index ?? 0;
  for (const t of clause.slice(0, 6)) {
    const at = ctx.people.mentionAt.get(t.index);
    if (at) return at.mention.possessive && at.mention.first - start <= 2 ? at.person : null;
  }
  return null;
}

/** The one spoken to: "X told the Associated Press:", "asked Trump". */
function isAddressee(ctx: Context, c: Candidate): boolean {
  for (let i = c.first - 1; i >= Math.max(0, c.first - 3); i--) {
    const t = ctx.doc.tokens[i] as Token;
    if (ADDRESSING_VERBS.has(t.lower)) return true;
    if (t.post !== '' || !(t.capitalized || t.lower === 'the' || t.lower === 'a')) return false;
  }
  return false;
}

/** Inside a prepositional phrase ("in a video by the Cruz campaign"), except "according to X". */
function isVerbLike(t: Token): boolean {
  return (
    (!t.capitalized && !FUNCTION_WORDS.has(t.lower) && !PREPOSITIONS.has(t.lower)) ||
    /^(?:said|says|told|added|asked|wrote)$/.test(t.lower)
  );
}

function afterPreposition(ctx: Context, c: Candidate): boolean {
  if (c.kind === 'pronoun') return false;
  if (isAddressee(ctx, c)) return true;
  for (let i = c.first - 1; i >= Math.max(0, c.first - 4); i--) {
    const t = ctx.doc.tokens[i] as Token;
    if (PREPOSITIONS.has(t.lower)) return !(t.lower === 'to' && ctx.doc.tokens[i - 1]?.lower === 'according');
    if (t.post !== '' || !(t.capitalized || t.lower === 'a' || t.lower === 'an' || t.lower === 'the'))
      return false;
  }
  return false;
}

/** The subject: the first person, pronoun or institution that is not inside a prepositional phrase. */
function pickSubject(ctx: Context, found: Candidate[], clause: readonly Token[]): Candidate | undefined {
  // "In a clip for Blige’s new show, Blige sings …": a phrase fronted before a comma is not the subject.
  const opener = clause[0];
  let frontedEnd = -1;
  if (opener && (FRONTING.has(opener.lower) || /^\p{Lu}\p{Ll}+ing$/u.test(opener.word))) {
    const comma = clause.find((t) => t.post.includes(','));
    if (comma) frontedEnd = comma.index;
  }
  return (
    found.find((c) => c.first > frontedEnd && !afterPreposition(ctx, c)) ??
    found.find((c) => !afterPreposition(ctx, c)) ??
    found.find((c) => c.kind !== 'other') ??
    found[0]
  );
}

/** Words that open a phrase set before the subject ("In response to …,", "After the debate,"). */
const FRONTING = new Set([
  ...PREPOSITIONS,
  'after',
  'before',
  'during',
  'when',
  'while',
  'as',
  'since',
  'despite',
  'following',
  'amid',
  'although',
  'though',
  'if',
  'because',
  'unlike',
  'like',
  'under',
  'over',
  'without',
  'within',
  'among',
  'throughout',
  'until',
  'according',
]);
