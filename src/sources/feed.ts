/**
 * Feeds: RSS 2.0 (and RSS 1.0), Atom and JSON Feed. `parseFeed` turns a feed document into items
 * (feed-read.ts turns items into articles). A document is recognised as a feed by its content, never
 * by its name: `looksLikeFeed`, `feedFileText`.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parseHTML } from 'linkedom';
import { NewsbriefError } from '../errors.js';
import { feedDate } from './feed-date.js';
import { decode, sniffCharset } from './fetch.js';

export interface FeedItem {
  id: string | null;
  url: string | null;
  title: string | null;
  /** The item's content as HTML (or text), when the feed carries it. */
  content: string | null;
  publishedAt: string | null;
  author: string | null;
}

export interface ParsedFeed {
  kind: 'rss' | 'atom' | 'json';
  title: string | null;
  items: FeedItem[];
}

export const FEED_TYPES = [
  'application/rss+xml',
  'application/atom+xml',
  'application/feed+json',
  'application/json',
  'application/xml',
  'text/xml',
  'application/rdf+xml',
];

type Node = Record<string, unknown>;

function text(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number') {
    const t = String(v).trim();
    return t.length ? t : null;
  }
  if (Array.isArray(v)) return text(v[0]);
  if (typeof v === 'object') return text((v as Node)['#text']);
  return null;
}

function iso(v: unknown): string | null {
  const t = text(v);
  if (!t) return null;
  return feedDate(t);
}

function resolveUrl(href: string | null, base: string): string | null {
  if (!href) return null;
  try {
    const u = new URL(href, base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : null;
  } catch {
    return null;
  }
}

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);

/** Past a byte-order mark, the XML declaration, processing instructions, comments and a doctype. */
function rootOf(doc: string): string {
  return doc
    .slice(0, 8000)
    .replace(/^\uFEFF/, '')
    .replace(/^(?:\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>[]*(?:\[[\s\S]*?\])?\s*>)*/i, '');
}

/**
 * Is this document a feed? Decided by its content: its root element (<rss>, <feed>, <rdf:RDF>) or a
 * JSON Feed version, whatever the file is called. A server's feed media type counts too, so that an
 * HTML page served as a feed is read as one and refused with the feeds it advertises.
 */
export function looksLikeFeed(body: string, contentType = ''): boolean {
  const root = rootOf(body);
  if (root.startsWith('{') || /json/.test(contentType))
    return /"version"\s*:\s*"https?:\/\/jsonfeed\.org\/version/.test(body.slice(0, 5000));
  return /^<(rss|feed|rdf:RDF)[\s>]/i.test(root) || /(rss|atom|rdf)\+xml/.test(contentType);
}

/**
 * Is a fetched document to be read as a feed? When it is one, or when it is served as XML or JSON
 * (not XHTML): such a document is no article, and the feed parser then says what it is instead (an
 * HTML page and the feeds it advertises, malformed XML, another kind of XML).
 */
export function servedAsFeed(body: string, contentType: string): boolean {
  return looksLikeFeed(body, contentType) || (/json|xml/.test(contentType) && !/xhtml/.test(contentType));
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A feed file's text, or null when the bytes are not a feed. The encoding is the one the document
 * declares (<?xml encoding?>), else UTF-8, else windows-1252: feeds written before UTF-8 was the norm
 * often declare nothing and are Latin-1 (a browser reads them the same way).
 */
export function feedFileText(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 8000));
  const utf16 = bytes[0] === 0xff || bytes[0] === 0xfe;
  if (!utf16 && !looksLikeFeed(head)) return null;
  const declared = sniffCharset(bytes);
  if (utf16 || (declared && declared !== 'utf-8' && declared !== 'utf8')) return decode(bytes, '').text;
  // Declared UTF-8 or nothing: a file that is not valid UTF-8 all the same is read as windows-1252.
  try {
    return utf8.decode(bytes);
  } catch {
    return decode(bytes, 'text/xml; charset=windows-1252').text;
  }
}

function parseJsonFeed(body: string, base: string): ParsedFeed {
  let doc: Node;
  try {
    doc = JSON.parse(body) as Node;
  } catch (err) {
    throw new NewsbriefError('bad_input', `Malformed JSON Feed at ${base}: ${(err as Error).message}`);
  }
  if (typeof doc.version !== 'string' || !doc.version.includes('jsonfeed.org'))
    throw new NewsbriefError('bad_input', `Not a JSON Feed at ${base} (no jsonfeed.org version)`);
  const items = asList(doc.items).map((raw) => {
    const it = (raw ?? {}) as Node;
    const authors = asList(it.authors ?? it.author)
      .map((a) => text((a as Node)?.name ?? a))
      .filter(Boolean);
    return {
      id: text(it.id),
      url: resolveUrl(text(it.url) ?? text(it.external_url), base),
      title: text(it.title),
      content: text(it.content_html) ?? text(it.content_text) ?? text(it.summary),
      publishedAt: iso(it.date_published) ?? iso(it.date_modified),
      author: authors.length ? authors.join(', ') : null,
    };
  });
  return { kind: 'json', title: text(doc.title), items };
}

