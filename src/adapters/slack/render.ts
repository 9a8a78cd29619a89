/**
 * Pure renderers: newsbrief's data in, Slack messages (Block Kit `blocks` plus a plain `text` fallback) out.
 * No I/O, no clock, no SDK: the same input always gives the same message.
 *
 * Safety: every string that comes from an article, a store or a user goes through `escapeMrkdwn` (see
 * mrkdwn.ts), and every mrkdwn text object is `verbatim`, so no output can mention a user, a group, a
 * channel or `@here`, and the only link a message can hold is the article's own http(s) URL (or, in
 * answers and digests, the stored URL of the article a line comes from).
 *
 * Limits and the splitting/trimming rule (constants in limits.ts):
 * 1. A header is plain text cut to MAX_HEADER_TEXT; a summary to MAX_SECTION_TEXT.
 * 2. A list (key points, quotes, people, answers) is one line per item. A line longer than
 *    MAX_LINE_CHARS is cut at a word with "…". Lines are packed in order into sections of at most
 *    MAX_SECTION_TEXT characters; an item is never split across sections.
 * 3. Sections are added to a message while its block text stays within MESSAGE_BLOCKS_BUDGET and its
 *    blocks within MAX_BLOCKS_PER_MESSAGE (one block and a few hundred characters are kept back for a
 *    closing note). A thread continues in the next message, up to MAX_THREAD_MESSAGES; a main message
 *    or an answer is a single message.
 * 4. What does not fit is never silently dropped: the last block says how many items were left out
 *    ("…and 412 more quotes"). Items keep their order, so the first (most important) ones are shown.
 * 5. The fallback `text` is the headline and summary (or the answer's first lines), escaped, cut to
 *    FALLBACK_TEXT_BUDGET.
 */
import type {
  AskResult,
  BriefingPost,
  DigestItem,
  QuotesResult,
  ThreadAnswer,
} from '../../contracts/index.js';
import type { WhoResult } from '../../core/types.js';
import {
  FALLBACK_TEXT_BUDGET,
  MAX_ANSWER_ITEMS,
  MAX_BLOCKS_PER_MESSAGE,
  MAX_CONTEXT_TEXT,
  MAX_HEADER_TEXT,
  MAX_LINE_CHARS,
  MAX_SECTION_TEXT,
  MAX_THREAD_MESSAGES,
  MESSAGE_BLOCKS_BUDGET,
} from './limits.js';
import {
  escapeAndTrim,
  escapeFallback,
  escapeMrkdwn,
  hostLabel,
  linkOrLabel,
  oneLine,
  safeHref,
  trimPlain,
} from './mrkdwn.js';

export interface MrkdwnText {
  type: 'mrkdwn';
  text: string;
  verbatim: true;
}
export interface PlainText {
  type: 'plain_text';
  text: string;
  emoji: false;
}
export type SlackBlock =
  | { type: 'header'; text: PlainText }
  | { type: 'section'; text: MrkdwnText }
  | { type: 'context'; elements: MrkdwnText[] }
  | { type: 'divider' };

/** One Slack message: Block Kit blocks and the plain-text fallback Slack shows in notifications. */
export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

/** Characters and blocks kept back in every message for a closing "…and N more" note. */
const NOTE_RESERVE_CHARS = 300;
const NOTE_RESERVE_BLOCKS = 1;

const mrkdwn = (text: string): MrkdwnText => ({ type: 'mrkdwn', text, verbatim: true });
const section = (text: string): SlackBlock => ({ type: 'section', text: mrkdwn(text) });
const context = (text: string): SlackBlock => ({ type: 'context', elements: [mrkdwn(text)] });
const header = (raw: string): SlackBlock => ({
  type: 'header',
  text: { type: 'plain_text', text: trimPlain(raw, MAX_HEADER_TEXT) || 'Untitled', emoji: false },
});

/** Characters of block text a block carries (what Slack's overall limit counts). */
export function blockTextLength(block: SlackBlock): number {
  switch (block.type) {
    case 'header':
    case 'section':
      return block.text.text.length;
    case 'context':
      return block.elements.reduce((n, e) => n + e.text.length, 0);
    case 'divider':
      return 0;
  }
}

