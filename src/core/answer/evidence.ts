/**
 * Does a sentence hold an answer of the kind a question asks for (a person for "who", a number for
 * "how many", a date for "when", a place for "where") that the question does not already state? A
 * sentence that only repeats the question's words ("The Bolivian president guaranteed ...") answers
 * nothing; the one that names him does.
 */
import { PLACE_PREPOSITIONS, PLACES, WEEKDAYS_AND_MONTHS } from '../extract/lexicon/index.js';
import { nameTokens, tokens } from './names.js';
import type { AnswerKind } from './question.js';

/** Written-out numbers a count or an age is given in ("three men", "a dozen"). */
const NUMBER_WORDS = new Set(
  `one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen
seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds
thousand thousands million millions billion billions trillion dozen dozens half quarter double twice
first second third fourth fifth sixth seventh eighth ninth tenth`.split(/\s+/),
);

/** Words that make a number a length of time, a distance, money or an age. */
const UNIT_OF: Record<string, RegExp> = {
  long: /\b(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centuries|century|nights?|innings|games?|rounds?|pages?|miles?|km|kilomet(?:re|er)s?|met(?:re|er)s?|f(?:ee|oo)t|ft|inch(?:es)?)\b|\b(?:\d+|[a-z]+)-(?:year|month|week|day|hour|minute|page|mile)\b/i,
  far: /\b(?:miles?|km|kilomet(?:re|er)s?|met(?:re|er)s?|f(?:ee|oo)t|ft|inch(?:es)?|yards?)\b|\d+(?:ft|m|km)\b/i,
  much: /[$£€¥]\s?\d|\d\s?(?:%|p\b)|\b(?:per\s?cent|percent|dollars?|pounds?|euros?|cents?|pence|million|billion|trillion|bn|m)\b|\d(?:million|billion|bn|m|k)\b/i,
  old: /\b(?:\d{1,3}|[a-z]+)-years?-old\b|,\s\d{1,3},|\baged?\s\d{1,3}\b|\(\d{1,3}\)|\b\d{1,3}\syears?\sold\b|\bat\s(?:the\s)?age\sof\s\d|\bturn(?:ed|s)?\s\d{1,3}\b|\b\d{1,3}(?:st|nd|rd|th)\sbirthday\b/i,
};

/** How-questions whose answer is a number with a particular kind of unit. */
function numberUnit(question: string): RegExp | null {
  const m = /^\s*how\s+(long|far|much|old)\b/i.exec(question);
  return m ? (UNIT_OF[(m[1] ?? '').toLowerCase()] ?? null) : null;
}

