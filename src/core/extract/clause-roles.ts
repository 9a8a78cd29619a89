/**
 * A description for a person no noun phrase names: the verb phrase of the first clause the article makes
 * them the subject of ("Camilo Villegas recorded two aces during the Par-3 contest" -> "recorded two aces
 * during the Par-3 contest"). The annotators' "who is this?" is often answered this way in sports and
 * feature stories, where a player or an actor is introduced by what they did, not by a title.
 *
 * The phrase is read only where it is a whole clause: it ends at the clause's own boundary (punctuation,
 * a conjunction that opens another clause), never at a length limit; it holds no quotation; its verb is
 * not one of saying or thinking ("said", "believes": what someone says is not who they are), nor a guess
 * or a denial ("would", "could", "not").
 */
import type { Doc, Token } from './document.js';
import {
  DICTIONARY_WORDS,
  FUNCTION_WORDS,
  SAYING_VERBS,
  SHORT_HONORIFICS,
  VERB_FORMS,
  WEEKDAYS_AND_MONTHS,
} from './lexicon/index.js';
import type { PeopleResult, PersonEntity } from './people.js';
import type { NameRun } from './runs.js';

/** Present and past forms of saying and thinking the shared list lacks ("insists", "claims"). */
// biome-ignore format: a word list reads best packed
const REPORTING = new Set([
  'insists', 'claims', 'warns', 'admits', 'argues', 'explains', 'notes', 'suggests', 'reveals',
  'predicts', 'denies', 'replies', 'responds', 'recalls', 'reckons', 'urges', 'fears', 'feared',
  'expects', 'expected', 'describes', 'continued', 'continues', 'posted', 'tweets', 'added', 'insisted',
  'reiterated', 'reiterates', 'stressed', 'stresses', 'emphasised', 'emphasized', 'announces',
  'confirms', 'accepts', 'accepted', 'understands', 'understood', 'realised', 'realized', 'seemed',
  'seems', 'appeared', 'appears', 'likes', 'liked', 'loves', 'loved', 'hates', 'hated', 'wished',
  'wishes', 'told', 'asked', 'talked', 'talks', 'spoke', 'replied', 'quipped', 'joked', 'wondered',
]);