/** Collects blocks for one message within the block count and the character budget. */
class MessageBuilder {
  readonly blocks: SlackBlock[] = [];
  private used = 0;
  private reserved: SlackBlock | null = null;

  /** Adds the block if it fits while keeping room for a closing note (and a reserved block). */
  add(block: SlackBlock): boolean {
    const size = blockTextLength(block);
    const extraBlocks = this.reserved ? 1 : 0;
    const extraChars = this.reserved ? blockTextLength(this.reserved) : 0;
    if (this.blocks.length + 1 + extraBlocks > MAX_BLOCKS_PER_MESSAGE - NOTE_RESERVE_BLOCKS) return false;
    if (this.used + size + extraChars > MESSAGE_BLOCKS_BUDGET - NOTE_RESERVE_CHARS) return false;
    this.blocks.push(block);
    this.used += size;
    return true;
  }

  /** Keeps room for `block` (added later by `addReserved`) while other blocks are added. */
  reserve(block: SlackBlock): void {
    this.reserved = block;
  }

  addReserved(): void {
    const block = this.reserved;
    this.reserved = null;
    if (block) this.add(block);
  }

  /** Adds a closing note in the reserved room. */
  note(text: string): void {
    this.blocks.push(context(escapeAndTrim(text, NOTE_RESERVE_CHARS)));
    this.used += Math.min(text.length, NOTE_RESERVE_CHARS);
  }

  get isEmpty(): boolean {
    return this.blocks.length === 0;
  }
}

/** Packs already-escaped lines into section texts of at most MAX_SECTION_TEXT, never splitting a line. */
function packLines(lines: string[]): { text: string; count: number }[] {
  const sections: { text: string; count: number }[] = [];
  let text = '';
  let count = 0;
  for (const line of lines) {
    if (text && text.length + 1 + line.length > MAX_SECTION_TEXT) {
      sections.push({ text, count });
      text = '';
      count = 0;
    }
    text = text ? `${text}\n${line}` : line;
    count += 1;
  }
  if (text) sections.push({ text, count });
  return sections;
}

/** A line of list text: one line, escaped, cut to MAX_LINE_CHARS. */
const line = (raw: string, max = MAX_LINE_CHARS): string => escapeAndTrim(oneLine(raw), max);

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Builds the fallback text from raw parts: escaped for mrkdwn, bare URLs defused, within budget. */
function fallback(...parts: (string | null | undefined)[]): string {
  const raw = parts
    .filter((p): p is string => Boolean(p?.trim()))
    .map(oneLine)
    .join('\n');
  return escapeAndTrim(raw || 'newsbrief', FALLBACK_TEXT_BUDGET, escapeFallback);
}

/**
 * Renders a titled list into at most `maxMessages` messages (rule 3), with a note counting what did not
 * fit (rule 4). `lines` are escaped mrkdwn; `noun` names the items ("quote").
 */
function listMessages(
  title: string,
  lines: string[],
  noun: string,
  maxMessages: number,
  fallbackText: string,
): SlackMessage[] {
  const messages: SlackMessage[] = [];
  let builder = new MessageBuilder();
  builder.add(section(`*${escapeMrkdwn(title)}*`));
  let shown = 0;
  for (const packed of packLines(lines)) {
    if (builder.add(section(packed.text))) {
      shown += packed.count;
      continue;
    }
    if (messages.length + 1 >= maxMessages) break;
    messages.push({ text: fallbackText, blocks: builder.blocks });
    builder = new MessageBuilder();
    builder.add(section(`*${escapeMrkdwn(title)}* (continued)`));
    if (!builder.add(section(packed.text))) break;
    shown += packed.count;
  }
  const left = lines.length - shown;
  if (left > 0) builder.note(`…and ${plural(left, `more ${noun}`)} not shown.`);
  messages.push({ text: fallbackText, blocks: builder.blocks });
  return messages;
}

