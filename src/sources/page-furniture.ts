/**
 * Page furniture: the parts of a news page around the story that the markup still names — photo
 * captions and credits, bylines, datelines and timestamps, promos, newsletter and share boxes,
 * related-story teasers and comment sections. They are set aside on the DOM before Readability picks
 * the story, so that neither Readability nor the core ever reads them as story text; what a briefing
 * can use (the byline) is kept as a field.
 */
import type { Doc, El } from './page-meta.js';
import { clean } from './page-meta.js';

/** Class/id words that name a caption or credit. */
const CAPTION_WORDS = new Set([
  'caption',
  'captions',
  'cutline',
  'credit',
  'credits',
  'figcaption',
  'slideshow',
  'gallery',
  'carousel',
]);
/** Class/id words that name who wrote it or when. */
const BYLINE_WORDS = new Set(['byline', 'bylines', 'author', 'authors', 'contributor', 'contributors']);
const TIME_WORDS = new Set(['dateline', 'timestamp', 'pubdate', 'published', 'updated', 'date', 'time']);
/** Class/id words that name a block around the story: promos, sharing, teasers, comments. */
const PROMO_WORDS = new Set([
  'promo',
  'promos',
  'newsletter',
  'newsletters',
  'subscribe',
  'subscription',
  'signup',
  'share',
  'sharing',
  'shares',
  'social',
  'related',
  'recirc',
  'recirculation',
  'recommended',
  'outbrain',
  'taboola',
  'comment',
  'comments',
  'disqus',
  'breadcrumb',
  'breadcrumbs',
  'trending',
  'popular',
]);
/** "no-caption", "has-byline", "with-share" say what an element lacks or holds, not what it is. */
const NOT_ITSELF = new Set(['no', 'has', 'with', 'without', 'hide', 'hidden', 'show']);

type Kind = 'caption' | 'byline' | 'time' | 'promo';

