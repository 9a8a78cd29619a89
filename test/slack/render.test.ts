import { describe, expect, it } from 'vitest';
import {
  FALLBACK_TEXT_BUDGET,
  MAX_BLOCKS_PER_MESSAGE,
  MAX_CONTEXT_ELEMENTS,
  MAX_CONTEXT_TEXT,
  MAX_HEADER_TEXT,
  MAX_MESSAGE_TEXT,
  MAX_SECTION_TEXT,
  MAX_THREAD_MESSAGES,
  MESSAGE_BLOCKS_BUDGET,
} from '../../src/adapters/slack/limits.js';
import { escapeAndTrim, escapeMrkdwn, safeHref } from '../../src/adapters/slack/mrkdwn.js';
import {
  renderAnswer,
  renderBriefing,
  renderBriefingThread,
  renderDigest,
  renderHelp,
  renderUsage,
  type SlackMessage,
} from '../../src/adapters/slack/render.js';
import { askView, briefingView, digestView, quotesView, whoView } from '../../src/app/views.js';
import type { BriefingPost, DigestItem } from '../../src/contracts/index.js';

const ARTICLE_URL = 'https://news.example.org/a?x=1&y=2';
/** Slack refuses messages whose blocks add up to about this many characters. */
const SLACK_OBSERVED_REFUSAL = 13_000;

const NASTY = [
  '<!channel> <!here> <!everyone> <!here|here>',
  '@channel @here @everyone @Channel',
  '<@U123> <@U123|boss> <@W999>',
  '<!subteam^S1> <!subteam^S1|@team>',
  '<#C123|general>',
  '<https://evil.example/phish|Click here> <mailto:a@b.c|mail> <javascript:alert(1)|x>',
  'https://evil.example/bare and evil.example',
  '*bold* _it_ ~strike~ `code` ```block``` > quote',
  '<script>alert("x")</script> &amp; & < > &lt;!channel&gt;',
  '\u202Eevil\u202C 🇺🇸👨‍👩‍👧',
].join(' ');

function hostilePost(): BriefingPost {
  const long = `${NASTY} `.repeat(Math.ceil(50_000 / NASTY.length)).slice(0, 50_000);
  return {
    articleId: 'hostile',
    version: 3,
    url: ARTICLE_URL,
    briefing: {
      title: `${NASTY} ${long}`.slice(0, 5000),
      summary: long,
      keyPoints: Array.from({ length: 200 }, (_, i) => ({
        text: `${i} ${NASTY} ${i % 10 === 0 ? long : ''}`,
      })),
      quotes: Array.from({ length: 500 }, (_, i) => ({
        text: `${i} ${NASTY}${i === 7 ? long : ''}`,
        speaker: i % 3 === 0 ? null : `<@U${i}> Speaker ${i} <!channel>`,
        speakerRole: i % 2 ? `<!subteam^S${i}> role` : null,
      })),
      people: Array.from({ length: 300 }, (_, i) => ({
        name: `<!here> Person ${i}`,
        role: `${NASTY}`,
        aliases: ['<@U1>', '@everyone'],
        mentions: i,
      })),
      organizations: Array.from({ length: 100 }, (_, i) => ({ name: `<!channel> Org ${i}`, mentions: 1 })),
      places: [{ name: '<#C1>', mentions: 1 }],
    },
  };
}

type Text = { kind: 'mrkdwn' | 'plain_text' | 'fallback'; text: string; where: string };

function texts(message: SlackMessage): Text[] {
  const out: Text[] = [{ kind: 'fallback', text: message.text, where: 'text' }];
  for (const block of message.blocks) {
    if (block.type === 'header') out.push({ kind: 'plain_text', text: block.text.text, where: 'header' });
    if (block.type === 'section') out.push({ kind: 'mrkdwn', text: block.text.text, where: 'section' });
    if (block.type === 'context') {
      for (const e of block.elements) out.push({ kind: 'mrkdwn', text: e.text, where: 'context' });
    }
  }
  return out;
}

