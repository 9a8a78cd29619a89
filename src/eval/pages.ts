/**
 * The pages row of `npm run eval`: real saved news pages (`pages/NAME/source.html`) read by the
 * project's page reader, scored against Readability's `expected.html` and `expected-metadata.json`.
 * The rules (title comparison, tokens, what counts as furniture, what a story sentence is) are written
 * down in docs/PAGES.md; this file is their one implementation.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { cleanText } from '../core/text/clean.js';
import type { Article, Briefing } from '../core/types.js';

/** The base URL Readability's own test suite reads these pages with; the metadata gives none. */
type Doc = ReturnType<typeof parseHTML>['document'];
type Element = ReturnType<Doc['querySelectorAll']>[number];

export const PLACEHOLDER_PAGE_URL = 'http://fakehost/test/page.html';

export interface PageMetadata {
  title: string | null;
  byline: string | null;
  siteName: string | null;
  url?: string | null;
}

export interface PageCase {
  name: string;
  source: string;
  expected: string;
  metadata: PageMetadata;
}

export interface PageScore {
  name: string;
  title: string | null;
  expectedTitle: string | null;
  titleRight: boolean;
  /** Token recall and precision of the cleaned text against expected.html without its figcaptions. */
  recall: number;
  precision: number;
  /** Furniture texts (see docs/PAGES.md) found in the cleaned text. */
  furniture: string[];
  summary: string | null;
  summaryIsStory: boolean;
  keyPoints: number;
  keyPointsNotStory: string[];
  /** People the briefing names who are not in the story text, or who are the page's byline. */
  peopleNotStory: string[];
  /** What page reading set aside as fields (shown so they can be read). */
  byline: string | null;
  readMs: number;
}

export interface PagesResult {
  pages: number;
  titlesRight: number;
  recallMedian: number;
  recallP10: number;
  precisionMedian: number;
  furnitureFreePages: number;
  furnitureTotal: number;
  summariesStory: number;
  keyPoints: number;
  keyPointsNotStory: number;
  peopleNotStory: number;
  readMedianMs: number;
  perPage: PageScore[];
}

export type ReadPage = (html: string, url: string) => Article;
export type Condense = (article: Article) => Briefing;

export function loadPages(pagesDir: string): PageCase[] {
  if (!existsSync(pagesDir)) return [];
  return readdirSync(pagesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(pagesDir, entry.name, 'source.html')))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const file = (leaf: string) => readFileSync(path.join(pagesDir, name, leaf), 'utf8');
      return {
        name,
        source: file('source.html'),
        expected: file('expected.html'),
        metadata: JSON.parse(file('expected-metadata.json')) as PageMetadata,
      };
    });
}

/** Separators sites put between a headline and their name: | - – — : · • / » ~ and brackets. */
const SEPARATOR = String.raw`\s*(?:[|\-–—:·•/»~]|::)\s*`;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A title as the score compares it: whitespace collapsed, the site's name and its separator gone. */
export function comparableTitle(title: string | null, siteName: string | null): string {
  let t = (title ?? '').replace(/\s+/g, ' ').trim();
  const site = siteName?.replace(/\s+/g, ' ').trim();
  if (site) {
    const name = escapeRegExp(site);
    t = t
      .replace(new RegExp(`${SEPARATOR}${name}\\s*$`, 'i'), '')
      .replace(new RegExp(`^${name}${SEPARATOR}`, 'i'), '')
      .replace(new RegExp(`\\s*\\[${name}\\]\\s*$`, 'i'), '')
      .trim();
  }
  return t;
}

/** Block tags get a space before them so that the text of adjacent blocks does not run together. */
function spacedHtml(html: string): string {
  return html.replace(
    /<(\/?)(p|div|li|ul|ol|h[1-6]|br|td|th|tr|table|section|article|figure|figcaption|blockquote|pre|dd|dt|header|footer|aside)\b/gi,
    ' <$1$2',
  );
}

/**
 * Word tokens: lowercase runs of letters and digits in any script; a Han or kana character is a
 * token by itself, as those scripts do not put spaces between words.
 */
