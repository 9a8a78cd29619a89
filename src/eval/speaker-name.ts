/**
 * Which gold speaker spans name someone. PolNeAR's annotated speaker is the span as written: "Trump",
 * "Mr. Obama", "The New York Times", but also "he", "the statement" or "Officials". Speaker accuracy is
 * only counted where the span contains a capitalised name, defined here as a capitalised word that is
 *   - not a pronoun, determiner, quantifier or other function word ("He", "The", "Some", "Both"),
 *   - not a bare title ("President", "Sen.", "Mr."): "President Obama" still counts through "Obama",
 *   - not a party label ("Republican", "Democrats"): "The Republican nominee" describes, it does not name,
 *   - and, when it is the span's first word and the span starts a sentence, not a word the article also
 *     writes in lower case: a common noun capitalised only by its position ("Officials said").
 * Where the span's offset is unknown, the last rule applies to any first word.
 */

const NOT_NAMES = new Set(
  [
    // pronouns and relatives
    'i he she it we they you his her hers its our their him them me us who whom whose which that this',
    'these those one someone somebody everyone anyone nobody himself herself itself themselves',
    // determiners, quantifiers and other function words
    'the a an some many most several few both all each every another other others such no only at in on',
    'according to of for and but or as if when while after before then there here what even also',
    // titles, which describe a person without naming one
    'mr mrs ms dr sir president senator sen rep representative gov governor secretary chairman',
    'chairwoman speaker judge mayor general gen former vice candidate nominee',
    // party labels
    'republican republicans democrat democrats democratic',
  ]
    .join(' ')
    .split(' '),
);

const WORD = /[\p{L}\p{N}]+(?:[.'’-][\p{L}\p{N}]+)*\.?/gu;

function isCapitalised(word: string): boolean {
  // A capital followed by at least one more letter: "Obama", "GOP"; a lone "I" or "A" is not a name.
  return /^\p{Lu}[\p{L}.'’-]*\p{L}/u.test(word);
}

/** What the name test needs to know about one article. */
export interface ArticleWords {
  /** The article as code points: PolNeAR's character offsets count code points, not UTF-16 units. */
  codePoints: string[];
  /** Words the article writes in lower case, to spot common nouns capitalised at a sentence start. */
  lowerCaseWords: Set<string>;
}

export function articleWordsOf(articleText: string): ArticleWords {
  return {
    codePoints: Array.from(articleText),
    lowerCaseWords: new Set(articleText.match(/(?<![\p{L}\p{N}])\p{Ll}[\p{Ll}\p{N}'’-]*/gu) ?? []),
  };
}

function startsSentence(article: ArticleWords, start: number | null): boolean {
  if (start === null) return true;
  const before = article.codePoints.slice(Math.max(0, start - 20), start).join('');
  return /(?:^|[.!?:"“”‘’\n])\s*$/u.test(before);
}

/**
 * True when the speaker span holds a capitalised name (see the module comment for the definition).
 * `start` is the span's offset in the article in code points, or null when unknown.
 */
export function speakerHasCapitalisedName(
  speaker: string | null,
  start: number | null,
  article: ArticleWords,
): boolean {
  if (speaker === null) return false;
  const words = speaker.match(WORD) ?? [];
  const sentenceInitial = startsSentence(article, start);
  return words.some((word, index) => {
    if (!isCapitalised(word)) return false;
    const lower = word
      .replace(/['’]s$/u, '')
      .replace(/\.$/u, '')
      .toLowerCase();
    if (NOT_NAMES.has(lower)) return false;
    return !(index === 0 && sentenceInitial && article.lowerCaseWords.has(lower));
  });
}
