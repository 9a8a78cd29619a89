/**
 * A feed item's content as plain text: what a briefing is made from when the item's page cannot be
 * fetched. Feeds carry their items' text in every form: HTML in paragraphs, HTML with only `<br>` between
 * lines (Blogger, FeedBurner), bare text between block elements, XHTML, or plain text. The DOM is walked
 * once and every text node kept; block elements and `<br>` become line breaks (one line is one
 * paragraph for the core), inline elements do not break a line.
 */
import { parseHTML } from 'linkedom';
import { assertParseableNesting } from './nesting.js';

/** Elements that start a new line: HTML's block-level and table elements. */
const BLOCK = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'CAPTION',
  'CENTER',
  'DD',
  'DETAILS',
  'DIV',
  'DL',
  'DT',
  'FIELDSET',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'FORM',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HR',
  'LI',
  'MAIN',
  'NAV',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'SUMMARY',
  'TABLE',
  'TBODY',
  'TD',
  'TFOOT',
  'TH',
  'THEAD',
  'TR',
  'UL',
]);

/** Elements whose content is never prose a reader sees: code, styles, embedded objects, form controls. */
const SKIP = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'IFRAME',
  'OBJECT',
  'EMBED',
  'SVG',
  'MATH',
  'CANVAS',
  'VIDEO',
  'AUDIO',
  'SELECT',
  'TEXTAREA',
  'BUTTON',
  'HEAD',
  'TITLE',
]);

interface DomNode {
  nodeType: number;
  nodeName: string;
  nodeValue: string | null;
  childNodes: ArrayLike<DomNode>;
}

/** Does the text hold markup (a tag, a comment or a character reference) rather than plain text? */
function hasMarkup(text: string): boolean {
  return /<\/?[a-zA-Z][\w:-]*[\s/>]|<!--|&(?:#\d+|#x[\da-fA-F]+|[a-zA-Z]{2,8});/.test(text);
}

/** Plain text from an HTML (or XHTML) fragment: one line per block, `<br>` a line break. */
export function htmlFragmentText(html: string): string {
  // The same bound as for pages: parsing and the walk below stay linear (and the recursion shallow).
  assertParseableNesting(html, "the item's content");
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const out: string[] = [];
  const walk = (node: DomNode): void => {
    if (node.nodeType === 3) {
      out.push(node.nodeValue ?? '');
      return;
    }
    if (node.nodeType !== 1) return;
    // Namespaced XHTML (`<xhtml:p>`) names the same elements with a prefix.
    const name = node.nodeName.toUpperCase().replace(/^.*:/, '');
    if (SKIP.has(name)) return;
    if (name === 'BR') {
      out.push('\n');
      return;
    }
    const block = BLOCK.has(name);
    if (block) out.push('\n');
    for (const child of Array.from(node.childNodes)) walk(child);
    if (block) out.push('\n');
  };
  walk(document.body as unknown as DomNode);
  return tidy(out.join(''));
}

/** Collapse spaces inside lines, drop empty lines: one paragraph per line, paragraphs one blank line apart. */
function tidy(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[ \t\f\v\u00a0\u200b]+/g, ' ').trim())
    .filter((line) => line.length > 0)
    .join('\n\n');
}

/**
 * An item's content as plain text. Markup is read as HTML; plain text keeps its own line breaks (a
 * JSON Feed `content_text` or a podcast summary written with newlines).
 */
export function itemText(content: string | null): string {
  if (!content?.trim()) return '';
  return hasMarkup(content) ? htmlFragmentText(content) : tidy(content);
}