export function pageTokens(text: string): string[] {
  return (
    text
      .toLowerCase()
      .replace(/([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}])/gu, ' $1 ')
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/** The words a class or id names: split on punctuation and camelCase ("articleByline" → article byline). */
const FURNITURE_NAME =
  /^(?:caption|captions|credit|credits|byline|bylines|promo|promos|newsletter|share|sharing|shares|related)$/;
/** "no_caption", "has-caption", "with-caption" say what an element lacks or holds, not what it is. */
const NOT_ITSELF = /^(?:no|has|with|without|hide|hidden)$/;

function namesFurniture(el: Element): boolean {
  const names = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`.split(/\s+/);
  return names.some((name) => {
    const words = name
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      .toLowerCase()
      .split(/[^a-z]+/);
    return words.some((word, i) => FURNITURE_NAME.test(word) && !NOT_ITSELF.test(words[i - 1] ?? ''));
  });
}

/** Longest furniture element (in tokens) taken whole; a bigger one is a container, read block by block. */
const WHOLE_FURNITURE_TOKENS = 60;
const MIN_FURNITURE_TOKENS = 3;
/** Shorter furniture can be words of the story too ("the Apple Vision Pro"); it counts only outside it. */
const SURE_FURNITURE_TOKENS = 5;
const LEAF_BLOCKS = 'p, li, h1, h2, h3, h4, h5, h6, a, figcaption, blockquote, dd, dt';

export interface FurnitureText {
  /** The tokens, space-separated. */
  text: string;
  /**
   * A whole furniture element of at least SURE_FURNITURE_TOKENS tokens: furniture even where Readability
   * kept it in expected.html (which drops class names). A block of a container, or a shorter text,
   * counts only when the story text does not hold it.
   */
  sure: boolean;
}

/** The furniture texts of a page: figcaptions and elements whose class or id names a furniture block. */
export function furnitureTexts(html: string): FurnitureText[] {
  const { document } = parseHTML(spacedHtml(html));
  for (const el of document.querySelectorAll('script, style, noscript, template')) el.remove();
  const out = new Map<string, boolean>();
  const add = (text: string | null, whole: boolean) => {
    const tokens = pageTokens(text ?? '');
    if (tokens.length < MIN_FURNITURE_TOKENS) return;
    const key = tokens.join(' ');
    out.set(key, (out.get(key) ?? false) || (whole && tokens.length >= SURE_FURNITURE_TOKENS));
  };
  for (const el of document.querySelectorAll('*')) {
    if (el.tagName !== 'FIGCAPTION' && !namesFurniture(el)) continue;
    const text = el.textContent ?? '';
    if (pageTokens(text).length <= WHOLE_FURNITURE_TOKENS) {
      add(text, true);
      continue;
    }
    for (const leaf of el.querySelectorAll(LEAF_BLOCKS))
      if (!leaf.querySelector(LEAF_BLOCKS)) add(leaf.textContent, false);
  }
  return [...out].map(([text, sure]) => ({ text, sure }));
}

/** expected.html's text without its figcaptions (the recall reference), and without any furniture. */
export function expectedTexts(html: string): { withoutCaptions: string; story: string } {
  const { document } = parseHTML(`<!doctype html><html><body>${spacedHtml(html)}</body></html>`);
  for (const el of document.querySelectorAll('figcaption')) el.remove();
  const withoutCaptions = document.documentElement?.textContent ?? '';
  for (const el of [...document.querySelectorAll('*')]) if (namesFurniture(el)) el.remove();
  return { withoutCaptions, story: document.documentElement?.textContent ?? '' };
}

function counts(tokens: readonly string[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const t of tokens) map.set(t, (map.get(t) ?? 0) + 1);
  return map;
}

function overlap(a: Map<string, number>, b: Map<string, number>): number {
  let shared = 0;
  for (const [token, n] of a) shared += Math.min(n, b.get(token) ?? 0);
  return shared;
}

/** " a b c " so that a token sequence can be looked for with includes(). */
const sequence = (tokens: readonly string[]) => ` ${tokens.join(' ')} `;

/**
 * Is a summary or key point a story sentence: its words, in order, are in the story text. A point
 * the core shortened ("…") loses its last, possibly cut, word first.
 */
export function isStorySentence(text: string, story: string, furniture: readonly string[] = []): boolean {
  let tokens = pageTokens(text.replace(/(?:…|\.\.\.)\s*$/, ''));
  if (/(?:…|\.\.\.)\s*$/.test(text)) tokens = tokens.slice(0, -1);
  if (tokens.length === 0) return false;
  const words = sequence(tokens);
  return story.includes(words) && !furniture.some((piece) => ` ${piece} `.includes(words));
}

export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return (sorted[low] as number) + ((sorted[high] as number) - (sorted[low] as number)) * (position - low);
}

export function scorePage(page: PageCase, read: ReadPage, condense: Condense): PageScore {
  const url = page.metadata.url ?? PLACEHOLDER_PAGE_URL;
  const started = performance.now();
  const article = read(page.source, url);
  const readMs = performance.now() - started;
  // The text the core reads: the same cleaning condense applies first.
  const cleaned = cleanText(article.text, article.title).paragraphs.join('\n');
  const cleanedTokens = pageTokens(cleaned);
  const expected = expectedTexts(page.expected);
  const expectedCounts = counts(pageTokens(expected.withoutCaptions));
  const cleanedCounts = counts(cleanedTokens);
  const shared = overlap(expectedCounts, cleanedCounts);
  const story = sequence(pageTokens(expected.story));
  const text = sequence(cleanedTokens);

  const pieces = [...furnitureTexts(page.source), ...furnitureTexts(page.expected)];
  const sure = [...new Set(pieces.filter((piece) => piece.sure).map((piece) => piece.text))];
  const found = [
    ...new Set(
      pieces
        .filter(
          (piece) => (piece.sure || !story.includes(` ${piece.text} `)) && text.includes(` ${piece.text} `),
        )
        .map((piece) => piece.text),
    ),
  ];
  // A caption and the credit inside it are one piece of furniture.
  const furniture = found.filter((piece) => !found.some((other) => other !== piece && other.includes(piece)));

  const briefing = condense(article);
  const keyPointsNotStory = briefing.keyPoints
    .map((p) => p.text)
    .filter((t) => !isStorySentence(t, story, sure));
  const bylineTokens = sequence(pageTokens(page.metadata.byline ?? ''));
  const peopleNotStory = briefing.people
    .map((p) => p.name)
    .filter((name) => {
      const tokens = sequence(pageTokens(name));
      return !story.includes(tokens) || bylineTokens.includes(tokens);
    });
  return {
    name: page.name,
    title: article.title,
    expectedTitle: page.metadata.title,
    titleRight:
      comparableTitle(article.title, page.metadata.siteName) ===
      comparableTitle(page.metadata.title, page.metadata.siteName),
    recall: expectedCounts.size === 0 ? 1 : shared / pageTokens(expected.withoutCaptions).length,
    precision: cleanedTokens.length === 0 ? 0 : shared / cleanedTokens.length,
    furniture,
    summary: briefing.summary,
    summaryIsStory: briefing.summary !== null && isStorySentence(briefing.summary, story, sure),
    keyPoints: briefing.keyPoints.length,
    keyPointsNotStory,
    peopleNotStory,
    byline: article.byline,
    readMs,
  };
}

export function evaluatePages(
  pages: readonly PageCase[],
  read: ReadPage,
  condense: Condense,
  onProgress?: (done: number, total: number) => void,
): PagesResult {
  const perPage: PageScore[] = [];
  for (const page of pages) {
    perPage.push(scorePage(page, read, condense));
    onProgress?.(perPage.length, pages.length);
  }
  const sum = (f: (s: PageScore) => number) => perPage.reduce((total, s) => total + f(s), 0);
  return {
    pages: perPage.length,
    titlesRight: sum((s) => (s.titleRight ? 1 : 0)),
    recallMedian: quantile(
      perPage.map((s) => s.recall),
      0.5,
    ),
    recallP10: quantile(
      perPage.map((s) => s.recall),
      0.1,
    ),
    precisionMedian: quantile(
      perPage.map((s) => s.precision),
      0.5,
    ),
    furnitureFreePages: sum((s) => (s.furniture.length === 0 ? 1 : 0)),
    furnitureTotal: sum((s) => s.furniture.length),
    summariesStory: sum((s) => (s.summaryIsStory ? 1 : 0)),
    keyPoints: sum((s) => s.keyPoints),
    keyPointsNotStory: sum((s) => s.keyPointsNotStory.length),
    peopleNotStory: sum((s) => s.peopleNotStory.length),
    readMedianMs: quantile(
      perPage.map((s) => s.readMs),
      0.5,
    ),
    perPage,
  };
}
