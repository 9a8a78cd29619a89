/** Page reading on pages written for these tests: the story's text and only that, and the right title. */
import { describe, expect, it } from 'vitest';
import { extractHtml, htmlToText } from '../../src/sources/html.js';
import {
  isRosterLine,
  isTimestampLine,
  splitDateline,
  tidyByline,
} from '../../src/sources/page-furniture.js';
import { stripSiteFurniture } from '../../src/sources/page-meta.js';

const STORY = [
  'The river authority opened the new flood gates at Millbrook on Thursday, two years after the town was cut off by the worst floods in a century.',
  'Engineers spent eighteen months fitting the steel gates into the old stone weir, working at night so that barges could still pass during the day.',
  '“We promised people they would never again watch the water come up the high street,” said Priya Nandakumar, who chairs the authority.',
  'The gates close on their own when the river rises more than a metre above its summer level, and a crew can shut them by hand if the power fails.',
  'Shop owners on the high street said they had waited a long time for the work and hoped insurers would now lower their premiums.',
  'The authority will test the gates again in the spring, when the snow melts in the hills above the town.',
];

interface PageParts {
  head?: string;
  before?: string;
  lead?: string;
  after?: string;
  story?: string[];
}

function page({ head = '', before = '', lead, after = '', story = STORY }: PageParts): string {
  const paragraphs = story.map((p, i) => (i === 0 && lead !== undefined ? lead : `<p>${p}</p>`)).join('\n');
  return `<!doctype html><html><head>${head}</head><body>
<header><div class="logo"><h1>MENU</h1></div><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
<main><article>${before}<div class="article-body">${paragraphs}</div>${after}</article></main>
<footer><p>Copyright Millbrook Gazette. All rights reserved. This page was printed from the web.</p></footer>
</body></html>`;
}

const read = (html: string) => extractHtml(html, 'https://news.example/story');

describe('extractHtml: the story and nothing else', () => {
  it('keeps every story paragraph, one per line', () => {
    const article = read(page({}));
    expect(article.text.split('\n\n')).toEqual(STORY);
  });

  it('sets aside captions, credits, bylines, timestamps, share and newsletter boxes and teasers', () => {
    const article = read(
      page({
        before: `
          <figure><img src="gates.jpg" alt=""><figcaption>The new gates at Millbrook weir on Thursday.
            <span class="credit">Photo: Jane Lens</span></figcaption></figure>
          <div class="story-byline">By Tom Reporter</div>
          <p class="timestamp">Updated on September 19 at 3:15 p.m.</p>
          <div class="share-tools"><a href="#">Share on social media with your friends</a></div>`,
        after: `
          <div class="newsletter-signup"><p>Get the Millbrook morning newsletter in your inbox every day</p></div>
          <p><a href="/other">Council approves new bridge over the river at Hollow End</a></p>
          <aside class="related-stories"><ul><li><a href="/a">Five things to know about the weir</a></li></ul></aside>`,
      }),
    );
    expect(article.text.split('\n\n')).toEqual(STORY);
    expect(article.byline).toBe('Tom Reporter');
  });

  it('sets aside the words of a figure without a figcaption, and a print footer with an address', () => {
    const article = read(
      page({
        before:
          '<figure><img src="weir.jpg" alt=""><p>File photo of the weir in 2019. Jane Lens</p></figure>',
        story: [...STORY, 'This page was printed from: https://news.example/story'],
      }),
    );
    expect(article.text.split('\n\n')).toEqual(STORY);
  });

  it('keeps the story when a wrapper around it has a furniture name', () => {
    const html = page({}).replace('<div class="article-body">', '<div class="article-body share-container">');
    expect(read(html).text.split('\n\n')).toEqual(STORY);
  });

  it('drops only the credit from a lead paragraph that opens with one', () => {
    const lead = `<p><span class="image-attribution">© Provided by River News Agency</span> ${STORY[0]}</p>`;
    expect(read(page({ lead })).text.split('\n\n')[0]).toBe(STORY[0]);
  });

  it('drops a kicker heading before the story, keeps a lead set as a heading, and a date dateline', () => {
    const kicker = read(page({ lead: `<h2>Rivers and weirs</h2><p>Feb. 23, 2015 -- ${STORY[0]}</p>` }));
    expect(kicker.text.split('\n\n')).toEqual(STORY);
    expect(kicker.dateline).toBe('Feb. 23, 2015');
    const large = read(page({ lead: `<h2>${STORY[0]}</h2>` }));
    expect(large.text.split('\n\n')).toEqual(STORY);
  });

  it('sets aside a slideshow caption that repeats an image description, and its counter', () => {
    const caption = 'Workers lower the last steel gate into the weir at Millbrook';
    const article = read(
      page({
        before: `<div><img src="g1.jpg" alt="${caption}"></div><p>1 / 5</p><h3>${caption} on Tuesday.</h3>`,
      }),
    );
    expect(article.text.split('\n\n')).toEqual(STORY);
  });

  it('sets a dateline aside as a field', () => {
    const lead = `<p>MILLBROOK, England (Gazette) — ${STORY[0]}</p>`;
    const article = read(page({ lead }));
    expect(article.dateline).toBe('MILLBROOK, England (Gazette)');
    expect(article.text.split('\n\n')[0]).toBe(STORY[0]);
  });

  it('sets aside a roster, an image file name, a credit line and the author note at the end', () => {
    const roster = 'Panel members: Ann Lee, Bob Stone, Carla Diaz, Dev Patel, Erin Walsh';
    const article = read(
      page({
        head: '<meta name="author" content="Tom Reporter">',
        story: [
          ...STORY,
          roster,
          'flood gates at dusk.jpg',
          'Tom Reporter covers the river towns for the Gazette.',
        ],
      }),
    );
    expect(article.text.split('\n\n')).toEqual(STORY);
    expect(article.byline).toBe('Tom Reporter');
  });

  it('ends a list item that says something with a stop, and drops link-only teasers', () => {
    const lead = `<p>${STORY[0]}</p><ul><li>The gates close on their own when the river rises</li><li><a href="/x">Read our earlier story on the weir works</a></li></ul>`;
    const lines = read(page({ lead })).text.split('\n\n');
    expect(lines[1]).toBe('The gates close on their own when the river rises.');
    expect(lines).not.toContain('Read our earlier story on the weir works');
  });
});