const ARRAYS = new Set([
  'rss.channel.item',
  'feed.entry',
  'feed.entry.link',
  'feed.entry.author',
  'rdf:RDF.item',
]);

/**
 * Elements that carry an item's text. The parser hands them over raw (`stopNodes`) because their
 * content comes in every form: CDATA, escaped HTML, unescaped HTML (whose mixed text and elements an
 * object tree cannot keep in order) and Atom XHTML.
 */
const TEXT_ELEMENTS = ['description', 'content:encoded', 'content', 'summary', 'itunes:summary'];

const PARSER_OPTIONS = {
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  processEntities: true,
  htmlEntities: true,
};

/**
 * Decodes a text-only element exactly as the feed reader of earlier releases did (CDATA merged,
 * character references decoded once), so that an item's content, and with it the hash by which a
 * store already knows the item, stays the same across the upgrade.
 */
const textParser = new XMLParser({ ...PARSER_OPTIONS, parseTagValue: false });

/** The raw inner XML of a text element as the HTML or text it carries. */
function contentOf(v: unknown): string | null {
  const raw =
    typeof v === 'string'
      ? v
      : typeof (v as Node)?.['#text'] === 'string'
        ? String((v as Node)['#text'])
        : null;
  if (raw === null) return text(v);
  const outsideCdata = raw.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '');
  if (!/<[A-Za-z!/?]/.test(outsideCdata)) {
    // Text only (plain, CDATA or escaped HTML): the decoded string is the content.
    if (outsideCdata === raw && !raw.includes('&')) return raw.trim() || null;
    try {
      return text((textParser.parse(`<x>${raw}</x>`) as Node).x);
    } catch {
      return raw.trim() || null;
    }
  }
  // Elements inside (unescaped HTML, XHTML): the markup itself is the content; CDATA sections within
  // it hold markup or text meant as they are.
  const html = raw.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1').trim();
  return html.length ? html : null;
}

/** The first element of `names` with content. */
function firstContent(node: Node, names: string[]): string | null {
  for (const n of names) {
    const c = contentOf(asList(node[n])[0]);
    if (c) return c;
  }
  return null;
}

/** A document that is an HTML page rather than XML: it opens with a doctype, <html>, <head> or <body>. */
export function isHtmlPage(doc: string): boolean {
  const head = doc.replace(/^\uFEFF/, '').replace(/^(\s|<\?xml[^>]*\?>|<!--[\s\S]*?-->)*/, '');
  return /^<(!doctype\s+html|html|head|body|title|meta)\b/i.test(head);
}

/** The feeds an HTML page advertises with <link rel="alternate" type="application/rss+xml" ...>. */
export function advertisedFeeds(html: string, base: string): string[] {
  const { document } = parseHTML(html);
  const out: string[] = [];
  for (const link of document.querySelectorAll('link[rel~="alternate" i][href]')) {
    const type = (link.getAttribute('type') ?? '').toLowerCase();
    if (!/^application\/(rss|atom|feed)\+(xml|json)$|^application\/rdf\+xml$/.test(type)) continue;
    const href = resolveUrl(link.getAttribute('href'), base) ?? link.getAttribute('href');
    if (href && !out.includes(href)) out.push(href);
  }
  return out;
}

function notAFeed(doc: string, base: string): NewsbriefError {
  const feeds = advertisedFeeds(doc, base);
  return new NewsbriefError(
    'bad_input',
    feeds.length
      ? `Not a feed: ${base} is an HTML page; the feeds it advertises: ${feeds.join(', ')}`
      : `Not a feed: ${base} is an HTML page and advertises no feed (<link rel="alternate">)`,
  );
}

const TEXT_ELEMENT = new RegExp(`<(${TEXT_ELEMENTS.join('|')})(\\s[^>]*?)?(?<!/)>[\\s\\S]*?</\\1\\s*>`, 'g');