/** Guesses and denials: "X could face", "X did not play" say nothing sure about who X is. */
const UNSURE =
  /^(?:would|could|can|may|might|should|must|shall|cannot|not|never|n't|hardly|barely|scarcely)$/;

/** Auxiliaries before the verb, kept in the phrase ("has withdrawn", "was voted"). */
const AUXILIARIES = /^(?:is|was|are|were|has|have|had|will|be|been|being|did|does|do)$/;

/** Adverbs at the head of the verb phrase that add nothing about the person ("also", "then"). */
const LEAD_ADVERBS =
  /^(?:also|then|later|now|recently|previously|once|already|still|first|finally|eventually|even|just|again|soon|reportedly|allegedly|initially|originally|ultimately)$/;

/** Words that open a new clause: the verb phrase ends before them. */
const CLAUSE_OPENERS =
  /^(?:but|or|because|while|whilst|whereas|although|though|when|whenever|where|if|unless|until|which|who|whom|whose|despite)$/;

/** Words that open a clause only when a subject and verb follow ("as he left"; not "as her running mate"). */
const CLAUSE_OR_PHRASE = /^(?:after|before|since|as|and|so)$/;

const SUBJECT_PRONOUNS = /^(?:he|she|they|it|we|i|you|then)$/;

/** Whether a clause (a subject pronoun, or a few words and a verb) starts at token `k`. */
function opensClause(tokens: readonly Token[], k: number): boolean {
  const first = tokens[k];
  if (!first) return false;
  if (SUBJECT_PRONOUNS.test(first.lower) || VERB_FORMS.has(first.lower)) return true;
  // "before the studio closed": a few words, then a verb in the past.
  for (let i = k + 1; i < k + 4; i++) {
    const t = tokens[i];
    if (!t || t.sentence !== first.sentence) return false;
    if (!t.capitalized && isPast(t.lower)) return true;
    if (/[,;:.!?]/.test(t.post)) return false;
  }
  return false;
}

/** Conjunctions after which a name opens a clause of its own ("..., after Johnston was relieved"). */
const SUBJECT_OPENERS =
  /^(?:but|as|when|while|after|before|because|since|although|though|where|until|once|so|then)$/;

/**
 * A finite verb after a subject: a verb form the lexicon knows, or a dictionary word in -ed or -s that
 * the lexicon leaves out because it is also a noun or adjective ("recorded", "starred", "joins").
 */
function isVerb(word: string): boolean {
  return (
    VERB_FORMS.has(word) ||
    IRREGULAR_PAST.has(word) ||
    (/(?:ed|[^s]s)$/.test(word) && DICTIONARY_WORDS.has(word))
  );
}

/** A verb in the past: "closed", "lost"; not a plural noun in -s. */
function isPast(word: string): boolean {
  return (
    IRREGULAR_PAST.has(word) ||
    // Not a bare form that is also a noun ("the final debate").
    (VERB_FORMS.has(word) && !/ing$/.test(word) && !DICTIONARY_WORDS.has(`${word}s`)) ||
    (/ed$/.test(word) && DICTIONARY_WORDS.has(word))
  );
}

/** Irregular past forms the verb list leaves out because they are also adjectives or nouns ("lost"). */
// biome-ignore format: a word list reads best packed
const IRREGULAR_PAST = new Set([
  'lost', 'left', 'beat', 'met', 'spent', 'sent', 'built', 'bought', 'brought', 'caught', 'taught',
  'found', 'kept', 'paid', 'sold', 'stood', 'struck', 'won', 'led', 'drew', 'flew', 'fled', 'broke',
  'chose', 'rose', 'sang',
]);

/**
 * People named more often than this are what the story is about: the first thing they do is its news
 * (which the summary gives), not who they are. Minor people are introduced by what they did.
 */
const MAX_MENTIONS = 3;

/** Longest verb phrase read: a longer one is a story, not a description. */
const MAX_WORDS = 12;

/** "Raddatz of ABC News are scheduled": the token after an organisation written after a name. */
function pastOrganisation(tokens: readonly Token[], k: number): number {
  const of = tokens[k];
  if (of?.lower !== 'of' || of.post || tokens[k - 1]?.post) return k;
  let end = k + 1;
  if (tokens[end]?.lower === 'the') end++;
  const start = end;
  while (end < k + 6 && tokens[end]?.capitalized && tokens[end]?.sentence === of.sentence) {
    end++;
    if ((tokens[end - 1] as Token).post) break;
  }
  return end > start && !(tokens[end - 1] as Token).post ? end : k;
}

/** ", and Smith left": "and" after a comma joins clauses; "Hanks and Thompson" joins names. */
function commaBefore(tokens: readonly Token[], t: Token): boolean {
  return tokens[t.index - 1]?.post.startsWith(',') === true;
}

/**
 * Where the name run is the subject of its clause: the first token of the verb phrase after it, and the
 * people coordinated with it ("Brenn and Koski starred").
 */
function subjectAt(
  doc: Doc,
  run: NameRun,
  result: PeopleResult,
): { at: number; plural: boolean; subjects: PersonEntity[] } | null {
  const { tokens } = doc;
  const start = (run.title[0] ?? (run.name[0] as Token)).index;
  const opening = tokens[start] as Token;
  const before = tokens[start - 1];
  const opens =
    opening.sentenceInitial ||
    (before !== undefined &&
      before.sentence === run.sentence &&
      !before.capitalized &&
      !/[,;:]/.test(before.post) &&
      (SUBJECT_OPENERS.test(before.lower) || (before.lower === 'and' && commaBefore(tokens, before))));
  if (!opens || run.possessive) return null;
  let k = run.last;
  // "Steve Rees and Ann Holt starred in ...": a coordinated subject.
  const subjects: PersonEntity[] = [];
  k = pastOrganisation(tokens, k);
  while (tokens[k]?.lower === 'and' && tokens[k - 1]?.post === '') {
    const next = result.mentionAt.get(k + 1);
    if (!next || next.mention.possessive) break;
    k = pastOrganisation(tokens, next.mention.last);
    subjects.push(next.person);
  }
  const plural = subjects.length > 0;
  // Caption asides and an age: "X (right) scored", "X, 22, detailed", "X (left), 34, opened".
  for (;;) {
    const t = tokens[k];
    const prev = tokens[k - 1] as Token;
    if (!t || t.sentence !== run.sentence) return null;
    if (t.pre.startsWith('(') && /^\p{Ll}+$/u.test(t.word) && t.post.startsWith(')')) k++;
    else if (/^\)?,/.test(prev.post) && /^\d{1,3}$/.test(t.word) && t.post === ',') {
      // The age's own comma closes the aside.
      return { at: k + 1, plural, subjects };
    } else break;
  }
  return /[,;:.!?—–]/.test((tokens[k - 1] as Token).post) ? null : { at: k, plural, subjects };
}

