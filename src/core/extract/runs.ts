/**
 * Proper-noun runs: maximal sequences of capitalised words in a sentence ("European Commission
 * President Ursula von der Leyen"), split into a title part and a name part. Sentence-initial common
 * words, weekdays and months are trimmed away.
 */
import type { Doc, Token } from './document.js';
import {
  COMMON_WORDS,
  FUNCTION_WORDS,
  GIVEN_NAMES,
  HONORIFICS,
  NAME_PARTICLES,
  ORGANIZATIONS,
  PLACES,
  ROLE_WORDS,
  WEEKDAYS_AND_MONTHS,
} from './lexicon/index.js';

export interface NameRun {
  /** Index of the run's first and one-past-last token in `doc.tokens`. */
  first: number;
  last: number;
  /** Capitalised title words inside the run before the name ("European Commission President"). */
  title: Token[];
  /** The name words ("Ursula von der Leyen"). */
  name: Token[];
  /** The whole run's text (title and name). */
  text: string;
  /** The name's text. */
  nameText: string;
  honorific: string | null;
  possessive: boolean;
  inQuote: boolean;
  sentence: number;
  paragraph: number;
}

const RUN_BREAKING_POST = /[,;:!?()[\]{}"“”‘’—–…]|\.$/;

function isNameWord(token: Token): boolean {
  if (!token.capitalized) return false;
  // "NATO-like", "Saudi-led": a hyphenated word with a lowercase part is an adjective, not a name.
  if (token.word.includes('-'))
    return token.word.split('-').every((part) => /^\p{Lu}/u.test(part) || NAME_PARTICLES.has(part));
  return /^[\p{Lu}][\p{L}\p{M}'’.-]*$/u.test(token.word) || /^\p{Lu}\.$/u.test(token.word);
}

function breaksAfter(token: Token): boolean {
  if (token.possessive) return true;
  if (token.post === '') return false;
  // "Mr." and initials keep the run going.
  if (token.post === '.' && (HONORIFICS.has(token.lower) || /^\p{Lu}(?:\.\p{Lu})*$/u.test(token.word)))
    return false;
  return RUN_BREAKING_POST.test(token.post);
}

/** Words seen capitalised somewhere other than the start of a sentence: evidence they are names. */
export function capitalisedMidSentence(doc: Doc): Set<string> {
  const seen = new Set<string>();
  for (const t of doc.tokens) if (t.capitalized && !t.sentenceInitial && !t.pre) seen.add(t.word);
  return seen;
}

/** Words seen in lowercase somewhere: evidence a capitalised occurrence is an ordinary word. */
export function lowercaseWords(doc: Doc): Set<string> {
  const seen = new Set<string>();
  for (const t of doc.tokens) if (!t.capitalized) seen.add(t.lower);
  return seen;
}

interface Evidence {
  midSentence: Set<string>;
  lowercase: Set<string>;
}

function isOrdinaryWordAtStart(token: Token, evidence: Evidence): boolean {
  if (FUNCTION_WORDS.has(token.lower)) return true;
  if (GIVEN_NAMES.has(token.word) || PLACES.has(token.word) || ORGANIZATIONS.has(token.word)) return false;
  if (evidence.midSentence.has(token.word)) return false;
  if (evidence.lowercase.has(token.lower) || COMMON_WORDS.has(token.lower)) return true;
  // Participles and adverbs opening a sentence ("Speaking to reporters", "Reportedly").
  return /(?:ing|ed|ly)$/.test(token.lower);
}

/**
 * A participle opening a sentence before a name is the verb of the clause ("Bashing Trump may be job
 * one", "Impeaching Trump is ..."), not a first name: given names in -ing are rare (Irving, Sterling)
 * and the lexicon or a capitalised use mid-sentence vouches for them.
 */
function isParticiple(token: Token, evidence: Evidence): boolean {
  return (
    /^\p{Lu}\p{Ll}{3,}ing$/u.test(token.word) &&
    !GIVEN_NAMES.has(token.word) &&
    !evidence.midSentence.has(token.word)
  );
}

/**
 * A verb in a Title Case headline ("Endorses", "Slams", "Wins"): a third-person -s form of a common
 * word, or one the article also writes in lower case; never a given name.
 */
function isHeadlineVerb(token: Token, evidence: Evidence): boolean {
  const w = token.lower;
  if (!/^\p{Lu}\p{Ll}+s$/u.test(token.word) || GIVEN_NAMES.has(token.word)) return false;
  if (evidence.lowercase.has(w)) return true;
  const base = w.endsWith('es') && COMMON_WORDS.has(w.slice(0, -2)) ? w.slice(0, -2) : w.slice(0, -1);
  return COMMON_WORDS.has(base) || COMMON_WORDS.has(w);
}

/** An initial ("J", "H.W"; the token's word has no final full stop). */
export function isInitial(t: Token): boolean {
  return /^\p{Lu}(?:\.\p{Lu})*\.?$/u.test(t.word);
}

/** A generational suffix ("Jr", "III"): part of the name, never its surname or first name. */
export function isSuffix(t: Token): boolean {
  return GENERATIONAL.test(t.word);
}

function splitTitle(tokens: Token[]): { title: Token[]; name: Token[] } {
  let lastTitle = -1;
  for (let i = 0; i < tokens.length - 1; i++) {
    const t = tokens[i] as Token;
    if (ROLE_WORDS.has(t.lower) || HONORIFICS.has(t.lower.replace(/\.$/, ''))) lastTitle = i;
  }
  let title = tokens.slice(0, lastTitle + 1);
  let name = tokens.slice(lastTitle + 1);
  // A long remainder still carries title words the lists do not know ("Secretary General Mark Rutte"):
  // a name starts at a known given name, else keeps its last two words and any surname particles.
  const core = name.filter((t) => !NAME_PARTICLES.has(t.word) && !isInitial(t) && !isSuffix(t));
  if (core.length > 2) {
    const given = name.findIndex((t) => GIVEN_NAMES.has(t.word));
    let startAt = given >= 0 ? given : -1;
    if (startAt < 0) {
      let seen = 0;
      for (let i = name.length - 1; i >= 0; i--) {
        const t = name[i] as Token;
        if (!NAME_PARTICLES.has(t.word) && !isInitial(t) && !isSuffix(t)) seen++;
        if (seen === 2) {
          startAt = i;
          break;
        }
      }
    }
    if (startAt > 0) {
      title = [...title, ...name.slice(0, startAt)];
      name = name.slice(startAt);
    }
  }
  return { title, name };
}

/**
 * Sentences written in Title Case (headlines, sub-headings): there a capital letter does not mark a
 * name, so a verb or participle right after a name is read as the headline's verb ("Obama Sees ...").
 * A sentence counts when nearly all of its words longer than three letters are capitalised.
 */
function titleCaseSentences(doc: Doc): Set<number> {
  const result = new Set<number>();
  for (const s of doc.sentences) {
    let long = 0;
    let capitalised = 0;
    for (let i = s.tokenStart; i < s.tokenEnd; i++) {
      const t = doc.tokens[i] as Token;
      if (t.word.length <= 3 || !/\p{L}/u.test(t.word)) continue;
      long++;
      if (t.capitalized) capitalised++;
    }
    if (long >= 3 && capitalised >= long * 0.8) result.add(s.index);
  }
  return result;
}

/** "Jr.", "Sr.", "II": a generational suffix that belongs to the name before it, even after a comma. */
const GENERATIONAL = /^(?:Jr|Sr|II|III|IV)$/;

export function findNameRuns(doc: Doc): NameRun[] {
  const evidence: Evidence = { midSentence: capitalisedMidSentence(doc), lowercase: lowercaseWords(doc) };
  const headlines = titleCaseSentences(doc);
  const runs: NameRun[] = [];
  const { tokens } = doc;
  let i = 0;
  while (i < tokens.length) {
    const first = tokens[i] as Token;
    if (!isNameWord(first)) {
      i++;
      continue;
    }
    let j = i;
    const run: Token[] = [first];
    while (!breaksAfter(tokens[j] as Token)) {
      const next = tokens[j + 1];
      if (!next || next.sentence !== first.sentence || next.pre !== '') break;
      if (isNameWord(next)) {
        run.push(next);
        j++;
        continue;
      }
      // Surname particles ("von der Leyen") and numbers after a single word ("No 10", "Article 5").
      if (NAME_PARTICLES.has(next.word)) {
        let k = j + 1;
        while (tokens[k] && NAME_PARTICLES.has((tokens[k] as Token).word) && (tokens[k] as Token).post === '')
          k++;
        const after = tokens[k];
        if (after && after.sentence === first.sentence && isNameWord(after) && after.pre === '') {
          for (let m = j + 1; m <= k; m++) run.push(tokens[m] as Token);
          j = k;
          continue;
        }
      }
      if (run.length === 1 && /^\d+$/.test(next.word)) {
        run.push(next);
        j++;
      }
      break;
    }
    // "Joseph R. Biden, Jr.": a generational suffix after a comma still ends the name.
    const suffix = tokens[j + 1];
    if (
      run.length > 1 &&
      (tokens[j] as Token).post === ',' &&
      suffix &&
      suffix.sentence === first.sentence &&
      GENERATIONAL.test(suffix.word)
    ) {
      run.push(suffix);
      j++;
    }
    i = j + 1;
    // Trim words that only look like names because they open a sentence or a quotation.
    while (run.length > 0) {
      const head = run[0] as Token;
      const atStart = head.sentenceInitial || /[“‘(]/.test(head.pre) || head.pre === '';
      const numberFollows = /^\d+$/.test(run[1]?.word ?? '');
      if (
        WEEKDAYS_AND_MONTHS.has(head.lower) ||
        (FUNCTION_WORDS.has(head.lower) && atStart && !numberFollows)
      ) {
        run.shift();
        continue;
      }
      if (
        (head.sentenceInitial || /[“‘]/.test(head.pre)) &&
        run.length === 1 &&
        isOrdinaryWordAtStart(head, evidence)
      ) {
        run.shift();
        continue;
      }
      if (
        (head.sentenceInitial || /[“‘]/.test(head.pre)) &&
        run.length > 1 &&
        (FUNCTION_WORDS.has(head.lower) || isParticiple(head, evidence))
      ) {
        run.shift();
        continue;
      }
      break;
    }
    while (run.length > 0 && WEEKDAYS_AND_MONTHS.has((run[run.length - 1] as Token).lower)) run.pop();
    // A Title Case headline runs a name into the words after it ("Donald Trump Is Right", "Marine Le Pen
    // Backs Trump"): a name ends before a capitalised function word or a headline verb after its first
    // two words, and what follows is read again.
    // Only in a Title Case sentence: elsewhere "Cummings" or "Banks" after a first name is a surname.
    const headline = headlines.has(first.sentence);
    const stop = run.findIndex(
      (t, k) =>
        (k > 0 && FUNCTION_WORDS.has(t.lower) && !NAME_PARTICLES.has(t.word)) ||
        (headline && k > 0 && (isHeadlineVerb(t, evidence) || isParticiple(t, evidence))) ||
        // A headline quoted in running text ("saw Dana Whitcombe Backs Paul Ferrant"): a verb inside
        // a long run, with more name words after it; a last word is a surname ("Elijah E. Cummings").
        (k > 1 && k < run.length - 1 && isHeadlineVerb(t, evidence)),
    );
    if (stop > 0) {
      i = (run[stop] as Token).index + 1;
      run.splice(stop);
    }
    if (run.length === 0) continue;
    const { title, name } = splitTitle(run);
    const head = run[0] as Token;
    const honorificToken = title.find((t) => HONORIFICS.has(t.lower.replace(/\.$/, '')));
    const lastToken = run[run.length - 1] as Token;
    runs.push({
      first: head.index,
      last: lastToken.index + 1,
      title,
      name,
      text: joinTokens(run),
      nameText: name.length > 1 ? joinName(name) : joinTokens(name),
      honorific: honorificToken ? honorificToken.word.replace(/\.$/, '') : null,
      possessive: lastToken.possessive,
      inQuote: head.inQuote,
      sentence: head.sentence,
      paragraph: head.paragraph,
    });
  }
  return runs;
}

/**
 * A name as written, keeping the full stop of initials and generational suffixes ("George H.W. Bush",
 * "Joseph R. Biden Jr."): without it an initial reads as a cut-off word.
 */
export function joinName(tokens: readonly Token[]): string {
  return tokens
    .map((t) =>
      t.post.startsWith('.') && (/^\p{Lu}(?:\.\p{Lu})*$/u.test(t.word) || /^(?:Jr|Sr)$/.test(t.word))
        ? `${t.word}.`
        : t.word,
    )
    .join(' ');
}

export function joinTokens(tokens: readonly Token[]): string {
  return tokens.map((t) => t.word).join(' ');
}