/** "— *Speaker*, role" for a quote line. */
function credit(speaker: string | null, role: string | null): string {
  if (!speaker) return '— _unattributed_';
  const name = `*${escapeAndTrim(oneLine(speaker), 200)}*`;
  return role ? `— ${name}, ${escapeAndTrim(oneLine(role), 200)}` : `— ${name}`;
}

function quoteLine(text: string, speaker: string | null, role: string | null): string {
  return `> “${line(text)}” ${credit(speaker, role)}`;
}

/** The main briefing message: headline, summary, key points, source link. */
export function renderBriefing(post: BriefingPost): SlackMessage {
  const b = post.briefing;
  const title = b.title?.trim() ? b.title : 'Untitled article';
  const builder = new MessageBuilder();
  builder.add(header(title));
  if (b.summary?.trim()) builder.add(section(escapeAndTrim(b.summary.trim(), MAX_SECTION_TEXT)));
  const details: string[] = [];
  const href = safeHref(post.url);
  if (href && post.url) details.push(`Source: <${href}|${escapeAndTrim(hostLabel(post.url), 200)}>`);
  if (post.version > 1) details.push(`Updated (version ${post.version})`);
  if (b.quotes.length || b.people.length) {
    details.push(
      `Details: ${plural(b.quotes.length, 'quote')}, ${plural(b.people.length, 'person', 'people')}`,
    );
  }
  // The source link and details always fit: their room is kept while key points are added.
  if (details.length) builder.reserve(context(details.join(' · ')));
  const points = b.keyPoints.map((p) => `• ${line(p.text)}`).filter((l) => l.length > 2);
  let shown = 0;
  for (const packed of packLines(points)) {
    if (!builder.add(section(packed.text))) break;
    shown += packed.count;
  }
  builder.addReserved();
  const left = points.length - shown;
  if (left > 0) builder.note(`…and ${plural(left, 'more key point')} not shown.`);
  return { text: fallback(title, b.summary), blocks: builder.blocks };
}

/** The thread under a briefing: quotes with their speakers, then the people with their roles. */
export function renderBriefingThread(post: BriefingPost): SlackMessage[] {
  const b = post.briefing;
  const title = b.title ?? 'this article';
  const messages: SlackMessage[] = [];
  const quoteLines = b.quotes.map((q) => quoteLine(q.text, q.speaker, q.speakerRole));
  if (quoteLines.length) {
    messages.push(
      ...listMessages(
        'Quotes',
        quoteLines,
        'quote',
        MAX_THREAD_MESSAGES - 1,
        fallback(`Quotes from ${title}`),
      ),
    );
  }
  const peopleLines = b.people.map((p) => {
    const parts = [`• *${line(p.name, 200)}*`];
    if (p.role) parts.push(`, ${line(p.role, 300)}`);
    if (p.aliases.length) parts.push(` (also: ${line(p.aliases.join(', '), 300)})`);
    parts.push(` — ${plural(p.mentions, 'mention')}`);
    return parts.join('');
  });
  const others = [
    b.organizations.length ? `Organisations: ${b.organizations.map((o) => o.name).join(', ')}` : '',
    b.places.length ? `Places: ${b.places.map((p) => p.name).join(', ')}` : '',
  ]
    .filter(Boolean)
    .map((l) => line(l));
  if (peopleLines.length || others.length) {
    messages.push(
      ...listMessages(
        'People',
        [...peopleLines, ...others],
        'line',
        Math.max(1, MAX_THREAD_MESSAGES - messages.length),
        fallback(`People in ${title}`),
      ),
    );
  }
  if (!messages.length) {
    messages.push({
      text: 'No quotes or named people in this article.',
      blocks: [context('No quotes or named people in this article.')],
    });
  }
  return messages;
}

