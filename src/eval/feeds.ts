/**
 * The feeds row of `npm run eval`: rss-parser's 31 real feeds (`feeds/input/*`) and its parse of 29 of
 * them (`feeds/output/*.json`), scored on our `parseFeed` with no item cap. Per feed: items found,
 * and for each expected item its title, link, date and text. The reference text of an item is
 * rss-parser's `content:encoded`, else `content`, else `summary`, with its markup stripped to words; an
 * item's text is kept when at least 95% of those words (as a multiset) are in the text we would brief
 * from. Items are matched in document order (both parsers keep it).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { parseFeed } from '../sources/feed.js';
import { itemText } from '../sources/feed-text.js';
import { decode } from '../sources/fetch.js';

/** One item as our side reads it. */
export interface OurItem {
  title: string | null;
  url: string | null;
  publishedAt: string | null;
  /** The plain text the bot briefs from when the item's page cannot be fetched. */
  text: string;
}

/** Reads one feed file into items; throws on a document that is not a feed. */
export type FeedFileReader = (bytes: Uint8Array, base: string) => OurItem[];

interface Count {
  ok: number;
  total: number;
}

export interface FeedScore {
  name: string;
  expectedItems: number;
  items: number;
  error: string | null;
  titles: Count;
  links: Count;
  dates: Count;
  /** Items whose reference has words: kept when >= 95% of them are in our text. */
  text: Count;
  /** Mean share of reference words kept, over the items with a reference. */
  meanTextRecall: number | null;
  /**
   * Items whose reference text is not in the feed at all (fewer than half of its distinct words occur
   * anywhere in the feed file): a placeholder of the reference parser, not the item's text. Left out.
   */
  referenceNotInFeed: number;
  /** Expected items whose text was not kept: index, title and share kept (for reading the misses). */
  misses: { index: number; title: string | null; kept: number }[];
}

export interface FeedsResult {
  feeds: FeedScore[];
  /** Totals over every expected item (micro). */
  total: {
    expectedItems: number;
    items: number;
    titles: Count;
    links: Count;
    dates: Count;
    text: Count;
    referenceNotInFeed: number;
  };
  /** Mean over feeds with text of each feed's share of items whose text was kept (macro). */
  macroTextKept: number;
  /** Feeds in input/ without an expected output (checked only for not crashing). */
  unscored: { name: string; items: number; error: string | null }[];
}

/** A text is kept when this share of its reference words is present. */
const KEPT_SHARE = 0.95;

type Expected = Record<string, unknown>;

/** rss-parser wrote some outputs in the bytes of the feed's own legacy charset, not UTF-8. */
function readJson(file: string): { items: Expected[] } {
  const bytes = readFileSync(file);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('latin1').decode(bytes);
  }
  const doc = JSON.parse(text) as { feed?: { items?: Expected[] } };
  return { items: doc.feed?.items ?? [] };
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);
const squash = (s: string | null): string => (s ?? '').replace(/\s+/g, ' ').trim();

/** Lowercase runs of letters and digits in any script (the feeds are English, German, Portuguese). */
export function words(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const w of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) counts.set(w, (counts.get(w) ?? 0) + 1);
  return counts;
}

/** The share of `ref`'s words (as a multiset) that `ours` holds; null when `ref` has none. */
export function keptShare(ref: Map<string, number>, ours: Map<string, number>): number | null {
  let total = 0;
  let shared = 0;
  for (const [w, n] of ref) {
    total += n;
    shared += Math.min(n, ours.get(w) ?? 0);
  }
  return total === 0 ? null : shared / total;
}

/**
 * The reference's words: tags, comments and script/style bodies removed by pattern (not by the DOM
 * code under test), then character references decoded by an HTML parser on the tag-free text.
 */
export function referenceText(html: string): string {
  const noTags = html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/</g, ' ');
  return parseHTML(`<!doctype html><html><body><div>${noTags}</div></body></html>`).document.body
    .textContent as string;
}

function sameDate(expected: string | null, ours: string | null): boolean {
  if (!expected || !ours) return false;
  return new Date(expected).getTime() === new Date(ours).getTime();
}

function resolved(link: string, base: string): string {
  try {
    return new URL(link.trim(), base).toString();
  } catch {
    return link.trim();
  }
}

const count = (): Count => ({ ok: 0, total: 0 });
const add = (c: Count, ok: boolean) => {
  c.total++;
  if (ok) c.ok++;
};

