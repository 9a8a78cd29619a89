/**
 * Bounds on how deep a page's elements nest, so that reading a page takes time linear in its size.
 * Real news pages nest about 20-35 levels (the 34 evaluation pages at most 34), but the work of both
 * libraries grows much faster than the page when elements nest deeply: linkedom parsed 100,000 nested
 * <div>s in 51 s, and Readability took 15 s over 2,000 of them, blocking the event loop. Browsers bound
 * the depth their HTML parser builds for the same reason (Blink at 512). Two bounds here:
 * - before parsing, a page nesting more than MAX_PARSE_NESTING levels is refused (a linear scan of
 *   its tags);
 * - after parsing, the content below MAX_NESTING levels is flattened into one paragraph per block, so
 *   the text of an unusual page is still read while Readability's work stays small.
 */
import type { parseHTML } from 'linkedom';
import { NewsbriefError } from '../errors.js';

type Doc = ReturnType<typeof parseHTML>['document'];
type El = ReturnType<Doc['querySelectorAll']>[number];

/** Deeper than real pages, shallow enough for Readability (about 0.1 s for a 64-deep chain). */
export const MAX_NESTING = 64;
/** Refused outright: no real page comes near, and linkedom's parse stays well under 50 ms below it. */
export const MAX_PARSE_NESTING = 256;

// Elements that never hold content, and elements whose end tag a browser implies (an unclosed <p> or
// <li> does not nest the next one), are not counted.
const UNCOUNTED = new Set(
  'area base br col embed hr img input link meta param source track wbr p li dt dd option optgroup tr td th thead tbody tfoot colgroup rb rt rp'.split(
    ' ',
  ),
);
const RAW_TEXT =
  /<!--[\s\S]*?(?:-->|$)|<(script|style|textarea|title|noscript)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)/gi;
const TAG = /<(\/?)([a-zA-Z][\w:-]*)[^>]*?(\/?)>/g;

/** How deep the page's tags nest, read from the markup in one pass (comments and scripts skipped). */
export function markupNesting(html: string): number {
  let depth = 0;
  let max = 0;
  for (const m of html.replace(RAW_TEXT, '').matchAll(TAG)) {
    if (UNCOUNTED.has((m[2] ?? '').toLowerCase()) || m[3] === '/') continue;
    if (m[1] === '/') depth = Math.max(0, depth - 1);
    else if (++depth > max) max = depth;
  }
  return max;
}

/** Refuse, with one line, a page that nests too deeply to be parsed in bounded time. */
export function assertParseableNesting(html: string, name: string): void {
  const depth = markupNesting(html);
  if (depth > MAX_PARSE_NESTING)
    throw new NewsbriefError(
      'bad_input',
      `${name} nests its elements ${depth} levels deep; pages are read up to ${MAX_PARSE_NESTING}`,
    );
}

const BLOCK_TAGS = new Set(['P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'PRE', 'BLOCKQUOTE', 'DD', 'DT']);

/** The elements at depth `limit` (counting <html> as 1) that have element children, found without recursion. */
function elementsAtLimit(root: El, limit: number): El[] {
  const found: El[] = [];
  const stack: [El, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [el, depth] = stack.pop() as [El, number];
    if (depth === limit) {
      if (el.firstElementChild) found.push(el);
      continue;
    }
    for (let c = el.lastElementChild; c; c = c.previousElementSibling) stack.push([c, depth + 1]);
  }
  return found;
}

/**
 * The texts of the subtree's blocks in document order, one per block; text outside any block becomes
 * its own piece. Iterative, so that a 100,000-deep page cannot overflow the stack.
 */
function flatTexts(el: El): string[] {
  const pieces: string[] = [];
  let current = '';
  const flush = () => {
    const t = current.replace(/\s+/g, ' ').trim();
    if (t) pieces.push(t);
    current = '';
  };
  type Step = { node: NonNullable<El['lastChild']>; exit: boolean };
  const stack: Step[] = [];
  for (let c = el.lastChild; c; c = c.previousSibling) stack.push({ node: c, exit: false });
  while (stack.length > 0) {
    const { node, exit } = stack.pop() as Step;
    const tag = (node as El).tagName;
    if (exit) {
      if (tag && BLOCK_TAGS.has(tag)) flush();
      continue;
    }
    if (node.nodeType === 3) {
      current += node.textContent ?? '';
      continue;
    }
    if (node.nodeType !== 1 || tag === 'SCRIPT' || tag === 'STYLE') continue;
    if (BLOCK_TAGS.has(tag)) flush();
    stack.push({ node, exit: true });
    for (let c = node.lastChild; c; c = c.previousSibling) stack.push({ node: c, exit: false });
  }
  flush();
  return pieces;
}

/**
 * Replace the content of every element at depth `limit` that nests deeper by one paragraph per block of
 * text it held. Returns how many elements were flattened (0 for any ordinary page).
 */
export function flattenDeepNesting(document: Doc, limit = MAX_NESTING): number {
  const root = document.documentElement as El | null;
  if (!root) return 0;
  const deep = elementsAtLimit(root, limit);
  for (const el of deep) {
    const texts = flatTexts(el);
    el.replaceChildren(
      ...texts.map((t) => {
        const p = document.createElement('p');
        p.textContent = t;
        return p;
      }),
    );
  }
  return deep.length;
}
