/**
 * Main-text extraction from an HTML page: @mozilla/readability over a linkedom DOM, plus the page's
 * metadata (title, byline, publication date, canonical URL) from <meta>, <link rel=canonical>, <time>
 * and JSON-LD. Paragraph structure is kept: one block (paragraph, heading, list item) per line.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { Article } from '../core/types.js';

type Doc = ReturnType<typeof parseHTML>['document'];
type El = ReturnType<Doc['querySelectorAll']>[number];

const BLOCKS = 'p, h1, h2, h3, h4, h5, h6, li, pre, blockquote, dd, dt';

const clean = (s: string | null | undefined): string | null => {
  const t = (s ?? '').replace(/\s+/g, ' ').trim();
  return t.length > 0 ? t : null;
};

/** The text of block elements, one per line; blocks holding other blocks give way to them. */
export function blockText(root: Doc | El): string {
  const lines: string[] = [];
  for (const el of root.querySelectorAll(BLOCKS)) {
    if (el.querySelector(BLOCKS)) continue;
    const t = clean(el.textContent);
    if (t) lines.push(t);
  }
  if (lines.length > 0) return lines.join('\n\n');
  return (root.textContent ?? '')
    .split(/\n\s*\n/)
    .map((p: string) => clean(p))
    .filter((p: string | null): p is string => p !== null)
    .join('\n\n');
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

function jsonLd(document: Doc): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const s of document.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      const v = JSON.parse(s.textContent ?? '') as unknown;
      const list = Array.isArray(v) ? v : [v];
      for (const x of list) {
        if (x && typeof x === 'object') {
          out.push(x as Record<string, unknown>);
          const graph = (x as { '@graph'?: unknown })['@graph'];
          if (Array.isArray(graph))
            out.push(...(graph.filter((g) => g && typeof g === 'object') as Record<string, unknown>[]));
        }
      }
    } catch {
      // A broken JSON-LD block is ignored.
    }
  }
  return out;
}

function ldAuthor(v: unknown): string | null {
  if (typeof v === 'string') return clean(v);
  if (Array.isArray(v)) {
    const names = v.map(ldAuthor).filter((x): x is string => x !== null);
    return names.length ? names.join(', ') : null;
  }
  if (v && typeof v === 'object' && typeof (v as { name?: unknown }).name === 'string')
    return clean((v as { name: string }).name);
  return null;
}

export interface ExtractedPage extends Article {
  /** The page's canonical URL (falls back to the fetched URL). */
  url: string | null;
}

/** Extract an Article from an HTML page fetched from `pageUrl` (used to resolve relative links). */
export function extractHtml(html: string, pageUrl: string): ExtractedPage {
  const { document } = parseHTML(html);
  const meta = (selector: string) => clean(document.querySelector(selector)?.getAttribute('content'));
  const ld = jsonLd(document).find(
    (x) => typeof x.headline === 'string' || typeof x.datePublished === 'string',
  );
  const canonical =
    httpUrl(document.querySelector('link[rel="canonical"]')?.getAttribute('href'), pageUrl) ??
    httpUrl(meta('meta[property="og:url"]'), pageUrl) ??
    httpUrl(pageUrl, pageUrl);
  const metaTitle =
    meta('meta[property="og:title"]') ??
    meta('meta[name="twitter:title"]') ??
    (typeof ld?.headline === 'string' ? clean(ld.headline) : null);
  const metaByline =
    meta('meta[name="author"]') ?? meta('meta[property="article:author"]') ?? ldAuthor(ld?.author ?? null);
  const publishedAt =
    isoDate(meta('meta[property="article:published_time"]')) ??
    isoDate(typeof ld?.datePublished === 'string' ? ld.datePublished : null) ??
    isoDate(meta('meta[name="date"]')) ??
    isoDate(meta('meta[name="pubdate"]')) ??
    isoDate(meta('meta[name="dc.date"]')) ??
    isoDate(document.querySelector('time[datetime]')?.getAttribute('datetime'));
  const docTitle = clean(document.querySelector('title')?.textContent);
  const h1 = clean(document.querySelector('h1')?.textContent);

  let text = '';
  let byline: string | null = null;
  let readTitle: string | null = null;
  try {
    const parsed = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], {
      charThreshold: 100,
    }).parse();
    if (parsed?.content) {
      text = blockText(parseHTML(`<!doctype html><html><body>${parsed.content}</body></html>`).document);
      byline = clean(parsed.byline);
      readTitle = clean(parsed.title);
    }
  } catch {
    // Fall through to the whole body below.
  }
  if (!text) {
    const body = parseHTML(html).document;
    for (const el of body.querySelectorAll('script, style, nav, header, footer, aside, noscript, form'))
      el.remove();
    text = blockText(body);
  }
  return {
    title: metaTitle ?? h1 ?? readTitle ?? docTitle,
    text,
    url: canonical,
    byline: metaByline ?? byline,
    publishedAt,
  };
}

/** Plain text from an HTML fragment (a feed item's content). */
export function htmlToText(fragment: string): string {
  return blockText(parseHTML(`<!doctype html><html><body>${fragment}</body></html>`).document);
}
