/**
 * Main-text extraction from an HTML page: @mozilla/readability over linkedom picks the story, then
 * the furniture in its pick (captions, credits, bylines, timestamps, promos, share boxes, teasers,
 * author notes; page-furniture.ts) is set aside, and the page's metadata gives the headline
 * (page-meta.ts), byline, publication time and canonical URL. Paragraph structure is kept: one block
 * (paragraph, heading, list item) per line. What is set aside and a briefing can use becomes a field.
 * Method and numbers: docs/PAGES.md.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { Article } from '../core/types.js';
import { shortUrl } from './fetch.js';
import { assertParseableNesting, flattenDeepNesting } from './nesting.js';
import {
  authorNotes,
  imageAlts,
  isAddressLine,
  isCreditLine,
  isFileNameLine,
  isLinkOnly,
  isRosterLine,
  isTimestampLine,
  listItemSentence,
  setAsideFurniture,
  splitDateline,
  tidyByline,
} from './page-furniture.js';
import { clean, type Doc, type El, jsonLd, ldArticle, ldName, metaContent, pageTitle } from './page-meta.js';
import { sameSite } from './same-site.js';

const BLOCKS = 'p, h1, h2, h3, h4, h5, h6, li, pre, blockquote, dd, dt';
const SENTENCE_END = /[.!?…。！？]["”’)]*$/;

/** The text of block elements, one per line; blocks holding other blocks give way to them. */
export function blockText(root: Doc | El): string {
  return blockLines(root).join('\n\n');
}

function blockLines(root: Doc | El, story = false): string[] {
  const lines: string[] = [];
  // Headings before the story's first paragraph are the headline or a kicker, not story text; one
  // that ends like a sentence is a dek or a lead set large, and stays.
  const lead: string[] = [];
  let blocks = 0;
  for (const el of root.querySelectorAll(BLOCKS)) {
    if (el.querySelector(BLOCKS)) continue;
    const t = clean(el.textContent);
    if (!t) continue;
    blocks++;
    if (!story) lines.push(t);
    else if (lines.length === 0 && /^H\d$/.test(el.tagName) && !SENTENCE_END.test(t)) lead.push(t);
    else if (isStoryLine(el, t)) lines.push(listItemSentence(el, t));
  }
  // Text outside any block (a bare fragment) is read whole; blocks that were all furniture give none.
  if (blocks > 0) return lines.length > 0 ? lines : lead;
  const whole = 'body' in root ? (root.body ?? root.documentElement) : root;
  return (whole?.textContent ?? '')
    .split(/\n\s*\n/)
    .map((p: string) => clean(p))
    .filter((p: string | null): p is string => p !== null);
}

