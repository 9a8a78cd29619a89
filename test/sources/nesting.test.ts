/** Bounds on element nesting: the markup scan, the refusal before parsing and the flattening after it. */
import { parseHTML } from 'linkedom';
import { describe, expect, test } from 'vitest';
import {
  assertParseableNesting,
  flattenDeepNesting,
  MAX_NESTING,
  MAX_PARSE_NESTING,
  markupNesting,
} from '../../src/sources/nesting.js';

const nested = (depth: number, inner: string) =>
  `<html><body>${'<div>'.repeat(depth)}${inner}${'</div>'.repeat(depth)}</body></html>`;

describe('markupNesting', () => {
  test('counts open elements; void elements, implied end tags, comments and scripts do not nest', () => {
    expect(markupNesting('<html><body><div><span>a</span></div></body></html>')).toBe(4);
    expect(markupNesting('<div><p>one<p>two<li>three<br><img src=x><hr/></div>')).toBe(1);
    expect(markupNesting(`<div><!-- ${'<div>'.repeat(50)} --></div>`)).toBe(1);
    expect(markupNesting(`<div><script>var s = "${'<div>'.repeat(50)}";</script></div>`)).toBe(1);
    // Unclosed wrappers nest in a browser too.
    expect(markupNesting('<section><div><div>text')).toBe(3);
  });
});

describe('assertParseableNesting', () => {
  test('a hostile 2,000-deep page is refused with one line naming it', () => {
    expect(() => assertParseableNesting(nested(2000, '<p>Talks resume.</p>'), 'deep.html')).toThrow(
      `deep.html nests its elements 2002 levels deep; pages are read up to ${MAX_PARSE_NESTING}`,
    );
  });
  test('an ordinary page passes', () => {
    expect(() => assertParseableNesting(nested(30, '<p>Talks resume.</p>'), 'page.html')).not.toThrow();
  });
});

describe('flattenDeepNesting', () => {
  test('content below the bound becomes one paragraph per block, in order, with nothing lost', () => {
    const inner = '<p>First paragraph of the story.</p><div>Loose text <b>in bold</b></div><p>Last one.</p>';
    const { document } = parseHTML(nested(MAX_NESTING + 100, inner));
    expect(flattenDeepNesting(document)).toBe(1);
    const paragraphs = [...document.querySelectorAll('p')].map((p) => p.textContent);
    expect(paragraphs).toEqual(['First paragraph of the story.', 'Loose text in bold', 'Last one.']);
    let depth = 0;
    for (let el = document.querySelector('p'); el; el = el.parentElement) depth++;
    expect(depth).toBeLessThanOrEqual(MAX_NESTING + 1);
  });
  test('a page within the bound is left as it is', () => {
    const html = nested(20, '<figure><figcaption>A caption</figcaption></figure><p>Story.</p>');
    const { document } = parseHTML(html);
    const before = document.toString();
    expect(flattenDeepNesting(document)).toBe(0);
    expect(document.toString()).toBe(before);
  });
});
