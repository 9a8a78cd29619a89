/**
 * Choosing key points. News puts its main facts first, so the first few points are ranked by a strong
 * position prior, helped by centrality (how much of the article's vocabulary a sentence shares) and the
 * salience of the people it names, and held back by quotation (a point should state a fact, not relay
 * a remark) and by length (long sentences cost a reader and dilute the point). Questions and remarks to
 * the reader that name none of the article's actors are not news and come last. Points beyond the lead
 * are chosen for coverage: the position prior weakens and similarity to what was already picked is
 * penalised (MMR). Photo captions that flattened feed text runs into a sentence without a full stop
 * ("... on Friday ‘I’d be over the moon ...") are cut away first. docs/KEY-POINTS.md records how each
 * part was measured.
 */
import type { Doc, Sentence } from '../extract/document.js';
import { FUNCTION_WORDS } from '../extract/lexicon/index.js';

export interface RankOptions {
  points: number;
}

export interface RankedSentence {
  /** The sentence; its `text` may be trimmed of a run-in caption or a dateline. */
  sentence: Sentence;
  /** Lead score: the order of the first points. */
  score: number;
  /** Coverage score for points after the lead, before the redundancy penalty. */
  coverage: number;
  /** Opens with a pronoun or determiner that refers back ("It has only been invoked once ..."). */
  anaphoric: boolean;
  /** Distinct recurring capitalised words (names) in the sentence, capped at 4, as a share of 4. */
  names: number;
  /**
   * Not a statement of news: a question, or a remark to the reader ("you", "your", "we", "our" outside
   * quotes) that names none of the article's recurring names ("... as close to an adult version of Where’s Wally as
   * you can get."). Such a sentence is ranked after every other one in the lead.
   */
  remark: boolean;
}

const MIN_WORDS = 6;
const MAX_WORDS = 70;
/** Points ranked by the lead score; later points are chosen for coverage. */
const LEAD_POINTS = 3;
/** Cosine similarity above which a sentence repeats a chosen point and is skipped. */
const REDUNDANCY_LIMIT = 0.5;
/** Words beyond which a sentence is penalised, by the excess as a share of this length. */
const LONG_WORDS = 25;
const LEAD_WEIGHTS = { position: 4, centrality: 0.6, salience: 0.2, quote: 1, length: 1 };
/** Subtracted from a remark's lead score: as much as the whole position prior, so it comes last. */
const REMARK_PENALTY = LEAD_WEIGHTS.position;
/** The writer talking to the reader: "you would think ...", "our losing battle with the bulge ...". */
const READER = new Set('you your yours yourself yourselves we our ours ourselves us'.split(' '));
const COVERAGE_WEIGHTS = {
  position: 0.5,
  centrality: 0.6,
  salience: 0.6,
  quote: 1,
  anaphora: 0.3,
  names: 0.6,
  redundancy: 1,
};

