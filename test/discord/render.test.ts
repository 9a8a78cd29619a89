import { describe, expect, it } from 'vitest';
import { CONTENT_MAX, EMBEDS_TOTAL_MAX } from '../../src/adapters/discord/limits.js';
import {
  type DiscordMessage,
  embedLength,
  fitText,
  limitProblems,
  packLines,
  renderAnswer,
  renderBriefing,
  renderBriefingThread,
  renderDigest,
  renderHelp,
  splitLines,
  THREAD_QUOTE_MESSAGES_MAX,
  threadName,
  toBody,
} from '../../src/adapters/discord/render.js';
import { askView, briefingView, digestView, quotesView, whoView } from '../../src/app/views.js';
import type { BriefingPost, DigestItem } from '../../src/contracts/index.js';
import type { Briefing } from '../../src/core/types.js';

const HOSTILE =
  '@everyone @here <@123456789012345678> <@!123456789012345678> <@&987654321098765432> <#111111111111111111> **bold** __u__ ||spoiler|| `code` ```js\nblock``` [click](https://evil.example/) # heading\n> quote\n- list';

function hostileBriefing(): Briefing {
  const long = `${HOSTILE} `.repeat(Math.ceil(50_000 / HOSTILE.length)).slice(0, 50_000);
  return {
    title: long,
    summary: long,
    keyPoints: Array.from({ length: 40 }, (_, i) => ({ text: `${i} ${long}` })),
    quotes: Array.from({ length: 500 }, (_, i) => ({
      text: `${HOSTILE} quote ${i} ${i % 50 === 0 ? long : ''}`,
      speaker: i % 7 === 0 ? null : `@everyone Speaker <@&1${i}>`,
      speakerRole: i % 3 === 0 ? long : 'role **x**',
    })),
    people: Array.from({ length: 300 }, (_, i) => ({
      name: `Person ${i} @here`,
      role: long.slice(0, 400),
      aliases: ['<@1>', '**P**'],
      mentions: i,
    })),
    organizations: Array.from({ length: 200 }, (_, i) => ({ name: `Org ${i} @everyone`, mentions: 1 })),
    places: Array.from({ length: 200 }, (_, i) => ({ name: `Place ${i} <#1>`, mentions: 1 })),
  };
}

const hostilePost = (): BriefingPost => ({
  articleId: 'a1',
  version: 1,
  url: 'https://news.example/story?q=(1)',
  briefing: hostileBriefing(),
});
const hostileView = () => briefingView(hostilePost());

