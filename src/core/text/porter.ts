/**
 * NLTK's Porter stemmer in its default mode (NLTK_EXTENSIONS), which is what Google's rouge_score uses
 * with `use_stemmer=True`. ROUGE scores are only comparable with published ones when the stems are the
 * same, so this follows NLTK 3.8's `nltk/stem/porter.py` rule by rule, including its departures from
 * the 1980 paper; `porter.test.ts` checks it against NLTK's own output for 18,415 words.
 *
 * Input is expected in lower case (rouge_score lowercases before stemming).
 */

/** Words NLTK maps straight to a fixed stem, bypassing the rules. */
const IRREGULAR_FORMS: ReadonlyMap<string, string> = new Map([
  ['sky', 'sky'],
  ['skies', 'sky'],
  ['dying', 'die'],
  ['lying', 'lie'],
  ['tying', 'tie'],
  ['news', 'news'],
  ['innings', 'inning'],
  ['inning', 'inning'],
  ['outings', 'outing'],
  ['outing', 'outing'],
  ['cannings', 'canning'],
  ['canning', 'canning'],
  ['howe', 'howe'],
  ['proceed', 'proceed'],
  ['exceed', 'exceed'],
  ['succeed', 'succeed'],
]);

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u']);

/** A rule condition is tested on the stem left once the suffix is removed. */
type Condition = ((stem: string) => boolean) | null;

/**
 * One suffix rule. The suffix `DOUBLE_CONSONANT` stands for Porter's `*d` (the word ends in a double
 * consonant), which removes the last two letters before the replacement is appended.
 */
interface Rule {
  suffix: string;
  replacement: string;
  condition: Condition;
}

const DOUBLE_CONSONANT = '*d';

function isConsonant(word: string, index: number): boolean {
  const letter = word[index];
  if (letter === undefined || VOWELS.has(letter)) return false;
  if (letter === 'y') return index === 0 ? true : !isConsonant(word, index - 1);
  return true;
}

/** Porter's m: the number of vowel-consonant sequences in [C](VC){m}[V]. */
function measure(stem: string): number {
  let count = 0;
  let previousIsVowel = false;
  for (let index = 0; index < stem.length; index++) {
    const consonant = isConsonant(stem, index);
    if (consonant && previousIsVowel) count++;
    previousIsVowel = !consonant;
  }
  return count;
}

const hasPositiveMeasure = (stem: string): boolean => measure(stem) > 0;
const measureAboveOne = (stem: string): boolean => measure(stem) > 1;

function containsVowel(stem: string): boolean {
  for (let index = 0; index < stem.length; index++) {
    if (!isConsonant(stem, index)) return true;
  }
  return false;
}

function endsDoubleConsonant(word: string): boolean {
  return word.length >= 2 && word.at(-1) === word.at(-2) && isConsonant(word, word.length - 1);
}

/** Porter's `*o` (consonant-vowel-consonant, last not w/x/y), plus NLTK's two-letter vowel-consonant case. */
function endsConsonantVowelConsonant(word: string): boolean {
  const length = word.length;
  if (
    length >= 3 &&
    isConsonant(word, length - 3) &&
    !isConsonant(word, length - 2) &&
    isConsonant(word, length - 1) &&
    !['w', 'x', 'y'].includes(word.at(-1) ?? '')
  ) {
    return true;
  }
  return length === 2 && !isConsonant(word, 0) && isConsonant(word, 1);
}

/**
 * Applies the first rule whose suffix matches. As in NLTK, a matching suffix whose condition fails
 * stops the search: later rules are not tried.
 */
function applyFirstMatchingRule(word: string, rules: readonly Rule[]): string {
  for (const { suffix, replacement, condition } of rules) {
    if (suffix === DOUBLE_CONSONANT && endsDoubleConsonant(word)) {
      const stem = word.slice(0, -2);
      return condition === null || condition(stem) ? stem + replacement : word;
    }
    if (word.endsWith(suffix)) {
      const stem = word.slice(0, word.length - suffix.length);
      return condition === null || condition(stem) ? stem + replacement : word;
    }
  }
  return word;
}

const rule = (suffix: string, replacement: string, condition: Condition = null): Rule => ({
  suffix,
  replacement,
  condition,
});

function step1a(word: string): string {
  // NLTK: 'dies' -> 'die' while 'flies' -> 'fli'.
  if (word.endsWith('ies') && word.length === 4) return `${word.slice(0, -3)}ie`;
  return applyFirstMatchingRule(word, [
    rule('sses', 'ss'),
    rule('ies', 'i'),
    rule('ss', 'ss'),
    rule('s', ''),
  ]);
}

function step1b(word: string): string {
  // NLTK: 'died' -> 'die' while 'spied' -> 'spi'.
  if (word.endsWith('ied')) return `${word.slice(0, -3)}${word.length === 4 ? 'ie' : 'i'}`;

  if (word.endsWith('eed')) {
    const stem = word.slice(0, -3);
    return measure(stem) > 0 ? `${stem}ee` : word;
  }

  let intermediate: string | null = null;
  for (const suffix of ['ed', 'ing']) {
    if (word.endsWith(suffix)) {
      const candidate = word.slice(0, word.length - suffix.length);
      if (containsVowel(candidate)) {
        intermediate = candidate;
        break;
      }
    }
  }
  if (intermediate === null) return word;

  const lastLetter = intermediate.at(-1) ?? '';
  return applyFirstMatchingRule(intermediate, [
    rule('at', 'ate'),
    rule('bl', 'ble'),
    rule('iz', 'ize'),
    rule(DOUBLE_CONSONANT, lastLetter, () => !['l', 's', 'z'].includes(lastLetter)),
    rule('', 'e', (stem) => measure(stem) === 1 && endsConsonantVowelConsonant(stem)),
  ]);
}