/** The reply to `/who`: a person card, or "not found" with the closest names. */
export function renderWho(result: WhoResult): SlackMessage {
  if (!result.found) return renderNotFound(result.query, result.suggestions);
  const builder = new MessageBuilder();
  const head = [`*${line(result.name, 200)}*`];
  if (result.role) head.push(`, ${line(result.role, 300)}`);
  builder.add(section(head.join('')));
  const facts = [
    `${plural(result.mentions, 'mention')} in ${plural(result.articles, 'article')}`,
    result.aliases.length ? `also called ${result.aliases.join(', ')}` : '',
  ].filter(Boolean);
  builder.add(context(line(facts.join(' · '), MAX_CONTEXT_TEXT)));
  const lines = [
    ...result.quotes
      .slice(0, MAX_ANSWER_ITEMS)
      .map((q) => `> “${line(q.text)}”${q.title ? ` (${linkOrLabel(q.url, q.title)})` : ''}`),
    ...result.sentences.slice(0, MAX_ANSWER_ITEMS).map((s) => `• ${line(s)}`),
  ];
  addLines(builder, lines, 'more line');
  return { text: fallback(`${result.name}${result.role ? `, ${result.role}` : ''}`), blocks: builder.blocks };
}

/** The reply to `/ask` or a thread question. */
export function renderAsk(result: AskResult): SlackMessage {
  const builder = new MessageBuilder();
  builder.add(section(`*Q:* ${line(result.question, 500)}`));
  if (!result.answers.length) {
    builder.add(section('I found nothing about that in the stored articles.'));
    return { text: fallback(result.question, 'No answer found.'), blocks: builder.blocks };
  }
  const lines = result.answers
    .slice(0, MAX_ANSWER_ITEMS)
    .map((a) => `• ${line(a.text)}${a.title ? ` (${linkOrLabel(a.url, a.title)})` : ''}`);
  addLines(builder, lines, 'more answer');
  return { text: fallback(result.question, result.answers[0]?.text), blocks: builder.blocks };
}

/** The reply to `/quotes [name]`. */
export function renderQuotes(result: QuotesResult): SlackMessage {
  if (!result.quotes.length) {
    if (result.query && result.suggestions.length) return renderNotFound(result.query, result.suggestions);
    const text = result.query ? `No quotes from “${oneLine(result.query)}” found.` : 'No quotes stored yet.';
    return { text: fallback(text), blocks: [section(escapeAndTrim(text, MAX_SECTION_TEXT))] };
  }
  const builder = new MessageBuilder();
  const title = result.query ? `Quotes from ${oneLine(result.query)}` : 'Latest quotes';
  builder.add(section(`*${line(title, 300)}*`));
  const lines = result.quotes
    .slice(0, MAX_ANSWER_ITEMS)
    .map((q) => `${quoteLine(q.text, q.speaker, null)}${q.title ? ` (${linkOrLabel(q.url, q.title)})` : ''}`);
  addLines(builder, lines, 'more quote');
  return { text: fallback(title, result.quotes[0]?.text), blocks: builder.blocks };
}

/**
 * The digest's main message: one line per story, linked to its article, with other reports.
 * `threaded`: the stories are briefed in the message's thread (scheduled digests), so say so.
 */
export function renderDigest(items: DigestItem[], options: { threaded?: boolean } = {}): SlackMessage {
  if (!items.length) {
    const text = 'No new briefings since the last digest.';
    return { text, blocks: [section(text)] };
  }
  const builder = new MessageBuilder();
  builder.add(header(`News digest: ${plural(items.length, 'story', 'stories')}`));
  if (options.threaded) builder.add(context('Each story is briefed in this thread.'));
  const lines = items.map((item) => {
    const title = item.post.briefing.title ?? 'Untitled article';
    let text = `• *${linkOrLabel(item.post.url, title, 300)}*`;
    const also = item.alsoReportedBy
      .slice(0, 5)
      .map((a) => linkOrLabel(a.url, a.title ?? hostOf(a.url), 100));
    if (also.length) text += ` (also: ${also.join(', ')})`;
    return text;
  });
  addLines(builder, lines, 'more story', 'more stories');
  return {
    text: fallback(`News digest: ${items.map((i) => i.post.briefing.title ?? 'Untitled').join('; ')}`),
    blocks: builder.blocks,
  };
}

function hostOf(url: string | null): string {
  return url ? hostLabel(url) : 'another source';
}