/** What a class or id names, word by word ("c-byline__time" → byline; "articleByline" → byline). */
function furnitureKind(el: El): Kind | null {
  const names = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`.trim();
  if (!names) return null;
  let kind: Kind | null = null;
  for (const name of names.split(/\s+/)) {
    const words = name
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      .toLowerCase()
      .split(/[^a-z]+/);
    for (const [i, word] of words.entries()) {
      if (NOT_ITSELF.has(words[i - 1] ?? '')) continue;
      // "most-read" and "read-more" boxes are teasers too.
      if ((word === 'most' && words[i + 1] === 'read') || (word === 'read' && words[i + 1] === 'more'))
        return 'promo';
      if (PROMO_WORDS.has(word)) return 'promo';
      if (CAPTION_WORDS.has(word)) kind = 'caption';
      else if (kind === null && BYLINE_WORDS.has(word)) kind = 'byline';
      else if (kind === null && TIME_WORDS.has(word)) kind = 'time';
    }
  }
  return kind;
}

/** The descriptions (alt texts of five words or more) of a page's images. */
export function imageAlts(root: El): string[] {
  return [...root.querySelectorAll('img[alt]')]
    .map((img) => clean(img.getAttribute('alt')))
    .filter((alt): alt is string => alt !== null && words(alt) >= 5);
}

const words = (text: string | null | undefined) => (text ?? '').split(/\s+/).filter(Boolean).length;

/** A paragraph of at least this many words is story-length; furniture rarely has one. */
const STORY_PARAGRAPH_WORDS = 20;
/** Captions, bylines and timestamps are short; a bigger element with such a name wraps more. */
const SHORT_FURNITURE_WORDS = 80;
/** An element holding this share of the page's story-length paragraphs wraps the story itself. */
const STORY_SHARE = 0.25;

function storyWords(root: El): number {
  let total = 0;
  for (const p of root.querySelectorAll('p')) {
    const n = words(p.textContent);
    if (n >= STORY_PARAGRAPH_WORDS) total += n;
  }
  return total;
}

/** A credit inside the text ("© Provided by …", "Photo: …") set in its own inline element. */
const INLINE_CREDIT = /^(?:©|\(c\)|copyright\b|photo(?:graph)?s?\s*:|image\s*:|credit\s*:|pictures?\s*:)/i;
const INLINE = 'span, small, em, i, cite, b, strong';
const NEVER_REMOVED = new Set(['HTML', 'BODY']);
const FIGURE_TEXT =
  'figcaption, figure, [itemprop="caption"], [itemprop="copyrightHolder"], [itemprop="creditText"]';

export interface SetAside {
  /** The first byline the page shows, without its "By". */
  byline: string | null;
  /** How many elements were set aside, by kind (for tests and the docs' numbers). */
  removed: Record<Kind | 'credit', number>;
}

/**
 * Remove the page's furniture from `document` in place. An element whose class or id names furniture
 * is removed unless it holds a quarter or more of the page's story-length paragraphs (a wrapper such
 * as `<div class="article-share-wrapper">` around the story); one named as a caption, byline or time
 * must also be short.
 */
export function setAsideFurniture(document: Doc, imageDescriptions: readonly string[] = []): SetAside {
  const removed: SetAside['removed'] = { caption: 0, byline: 0, time: 0, promo: 0, credit: 0 };
  let byline: string | null = null;
  const body = document.body ?? document.documentElement;
  if (!body) return { byline, removed };
  const pageStory = storyWords(body);
  // A figure's words are its caption, credit or a pull quote repeating the story, whatever the markup;
  // microdata names captions and credits too.
  for (const el of [...body.querySelectorAll(FIGURE_TEXT)]) {
    if (!el.parentNode || (el.tagName === 'FIGURE' && words(el.textContent) > SHORT_FURNITURE_WORDS))
      continue;
    el.remove();
    removed.caption++;
  }
  for (const el of [...body.querySelectorAll('[class], [id]')]) {
    if (NEVER_REMOVED.has(el.tagName) || !el.parentNode) continue;
    const kind = furnitureKind(el);
    if (kind === null) continue;
    const size = words(el.textContent);
    if (kind !== 'promo' && size > SHORT_FURNITURE_WORDS) continue;
    if (pageStory > 0 && storyWords(el) >= STORY_SHARE * pageStory) continue;
    if (kind === 'byline' && byline === null && size > 0 && size <= 12)
      byline = clean(el.textContent?.replace(/^\s*by\s+/i, ''));
    el.remove();
    removed[kind]++;
  }
  for (const el of [...body.querySelectorAll(INLINE)]) {
    const t = clean(el.textContent);
    if (t && words(t) <= 12 && INLINE_CREDIT.test(t) && el.parentNode) {
      el.remove();
      removed.credit++;
    }
  }
  // A block repeating an image's description is that image's caption (slideshows, galleries).
  const alts = [...imageDescriptions, ...imageAlts(body)];
  if (alts.length > 0) {
    for (const el of [...body.querySelectorAll('p, h1, h2, h3, h4, h5, h6, li, div')]) {
      const t = clean(el.textContent);
      if (t && el.parentNode && alts.some((alt) => t === alt || t.startsWith(alt))) {
        el.remove();
        removed.caption++;
      }
    }
  }
  return { byline, removed };
}

const MONTH = String.raw`(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;
const DATE_PART = new RegExp(
  String.raw`\b(?:${MONTH}\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?|\d{1,2}\s+${MONTH}(?:,?\s+\d{4})?|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2}(?:T[\d:.]+Z?)?|\d{1,2}(?::\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)|\d{1,2}:\d{2}(?::\d{2})?)`,
  'gi',
);
/** Words that go with a timestamp ("Updated on … at …", "First published …", "6:22 PM EST"). */
const TIME_FILLER =
  /\b(?:updated|published|posted|first|last|modified|on|at|by|the|et|est|edt|pt|pst|pdt|ct|cst|cdt|gmt|bst|utc|cet|aest|today|yesterday|mon|tue|wed|thu|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday|\d{4})\b\.?/gi;

/**
 * A line that is a timestamp, possibly with a dateline or a byline ("December 6, 2016 — 6:22 PM EST",
 * "Updated on September 19 at 3:15 p.m.", "CNNMoney (New York) First published February 1, 2016").
 */
export function isTimestampLine(line: string): boolean {
  if (words(line) > 20) return false;
  const dates = line.match(DATE_PART);
  if (!dates) return false;
  const rest = line
    .replace(DATE_PART, ' ')
    .replace(TIME_FILLER, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  // What is left may be a dateline or a name ("TMZ STAFF", "CNNMoney (New York)"), never a clause:
  // "It happened on May 5." keeps a lowercase word.
  return words(rest) <= 4 && !/(?:^|\s)\p{Ll}/u.test(rest);
}

/**
 * A roster: a line listing names and nothing else ("North Carolina: Don Davis, Francis X. De Luca,
 * …"), at least four comma-separated items that are each one to five capitalised words.
 */
export function isRosterLine(line: string): boolean {
  if (/[.!?]["”’]?$/.test(line) && !/\b[A-Z]\.$/.test(line)) return false;
  const items = line
    .replace(/^[^:]{1,40}:\s*/, '')
    .split(/\s*[,;]\s*|\s+and\s+/)
    .filter(Boolean);
  if (items.length < 4) return false;
  const named = items.filter((item) => /^(?:[A-Z][\p{L}'’.-]*\.?\s*){1,5}$/u.test(item.trim()));
  return named.length >= 0.8 * items.length;
}

/** An image's file name left as text ("… seized cash and cards.jpg"). */
export const isFileNameLine = (line: string): boolean => /\.(?:jpe?g|png|gif|webp|tiff?|svg)$/i.test(line);

/** A short line pointing at an address: a print footer ("This page was printed from: https://…"). */
export const isAddressLine = (line: string): boolean =>
  words(line) <= 20 && /(?:https?:\/\/|\bwww\.)\S+/i.test(line);

/** A dateline opening the story: "WASHINGTON (Reuters) — ", "BEIRUT, Lebanon — ", "LONDON — ". */
const DATELINE =
  /^((?:[A-Z][A-Z.'’-]+)(?:[ ,]+[A-Z][\p{L}.'’-]*){0,4}(?:\s*\([\p{L} .&]+\))?)\s*(?:[—–]|--?)\s+(?=\S)/u;

/** A date opening the story the same way: "Feb. 23, 2015 -- ". */
const DATE_DATELINE = new RegExp(String.raw`^(${MONTH}\s+\d{1,2},?\s+\d{4})\s*(?:[—–]|--?)\s+(?=\S)`, 'i');

export function splitDateline(paragraph: string): { dateline: string | null; rest: string } {
  const match = DATELINE.exec(paragraph) ?? DATE_DATELINE.exec(paragraph);
  if (!match?.[1] || words(match[1]) > 6) return { dateline: null, rest: paragraph };
  return { dateline: match[1].trim(), rest: paragraph.slice(match[0].length) };
}

/** Is this block a link and nothing else: a teaser for another story, not a paragraph of this one. */
export function isLinkOnly(el: El): boolean {
  // A heading that links is a section's or a product's name; the core judges headings itself.
  if (/^H\d$/.test(el.tagName)) return false;
  const links = el.querySelectorAll('a');
  if (links.length !== 1) return false;
  const own = clean(el.textContent);
  return own !== null && own === clean(links[0]?.textContent) && words(own) >= 3 && words(own) <= 30;
}

/**
 * A byline as a name: without "By"/"by:", without a date and time run into it ("By Nathan Willis
 * March 25, 2015"), null when it was only a timestamp.
 */
export function tidyByline(byline: string | null): string | null {
  if (byline === null) return null;
  const name = byline
    .replace(/^\s*by\s*:?\s+/i, '')
    .replace(new RegExp(`\\s*(?:${DATE_PART.source}|\\b\\d{1,2}\\s+${MONTH}).*$`, 'i'), '')
    .replace(/^[\s,;|–—-]+|[\s,;|–—-]+$/g, '');
  return clean(name);
}

/** A list item that says something (six words or more, no final stop); the core needs the stop. */
export function listItemSentence(el: El, line: string): string {
  if (el.tagName !== 'LI' || /[.!?:;…。！？]["”’)]?$/.test(line)) return line;
  return words(line) >= 6 && /^[\p{Lu}\p{N}"“‘']/u.test(line) ? `${line}.` : line;
}

/** An author's note is one of the story's last few paragraphs (short lines such as a print note aside). */
const BIO_PARAGRAPHS = 3;
const PARAGRAPH_WORDS = 12;

/**
 * The author's notes at the end of a story ("Steven Mufson covers the White House.", "Ben Silverman is
 * on Twitter at …"): one of the last paragraphs, opening with a byline name and a lowercase word.
 * Returns the indexes of such lines.
 */
export function authorNotes(lines: readonly string[], byline: string | null): Set<number> {
  const notes = new Set<number>();
  if (byline === null) return notes;
  const names = byline.split(/\s*(?:,|\band\b|&)\s*/).filter((name) => words(name) >= 2);
  let paragraphs = 0;
  for (let i = lines.length - 1; i >= 0 && paragraphs < BIO_PARAGRAPHS; i--) {
    const line = lines[i] as string;
    if (names.some((name) => line.startsWith(`${name} `) && /^\p{Ll}/u.test(line.slice(name.length + 1))))
      notes.add(i);
    if (words(line) >= PARAGRAPH_WORDS) paragraphs++;
  }
  return notes;
}

/**
 * A wire service's credit line ("Reporting by Jane Doe; Editing by John Smith", "(Additional
 * reporting by …)"): names of the staff, not of the story's people.
 */
export const isCreditLine = (line: string): boolean =>
  words(line) <= 40 &&
  /^[([]?\s*(?:additional\s+)?(?:reporting|editing|writing|compiled|produced|research|graphics?|photos?|video)\s+by\b/i.test(
    line,
  );