function step1c(word: string): string {
  // NLTK: y -> i only after a consonant that is not the whole stem ('happy' -> 'happi', 'enjoy' stays).
  return applyFirstMatchingRule(word, [
    rule('y', 'i', (stem) => stem.length > 1 && isConsonant(stem, stem.length - 1)),
  ]);
}

function step2(word: string): string {
  // NLTK applies ALLI -> AL first and then runs step 2 again on the result.
  if (word.endsWith('alli') && hasPositiveMeasure(word.slice(0, -4))) {
    return step2(`${word.slice(0, -4)}al`);
  }
  return applyFirstMatchingRule(word, [
    rule('ational', 'ate', hasPositiveMeasure),
    rule('tional', 'tion', hasPositiveMeasure),
    rule('enci', 'ence', hasPositiveMeasure),
    rule('anci', 'ance', hasPositiveMeasure),
    rule('izer', 'ize', hasPositiveMeasure),
    rule('bli', 'ble', hasPositiveMeasure),
    rule('alli', 'al', hasPositiveMeasure),
    rule('entli', 'ent', hasPositiveMeasure),
    rule('eli', 'e', hasPositiveMeasure),
    rule('ousli', 'ous', hasPositiveMeasure),
    rule('ization', 'ize', hasPositiveMeasure),
    rule('ation', 'ate', hasPositiveMeasure),
    rule('ator', 'ate', hasPositiveMeasure),
    rule('alism', 'al', hasPositiveMeasure),
    rule('iveness', 'ive', hasPositiveMeasure),
    rule('fulness', 'ful', hasPositiveMeasure),
    rule('ousness', 'ous', hasPositiveMeasure),
    rule('aliti', 'al', hasPositiveMeasure),
    rule('iviti', 'ive', hasPositiveMeasure),
    rule('biliti', 'ble', hasPositiveMeasure),
    rule('fulli', 'ful', hasPositiveMeasure),
    // NLTK keeps the 'l' with the stem when measuring, so that 'geologi' works like 'archaeologi'.
    rule('logi', 'log', () => hasPositiveMeasure(word.slice(0, -3))),
  ]);
}

function step3(word: string): string {
  return applyFirstMatchingRule(word, [
    rule('icate', 'ic', hasPositiveMeasure),
    rule('ative', '', hasPositiveMeasure),
    rule('alize', 'al', hasPositiveMeasure),
    rule('iciti', 'ic', hasPositiveMeasure),
    rule('ical', 'ic', hasPositiveMeasure),
    rule('ful', '', hasPositiveMeasure),
    rule('ness', '', hasPositiveMeasure),
  ]);
}

function step4(word: string): string {
  return applyFirstMatchingRule(word, [
    rule('al', '', measureAboveOne),
    rule('ance', '', measureAboveOne),
    rule('ence', '', measureAboveOne),
    rule('er', '', measureAboveOne),
    rule('ic', '', measureAboveOne),
    rule('able', '', measureAboveOne),
    rule('ible', '', measureAboveOne),
    rule('ant', '', measureAboveOne),
    rule('ement', '', measureAboveOne),
    rule('ment', '', measureAboveOne),
    rule('ent', '', measureAboveOne),
    rule('ion', '', (stem) => measure(stem) > 1 && ['s', 't'].includes(stem.at(-1) ?? '')),
    rule('ou', '', measureAboveOne),
    rule('ism', '', measureAboveOne),
    rule('ate', '', measureAboveOne),
    rule('iti', '', measureAboveOne),
    rule('ous', '', measureAboveOne),
    rule('ive', '', measureAboveOne),
    rule('ize', '', measureAboveOne),
  ]);
}

function step5a(word: string): string {
  // Both E rules are tried (unlike the first-match lists above), as NLTK does.
  if (!word.endsWith('e')) return word;
  const stem = word.slice(0, -1);
  const stemMeasure = measure(stem);
  if (stemMeasure > 1) return stem;
  if (stemMeasure === 1 && !endsConsonantVowelConsonant(stem)) return stem;
  return word;
}

function step5b(word: string): string {
  return applyFirstMatchingRule(word, [rule('ll', 'l', () => measure(word.slice(0, -1)) > 1)]);
}

/** Stems one lower-case word exactly as NLTK's `PorterStemmer().stem(word)`. */
export function porterStem(word: string): string {
  const irregular = IRREGULAR_FORMS.get(word);
  if (irregular !== undefined) return irregular;
  // NLTK leaves words of one or two letters alone.
  if (word.length <= 2) return word;
  let stem = step1a(word);
  stem = step1b(stem);
  stem = step1c(stem);
  stem = step2(stem);
  stem = step3(stem);
  stem = step4(stem);
  stem = step5a(stem);
  return step5b(stem);
}