/** Adds packed lines to a single message and a note for what did not fit. */
function addLines(builder: MessageBuilder, lines: string[], more: string, morePlural?: string): void {
  let shown = 0;
  for (const packed of packLines(lines)) {
    if (!builder.add(section(packed.text))) break;
    shown += packed.count;
  }
  const left = lines.length - shown;
  if (left > 0) builder.note(`…and ${left} ${left === 1 ? more : (morePlural ?? `${more}s`)} not shown.`);
}

/** A thread question's answer, whichever kind the service chose. */
export function renderThreadAnswer(answer: ThreadAnswer): SlackMessage {
  switch (answer.kind) {
    case 'who':
      return renderWho(answer.result);
    case 'quotes':
      return renderQuotes(answer.result);
    case 'ask':
      return renderAsk(answer.result);
  }
}

/** "Not found" with the closest names, for `/who` and `/quotes`. */
export function renderNotFound(query: string, suggestions: string[]): SlackMessage {
  const q = escapeAndTrim(oneLine(query), 200);
  const close = suggestions.slice(0, MAX_ANSWER_ITEMS).map((s) => escapeAndTrim(oneLine(s), 100));
  const text = close.length
    ? `No one called “${q}” found. Closest: ${close.join(', ')}.`
    : `No one called “${q}” found.`;
  return { text: escapeAndTrim(oneLine(text), FALLBACK_TEXT_BUDGET, (s) => s), blocks: [section(text)] };
}

/** A message for an updated article posted in its thread when the original cannot be edited. */
export function renderUpdateNotice(post: BriefingPost): SlackMessage {
  const main = renderBriefing(post);
  const note = context(`Updated: the article changed (version ${post.version}).`);
  return { text: main.text, blocks: [note, ...main.blocks.slice(0, MAX_BLOCKS_PER_MESSAGE - 1)] };
}

/** Opens the refreshed quotes and people in a briefing's thread after the briefing was edited. */
export function renderUpdatedDetailsNotice(post: BriefingPost): SlackMessage {
  const text = `Updated: the article changed (version ${post.version}); the briefing above is edited and its quotes and people follow.`;
  return { text, blocks: [context(text)] };
}

/** Slash commands, their arguments and what they do: the usage lines and `/newsbrief help`. */
export const COMMANDS = {
  brief: { usage: '/brief <url or pasted article text>', does: 'a briefing of one article' },
  who: { usage: '/who <name>', does: 'who a person in the news is, with their quotes' },
  ask: { usage: '/ask <question>', does: 'answers from the stored articles' },
  quotes: { usage: '/quotes [name]', does: 'the latest quotes, or one person’s' },
  digest: { usage: '/digest', does: 'the briefings since this channel’s last digest' },
  newsbrief: { usage: '/newsbrief help', does: 'this help' },
} as const;
export type CommandName = keyof typeof COMMANDS;

/** A short usage line for a command given no or bad arguments. */
export function renderUsage(command: CommandName, problem?: string): SlackMessage {
  const text = `${problem ? `${problem} ` : ''}Usage: \`${COMMANDS[command].usage}\``;
  return { text: escapeMrkdwn(text), blocks: [section(escapeMrkdwn(text))] };
}

/** `/newsbrief help`. */
export function renderHelp(): SlackMessage {
  const lines = Object.values(COMMANDS).map((c) => `• \`${escapeMrkdwn(c.usage)}\`: ${escapeMrkdwn(c.does)}`);
  lines.push('• Mention me in a briefing’s thread to ask about that article ("who is Rutte?").');
  return {
    text: 'newsbrief commands: /brief, /who, /ask, /quotes, /digest, /newsbrief help',
    blocks: [section('*newsbrief* condenses news articles into briefings.'), section(lines.join('\n'))],
  };
}

/** A short message of our own (errors, rate limits). `raw` may contain user text: it is escaped. */
export function renderNotice(raw: string): SlackMessage {
  const text = escapeAndTrim(oneLine(raw), MAX_SECTION_TEXT);
  return { text: escapeAndTrim(oneLine(raw), FALLBACK_TEXT_BUDGET, escapeFallback), blocks: [section(text)] };
}