/**
 * A feed whose only faults are the two that publishers make most: a bare `&` (in a title, in a link's
 * query) and HTML that is not XML inside a text element (`<br>`, `<img src=x>`, an unclosed `<p>`).
 * Bare ampersands outside CDATA are escaped; the document is accepted when it is well-formed once
 * the text elements' contents are set aside (those are read raw and as HTML anyway). Any other fault
 * (a truncated download, mismatched item tags) stays an error. Null when it cannot be repaired so.
 */
function repaired(doc: string): string | null {
  const escaped = doc
    .split(/(<!\[CDATA\[[\s\S]*?\]\]>)/)
    .map((part, i) =>
      i % 2 === 1 ? part : part.replace(/&(?!(?:#\d+|#x[\da-fA-F]+|[A-Za-z][\w.-]*);)/g, '&amp;'),
    )
    .join('');
  const skeleton = escaped.replace(
    TEXT_ELEMENT,
    (_m, name: string, attrs = '') => `<${name}${attrs}></${name}>`,
  );
  return XMLValidator.validate(skeleton) === true ? escaped : null;
}

/** Parse an RSS, Atom or JSON feed; a malformed or unknown document throws a one-line error. */
export function parseFeed(body: string, contentType: string, base: string): ParsedFeed {
  const trimmed = body.replace(/^\uFEFF/, '').trimStart();
  if (trimmed.startsWith('{') || /json/.test(contentType)) return parseJsonFeed(trimmed, base);
  if (!trimmed) throw new NewsbriefError('bad_input', `Empty feed at ${base}`);
  // An HTML page, by its content; or a page served as HTML that has no feed root (a feed served with
  // the wrong media type is still a feed).
  if (
    isHtmlPage(trimmed) ||
    (/^text\/html/.test(contentType) && !/^<(rss|feed|rdf:RDF)[\s>]/i.test(rootOf(trimmed)))
  )
    throw notAFeed(trimmed, base);
  const valid = XMLValidator.validate(trimmed);
  const xml = valid === true ? trimmed : repaired(trimmed);
  if (valid !== true && xml === null)
    throw new NewsbriefError(
      'bad_input',
      `Malformed feed at ${base}: ${valid.err.msg} (line ${valid.err.line})`,
    );
  const parser = new XMLParser({
    ...PARSER_OPTIONS,
    // Identifiers stay strings: a long numeric guid must not become a rounded number.
    parseTagValue: false,
    isArray: (_name, jpath) => ARRAYS.has(String(jpath)),
    stopNodes: TEXT_ELEMENTS.map((n) => `*.${n}`),
  });
  const doc = parser.parse(xml ?? trimmed) as Node;
  const rss = doc.rss as Node | undefined;
  if (rss) {
    const channel = (rss.channel ?? {}) as Node;
    return {
      kind: 'rss',
      title: text(channel.title),
      items: asList(channel.item).map((i) => rssItem(i as Node, base)),
    };
  }
  const rdf = doc['rdf:RDF'] as Node | undefined;
  if (rdf) {
    const channel = (rdf.channel ?? {}) as Node;
    return {
      kind: 'rss',
      title: text(channel.title),
      items: asList(rdf.item).map((i) => rssItem(i as Node, base)),
    };
  }
  const feed = doc.feed as Node | undefined;
  if (feed) {
    const items = asList(feed.entry).map((raw) => {
      const e = raw as Node;
      const links = asList(e.link) as Node[];
      const alt =
        links.find((l) => !l['@_rel'] || l['@_rel'] === 'alternate') ??
        links.find((l) => typeof l['@_href'] === 'string');
      const authors = asList(e.author)
        .map((a) => text((a as Node).name))
        .filter(Boolean);
      return {
        id: text(e.id),
        url: resolveUrl(text(alt?.['@_href']), base),
        title: text(e.title),
        content: firstContent(e, ['content', 'summary']),
        publishedAt: iso(e.published) ?? iso(e.updated),
        author: authors.length ? authors.join(', ') : null,
      };
    });
    return { kind: 'atom', title: text(feed.title), items };
  }
  throw new NewsbriefError('bad_input', `Not a feed at ${base}: expected <rss>, <feed> or a JSON Feed`);
}

function rssItem(i: Node, base: string): FeedItem {
  const guid = text(i.guid);
  const permalink = (i.guid as Node | undefined)?.['@_isPermaLink'] !== 'false' ? guid : null;
  return {
    id: guid,
    url: resolveUrl(text(i.link) ?? (permalink && /^https?:/.test(permalink) ? permalink : null), base),
    title: text(i.title),
    content: firstContent(i, ['content:encoded', 'description', 'itunes:summary']),
    publishedAt: iso(i.pubDate) ?? iso(i['dc:date']),
    author: text(i['dc:creator']) ?? text(i.author),
  };
}