describe('extractHtml: the title', () => {
  it('takes og:title without the site name', () => {
    const head =
      '<title>Flood gates open | Millbrook Gazette</title><meta property="og:title" content="Flood gates open - Millbrook Gazette"><meta property="og:site_name" content="Millbrook Gazette">';
    expect(read(page({ head })).title).toBe('Flood gates open');
  });

  it('prefers the JSON-LD headline, even wrapped in CDATA', () => {
    const head = `<meta property="og:title" content="Gates open"><script type="application/ld+json"><![CDATA[
      {"@context":"https://schema.org","@type":"NewsArticle","headline":"Millbrook flood gates open at last"}
    ]]></script>`;
    expect(read(page({ head })).title).toBe('Millbrook flood gates open at last');
  });

  it('never takes a logo or menu h1 over <title>, and learns the site name from the h1 it agrees with', () => {
    expect(read(page({ head: '<title>Flood gates open at last</title>' })).title).toBe(
      'Flood gates open at last',
    );
    const html = page({ head: '<title>Flood gates open at last – The Gazette</title>' }).replace(
      '<h1>MENU</h1>',
      '<h1>Flood gates open at last</h1>',
    );
    expect(read(html).title).toBe('Flood gates open at last');
  });

  it('takes an h1 inside the article when the page has no other title', () => {
    expect(read(page({ before: '<h1>Flood gates open at last</h1>' })).title).toBe(
      'Flood gates open at last',
    );
  });

  it('removes a section of the site after a pipe', () => {
    expect(stripSiteFurniture('Flood gates open | Gazette Politics', ['Gazette'])).toBe('Flood gates open');
    expect(stripSiteFurniture('Gazette readers vote for gates', ['Gazette'])).toBe(
      'Gazette readers vote for gates',
    );
  });

  it('removes "(Published 2016)" and "Opinion | "', () => {
    expect(stripSiteFurniture('Opinion | Why the weir matters (Published 2016)', [])).toBe(
      'Why the weir matters',
    );
  });
});

describe('line rules', () => {
  it.each([
    'December 6, 2016 — 6:22 PM EST',
    'Updated on September 19 at 3:15 p.m.',
    '2/26/2015 7:11 AM PST BY TMZ STAFF',
    'CNNMoney (New York) First published February 1, 2016: 1:28 AM ET',
  ])('%s is a timestamp', (line) => {
    expect(isTimestampLine(line)).toBe(true);
  });

  it('a short sentence with a date in it is not a timestamp', () => {
    expect(isTimestampLine('It happened on May 5.')).toBe(false);
  });

  it('a sentence with a date in it is not a timestamp', () => {
    expect(
      isTimestampLine('The gates were opened on December 6, 2016, after two years of work on the weir.'),
    ).toBe(false);
  });

  it('a list of names is a roster, a sentence naming people is not', () => {
    expect(isRosterLine('North Region: Ann Lee, Bob Stone, Carla Diaz, Dev Patel')).toBe(true);
    expect(isRosterLine('Ann Lee, Bob Stone, Carla Diaz and Dev Patel voted for the plan.')).toBe(false);
  });

  it('splits a dateline only when the line opens with a capitalised place and a dash', () => {
    expect(splitDateline('LONDON — The gates opened.')).toEqual({
      dateline: 'LONDON',
      rest: 'The gates opened.',
    });
    expect(splitDateline('Last year — a wet one — the town flooded.').dateline).toBeNull();
  });

  it('tidies a byline to names', () => {
    expect(tidyByline('By Nathan Willis March 25, 2015')).toBe('Nathan Willis');
    expect(tidyByline('by: Laurie Oakes')).toBe('Laurie Oakes');
    expect(tidyByline('April 28, 2019 at 6:01 am')).toBeNull();
  });
});

describe('htmlToText', () => {
  it('gives the text of a fragment with or without block elements', () => {
    expect(htmlToText('<p>One.</p><p>Two.</p>')).toBe('One.\n\nTwo.');
    expect(htmlToText('Just some <b>plain</b> text')).toBe('Just some plain text');
  });
});
