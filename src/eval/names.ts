/** Comparing people's names the way the gold files' matching rules describe. */

const HONORIFICS = new Set(['mr', 'mrs', 'ms', 'miss', 'dr', 'sir', 'dame', 'lord', 'lady']);

/**
 * The lowercase words of a name, without honorifics or a possessive ending ("Mr Putin's" -> ["putin"]).
 * A typographic apostrophe is the same letter as a straight one: "O’Malley" and "O'Malley" are one name.
 */
export function nameWords(name: string): string[] {
  return (
    name
      .toLowerCase()
      .replace(/’/g, "'")
      .match(/[\p{L}\p{N}]+(?:[.'-][\p{L}\p{N}]+)*/gu) ?? []
  )
    .map((word) => word.replace(/'s$/u, ''))
    .filter((word) => word !== '' && !HONORIFICS.has(word.replace(/\.$/u, '')));
}

/** Generational suffixes: "Joseph R. Biden Jr." has the last name Biden, not Jr. */
const GENERATIONAL = new Set(['jr', 'jr.', 'sr', 'sr.', 'ii', 'iii', 'iv']);

/**
 * The last name of a name (its last word, for the names news articles use, passing over a generational
 * suffix); null when it has none.
 */
export function lastNameWord(name: string): string | null {
  const words = nameWords(name);
  while (words.length > 1 && GENERATIONAL.has(words.at(-1) as string)) words.pop();
  return words.at(-1) ?? null;
}

/** True when `word` (already a name word) is one of the words of `name`. */
export function nameHasWord(name: string | null, word: string): boolean {
  return name !== null && nameWords(name).includes(word);
}