/** Months, weekdays, years, clock times and relative days. */
const DATE =
  /\b(?:1[5-9]\d\d|20\d\d)s?\b|\b\d{1,2}(?::\d\d)?\s?(?:a\.?m\.?|p\.?m\.?)|\b(?:last|next|this|earlier\sthis|later\sthis)\s(?:week|month|year|weekend|spring|summer|autumn|fall|winter)\b|\b(?:\d{1,2}(?:st|nd|rd|th)?\s)?(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?\s\d{1,2}\b/;

const CAPITAL = /^\p{Lu}/u;
/** Lower-case words inside a name ("Bank of England", "Ludwig van Beethoven", "Marks & Spencer"). */
const CONNECTORS = new Set([
  'of',
  'the',
  'de',
  'da',
  'del',
  'von',
  'van',
  'bin',
  'al',
  'la',
  'le',
  'and',
  '&',
]);

/**
 * Capitalised word runs after the sentence's first word: names of people, places and things, each with
 * the word before it. A comma, colon or the like ends a run ("Hameln, Germany" is two); so does a full
 * stop or an apostrophe-s at its end ("in Kenya.", "Kenya's").
 */
function capitalisedRuns(text: string): { run: string; before: string }[] {
  const words = text.split(/\s+/).filter((w) => w.length > 0);
  const out: { run: string; before: string }[] = [];
  let i = 0;
  while (i < words.length) {
    const first = (words[i] as string).replace(/^[^\p{L}\p{N}]+/u, '');
    if (!CAPITAL.test(first)) {
      i++;
      continue;
    }
    const parts: string[] = [];
    let j = i;
    let word = first;
    for (;;) {
      const core = word.replace(/[^\p{L}\p{N}'’.-]+$/u, '');
      parts.push(core);
      const next = words[j + 1];
      if (core.length < word.length || next === undefined) break;
      if (CAPITAL.test(next)) {
        j++;
        word = next;
      } else if (CONNECTORS.has(next.toLowerCase()) && CAPITAL.test(words[j + 2] ?? '')) {
        parts.push(next);
        j += 2;
        word = words[j] as string;
      } else break;
    }
    if (i > 0)
      out.push({
        run: parts.join(' ').replace(/(?:['’]s?|[.'’-])+$/u, ''),
        before: (words[i - 1] as string).toLowerCase().replace(/[^\p{L}]+$/u, ''),
      });
    i = j + 1;
  }
  return out;
}

/** Is every token of `candidate` already among the question's tokens? */
function stated(candidate: string, questionTokens: ReadonlySet<string>): boolean {
  const t = tokens(candidate);
  return t.length > 0 && t.every((x) => questionTokens.has(x));
}

/** A person the question names (by any part of the name: "Gentile's lawyer") is not the answer. */
function personEvidence(text: string, people: readonly string[], q: ReadonlySet<string>): number {
  for (const p of people) if (!nameTokens(p).some((t) => q.has(t))) return 1;
  // A name the recogniser did not take as a person: two capitalised words together.
  for (const { run } of capitalisedRuns(text))
    if (
      run.split(/\s+/).length >= 2 &&
      !tokens(run).some((t) => q.has(t)) &&
      !WEEKDAYS_AND_MONTHS.has(tokens(run)[0] ?? '')
    )
      return 0.5;
  return 0;
}

function numberEvidence(text: string, question: string, q: ReadonlySet<string>): number {
  const numbers = (text.match(/\d[\d,.]*|\b[a-z]+\b/gi) ?? []).filter(
    (w) => (/\d/.test(w) || NUMBER_WORDS.has(w.toLowerCase())) && !q.has(w.toLowerCase()),
  );
  if (numbers.length === 0) return 0;
  const unit = numberUnit(question);
  if (!unit) return 1;
  return unit.test(text) ? 1 : 0.4;
}

function dateEvidence(text: string, q: ReadonlySet<string>): number {
  const m = DATE.exec(text);
  if (m && !stated(m[0], q)) return 1;
  for (const w of tokens(text)) if (WEEKDAYS_AND_MONTHS.has(w) && !q.has(w)) return 1;
  return 0;
}

function placeEvidence(text: string, q: ReadonlySet<string>): number {
  let best = 0;
  for (const { run, before } of capitalisedRuns(text)) {
    if (stated(run, q)) continue;
    if (PLACES.has(run) || run.split(/\s+/).some((w) => PLACES.has(w))) return 1;
    if (PLACE_PREPOSITIONS.has(before)) best = Math.max(best, 0.6);
  }
  return best;
}

function thingEvidence(text: string, q: ReadonlySet<string>): number {
  for (const { run } of capitalisedRuns(text)) if (!stated(run, q)) return 0.5;
  return 0;
}

function reasonEvidence(text: string): number {
  return /\b(?:because|since|after|due\sto|so\sthat|in\sorder\sto|to\s(?:be|help|avoid|make|get|keep|protect|stop))\b/i.test(
    text,
  )
    ? 1
    : 0;
}

/**
 * For one question, a function scoring sentences 0..1: how well each holds an answer of the kind that
 * the question does not already state. The question's tokens are read once, not once per sentence.
 */
export function evidenceFor(
  kind: AnswerKind,
  question: string,
): (text: string, people: readonly string[]) => number {
  const q = new Set(tokens(question));
  return (text, people) => evidenceOf(kind, question, q, text, people);
}

/** One sentence's evidence (see evidenceFor). */
export function answerEvidence(
  kind: AnswerKind,
  question: string,
  text: string,
  people: readonly string[],
): number {
  return evidenceFor(kind, question)(text, people);
}

function evidenceOf(
  kind: AnswerKind,
  question: string,
  q: ReadonlySet<string>,
  text: string,
  people: readonly string[],
): number {
  switch (kind) {
    case 'person':
      return personEvidence(text, people, q);
    case 'number':
      return numberEvidence(text, question, q);
    case 'date':
      return dateEvidence(text, q);
    case 'place':
      return placeEvidence(text, q);
    case 'reason':
      return reasonEvidence(text);
    default:
      return thingEvidence(text, q);
  }
}
