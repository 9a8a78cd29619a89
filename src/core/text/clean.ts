/**
 * Turning raw article text into story paragraphs: photo captions and credits, sub-headings, bylines
 * and publishing boilerplate are recognised and set aside (kept, so nothing is silently lost), and
 * quotation marks are normalised.
 */
import { normalizeQuoteMarks } from './quote-marks.js';

export interface SetAsideLine {
  text: string;
  kind: 'caption' | 'heading' | 'byline' | 'boilerplate';
}

export interface CleanText {
  /** A headline found at the top of the text, when the source gave none. */
  title: string | null;
  paragraphs: string[];
  setAside: SetAsideLine[];
}

const CREDIT_WORD = String.raw`(?:pic(?:ture)?s?|photo(?:graph)?s?|image|credit|file\s+pic|file\s+photo|video)`;
/** "Picture:", "File pic: AP", "Photo: Getty Images" as a whole line. */
const CAPTION_LINE = new RegExp(String.raw`^${CREDIT_WORD}\s*:?(?:\s*[\w .,&/'’-]{0,60})?$`, 'i');
/** A caption whose last words credit an agency: "... in Alaska. Pic: Reuters". */
const CREDIT_AT_END = new RegExp(
  String.raw`(?:^|[.!?)\s])(?:${CREDIT_WORD})\s*:\s*[A-Z][\w .&/'’-]{0,50}$`,
  'i',
);
const PHOTOGRAPH_CREDIT =
  /(?:Photograph|Photo|Picture|Image)s?\s*:\s*[A-Z][\w .&/'’-]{0,60}\/[\w .&'’-]{1,40}$/;
const BYLINE =
  /^(?:by|from|words by|reporting by|written by)\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4}(?:\s*(?:,|and|&)\s*.*)?$/i;
const BOILERPLATE = [
  /^(?:published|updated|last updated|posted|first published)\s*:?\s*\d/i,
  /^(?:published|updated|last updated)\s*:/i,
  /^(?:share|share this|share this article|click to share|advertisement|advert|sponsored|related|related articles?|read more|read next|most read|see also|more on this story|follow us|follow @\w+|sign up\b.*|subscribe\b.*|scroll down for video|comments?\s*\(\d+\)|image \d+ of \d+)\s*:?.*$/i,
  /^(?:copyright|©)\s/i,
  /^all rights reserved/i,
];
/** Ends a sentence or clause, in Latin script or in full-width Chinese and Japanese punctuation. */
const FINAL_PUNCTUATION = /[.!?:;”’"…)。！？；：）」』]$/;

function lineKind(line: string, index: number): SetAsideLine['kind'] | null {
  if (CAPTION_LINE.test(line) || CREDIT_AT_END.test(line) || PHOTOGRAPH_CREDIT.test(line)) return 'caption';
  if (line.length < 80 && BYLINE.test(line) && !FINAL_PUNCTUATION.test(line)) return 'byline';
  if (BOILERPLATE.some((pattern) => pattern.test(line))) return 'boilerplate';
  if (index > 0 && isHeadingLike(line)) return 'heading';
  return null;
}

/** A short line without final punctuation inside the body: a sub-heading, not story text. */
function isHeadingLike(line: string): boolean {
  if (FINAL_PUNCTUATION.test(line)) return false;
  const words = line.split(/\s+/).length;
  return words <= 14 && line.length <= 100;
}

/** Inline captions and credits in flattened feed text ("... on Sunday. Pic: AP Next sentence"). */
function stripInlineCredits(text: string): string {
  return text.replace(
    /\s*\b(?:Pic(?:ture)?|Photo|Image)\s*:\s*(?:AP|Reuters|AFP|Getty(?: Images)?|PA|EPA|Alamy|Shutterstock)\b\.?/g,
    '',
  );
}

export function cleanText(raw: string, knownTitle: string | null): CleanText {
  const normalized = normalizeQuoteMarks(
    raw
      .replace(/\r\n?/g, '\n')
      .replace(/\u00a0/g, ' ')
      .replace(/\u200b/g, ''),
  );
  const lines = normalized
    .split('\n')
    .map((line) => line.replace(/[ \t\f\v]+/g, ' ').trim())
    .filter((line) => line.length > 0);
  const setAside: SetAsideLine[] = [];
  const paragraphs: string[] = [];
  let title = knownTitle;
  for (const [index, line] of lines.entries()) {
    if (
      index === 0 &&
      title === null &&
      lines.length > 1 &&
      isHeadingLike(line) &&
      line.split(' ').length >= 3
    ) {
      title = line;
      continue;
    }
    if (index === 0 && knownTitle !== null && line === knownTitle) continue;
    const kind = lineKind(line, paragraphs.length);
    if (kind) {
      setAside.push({ text: line, kind });
      continue;
    }
    paragraphs.push(stripInlineCredits(line));
  }
  return { title, paragraphs, setAside };
}