/** The verb phrase from token `k`: auxiliaries, a verb and its words up to the clause's end; or null. */
export function verbPhrase(doc: Doc, k: number, sentence: number, plural?: boolean): string | null {
  const { tokens } = doc;
  while (LEAD_ADVERBS.test(tokens[k]?.lower ?? '')) k++;
  const from = k;
  let verb = -1;
  // "Lidl have become popular": one person takes a verb in the singular.
  if (plural !== undefined && !plural && /^(?:are|were|have|do)$/.test(tokens[k]?.lower ?? '')) return null;
  for (; k < tokens.length && k < from + 4; k++) {
    const t = tokens[k] as Token;
    if (t.sentence !== sentence || t.capitalized || t.inQuote || UNSURE.test(t.lower)) return null;
    if (AUXILIARIES.test(t.lower) || LEAD_ADVERBS.test(t.lower) || /ly$/.test(t.lower)) {
      if (/[,;:.!?]/.test(t.post)) return null;
      continue;
    }
    // After "will", "has", "did" the next word is a verb, whatever else it can be ("will moderate").
    const afterAuxiliary =
      k > from && /^(?:will|has|have|had|did|does|do)$/.test((tokens[k - 1] as Token).lower);
    if (SAYING_VERBS.has(t.lower) || REPORTING.has(t.lower)) return null;
    if (!isVerb(t.lower) && !(afterAuxiliary && DICTIONARY_WORDS.has(t.lower))) return null;
    verb = k;
    break;
  }
  if (verb < 0) return null;
  const words: Token[] = tokens.slice(from, verb + 1);
  if (/[,;:.!?)—–]/.test((tokens[verb] as Token).post)) return null;
  for (k = verb + 1; ; k++) {
    const t = tokens[k];
    if (!t || t.sentence !== sentence || t.inQuote || /[“"‘(]/.test(t.pre)) return null;
    if (!t.capitalized && CLAUSE_OPENERS.test(t.lower)) break;
    // "and" before a verb or a pronoun opens a second clause; before a noun it joins two objects.
    if (!t.capitalized && CLAUSE_OR_PHRASE.test(t.lower) && opensClause(tokens, k + 1)) break;
    // "the final debate Oct. 19 in Las Vegas": a date ends the description.
    if (t.capitalized && WEEKDAYS_AND_MONTHS.has(t.lower) && k > verb + 1) break;
    words.push(t);
    if (words.length > MAX_WORDS) return null;
    if (/[,;:.!?)—–]/.test(t.post)) break;
  }
  while (words.length > 1 && FUNCTION_WORDS.has((words[words.length - 1] as Token).lower)) words.pop();
  const content = words.slice(verb - from + 1).filter((t) => !FUNCTION_WORDS.has(t.lower));
  if (content.length === 0) return null;
  const first = words[0] as Token;
  const last = words[words.length - 1] as Token;
  // "has embraced Mr.": the sentence splitter cut the clause at an abbreviation.
  if (last.post.startsWith('.') && SHORT_HONORIFICS.has(last.lower)) return null;
  return (doc.paragraphs[first.paragraph] as string).slice(first.start, last.end);
}

/**
 * For each person with no role, the verb phrase of the first clause outside quotations whose subject
 * they are, if it is a description by the rules above.
 */
export function clauseDescriptions(
  doc: Doc,
  runs: readonly NameRun[],
  result: PeopleResult,
  unnamed: ReadonlySet<PersonEntity>,
): Map<PersonEntity, string> {
  const out = new Map<PersonEntity, string>();
  const tried = new Set<PersonEntity>();
  for (const run of runs) {
    if (run.inQuote) continue;
    const person = result.mentionAt.get((run.name[0] as Token).index)?.person;
    if (!person || !unnamed.has(person) || tried.has(person)) continue;
    if (person.mentions.length > MAX_MENTIONS) continue;
    const subject = subjectAt(doc, run, result);
    if (!subject) continue;
    const phrase = verbPhrase(doc, subject.at, run.sentence, subject.plural);
    if (!phrase) continue;
    for (const p of [person, ...subject.subjects])
      if (unnamed.has(p) && !tried.has(p) && p.mentions.length <= MAX_MENTIONS) {
        out.set(p, phrase);
        tried.add(p);
      }
  }
  return out;
}