/** Is at least half of the reference's distinct words somewhere in the feed file? */
function inFeed(ref: Map<string, number>, feedWords: Set<string>): boolean {
  let found = 0;
  for (const w of ref.keys()) if (feedWords.has(w)) found++;
  return found * 2 >= ref.size;
}

function scoreFeed(
  name: string,
  expected: Expected[],
  ours: OurItem[],
  error: string | null,
  base: string,
  feedWords: Set<string>,
) {
  const s: FeedScore = {
    name,
    expectedItems: expected.length,
    items: ours.length,
    error,
    titles: count(),
    links: count(),
    dates: count(),
    text: count(),
    meanTextRecall: null,
    referenceNotInFeed: 0,
    misses: [],
  };
  let recallSum = 0;
  expected.forEach((e, i) => {
    const o = ours[i];
    const title = str(e.title);
    if (title) add(s.titles, squash(title) === squash(o?.title ?? null));
    const link = str(e.link);
    if (link) add(s.links, o?.url === resolved(link, base));
    const date = str(e.isoDate);
    if (date) add(s.dates, sameDate(date, o?.publishedAt ?? null));
    const ref = str(e['content:encoded']) ?? str(e.content) ?? str(e.summary);
    const refWords = ref ? words(referenceText(ref)) : new Map<string, number>();
    if (refWords.size > 0 && !inFeed(refWords, feedWords)) {
      s.referenceNotInFeed++;
      return;
    }
    const kept = keptShare(refWords, words(o?.text ?? ''));
    if (kept !== null) {
      add(s.text, kept >= KEPT_SHARE);
      recallSum += kept;
      if (kept < KEPT_SHARE) s.misses.push({ index: i, title, kept: Math.round(kept * 1000) / 1000 });
    }
  });
  if (s.text.total > 0) s.meanTextRecall = recallSum / s.text.total;
  return s;
}

/** The reader the bot uses: the feed file decoded, parsed, and each item's content made plain text. */
export const defaultReader: FeedFileReader = (bytes, base) => {
  const { text } = decode(bytes, '');
  return parseFeed(text, '', base).items.map((item) => ({
    title: item.title,
    url: item.url,
    publishedAt: item.publishedAt,
    text: itemText(item.content),
  }));
};

function read(
  reader: FeedFileReader,
  file: string,
  base: string,
): { items: OurItem[]; error: string | null } {
  try {
    return { items: reader(readFileSync(file), base), error: null };
  } catch (err) {
    return { items: [], error: (err as Error).message };
  }
}

/** Score every feed of `dir` (`input/` and `output/`). */
export function evaluateFeeds(dir: string, reader: FeedFileReader = defaultReader): FeedsResult {
  const inputs = readdirSync(path.join(dir, 'input')).sort();
  const feeds: FeedScore[] = [];
  const unscored: FeedsResult['unscored'] = [];
  for (const file of inputs) {
    const name = file.replace(/\.[^.]+$/, '');
    // A base URL for relative links: rss-parser leaves them relative, we resolve them; the expected
    // link is resolved against the same base before comparing.
    const base = `https://feeds.example/${name}/`;
    const got = read(reader, path.join(dir, 'input', file), base);
    const out = path.join(dir, 'output', `${name}.json`);
    if (!existsSync(out)) {
      unscored.push({ name, items: got.items.length, error: got.error });
      continue;
    }
    const raw = decode(readFileSync(path.join(dir, 'input', file)), '').text;
    // The feed's words, its CDATA opened and its escaped HTML decoded once and twice (loosely: this
    // only tells a placeholder from real text).
    const once = referenceText(raw.replace(/<!\[CDATA\[|\]\]>/g, ' '));
    const feedWords = new Set([...words(once).keys(), ...words(referenceText(once)).keys()]);
    feeds.push(scoreFeed(name, readJson(out).items, got.items, got.error, base, feedWords));
  }
  const total = {
    expectedItems: 0,
    items: 0,
    titles: count(),
    links: count(),
    dates: count(),
    text: count(),
    referenceNotInFeed: 0,
  };
  for (const f of feeds) {
    total.expectedItems += f.expectedItems;
    total.referenceNotInFeed += f.referenceNotInFeed;
    total.items += Math.min(f.items, f.expectedItems);
    for (const k of ['titles', 'links', 'dates', 'text'] as const) {
      total[k].ok += f[k].ok;
      total[k].total += f[k].total;
    }
  }
  const withText = feeds.filter((f) => f.text.total > 0);
  const macroTextKept = withText.reduce((a, f) => a + f.text.ok / f.text.total, 0) / (withText.length || 1);
  return { feeds, total, macroTextKept, unscored };
}