/** Every Slack limit, and our budget, for one message. */
function expectWithinLimits(message: SlackMessage): void {
  expect(message.blocks.length).toBeGreaterThan(0);
  expect(message.blocks.length).toBeLessThanOrEqual(MAX_BLOCKS_PER_MESSAGE);
  expect(message.text.length).toBeLessThanOrEqual(FALLBACK_TEXT_BUDGET);
  expect(message.text.length).toBeLessThanOrEqual(MAX_MESSAGE_TEXT);
  let total = 0;
  for (const block of message.blocks) {
    if (block.type === 'header') {
      expect(block.text.text.length).toBeLessThanOrEqual(MAX_HEADER_TEXT);
      expect(block.text.type).toBe('plain_text');
      total += block.text.text.length;
    }
    if (block.type === 'section') {
      expect(block.text.text.length).toBeLessThanOrEqual(MAX_SECTION_TEXT);
      expect(block.text.verbatim).toBe(true);
      total += block.text.text.length;
    }
    if (block.type === 'context') {
      expect(block.elements.length).toBeLessThanOrEqual(MAX_CONTEXT_ELEMENTS);
      for (const e of block.elements) {
        expect(e.text.length).toBeLessThanOrEqual(MAX_CONTEXT_TEXT);
        expect(e.verbatim).toBe(true);
        total += e.text.length;
      }
    }
  }
  expect(total).toBeLessThanOrEqual(MESSAGE_BLOCKS_BUDGET);
  expect(total).toBeLessThan(SLACK_OBSERVED_REFUSAL);
  // The JSON that goes over the wire, too, stays far from Slack's refusal point per block.
  expect(JSON.stringify(message.blocks).length).toBeLessThan(MESSAGE_BLOCKS_BUDGET * 2);
}

/**
 * Pings no one and links nowhere new: in mrkdwn and the fallback, the only `<...>` sequences are links
 * to `allowedHrefs`; no bare broadcast words remain; plain text (headers) is never parsed by Slack.
 */