function contentWords(text: string): string[] {
  return (text.toLowerCase().match(/[a-z0-9]+(?:['’-][a-z0-9]+)*/g) ?? []).filter(
    (w) => !FUNCTION_WORDS.has(w) && w.length > 2,
  );
}

/** Word counts with their Euclidean norm, computed once: the document's vector is compared with every sentence. */
interface TermVector {
  counts: Map<string, number>;
  norm: number;
}

function termVector(words: string[]): TermVector {
  const counts = new Map<string, number>();
  for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
  let squares = 0;
  for (const x of counts.values()) squares += x * x;
  return { counts, norm: Math.sqrt(squares) };
}

function cosine(a: TermVector, b: TermVector): number {
  if (!a.norm || !b.norm) return 0;
  // Iterate the smaller vector: a sentence against the whole document costs the sentence's length.
  const [small, large] = a.counts.size <= b.counts.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [k, x] of small.counts) {
    const y = large.counts.get(k);
    if (y) dot += x * y;
  }
  return dot / (a.norm * b.norm);
}

/** Capitalised words that start a new clause when a caption runs into the text without a full stop. */
const CLAUSE_OPENERS = new Set([
  'the',
  'an',
  'he',
  'she',
  'it',
  'they',
  'this',
  'these',
  'those',
  'his',
  'her',
  'their',
  'its',
  'in',
  'on',
  'at',
  'after',
  'when',
  'while',
  'but',
  'as',
  'we',
  'there',
  'pictured',
  'above',
  'below',
  'left',
  'right',
  'inset',
  'scroll',
  'one',
  'both',
  'police',
  'officers',
]);
/** Words that may stand right before a capitalised word or a quotation inside one sentence. */
const LEADS_INTO =
  /^(?:said|says|say|told|tells|added|adds|asked|wrote|writes|tweeted|posted|explained|insisted|claimed|declared|announced|warned|replied|stated|reads|read|called|branded|dubbed|labelled|labeled|titled|entitled|named|raided|visited|joined|left|won|beat|played|attend|attended)$/i;
const CALENDAR =
  /^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Day|Eve|Today|Yesterday|Tonight)$/;

function mayPrecedeBreak(word: string): boolean {
  if (FUNCTION_WORDS.has(word.toLowerCase()) || LEADS_INTO.test(word)) return false;
  // A quoted title that ends a caption: "... dubbed ‘The First Great Escape’ The story of ...".
  if (/\p{L}[’”]$/u.test(word)) return true;
  // A capitalised word before is usually part of a name ("Manchester United The ..." is rare).
  return !/^\p{Lu}/u.test(word) || CALENDAR.test(word);
}

/**
 * A pointer to a photo, not story text: "(pictured)", "(left)", "(seen above)", "(pictured in 2013)",
 * "(file photo)"; lowercase words in brackets, one of them a photo word.
 */
const PHOTO_POINTER =
  /\((?:[\p{Ll}\d]+ ){0,3}(?:pictured|left|right|centre|center|above|below|inset|photo|picture)(?: [\p{Ll}\d]+){0,4}\)/gu;

const PHOTO_POINTER_IN_TEXT = new RegExp(` ?${PHOTO_POINTER.source}`, 'gu');
/**
 * A photo pointer set off by commas after a name: "Mary Pat Christie, right, has quit ...". The name
 * before it is checked only where the pointer occurs: as a lookbehind, it was tried at every position
 * of every sentence (15% of condense's time).
 */
const PHOTO_APPOSITION = /, (?:pictured|left|right|centre|center|above|below),/gu;
const ENDS_IN_NAME = /\p{Lu}[\p{L}’'-]*$/u;

function withoutPhotoAppositions(text: string): string {
  return text.replace(PHOTO_APPOSITION, (pointer: string, offset: number) =>
    ENDS_IN_NAME.test(text.slice(Math.max(0, offset - 64), offset)) ? '' : pointer,
  );
}

/**
 * Offsets in `text` where a caption ends and the next line begins without punctuation: a content word
 * followed by a capitalised clause opener ("... than a colleague The cost of divorce ..."), or by an
 * opening quotation of at least five words ("... on Friday ‘I’d be over the moon ..."), a photo pointer
 * followed by a capitalised word ("... Steve McQueen (pictured) Bader was among ..."), or the feed's
 * "Scroll down for video".
 */
export function runOnBreaks(text: string): number[] {
  const breaks: number[] = [];
  for (const m of text.matchAll(PHOTO_POINTER)) {
    const after = m.index + m[0].length;
    if (/^ \p{Lu}/u.test(text.slice(after))) breaks.push(after + 1);
  }
  // The next word is matched by a lookahead so that a capitalised word can both end one pair and start
  // the next ("... Great Escape’ The story").
  for (const m of text.matchAll(/(?<=^|\s)([\p{L}\d%$£)'’”-]+)(?= (\p{Lu}\p{Ll}*)\b(?! \p{Lu}))/gu)) {
    const [, prev = '', next = ''] = m;
    if (m.index === 0 || !CLAUSE_OPENERS.has(next.toLowerCase()) || !mayPrecedeBreak(prev)) continue;
    breaks.push(m.index + prev.length + 1);
  }
  // Anchored at a word's start: unanchored, every letter of every word was tried as a start.
  for (const m of text.matchAll(/(?<![\p{L}\d])([\p{L}\d]+) [‘“]\p{Lu}/gu)) {
    const prev = m[1] ?? '';
    const rest = text.slice(m.index + m[0].length);
    const close = rest.search(/[’”](?!\p{L})/u);
    if (close >= 0 && rest.slice(0, close).split(/\s+/).length < 5) continue;
    if (!mayPrecedeBreak(prev)) continue;
    breaks.push(m.index + prev.length + 1);
  }
  const scroll = /\bScroll down for video\b\s*/i.exec(text);
  if (scroll) breaks.push(scroll.index + scroll[0].length);
  return [...new Set(breaks)].sort((a, b) => a - b);
}

/**
 * A leading dateline or byline that is not story text: "Kathmandu, Nepal (CNN)", a source in brackets
 * run into the first word ("(The Hollywood Reporter)Stan Freberg ..."), "By X . PUBLISHED: ...".
 */
const LEADING_BOILERPLATE = [
  /^(?:[A-Z][\w ,.'’-]{0,40})?\(CNN\)\s*(?:--\s*)?/,
  /^\(\p{Lu}[\p{L}\d.&’'-]*(?: [\p{Lu}&][\p{L}\d.&’'-]*){0,4}\)(?=\p{Lu})/u,
  /^By\b.{0,80}?(?:PUBLISHED|UPDATED):.*?\d{4}\s*\.?\s*(?:\|\s*\.?\s*(?:UPDATED):.*?\d{4}\s*\.?\s*)?/,
];

/**
 * The label a photo caption opens with: one capitalised word and at most two lowercase ones, a colon,
 * then a capital ("Guilty: Glenn Mason, 56, ...", "Fighter ace: ..."), but not a speaker ("He said: ...").
 */
const CAPTION_LABEL = /^\p{Lu}[\p{Ll}’'-]*(?: [\p{Ll}’'-]+){0,2}: (?=[\p{Lu}\d])/u;
const SAYING = /^(?:commented|continued|revealed|admitted|responded|noted|joked|recalled)$/;

function captionLabel(text: string): boolean {
  const label = CAPTION_LABEL.exec(text)?.[0];
  return label !== undefined && !label.split(/[\s:]+/).some((w) => LEADS_INTO.test(w) || SAYING.test(w));
}

/**
 * Where the story starts inside a labelled caption: the last lowercase word followed by a capitalised
 * function word ("... his RBS pension pot A respected bank manager ..."); -1 when there is none.
 */
function breakAfterLabel(text: string): number {
  let at = -1;
  for (const m of text.matchAll(/(?<=\s)([\p{Ll}\d%$£)’'-]+)(?= (\p{Lu}\p{Ll}*) \p{Ll})/gu)) {
    const [, prev = '', next = ''] = m;
    if (FUNCTION_WORDS.has(next.toLowerCase()) && !FUNCTION_WORDS.has(prev)) at = m.index + prev.length + 1;
  }
  return at;
}

/**
 * The story text of a sentence: after the last run-in caption, without a leading dateline. A sentence
 * that is all photo caption ("Struggle: Manhart, 38, is shown, left, ...") has none: the empty string.
 */
export function storyText(text: string): string {
  return story(text).text;
}

/** The story text of a sentence and the offset in the sentence where it begins. */
export function story(text: string): { text: string; start: number } {
  const breaks = runOnBreaks(text);
  let start = breaks[breaks.length - 1] ?? 0;
  let rest = text.slice(start);
  for (const pattern of LEADING_BOILERPLATE) {
    const cut = rest.replace(pattern, '');
    start += rest.length - cut.length;
    rest = cut;
  }
  while (captionLabel(rest)) {
    const at = breakAfterLabel(rest);
    if (at < 0) return { text: '', start: text.length };
    start += at;
    rest = rest.slice(at);
  }
  start += rest.length - rest.trimStart().length;
  // "Fred Goodwin (pictured) was ...", "Mary Pat Christie, right, has quit ..."
  return { text: withoutPhotoAppositions(rest.replace(PHOTO_POINTER_IN_TEXT, '')).trim(), start };
}

const ANAPHORIC_START = /^(?:It|This|That|These|Those|Such|There|His|Her|Their|Its|They|He|She)\b/;

export function rankSentences(doc: Doc, salience: (s: Sentence) => number): RankedSentence[] {
  const docVector = termVector(doc.sentences.flatMap((s) => contentWords(s.text)));
  const ranked: RankedSentence[] = [];
  const capitalCount = new Map<string, number>();
  for (const t of doc.tokens)
    if (t.capitalized && !t.sentenceInitial && !FUNCTION_WORDS.has(t.lower))
      capitalCount.set(t.lower, (capitalCount.get(t.lower) ?? 0) + 1);
  for (const s of doc.sentences) {
    const { text, start } = story(s.text);
    const words = text.split(/\s+/).filter(Boolean).length;
    if (words < MIN_WORDS || words > MAX_WORDS) continue;
    const tokens = doc.tokens.slice(s.tokenStart, s.tokenEnd);
    // A sentence wholly inside a quotation that continues from an earlier sentence reads badly alone.
    const first = tokens[0];
    if (first?.inQuote && !/[“‘]/.test(first.pre)) continue;
    const quoted = tokens.filter((t) => t.inQuote).length / Math.max(1, tokens.length);
    const position = 1 / Math.sqrt(1 + s.index);
    const centrality = cosine(termVector(contentWords(text)), docVector);
    const salient = salience(s);
    const long = Math.max(0, words - LONG_WORDS) / LONG_WORDS;
    const lead = LEAD_WEIGHTS;
    const cover = COVERAGE_WEIGHTS;
    const names = new Set(
      tokens
        .filter(
          (t) => t.capitalized && !t.sentenceInitial && !t.inQuote && (capitalCount.get(t.lower) ?? 0) >= 2,
        )
        .map((t) => t.lower),
    );
    // Only the story text counts, not a caption run into it ("... means your house could sell for less").
    const storyTokens = tokens.filter((t) => t.start >= s.start + start);
    const remark =
      /\?[’”"']?$/.test(text) ||
      (names.size === 0 &&
        storyTokens.some((t) => !t.inQuote && READER.has(t.lower) && !/^\p{Lu}{2}/u.test(t.word)));
    ranked.push({
      sentence: text === s.text ? s : { ...s, text },
      remark,
      anaphoric: ANAPHORIC_START.test(text),
      names: Math.min(4, names.size) / 4,
      score:
        position * lead.position +
        centrality * lead.centrality +
        salient * lead.salience -
        quoted * lead.quote -
        long * lead.length -
        (remark ? REMARK_PENALTY : 0),
      coverage:
        position * cover.position +
        centrality * cover.centrality +
        salient * cover.salience -
        quoted * cover.quote +
        cover.names * (Math.min(4, names.size) / 4),
    });
  }
  return ranked.sort((a, b) => b.score - a.score || a.sentence.index - b.sentence.index);
}

export function selectKeyPoints(ranked: RankedSentence[], options: RankOptions): Sentence[] {
  const pool = ranked.map((r) => ({ r, v: termVector(contentWords(r.sentence.text)) }));
  const chosen: typeof pool = [];
  while (chosen.length < options.points) {
    const late = chosen.length >= LEAD_POINTS;
    let best: (typeof pool)[number] | undefined;
    let bestValue = Number.NEGATIVE_INFINITY;
    for (const candidate of pool) {
      if (chosen.includes(candidate)) continue;
      const similarity = Math.max(0, ...chosen.map((c) => cosine(c.v, candidate.v)));
      if (similarity > REDUNDANCY_LIMIT) continue;
      const r = candidate.r;
      const dangling =
        r.anaphoric &&
        chosen.length > 0 &&
        r.sentence.index > 0 &&
        !chosen.some((c) => c.r.sentence.index === r.sentence.index - 1);
      // A sentence opening with "It/His/They ..." is penalised only when the sentence it refers back
      // to is not among the points.
      const value = late
        ? r.coverage - similarity * COVERAGE_WEIGHTS.redundancy - (dangling ? COVERAGE_WEIGHTS.anaphora : 0)
        : r.score;
      if (value > bestValue) {
        bestValue = value;
        best = candidate;
      }
    }
    if (!best) break;
    chosen.push(best);
  }
  return chosen.map((c) => c.r.sentence).sort((a, b) => a.index - b.index);
}

/** Shorten a sentence for a chat line at a clause boundary, never mid-word. */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const clause = Math.max(
    cut.lastIndexOf(', '),
    cut.lastIndexOf(' – '),
    cut.lastIndexOf(' - '),
    cut.lastIndexOf('; '),
  );
  const at = clause > max * 0.5 ? clause : cut.lastIndexOf(' ');
  return `${cut.slice(0, at > 0 ? at : cut.length).replace(/[\s,;:–-]+$/, '')}…`;
}
