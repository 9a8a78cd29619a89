/**
 * A page's own metadata: JSON-LD, <meta> tags, <title> and <h1>. The headline is chosen from them in a
 * measured order (docs/PAGES.md) and stripped of the site's furniture: the site's name with its
 * separator ("… | CNN Politics", "… - BBC News"), "(Published 2016)" and "Opinion | ".
 */
import type { parseHTML } from 'linkedom';

export type Doc = ReturnType<typeof parseHTML>['document'];
export type El = ReturnType<Doc['querySelectorAll']>[number];
type Json = Record<string, unknown>;

export const clean = (s: string | null | undefined): string | null => {
  const t = (s ?? '').replace(/\s+/g, ' ').trim();
  return t.length > 0 ? t : null;
};

/** Every JSON-LD object of the page, with the members of any `@graph` listed too. */
export function jsonLd(document: Doc): Json[] {
  const out: Json[] = [];
  const visit = (value: unknown) => {
    if (Array.isArray(value)) for (const item of value) visit(item);
    else if (value && typeof value === 'object') {
      out.push(value as Json);
      const graph = (value as { '@graph'?: unknown })['@graph'];
      if (graph) visit(graph);
    }
  };
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      // Some pages wrap the JSON in <![CDATA[ … ]]>, which JSON does not allow.
      visit(JSON.parse((script.textContent ?? '').replace(/^\s*<!\[CDATA\[|\]\]>\s*$/g, '')));
    } catch {
      // A broken JSON-LD block is ignored: the page's other metadata still counts.
    }
  }
  return out;
}

const text = (value: unknown): string | null => (typeof value === 'string' ? clean(value) : null);

/** A name from a JSON-LD person or organisation, or a list of them. */
export function ldName(value: unknown): string | null {
  if (typeof value === 'string') return clean(value);
  if (Array.isArray(value)) {
    const names = value.map(ldName).filter((x): x is string => x !== null);
    return names.length > 0 ? names.join(', ') : null;
  }
  if (value && typeof value === 'object') return text((value as { name?: unknown }).name);
  return null;
}

/** The JSON-LD object that describes the article: the first one with a headline or a publication date. */
export function ldArticle(objects: readonly Json[]): Json | undefined {
  return objects.find((x) => typeof x.headline === 'string' || typeof x.datePublished === 'string');
}

export function metaContent(document: Doc, ...selectors: string[]): string | null {
  for (const selector of selectors) {
    const value = clean(document.querySelector(selector)?.getAttribute('content'));
    if (value) return value;
  }
  return null;
}

/** Separators sites put between a headline and their name. */
const SEPARATOR = String.raw`\s+[|\-–—:·•/»~]\s+|\s*[|·•»~]\s*|\s+::\s+`;
const SEPARATOR_AT_END = new RegExp(`(?:${SEPARATOR})$`);
const SEPARATOR_AT_START = new RegExp(`^(?:${SEPARATOR})`);

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The site's names: what og:site_name, application-name and JSON-LD's publisher say, and what
 * <title> adds around og:title ("Headline - The New York Times" beside "Headline").
 */
function siteNames(document: Doc, objects: readonly Json[], headlines: readonly string[]): string[] {
  const names = [
    metaContent(document, 'meta[property="og:site_name"]'),
    metaContent(document, 'meta[name="application-name"]'),
    metaContent(document, 'meta[name="apple-mobile-web-app-title"]'),
    ...objects.map((x) => ldName(x.publisher)),
  ];
  const title = clean(document.querySelector('title')?.textContent);
  for (const headline of headlines) {
    if (!title || title === headline) continue;
    if (title.startsWith(headline)) {
      const rest = title.slice(headline.length);
      if (SEPARATOR_AT_START.test(rest)) names.push(clean(rest.replace(SEPARATOR_AT_START, '')));
    } else if (title.endsWith(headline)) {
      const rest = title.slice(0, title.length - headline.length);
      if (SEPARATOR_AT_END.test(rest)) names.push(clean(rest.replace(SEPARATOR_AT_END, '')));
    }
  }
  return [...new Set(names.filter((x): x is string => x !== null && x.length <= 60))];
}

/** A headline without the site's furniture around it. Never returns '' for a title that had words. */
export function stripSiteFurniture(title: string, sites: readonly string[]): string {
  let t = title;
  for (const site of sites) {
    const name = escapeRegExp(site);
    // "Headline | Site", "Headline - Site", "Site: Headline", "Headline [Site]".
    t = t
      .replace(new RegExp(`(?:${SEPARATOR})${name}$`, 'i'), '')
      // A section of the site after a pipe: "Headline | CNN Politics" where the site is "CNN".
      .replace(new RegExp(`\\s+\\|\\s+${name}\\s[\\p{L}&' ]{1,30}$`, 'iu'), '')
      .replace(new RegExp(`^${name}(?:${SEPARATOR})`, 'i'), '')
      .replace(new RegExp(`\\s*\\[${name}\\]$`, 'i'), '');
  }
  // The archive's note on an old story and an opinion column's label are the site's, not the headline's.
  t = t.replace(/\s*\(Published \d{4}\)$/i, '').replace(/^Opinion\s*[|:]\s*/i, '');
  return clean(t) ?? title;
}

/** Where the story sits, when the markup says so: an h1 inside it is the story's headline. */
const ARTICLE_SCOPE = 'article, [itemprop="articleBody"], [itemtype*="Article"], main, [role="main"]';

/**
 * The page's headline. Order measured on the dev pages (docs/PAGES.md): JSON-LD headline, og:title,
 * twitter:title, <title>. The first <h1> is used only to learn what <title> adds around it (the site's
 * name), or alone when it sits inside the article: a page's first h1 is often its logo or "MENU".
 */
export function pageTitle(document: Doc, objects: readonly Json[]): string | null {
  const article = ldArticle(objects);
  const ogTitle = metaContent(document, 'meta[property="og:title"]', 'meta[name="og:title"]');
  const h1s = [...document.querySelectorAll('h1')];
  const articleH1 = clean(h1s.find((h) => h.closest(ARTICLE_SCOPE))?.textContent);
  const h1Text = articleH1 ?? clean(h1s[0]?.textContent);
  const candidates = [
    text(article?.headline),
    ogTitle,
    metaContent(document, 'meta[name="twitter:title"]', 'meta[property="twitter:title"]'),
    clean(document.querySelector('title')?.textContent),
  ].filter((x): x is string => x !== null);
  const first = candidates[0];
  if (first === undefined) return articleH1;
  const headlines = [ogTitle, h1Text].filter((x): x is string => x !== null);
  return stripSiteFurniture(first, siteNames(document, objects, headlines));
}
