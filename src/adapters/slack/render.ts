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
  AnswersView,
  BriefingView,
  DigestView,
  FeedsView,
  NoticeView,
  PersonView,
  QuotesView,
} from '../../contracts/index.js';
import { answerRenderer } from '../answer.js';
import {
  FALLBACK_TEXT_BUDGET,
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
export function renderBriefing(view: BriefingView): SlackMessage {
  const builder = new MessageBuilder();
  builder.add(header(view.headline));
  if (view.summary) builder.add(section(escapeAndTrim(view.summary.trim(), MAX_SECTION_TEXT)));
  const details: string[] = [];
  const href = safeHref(view.url);
  if (href && view.url) details.push(`Source: <${href}|${escapeAndTrim(hostLabel(view.url), 200)}>`);
  if (view.version > 1) details.push(`Updated (version ${view.version})`);
  if (view.quotes.length || view.people.length) {
    details.push(
      `Details: ${plural(view.quotes.length, 'quote')}, ${plural(view.people.length, 'person', 'people')}`,
    );
  }
  // The source link and details always fit: their room is kept while key points are added.
  if (details.length) builder.reserve(context(details.join(' · ')));
  const points = view.keyPoints.map((p) => `• ${line(p)}`).filter((l) => l.length > 2);
  let shown = 0;
  for (const packed of packLines(points)) {
    if (!builder.add(section(packed.text))) break;
    shown += packed.count;
  }
  builder.addReserved();
  const left = points.length - shown;
  if (left > 0) builder.note(`…and ${plural(left, 'more key point')} not shown.`);
  return { text: fallback(view.headline, view.summary), blocks: builder.blocks };
}

/** The thread under a briefing: quotes with their speakers, then the people with their roles. */
export function renderBriefingThread(view: BriefingView): SlackMessage[] {
  const title = view.headline;
  const messages: SlackMessage[] = [];
  const quoteLines = view.quotes.map((q) => quoteLine(q.text, q.speaker, q.speakerRole));
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
  const peopleLines = view.people.map((p) => {
    const parts = [`• *${line(p.name, 200)}*`];
    if (p.role) parts.push(`, ${line(p.role, 300)}`);
    if (p.aliases.length) parts.push(` (also: ${line(p.aliases.join(', '), 300)})`);
    parts.push(` — ${plural(p.mentions, 'mention')}`);
    return parts.join('');
  });
  const others = [
    view.organizations.length ? `Organisations: ${view.organizations.join(', ')}` : '',
    view.places.length ? `Places: ${view.places.join(', ')}` : '',
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

/** The reply to `/who`: a person card. */
export function renderPerson(view: PersonView): SlackMessage {
  const builder = new MessageBuilder();
  const head = [`*${line(view.name, 200)}*`];
  if (view.role) head.push(`, ${line(view.role, 300)}`);
  builder.add(section(head.join('')));
  const facts = [
    `${plural(view.mentions, 'mention')} in ${plural(view.articles, 'article')}`,
    view.aliases.length ? `also called ${view.aliases.join(', ')}` : '',
  ].filter(Boolean);
  builder.add(context(line(facts.join(' · '), MAX_CONTEXT_TEXT)));
  const lines = [
    ...view.quotes.map((q) => `> “${line(q.text)}”${q.title ? ` (${linkOrLabel(q.url, q.title)})` : ''}`),
    ...view.sentences.map((s) => `• ${line(s)}`),
  ];
  addLines(builder, lines, 'more line');
  return { text: fallback(`${view.name}${view.role ? `, ${view.role}` : ''}`), blocks: builder.blocks };
}

/** The reply to `/ask` or a thread question. */
export function renderAnswers(view: AnswersView): SlackMessage {
  const builder = new MessageBuilder();
  builder.add(section(`*Q:* ${line(view.question, 500)}`));
  const lines = view.answers.map(
    (a) => `• ${line(a.text)}${a.title ? ` (${linkOrLabel(a.url, a.title)})` : ''}`,
  );
  addLines(builder, lines, 'more answer');
  return { text: fallback(view.question, view.answers[0]?.text), blocks: builder.blocks };
}

/** The reply to `/quotes [name]`. */
export function renderQuotes(view: QuotesView): SlackMessage {
  const builder = new MessageBuilder();
  const title = view.query ? `Quotes from ${oneLine(view.query)}` : 'Latest quotes';
  builder.add(section(`*${line(title, 300)}*`));
  const lines = view.quotes.map(
    (q) => `${quoteLine(q.text, q.speaker, null)}${q.title ? ` (${linkOrLabel(q.url, q.title)})` : ''}`,
  );
  addLines(builder, lines, 'more quote');
  return { text: fallback(title, view.quotes[0]?.text), blocks: builder.blocks };
}

/**
 * The digest's main message: one line per story, linked to its article, with other reports.
 * `threaded`: the stories are briefed in the message's thread (scheduled digests), so say so.
 */
export function renderDigest(
  view: DigestView | NoticeView,
  options: { threaded?: boolean } = {},
): SlackMessage {
  if (view.kind === 'notice') return renderNoticeView(view);
  const builder = new MessageBuilder();
  builder.add(header(view.title));
  if (options.threaded) builder.add(context('Each story is briefed in this thread.'));
  const lines = view.stories.map((story) => {
    let text = `• *${linkOrLabel(story.url, story.headline, 300)}*`;
    const also = story.alsoReportedBy
      .slice(0, 5)
      .map((a) => linkOrLabel(a.url, a.title ?? hostOf(a.url), 100));
    if (also.length) text += ` (also: ${also.join(', ')})`;
    return text;
  });
  addLines(builder, lines, 'more story', 'more stories');
  return {
    text: fallback(`News digest: ${view.stories.map((s) => s.headline).join('; ')}`),
    blocks: builder.blocks,
  };
}

/** The digest's thread: the briefed stories, then the line counting the stories left out. */
export function renderDigestThread(view: DigestView): SlackMessage[] {
  const briefings = view.thread.map((item) => renderBriefing(item.briefing));
  return view.moreInThread ? [...briefings, renderNotice(view.moreInThread)] : briefings;
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

/** A notice of the app's (not found, rate limited, an error): escaped, strong parts in bold. */
export function renderNoticeView(view: NoticeView): SlackMessage {
  let room = MAX_SECTION_TEXT;
  const text = view.parts
    .map((part) => {
      const marks = part.strong ? 2 : 0;
      const words = escapeAndTrim(part.text.replace(/\s+/g, ' '), Math.max(0, room - marks));
      room -= words.length + marks;
      return part.strong && words ? `*${words}*` : words;
    })
    .join('')
    .trim();
  const plain = view.parts.map((part) => part.text).join('');
  return {
    text: escapeAndTrim(oneLine(plain), FALLBACK_TEXT_BUDGET, escapeFallback),
    blocks: [section(text)],
  };
}

/** Any answer: a person, answers, quotes or a notice. */
export const renderAnswer = answerRenderer<SlackMessage>({
  person: renderPerson,
  answers: renderAnswers,
  quotes: renderQuotes,
  notice: renderNoticeView,
});

/** A message for an updated article posted in its thread when the original cannot be edited. */
export function renderUpdateNotice(view: BriefingView): SlackMessage {
  const main = renderBriefing(view);
  const note = context(`Updated: the article changed (version ${view.version}).`);
  return { text: main.text, blocks: [note, ...main.blocks.slice(0, MAX_BLOCKS_PER_MESSAGE - 1)] };
}

/** Opens the refreshed quotes and people in a briefing's thread after the briefing was edited. */
export function renderUpdatedDetailsNotice(view: BriefingView): SlackMessage {
  const text = `Updated: the article changed (version ${view.version}); the briefing above is edited and its quotes and people follow.`;
  return { text, blocks: [context(text)] };
}

/** Slash commands, their arguments and what they do: the usage lines and `/newsbrief help`. */
export const COMMANDS = {
  brief: { usage: '/brief <url or pasted article text>', does: 'a briefing of one article' },
  who: { usage: '/who <name>', does: 'who a person in the news is, with their quotes' },
  ask: { usage: '/ask <question>', does: 'answers from the stored articles' },
  quotes: { usage: '/quotes [name]', does: 'the latest quotes, or one person’s' },
  digest: { usage: '/digest', does: 'the briefings since this channel’s last digest' },
  feeds: {
    usage:
      '/feeds follow <URL> | unfollow <id|URL> | schedule <HH:MM or cron> [zone] | filter include|exclude <words> | filter clear | pause | resume',
    does: 'change what this channel follows (admins)',
  },
  newsbrief: {
    usage: '/newsbrief help | sources | preview',
    does: 'this help, what this channel follows, its next digest',
  },
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
    text: 'newsbrief commands: /brief, /who, /ask, /quotes, /digest, /feeds, /newsbrief help|sources|preview',
    blocks: [section('*newsbrief* condenses news articles into briefings.'), section(lines.join('\n'))],
  };
}

/** A `/feeds` or `/newsbrief sources` reply: its title in bold, then one line per item, in order. */
export function renderFeeds(view: FeedsView | NoticeView): SlackMessage {
  if (view.kind === 'notice') return renderNoticeView(view);
  const builder = new MessageBuilder();
  builder.add(section(`*${escapeAndTrim(oneLine(view.title), MAX_LINE_CHARS)}*`));
  addLines(
    builder,
    view.lines.map((l) => escapeAndTrim(oneLine(l), MAX_LINE_CHARS)),
    'more line',
  );
  return { text: fallback(view.title, view.lines[0]), blocks: builder.blocks };
}

/** A short message of our own (errors, rate limits). `raw` may contain user text: it is escaped. */
export function renderNotice(raw: string): SlackMessage {
  const text = escapeAndTrim(oneLine(raw), MAX_SECTION_TEXT);
  return { text: escapeAndTrim(oneLine(raw), FALLBACK_TEXT_BUDGET, escapeFallback), blocks: [section(text)] };
}