/** Text Discord would turn into a live mention or unescaped markup. */
function liveMentions(text: string): string[] {
  const found = text.match(/@(everyone|here)|<@[!&]?\d+>|<#\d+>/g) ?? [];
  return found;
}

function allText(msg: DiscordMessage): string {
  const parts = [msg.content, msg.fallback];
  for (const e of msg.embeds) {
    parts.push(e.title ?? '', e.description ?? '', e.footer?.text ?? '');
    for (const f of e.fields ?? []) parts.push(f.name, f.value);
  }
  return parts.join('\n');
}

function expectSafe(msg: DiscordMessage) {
  expect(limitProblems(msg)).toEqual([]);
  expect(limitProblems({ content: msg.fallback, embeds: [] })).toEqual([]);
  expect(msg.allowedMentions).toEqual({ parse: [] });
  expect(toBody(msg).allowed_mentions).toEqual({ parse: [] });
  expect(liveMentions(allText(msg))).toEqual([]);
}

describe('render: a hostile article', () => {
  it('keeps the channel message within every limit, escaped and mention-free', () => {
    const msg = renderBriefing(hostileView());
    expectSafe(msg);
    const embed = msg.embeds[0];
    expect(embed?.title?.endsWith('…')).toBe(true);
    expect(embed?.description).toContain('\\*\\*bold\\*\\*');
    expect(embed?.description).not.toMatch(/(^|[^\\])\*\*bold/);
    expect(embed?.description).toMatch(/…and \d+ more key points$/);
    expect(embed?.url).toBe('https://news.example/story?q=(1)');
    expect(embed?.fields?.[0]?.value).toBe('[news.example](https://news.example/story?q=%281%29)');
    expect(embedLength(embed ?? {})).toBeLessThanOrEqual(EMBEDS_TOTAL_MAX);
  });

  it('splits 500 quotes over a bounded number of thread messages, each within limits', () => {
    const thread = renderBriefingThread(hostileView());
    for (const msg of thread) expectSafe(msg);
    const quoteMessages = thread.filter((m) => m.embeds[0]?.title?.startsWith('Quotes'));
    expect(quoteMessages).toHaveLength(THREAD_QUOTE_MESSAGES_MAX);
    expect(quoteMessages[0]?.embeds[0]?.title).toBe('Quotes (500)');
    expect(quoteMessages.at(-1)?.embeds[0]?.description).toMatch(/…and \d+ more quotes$/);
    expect(thread.some((m) => m.embeds[0]?.title === 'People (300)')).toBe(true);
    expect(thread.some((m) => m.embeds[0]?.title === 'Also mentioned')).toBe(true);
    expect(threadName(hostileView()).length).toBeLessThanOrEqual(100);
  });

  it('keeps digests, answers and help within limits', () => {
    const items: DigestItem[] = Array.from({ length: 60 }, (_, i) => ({
      post: { ...hostilePost(), articleId: `a${i}` },
      alsoReportedBy: Array.from({ length: 30 }, (_, j) => ({
        title: `${HOSTILE} ${j}`,
        url: `https://o${j}.example/`,
      })),
    }));
    const digest = renderDigest(digestView(items));
    expectSafe(digest.main);
    expect(digest.thread.length).toBeLessThanOrEqual(21);
    for (const msg of digest.thread) expectSafe(msg);

    const long = hostileBriefing().summary ?? '';
    expectSafe(
      renderAnswer(
        whoView({
          found: true,
          name: long,
          role: long,
          aliases: [long, long],
          mentions: 3,
          articles: 1,
          quotes: Array.from({ length: 50 }, () => ({ text: long, title: long, url: 'javascript:alert(1)' })),
          sentences: Array.from({ length: 100 }, () => long),
        }),
      ),
    );
    expectSafe(renderAnswer(whoView({ found: false, query: long, suggestions: [long, '@everyone'] })));
    expectSafe(
      renderAnswer(
        askView({
          question: long,
          answers: Array.from({ length: 80 }, () => ({ text: long, title: long, url: 'https://x.example/' })),
        }),
      ),
    );
    expectSafe(
      renderAnswer(
        quotesView({
          query: null,
          quotes: Array.from({ length: 80 }, () => ({ text: long, speaker: long, title: null, url: null })),
          suggestions: [],
        }),
      ),
    );
    expectSafe(renderHelp());
  });
});

describe('render: the rules', () => {
  it('cuts on a word boundary before escaping, so no escape is cut in half', () => {
    const out = fitText('**a** '.repeat(100), 50);
    expect(out.length).toBeLessThanOrEqual(50);
    expect(out.endsWith('…')).toBe(true);
    expect(out).not.toMatch(/\\…$/);
    expect(fitText('short *text*', 50)).toBe('short \\*text\\*');
  });

  it('neutralises masked links, block quotes and control characters', () => {
    expect(fitText('[x](https://e.example)', 100)).toBe('\\[x\\](https://e.example)');
    expect(fitText('> hi\u202Eevil', 100, false)).toBe('\\> hievil');
  });

  it('packs lines with a count of what was left out, and splits over chunks', () => {
    const lines = Array.from({ length: 10 }, (_, i) => `line ${i}`);
    const packed = packLines(lines, 40, (n) => `…and ${n} more`);
    expect(packed.text.length).toBeLessThanOrEqual(40);
    expect(packed.text).toMatch(/…and \d+ more$/);
    const chunks = splitLines(lines, 20, 2, (n) => `+${n}`);
    expect(chunks).toHaveLength(2);
    expect(chunks.every((c) => c.length <= 20)).toBe(true);
    expect(chunks[1]).toMatch(/\+\d+$/);
  });

  it('falls back to plain text within the content limit', () => {
    const body = toBody(renderBriefing(hostileView()), 'text');
    expect(body.embeds).toEqual([]);
    expect(body.content?.length).toBeLessThanOrEqual(CONTENT_MAX);
    expect(liveMentions(body.content ?? '')).toEqual([]);
  });
});

describe('render: escaping', () => {
  it('escapes markdown at line starts and inline', () => {
    expect(fitText('# Big\n-# small\n- item\n1. first\n> quoted', 200, false)).toBe(
      '\\# Big\n\\-# small\n\\- item\n1\\. first\n\\> quoted',
    );
    expect(fitText('a_b ~~c~~ ||d|| `e` \\ f', 200)).toBe('a\\_b \\~\\~c\\~\\~ \\|\\|d\\|\\| \\`e\\` \\\\ f');
  });
});
