/**
 * Roles given once to a list of names: "nine first-team players at Kilmarnock — Manuel Pascali, Alexei
 * Eremenko, ...", "former prime ministers Tony Blair and Gordon Brown", "(Coaches) Alan Robertson and
 * Billy Thomson", "Scotland's political leaders, from left to right, Tory Ruth Davidson, Labour's Jim
 * Murphy ...". The plural noun phrase before the list says what each person in it is; each gets it in
 * the singular ("first-team player at Kilmarnock").
 */
import type { Doc, Token } from './document.js';
import { FUNCTION_WORDS } from './lexicon/index.js';
import type { NameRun } from './runs.js';

export interface ListRoleGrammar {
  /** The full name of the person whose name ends at token `index`, if one does. */
  nameEndingAt(index: number): string | null;
  isRoleNoun(t: Token): boolean;
  isModifier(t: Token, afterDeterminer?: boolean): boolean;
  gapBetween(doc: Doc, a: Token, b: Token): string;
  singular(word: string): string;
}

/** Plural nouns for people in general: "six men - namely ..." says nothing about who each one is. */
const GENERIC_PLURALS = new Set([
  'men',
  'women',
  'people',
  'persons',
  'children',
  'kids',
  'guys',
  'others',
  'names',
]);

/** Words that introduce the names of a plural: "like", "such as", "including", "namely". */
const INTRODUCERS = /^(?:like|as|including|namely|notably)$/;

/** Prepositions that may join a place or organisation to the plural head ("players at Kilmarnock"). */
const TAIL_PREPOSITIONS = new Set(['at', 'of', 'for', 'from', 'in', 'with']);

/** Words a caption uses to order the names in a photo: "from left to right", "left to right". */
const ORDER_WORDS = new Set(['from', 'left', 'to', 'right', 'l-r', 'clockwise']);