/** The first token of the list of names a name run belongs to ("A, B and C"), read back from the run. */
function listStart(doc: Doc, run: NameRun): number {
  const { tokens } = doc;
  let start = run.first;
  for (;;) {
    const t = tokens[start - 1];
    const right = tokens[start] as Token;
    if (!t || t.sentence !== run.sentence || t.inQuote) return start;
    const item = t.capitalized || (t.lower === 'and' && !t.post) || /^\p{Lu}$/u.test(t.word);
    if (!item || (t.post !== '' && !/^[,.]$/.test(t.post)) || right.pre !== '') return start;
    start--;
  }
}

/**
 * What a name after "starring" or after "<a noun> <participle> by" did: "The Great Escape starring Steve
 * McQueen and Richard Attenborough" -> "starred in The Great Escape"; "a plot hatched by Jock
 * Hamilton-Baillie" -> "hatched a plot".
 */
export function agentRole(doc: Doc, run: NameRun): string | null {
  const { tokens } = doc;
  let start = listStart(doc, run);
  // "hatched by Scottish lieutenant Jock Hamilton-Baillie": past a title before the name.
  for (let steps = 0; steps < 3; steps++) {
    const t = tokens[start - 1];
    if (!t || /^(?:by|starring|featuring)$/.test(t.lower) || t.post || FUNCTION_WORDS.has(t.lower)) break;
    start--;
  }
  const verb = tokens[start - 1];
  if (!verb || verb.sentence !== run.sentence || verb.inQuote || verb.capitalized || verb.post) return null;
  if (/^(?:starring|featuring)$/.test(verb.lower)) {
    const work = titleEndingAt(doc, verb.index - 1);
    return work ? `starred in ${work}` : null;
  }
  if (verb.lower === 'by') {
    const work = workBefore(tokens, verb.index);
    if (work) return work;
  }
  const participle = tokens[start - 2];
  if (verb.lower !== 'by' || !participle || participle.post || !/[^e]ed$/.test(participle.lower)) return null;
  if (participle.capitalized || !DICTIONARY_WORDS.has(participle.lower)) return null;
  // "a plot", "the escape plan": a determiner and up to three nouns right before the participle.
  let k = participle.index - 1;
  while (k > participle.index - 4 && tokens[k] && !/^(?:a|an|the)$/.test((tokens[k] as Token).lower)) {
    const t = tokens[k] as Token;
    if (t.capitalized || t.post || FUNCTION_WORDS.has(t.lower) || isVerb(t.lower)) return null;
    k--;
  }
  const determiner = tokens[k];
  if (!determiner || !/^(?:a|an|the)$/.test(determiner.lower) || k === participle.index - 1) return null;
  const text = doc.paragraphs[determiner.paragraph] as string;
  return `${participle.word} ${text.slice(determiner.start, (tokens[participle.index - 1] as Token).end)}`;
}

/** Who makes a kind of work: "a book ... by X" -> "author of the book". */
const WORK_MAKERS: ReadonlyMap<string, string> = new Map([
  ['book', 'author'],
  ['novel', 'author'],
  ['biography', 'author'],
  ['memoir', 'author'],
  ['study', 'author'],
  ['report', 'author'],
  ['essay', 'author'],
  ['poem', 'author'],
  ['song', 'writer'],
]);

/** "a book on the Warburg escape by historian X": a work named a few words before "by". */
function workBefore(tokens: readonly Token[], by: number): string | null {
  for (let k = by - 1; k > by - 7 && k > 0; k--) {
    const t = tokens[k] as Token;
    if (t.post && k < by - 1) return null;
    const maker = WORK_MAKERS.get(t.lower);
    if (maker && /^(?:a|an|the|his|her|their)$/.test(tokens[k - 1]?.lower ?? ''))
      return `${maker} of the ${t.lower}`;
    // A verb between the work and "by" ends the search; a bare form that is also a noun does not.
    if (isVerb(t.lower) && !maker && !DICTIONARY_WORDS.has(`${t.lower}s`)) return null;
  }
  return null;
}

/** The title of a work ending at token `end`: capitalised words ("The Great Escape"). */
function titleEndingAt(doc: Doc, end: number): string | null {
  const { tokens } = doc;
  const last = tokens[end];
  if (!last || last.post) return null;
  let k = end;
  // Only a title: "the film starring X" says less than the film's name given elsewhere.
  if (!last.capitalized) return null;
  while (k > end - 6 && tokens[k - 1]?.capitalized && !tokens[k - 1]?.post && !tokens[k - 1]?.sentenceInitial)
    k--;
  const first = tokens[k] as Token;
  return (doc.paragraphs[first.paragraph] as string).slice(first.start, last.end);
}