function expectPingsNoOne(message: SlackMessage, allowedHrefs: string[]): void {
  for (const t of texts(message)) {
    if (t.kind === 'plain_text') continue;
    for (const match of t.text.matchAll(/<([^>]*)>/g)) {
      const inner = match[1] ?? '';
      const href = inner.split('|')[0] ?? '';
      expect(allowedHrefs, `${t.where}: unexpected <${inner.slice(0, 80)}>`).toContain(href);
      expect(inner).not.toMatch(/^[!@#]/);
    }
    expect(t.text).not.toMatch(/<[!@#]/);
    expect(t.text).not.toMatch(/@(channel|here|everyone)\b/i);
    // Every `&` starts one of the three entities: nothing is left half-escaped.
    expect(t.text.replace(/&(amp|lt|gt);/g, '')).not.toContain('&');
  }
}

const allowed = [safeHref(ARTICLE_URL) ?? 'none'];

describe('renderBriefing and its thread with a hostile article', () => {
  const post = hostilePost();

  it('keeps the main message within every limit and pings no one', () => {
    const main = renderBriefing(briefingView(post));
    expectWithinLimits(main);
    expectPingsNoOne(main, allowed);
    const body = JSON.stringify(main);
    expect(body).toContain('&lt;!channel&gt;');
    expect(body).toContain(`<${allowed[0]}|news.example.org>`);
    expect(body).toMatch(/…and \d+ more key points not shown\./);
  });

  it('keeps each thread message within every limit, in at most MAX_THREAD_MESSAGES, and counts what it leaves out', () => {
    const thread = renderBriefingThread(briefingView(post));
    expect(thread.length).toBeLessThanOrEqual(MAX_THREAD_MESSAGES);
    for (const message of thread) {
      expectWithinLimits(message);
      expectPingsNoOne(message, allowed);
    }
    const all = JSON.stringify(thread);
    expect(all).toMatch(/…and \d+ more quotes not shown\./);
    expect(all).toContain('“0 ');
    expect(all).toContain('— _unattributed_');
  });

  it('never links a URL that is not http(s), or one that could break out of the link', () => {
    for (const url of [
      'javascript:alert(1)',
      'data:text/html,x',
      'ftp://x.example/a',
      'https://u:p@x.example',
      'not a url',
      '',
    ]) {
      const main = renderBriefing(briefingView({ ...post, url }));
      expectPingsNoOne(main, []);
    }
    const sneaky = 'https://x.example/a|<!channel>>b';
    const href = safeHref(sneaky);
    expect(href).not.toBeNull();
    expect(href).not.toMatch(/[|<>]/);
    expectPingsNoOne(renderBriefing(briefingView({ ...post, url: sneaky })), [href ?? '']);
  });
});

describe('the other renderers with hostile input', () => {
  const post = hostilePost();

  it('renderWho, renderAsk, renderQuotes and renderDigest stay within limits and ping no one', () => {
    const who = renderAnswer(
      whoView({
        found: true,
        name: `<!channel> ${NASTY}`,
        role: NASTY,
        aliases: [NASTY],
        mentions: 3,
        articles: 2,
        quotes: Array.from({ length: 500 }, () => ({
          text: NASTY.repeat(20),
          title: NASTY,
          url: ARTICLE_URL,
        })),
        sentences: Array.from({ length: 500 }, () => NASTY.repeat(20)),
      }),
    );
    const notFound = renderAnswer(whoView({ found: false, query: NASTY, suggestions: [NASTY, '<@U1>'] }));
    const ask = renderAnswer(
      askView({
        question: NASTY,
        answers: Array.from({ length: 100 }, () => ({
          text: NASTY.repeat(30),
          title: NASTY,
          url: ARTICLE_URL,
        })),
      }),
    );
    const quotes = renderAnswer(
      quotesView({
        query: NASTY,
        quotes: Array.from({ length: 100 }, () => ({
          text: NASTY,
          speaker: NASTY,
          title: NASTY,
          url: 'javascript:x',
        })),
        suggestions: [],
      }),
    );
    const items: DigestItem[] = Array.from({ length: 300 }, () => ({
      post,
      alsoReportedBy: Array.from({ length: 20 }, () => ({ title: NASTY, url: 'https://other.example/x' })),
    }));
    const digest = renderDigest(digestView(items), { threaded: true });
    const otherHref = safeHref('https://other.example/x') ?? '';
    for (const message of [who, notFound, ask, quotes, digest, renderHelp(), renderUsage('who', NASTY)]) {
      expectWithinLimits(message);
      expectPingsNoOne(message, [...allowed, otherHref]);
    }
    expect(JSON.stringify(digest)).toMatch(/…and \d+ more stories not shown\./);
  });
});

describe('escaping helpers', () => {
  it('escapes only &, < and > and defuses broadcast words', () => {
    expect(escapeMrkdwn('a & b < c > d')).toBe('a &amp; b &lt; c &gt; d');
    expect(escapeMrkdwn('@here')).toBe('@\u200Bhere');
    // Bidi overrides and isolates would show the text in another order than it is stored in.
    expect(escapeMrkdwn('price \u202e05$ \u2066x\u2069')).toBe('price 05$ x');
    expect(escapeMrkdwn('mail me@hereford.example')).toBe('mail me@hereford.example');
  });

  it('trims by escaped length without cutting an entity or a surrogate pair', () => {
    const out = escapeAndTrim('&'.repeat(100), 23);
    expect(out.length).toBeLessThanOrEqual(23);
    expect(out).toBe(`${'&amp;'.repeat(4)}…`);
    const emoji = escapeAndTrim('😀'.repeat(50), 11);
    expect(emoji.length).toBeLessThanOrEqual(11);
    expect(emoji).toBe(`${'😀'.repeat(5)}…`);
    expect(escapeAndTrim('short', 100)).toBe('short');
  });
});