/** The punctuation and space between neighbouring tokens `a` and `b` (a possessive's ’s left out). */
function separation(doc: Doc, a: Token, b: Token, g: ListRoleGrammar): string {
  const gap = g.gapBetween(doc, a, b);
  return a.possessive ? gap.replace(/^['’]s?/, '') : gap;
}

/** Between two tokens of a list: a comma or nothing, or an initial's full stop ("Richard M. Nixon"). */
function itemGap(doc: Doc, a: Token, b: Token, g: ListRoleGrammar): boolean {
  const gap = separation(doc, a, b, g);
  return /^,?\s*$/.test(gap) || (/^\p{Lu}$/u.test(a.word) && /^\.\s*$/.test(gap));
}

/** A token that can be part of a list of names: a capitalised word, a possessive ("Labour's"), "and", "the". */
function inList(t: Token): boolean {
  return t.capitalized || t.lower === 'and' || t.lower === 'the';
}

/** The separators in the list region [a, b]: commas and "and"s, one fewer than the items. */
function separators(tokens: readonly Token[], a: number, b: number): number {
  let count = 0;
  for (let i = a; i <= b; i++) {
    const t = tokens[i] as Token;
    if (t.lower === 'and' && !t.capitalized) count++;
    else if (i < b && t.post.startsWith(',') && (tokens[i + 1] as Token).lower !== 'and') count++;
  }
  return count;
}

export function listRole(
  doc: Doc,
  run: NameRun,
  g: ListRoleGrammar,
): { text: string; weight: number } | null {
  const { tokens } = doc;
  // The list region: back from the name over earlier items (and the run's own title), forward over
  // later ones. A dash inside the run ("at Kilmarnock — Manuel Pascali") ends it.
  let start = (run.name[0] as Token).index;
  while (start > 0) {
    const t = tokens[start - 1] as Token;
    const right = tokens[start] as Token;
    if (t.sentence !== run.sentence || !inList(t) || t.inQuote) break;
    if (!itemGap(doc, t, right, g)) break;
    start--;
  }
  // "the" and "and" open no list.
  while (!(tokens[start] as Token).capitalized) start++;
  let end = run.last - 1;
  while (end + 1 < tokens.length) {
    const t = tokens[end + 1] as Token;
    const left = tokens[end] as Token;
    if (t.sentence !== run.sentence || !inList(t) || t.inQuote) break;
    if (!itemGap(doc, left, t, g)) break;
    end++;
  }
  let opener = tokens[start - 1];
  if (!opener || opener.sentence !== run.sentence) return null;
  const first = tokens[start] as Token;
  let gap = separation(doc, opener, first, g);
  // "Scotland's political leaders, from left to right, Tory Ruth Davidson, ...".
  let ordered = false;
  if (/,\s*$/.test(gap) && ORDER_WORDS.has(opener.lower)) {
    let i = opener.index;
    while (
      i > 0 &&
      ORDER_WORDS.has((tokens[i] as Token).lower) &&
      (tokens[i] as Token).sentence === run.sentence
    )
      i--;
    const before = tokens[i] as Token;
    if (!before.post.startsWith(',')) return null;
    ordered = true;
    opener = before;
    gap = ',';
  }
  // "Republicans like Richard M. Nixon and George Bush", "six men in 2002 - namely A, B and C".
  let introduced = false;
  if (INTRODUCERS.test(opener.lower) && !opener.capitalized && /^\s*$/.test(gap)) {
    let i = opener.index - 1;
    if (opener.lower === 'as' && tokens[i]?.lower === 'such') i--;
    const before = tokens[i];
    if (!before || before.sentence !== run.sentence) return null;
    gap = separation(doc, before, tokens[i + 1] as Token, g);
    if (!/^\s*$|^\s*[—–-]\s*$|^,\s*$/.test(gap)) return null;
    opener = before;
    introduced = true;
  }
  const items = separators(tokens, start, end) + 1;
  const label = opener.pre.endsWith('(') && opener.post === ')';
  const setOff = /[—–:]|\s-\s/.test(gap);
  const comma = /^,\s*$/.test(gap);
  const touching = /^\s*$/.test(gap);
  // A comma sets off a list's role only before a long list or a caption's order of names ("To
  // supporters, Obama said" is no list).
  if (!(label || setOff || touching || introduced || (comma && (ordered || items >= 3)))) return null;
  return pluralPhraseEndingAt(doc, opener, g) ?? spousesOf(doc, opener, g);
}

/**
 * The plural noun phrase that ends at `last`, read backwards: "nine first-team players at Kilmarnock"
 * -> "first-team player at Kilmarnock". Null unless its head is a plural noun for a kind of person.
 */
function pluralPhraseEndingAt(
  doc: Doc,
  last: Token,
  g: ListRoleGrammar,
): { text: string; weight: number } | null {
  const { tokens } = doc;
  const words: Token[] = [last];
  for (let i = last.index - 1; i >= 0 && words.length < 9; i--) {
    const t = tokens[i] as Token;
    const right = words[0] as Token;
    if (t.sentence !== last.sentence || t.inQuote) break;
    if (!/^\s*$/.test(separation(doc, t, right, g))) break;
    if (!(g.isModifier(t, true) || TAIL_PREPOSITIONS.has(t.lower) || t.lower === 'the')) break;
    words.unshift(t);
  }
  // The head: a plural person noun, followed by nothing or by a preposition and a name.
  for (let h = words.length - 1; h >= 0; h--) {
    const head = words[h] as Token;
    const tail = words.slice(h + 1);
    const tailIsName =
      tail.length === 0 ||
      (TAIL_PREPOSITIONS.has((tail[0] as Token).lower) &&
        tail.length > 1 &&
        tail.slice(1).every((t) => t.capitalized || t.lower === 'the'));
    if (!tailIsName) continue;
    const one = g.singular(head.lower);
    if (one === head.lower || GENERIC_PLURALS.has(head.lower)) continue;
    if (!g.isRoleNoun({ ...head, word: one, lower: one })) continue;
    // Modifiers before the head: not numbers, determiners or function words ("nine", "the", "all").
    let from = h;
    while (from > 0) {
      const t = words[from - 1] as Token;
      if (FUNCTION_WORDS.has(t.lower) || /^\d/.test(t.word) || !g.isModifier(t, true)) break;
      // "a move enraged critics like X": a verb in the past ends the phrase.
      if (/ed$/.test(t.lower) && !t.capitalized) break;
      from--;
    }
    const parts = words.slice(from);
    const text = parts
      .map((t, i) => {
        const word =
          t === head ? (head.capitalized ? one.charAt(0).toUpperCase() + one.slice(1) : one) : t.word;
        const joint = i < parts.length - 1 ? (t.possessive ? '’s ' : ' ') : '';
        return word + joint;
      })
      .join('');
    return { text, weight: parts.filter((t) => !FUNCTION_WORDS.has(t.lower)).length };
  }
  return null;
}

/**
 * "Barrientos married six men in 2002 - namely A, B and C": the people listed after the men or women a
 * person married are that person's husbands or wives.
 */
function spousesOf(doc: Doc, last: Token, g: ListRoleGrammar): { text: string; weight: number } | null {
  const { tokens } = doc;
  let i = last.index;
  // "in 2002", "in May": a time after the plural.
  if (/^\d{4}$/.test(last.word) && tokens[i - 1]?.lower === 'in') i -= 2;
  const plural = tokens[i];
  const spouse = plural?.lower === 'men' ? 'husband' : plural?.lower === 'women' ? 'wife' : null;
  if (!plural || !spouse || plural.sentence !== last.sentence) return null;
  let k = i - 1;
  if (/^(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several)$/.test(tokens[k]?.lower ?? '')) k--;
  if (!/^(?:married|wed)$/.test(tokens[k]?.lower ?? '')) return null;
  const name = g.nameEndingAt(k - 1);
  return name ? { text: `${name}’s ${spouse}`, weight: 2 } : null;
}