function isoDate(s: string | null | undefined): string | null {
  const t = clean(s);
  if (!t) return null;
  const d = new Date(t);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

function httpUrl(href: string | null | undefined, base: string): string | null {
  if (!href) return null;
  try {
    const u = new URL(href.trim(), base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : null;
  } catch {
    return null;
  }
}

/**
 * A canonical link the page may give: its canonical URL becomes the article's key, so a fetched page
 * may only name a URL of its own site, or it could replace another site's article. A local file is
 * the operator's own and may name any.
 */
function ownUrl(href: string | null | undefined, pageUrl: string): string | null {
  const url = httpUrl(href, pageUrl);
  if (!url) return null;
  return pageUrl.startsWith('file:') || sameSite(url, pageUrl) ? url : null;
}

/**
 * A story line, not furniture: teaser links, timestamps, rosters and image file names are set aside
 * (the markup around them said nothing, but their shape does).
 */
function isStoryLine(el: El, line: string): boolean {
  return !(
    isLinkOnly(el) ||
    isTimestampLine(line) ||
    isRosterLine(line) ||
    isFileNameLine(line) ||
    isAddressLine(line) ||
    isCreditLine(line) ||
    // A slideshow's counter ("1 / 5", "2 of 12").
    /^\d+\s*(?:\/|of)\s*\d+$/.test(line)
  );
}

export interface ExtractedPage extends Article {
  /** The page's canonical URL (falls back to the fetched URL). */
  url: string | null;
}

/**
 * Readability's default: a candidate needs 500 characters to be taken as the article. With 100 it
 * took a page's footer on one of the dev pages (docs/PAGES.md).
 */
const CHAR_THRESHOLD = 500;

/** Comments, scripts and style sheets, in the order an HTML parser meets them. */
const INERT = /<!--[\s\S]*?-->|<script\b([^>]*)>[\s\S]*?<\/script\s*>|<style\b[^>]*>[\s\S]*?<\/style\s*>/gi;

/**
 * The page without what nobody reads: scripts (but JSON-LD, which is metadata), style sheets and
 * comments. Half of a news page's bytes are scripts; Readability would parse and then drop them.
 */
function withoutInert(html: string): string {
  return html.replace(INERT, (whole: string, scriptAttributes: string | undefined) =>
    scriptAttributes !== undefined && /ld\+json/i.test(scriptAttributes) ? whole : '',
  );
}

/** Extract an Article from an HTML page fetched from `pageUrl` (used to resolve relative links). */
export function extractHtml(html: string, pageUrl: string): ExtractedPage {
  assertParseableNesting(html, shortUrl(pageUrl));
  const { document } = parseHTML(withoutInert(html));
  flattenDeepNesting(document);
  const objects = jsonLd(document);
  const ld = ldArticle(objects);
  const canonical =
    ownUrl(document.querySelector('link[rel="canonical"]')?.getAttribute('href'), pageUrl) ??
    ownUrl(metaContent(document, 'meta[property="og:url"]'), pageUrl) ??
    httpUrl(pageUrl, pageUrl);
  const title = pageTitle(document, objects);
  const metaByline =
    metaContent(document, 'meta[name="author"]', 'meta[property="article:author"]') ??
    ldName(ld?.author ?? null);
  const publishedAt =
    isoDate(metaContent(document, 'meta[property="article:published_time"]')) ??
    isoDate(typeof ld?.datePublished === 'string' ? ld.datePublished : null) ??
    isoDate(metaContent(document, 'meta[name="date"]', 'meta[name="pubdate"]', 'meta[name="dc.date"]')) ??
    isoDate(document.querySelector('time[datetime]')?.getAttribute('datetime'));
  // Readability drops a slideshow's images but may keep its captions; their alt texts still tell them.
  const alts = document.body ? imageAlts(document.body) : [];
  let lines: string[] = [];
  let readByline: string | null = null;
  let furnitureByline: string | null = null;
  try {
    // Readability reads the page as it is (its choice of the story is measured on whole pages); the
    // class names it keeps say which parts of its pick are furniture.
    const parsed = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], {
      charThreshold: CHAR_THRESHOLD,
      keepClasses: true,
    }).parse();
    if (parsed?.content) {
      const content = parseHTML(`<!doctype html><html><body>${parsed.content}</body></html>`).document;
      furnitureByline = setAsideFurniture(content, alts).byline;
      lines = blockLines(content, true);
      readByline = clean(parsed.byline);
    }
  } catch {
    // Fall through to the whole body below.
  }
  if (lines.length === 0) {
    const body = parseHTML(html).document;
    flattenDeepNesting(body);
    for (const el of body.querySelectorAll('script, style, nav, header, footer, aside, noscript, form'))
      el.remove();
    furnitureByline = setAsideFurniture(body).byline;
    lines = blockLines(body, true);
  }
  const byline = tidyByline(metaByline ?? readByline ?? furnitureByline);
  const notes = authorNotes(lines, byline);
  lines = lines.filter((_, i) => !notes.has(i));
  // The dateline opens the story's first paragraph (a sentence, not a kicker or a counter before it).
  let dateline: string | null = null;
  const first = lines.findIndex((line) => SENTENCE_END.test(line));
  if (first >= 0) {
    const split = splitDateline(lines[first] as string);
    dateline = split.dateline;
    lines[first] = split.rest;
  }
  return {
    title,
    text: lines.join('\n\n'),
    url: canonical,
    byline,
    publishedAt,
    dateline,
  };
}

/** Plain text from an HTML fragment (a feed item's content). */
export function htmlToText(fragment: string): string {
  return blockText(parseHTML(`<!doctype html><html><body>${fragment}</body></html>`).document);
}
