/**
 * Sentence splitting. Paragraph breaks are always sentence breaks; inside a paragraph a sentence ends
 * at . ! ? or … (plus any closing quotes or brackets) followed by space and something that can start a
 * sentence. Linear in the text length: one pass with a regular expression and constant look-behind.
 */
import { MONTH_AND_DAY_ABBREVIATIONS } from './calendar.js';

/** Words that end with a full stop without ending the sentence. Lowercase, without the stop. */
// biome-ignore format: a word list reads best packed
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'mx', 'dr', 'prof', 'sr', 'jr', 'st', 'mt', 'ft', 'rev', 'hon', 'gen', 'col', 'lt',
  'maj', 'capt', 'cpt', 'sgt', 'cmdr', 'adm', 'gov', 'sen', 'rep', 'pres', 'supt', 'det', 'insp', 'fr',
  'messrs', 'no', 'nos', 'vol', 'art', 'fig', 'p', 'pp', 'ch', 'sec', 'para', 'approx', 'est', 'vs', 'v',
  'etc', 'al', 'inc', 'ltd', 'co', 'corp', 'plc', 'llc', 'bros', 'dept', 'univ', 'assn', 'ave', 'blvd',
  'rd', 'e.g', 'i.e', 'cf', 'ca', 'c', 'min', 'max', 'tel', 'ext',
  ...MONTH_AND_DAY_ABBREVIATIONS,
]);

/** Words after which "U.S." or "a.m." most likely does end a sentence. */
const SENTENCE_STARTERS = new Set([
  'The',
  'A',
  'An',
  'He',
  'She',
  'It',
  'They',
  'We',
  'I',
  'You',
  'This',
  'That',
  'These',
  'Those',
  'But',
  'And',
  'Or',
  'So',
  'Yet',
  'In',
  'On',
  'At',
  'For',
  'If',
  'When',
  'While',
  'After',
  'Before',
  'As',
  'There',
  'His',
  'Her',
  'Their',
  'Our',
  'Its',
  'My',
  'Meanwhile',
  'However',
  'Now',
  'Then',
  'Still',
  'Also',
]);

export interface SentenceSpan {
  text: string;
  start: number;
  end: number;
}

/**
 * A sentence ends at a stop, its closing marks and white space before a capital; or, in Chinese and
 * Japanese text, which puts no space between sentences, at a full-width stop and its closing brackets.
 */
const BOUNDARY = /([.!?…]+)([”’"')\]]*)(\s+)(?=[“‘"'([]?[A-Z0-9¿¡])|([。！？]+)([」』）”]*)(\s*)(?=\S)/g;

function isAbbreviation(before: string, next: string): boolean {
  const match = /(?:^|[\s(“‘"])([A-Za-z][A-Za-z.]*)$/.exec(before);
  if (!match) return false;
  const word = match[1] as string;
  const lower = word.toLowerCase();
  // Initials ("J. K. Rowling"): a single capital letter.
  if (/^[A-Z]$/.test(word)) return true;
  // Dotted acronyms such as U.S. or a.m.: a boundary only when a typical sentence opener follows.
  if (/^(?:[A-Za-z]\.)+[A-Za-z]$/.test(word)) {
    const nextWord = /^[“‘"(]?([A-Za-z]+)/.exec(next)?.[1] ?? '';
    return !SENTENCE_STARTERS.has(nextWord);
  }
  if (ABBREVIATIONS.has(lower)) {
    // "No. 10", "Art. 5": the abbreviation needs a number; "said no." ends a sentence.
    if ((lower === 'no' || lower === 'nos' || lower === 'art' || lower === 'vol') && !/^\d/.test(next))
      return false;
    // Month names are usually followed by a day number.
    return true;
  }
  return false;
}

/** Split one paragraph into sentences. */
export function splitParagraph(paragraph: string): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  let start = 0;
  BOUNDARY.lastIndex = 0;
  for (let match = BOUNDARY.exec(paragraph); match !== null; match = BOUNDARY.exec(paragraph)) {
    const stops = match[1] ?? (match[4] as string);
    const closers = match[2] ?? (match[5] as string);
    const space = match[3] ?? (match[6] as string);
    const spaceStart = match.index + stops.length + closers.length;
    const next = paragraph.slice(spaceStart + space.length, spaceStart + 40);
    if (stops === '.' && closers === '') {
      const before = paragraph.slice(Math.max(start, match.index - 30), match.index);
      if (isAbbreviation(before, next)) continue;
    }
    const text = paragraph.slice(start, spaceStart).trim();
    if (text) spans.push({ text, start, end: spaceStart });
    start = spaceStart + space.length;
  }
  const rest = paragraph.slice(start).trim();
  if (rest) spans.push({ text: rest, start, end: paragraph.length });
  return spans;
}
