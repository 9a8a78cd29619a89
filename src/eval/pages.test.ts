import { describe, expect, it } from 'vitest';
import { condense } from '../core/index.js';
import type { Article } from '../core/types.js';
import {
  comparableTitle,
  expectedTexts,
  furnitureTexts,
  isStorySentence,
  type PageCase,
  pageTokens,
  quantile,
  scorePage,
} from './pages.js';

const story = [
  'The harbour council voted on Tuesday to close the old ferry pier for repairs until the spring.',
  'Engineers found that salt water had eaten through two of the steel piles under the deck.',
  'Ferries will dock at the north quay while the work goes on, the council said.',
];

const expectedHtml = `<div id="readability-page-1" class="page"><div>
  <figure><img src="pier.jpg"><figcaption>The old ferry pier seen from the water on Monday.</figcaption></figure>
  ${story.map((s) => `<p>${s}</p>`).join('\n')}
</div></div>`;

const sourceHtml = `<!doctype html><html><head><title>Pier to close | Harbour Times</title></head><body>
<article>
  <figure><img src="pier.jpg"><figcaption>The old ferry pier seen from the water on Monday.</figcaption></figure>
  <div class="article-byline">By Jo Reporter and Sam Writer</div>
  ${story.map((s) => `<p>${s}</p>`).join('\n')}
  <div class="no_caption"><p>${story[0]}</p></div>
  <aside class="newsletter-box">Sign up for our daily harbour newsletter today</aside>
</article></body></html>`;

const page: PageCase = {
  name: 'harbour',
  source: sourceHtml,
  expected: expectedHtml,
  metadata: { title: 'Pier to close | Harbour Times', byline: 'Jo Reporter', siteName: 'Harbour Times' },
};

const article = (text: string, title = 'Pier to close'): Article => ({
  title,
  text,
  url: null,
  byline: null,
  publishedAt: null,
});

describe('comparableTitle', () => {
  it('removes the site name and its separator from either end', () => {
    expect(comparableTitle('Pier to close | Harbour Times', 'Harbour Times')).toBe('Pier to close');
    expect(comparableTitle('Harbour Times — Pier  to\nclose', 'Harbour Times')).toBe('Pier to close');
    expect(comparableTitle('Pier to close [Harbour Times]', 'Harbour Times')).toBe('Pier to close');
  });

  it('keeps a title that only mentions the site inside it', () => {
    expect(comparableTitle('Harbour Times staff win award', 'Harbour Times')).toBe(
      'Harbour Times staff win award',
    );
    expect(comparableTitle('Pier to close | Harbour Times', null)).toBe('Pier to close | Harbour Times');
  });
});

describe('pageTokens', () => {
  it('lowercases words of any script and splits Han and kana into characters', () => {
    expect(pageTokens('Café São-Paulo, 2019!')).toEqual(['café', 'são', 'paulo', '2019']);
    expect(pageTokens('無線LANを')).toEqual(['無', '線', 'lan', 'を']);
  });
});

describe('furniture and story text', () => {
  it('finds figcaptions and furniture-named elements, but not an element that says it has no caption', () => {
    const texts = furnitureTexts(sourceHtml).map((f) => f.text);
    expect(texts).toContain('the old ferry pier seen from the water on monday');
    expect(texts).toContain('by jo reporter and sam writer');
    expect(texts).toContain('sign up for our daily harbour newsletter today');
    expect(texts.some((t) => t.startsWith('the harbour council'))).toBe(false);
  });

  it('reads the expected text without its figcaptions', () => {
    const { withoutCaptions } = expectedTexts(expectedHtml);
    expect(withoutCaptions).toContain('steel piles');
    expect(withoutCaptions).not.toContain('seen from the water');
  });

  it('tells story sentences from captions, allowing a shortened point', () => {
    const storyText = ` ${pageTokens(expectedTexts(expectedHtml).story).join(' ')} `;
    expect(isStorySentence(story[1] as string, storyText)).toBe(true);
    expect(isStorySentence('Engineers found that salt water had eat…', storyText)).toBe(true);
    expect(isStorySentence('The pier will reopen in June.', storyText)).toBe(false);
    const caption = 'the old ferry pier seen from the water on monday';
    expect(isStorySentence('The old ferry pier seen from the water on Monday.', storyText, [caption])).toBe(
      false,
    );
  });
});

describe('scorePage', () => {
  it('scores a clean reading as right, complete and free of furniture', () => {
    const score = scorePage(page, () => article(story.join('\n\n')), condense);
    expect(score.titleRight).toBe(true);
    expect(score.recall).toBe(1);
    expect(score.precision).toBe(1);
    expect(score.furniture).toEqual([]);
    expect(score.summaryIsStory).toBe(true);
    expect(score.keyPointsNotStory).toEqual([]);
  });

  it('counts a caption and a byline left in the text, and a wrong title', () => {
    const text = [
      'The old ferry pier seen from the water on Monday.',
      'By Jo Reporter and Sam Writer',
      ...story,
    ].join('\n\n');
    const score = scorePage(page, () => article(text, 'MENU'), condense);
    expect(score.titleRight).toBe(false);
    // The core's own cleaning sets the "By ..." line aside; the caption is a sentence and stays.
    expect(score.furniture).toEqual(['the old ferry pier seen from the water on monday']);
    expect(score.precision).toBeLessThan(1);
  });

  it('loses recall when story paragraphs are missing', () => {
    const score = scorePage(page, () => article(story[0] as string), condense);
    expect(score.recall).toBeLessThan(0.5);
  });
});

describe('quantile', () => {
  it('interpolates between ranks', () => {
    expect(quantile([1, 2, 3, 4, 5], 0.5)).toBe(3);
    expect(quantile([0, 10], 0.1)).toBeCloseTo(1);
  });
});
