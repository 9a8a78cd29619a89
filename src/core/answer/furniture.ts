/**
 * Lines of a news page that are not the story and never answer a question: credit lines ("CNN's Jack
 * Hannah contributed to this story."), sharing and navigation furniture ("E-mail to a friend", "Scroll
 * down for video"), and photo captions ("Stephen Hawking in Pasadena, California, in March.").
 * Cleaning sets most of them aside before they are stored; these rules catch what reaches the store.
 */
import { COMMON_WORDS, FUNCTION_WORDS } from '../extract/lexicon/index.js';
import { tokens } from './names.js';
import { STOPWORDS } from './terms.js';

/** A reporter credited for the story rather than a fact of it. */
const CREDIT =
  /\b(?:contributed|contributing)\s+(?:to\s+)?(?:this\s+)?(?:report|story|article|reporting)\b|^(?:additional\s+)?(?:reporting|writing|editing|research)\s+by\b/iu;
/** A byline left in the text: "By Jane Doe, CNN". */
const BYLINE =
  /^(?:By|From)\s+\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+)*,?\s+(?:CNN|AP|AFP|Reuters|Associated Press)\b/u;

/** Sharing, navigation and promotion lines (alone: a caption run into a sentence keeps the sentence). */
const FURNITURE =
  /^(?:e-?mail\s+to\s+a\s+friend|share\s+(?:this|on)|click\s+here|scroll\s+down|read\s+more|watch\s+(?:the\s+)?video|follow\s+(?:us|\p{Lu}\S*\s+on\s+twitter)|related:|see\s+also|advertisement|copyright|all\s+rights\s+reserved)\b/iu;

/** Finite verbs a sentence has and a caption ("X in Y, in March.") lacks. */
const FINITE =
  /\b(?:is|are|was|were|be|been|has|have|had|will|would|can|could|shall|should|may|might|must|do|does|did|says?|said|told|tells|gets?|got|makes?|made|goes|went|comes?|came|takes?|took|gives?|gave|sees?|saw|wants?|knows?|knew|thinks?|thought|finds?|found|leaves?|left|keeps?|kept|puts?|runs?|ran|wins?|won|loses?|lost|holds?|held|meets?|met|pays?|paid|sits?|sat|stands?|stood)\b|\b\p{Ll}{2,}(?:ed|es)\b/u;

/**
 * A caption names its subject and places it, with no verb: "Stephen Hawking in Pasadena, California, in
 * March.", "Barack Obama (left) at the White House".
 */
const CAPTION =
  /^((?:\p{Lu}[\p{L}.-]*\s+){1,4})(?:\((?:left|right|centre|center|pictured)\)\s+)?(?:in|at|during|outside|on|with|pictured)\b/u;

function isCaption(text: string): boolean {
  const words = text.split(/\s+/).filter((w) => w.length > 0);
  if (words.length > 14 || /[?!"“”]/u.test(text)) return false;
  const m = CAPTION.exec(text);
  // The subject is a name, not a sentence-opening word ("But in ...", "Look at ...", "Turmoil on ...").
  const subject = tokens(m?.[1] ?? '');
  if (
    !m ||
    subject.some((w) => STOPWORDS.has(w) || FUNCTION_WORDS.has(w)) ||
    COMMON_WORDS.has(subject[0] ?? '')
  )
    return false;
  return !FINITE.test(text);
}

const MAX_FURNITURE_WORDS = 10;

export function isFurniture(text: string): boolean {
  const t = text.trim();
  if (CREDIT.test(t) || BYLINE.test(t) || isCaption(t)) return true;
  return FURNITURE.test(t) && t.split(/\s+/).length <= MAX_FURNITURE_WORDS;
}
