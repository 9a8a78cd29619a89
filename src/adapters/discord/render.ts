/**
 * Pure rendering of newsbrief results into Discord message payloads (embeds as plain API JSON) with a
 * plain-text fallback. No I/O, no client, no clock: the same input always gives the same payload.
 *
 * Safety: every piece of article or user text goes through `fitText`, which escapes Discord markdown
 * (bold, italics, code, spoilers, headings, lists, block quotes, masked links) and neutralises mentions
 * (`@everyone`, `@here`, `<@id>`, `<@!id>`, `<@&id>`, `<#id>`, `</cmd:id>`, `<t:…>`, custom emoji) with a
 * zero-width space. Every payload also carries `allowedMentions: { parse: [] }`, so even text that slipped
 * through could not ping anyone.
 *
 * Splitting and trimming rule (limits are the named constants in ./limits.ts):
 * 1. Each text is cleaned (control characters dropped, white space folded), escaped, then fitted to its
 *    slot: when too long it is cut at the last word boundary that fits and ends with "…". The cut is made
 *    on the raw text before escaping, so an escape sequence is never cut in half.
 * 2. A list (key points, quotes, people, answers, headlines) is one item a line, each item first fitted to
 *    at most `ITEM_MAX` characters; lines are packed in order into an embed description until the next
 *    line would not fit.
 * 3. A channel message (briefing, digest, /who, /ask, /quotes answers) is ONE message: lines that do not
 *    fit are TRIMMED and a last line says "…and N more".
 * 4. Thread details are SPLIT: lines that do not fit continue in the next message, one embed a message,
 *    up to a fixed number of messages per section (`THREAD_QUOTE_MESSAGES_MAX`, `THREAD_PEOPLE_MESSAGES_MAX`);
 *    past that, rule 3 trims the last one.
 * 5. A message's embeds stay within 10 embeds and 6,000 characters in total: if a message would pass that,
 *    whole lines are dropped from the end of its longest description (with a closing "…").
 * 6. The plain-text fallback is the same content as lines in `content`, trimmed by rule 3 to 2,000.
 */
import type { APIEmbed } from 'discord.js';
import type {
  AnswersView,
  BriefingView,
  DigestView,
  FeedsView,
  NoticeView,
  PersonView,
  QuotesView,
  SourceView,
} from '../../contracts/index.js';
import { answerRenderer } from '../answer.js';
import { dropControlChars } from '../control-chars.js';
import {
  CONTENT_MAX,
  EMBED_DESCRIPTION_MAX,
  EMBED_FIELD_NAME_MAX,
  EMBED_FIELD_VALUE_MAX,
  EMBED_FIELDS_MAX,
  EMBED_FOOTER_MAX,
  EMBED_TITLE_MAX,
  EMBEDS_PER_MESSAGE_MAX,
  EMBEDS_TOTAL_MAX,
  THREAD_NAME_MAX,
} from './limits.js';

/** Longest single list item (a key point, a quote, an answer) before it is cut. */
export const ITEM_MAX = 700;
/** Most messages a briefing thread spends on quotes, and on people. */
export const THREAD_QUOTE_MESSAGES_MAX = 3;
export const THREAD_PEOPLE_MESSAGES_MAX = 2;
/** Embed accent colour. */
export const EMBED_COLOR = 0x2f6fdd;

/** The only mention setting this adapter ever sends. */
export interface NoMentions {
  parse: [];
}

export const noMentions = (): NoMentions => ({ parse: [] });

/** One Discord message, ready to send. */
export interface DiscordMessage {
  /** Plain text above the embeds ('' for none). */
  content: string;
  embeds: APIEmbed[];
  allowedMentions: NoMentions;
  /** The same message as plain text within CONTENT_MAX, for where embeds cannot be shown. */
  fallback: string;
}

// ---------------------------------------------------------------------------------------------------
// Text safety

/** Drops control characters and folds white space (to one line when `singleLine`). */
export function clean(text: string, singleLine = true): string {
  const plain = dropControlChars(text.replace(/\r\n?/g, '\n'));
  if (singleLine) return plain.replace(/\s+/g, ' ').trim();
  return plain
    .replace(/[^\S\n]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * Escapes Discord markdown and neutralises every kind of mention, in linear time. The input should be
 * `clean`ed. Every inline markdown character gets a backslash (Discord shows `\*` as `*`), and so do the
 * line-start constructs (headings, `-#` subtext, block quotes, lists). discord.js's `escapeMarkdown` is
 * context-sensitive and slows down quadratically on long single-line text, so it is not used here.
 */
export function escapeDiscord(text: string): string {
  return text
    .replace(/[\\*_~|`[\]]/g, '\\$&')
    .replace(/^(\s*)(#|>|-(?=[\s#])|\+(?=\s))/gm, '$1\\$2')
    .replace(/^(\s*\d+)\.(?=\s)/gm, '$1\\.')
    .replace(/@(everyone|here)/gi, '@\u200b$1')
    .replace(/<(?=[@#/:]|a:|t:)/g, '<\u200b');
}

function cutRaw(text: string, n: number): string {
  let cut = text.slice(0, Math.max(0, n));
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  const space = cut.search(/\s\S*$/);
  if (space > cut.length * 0.6) cut = cut.slice(0, space);
  return cut.trimEnd();
}

/** Cleans, escapes and fits `text` into `max` characters (rule 1). */
export function fitText(text: string, max: number, singleLine = true): string {
  // Only a prefix can ever be shown: work on that, not on 50,000 characters.
  const limit = max * 2 + 100;
  const truncated = text.length > limit;
  const raw = clean(truncated ? text.slice(0, limit) : text, singleLine);
  if (!truncated) {
    const full = escapeDiscord(raw);
    if (full.length <= max) return full;
  }
  let n = Math.min(raw.length, max - 1);
  while (n > 0) {
    const out = `${escapeDiscord(cutRaw(raw, n))}…`;
    if (out.length <= max) return out;
    n -= Math.max(1, Math.ceil((out.length - max) / 2));
  }
  return max >= 1 ? '…' : '';
}

/** Cuts our own (already safe) text to `max` on a line or character boundary, ending with "…". */
function cutSafe(text: string, max: number): string {
  if (text.length <= max) return text;
  const lines = text.split('\n');
  while (lines.length > 1 && lines.join('\n').length + 2 > max) lines.pop();
  const joined = lines.join('\n');
  if (joined.length + 2 <= max) return `${joined}\n…`;
  return `${text.slice(0, max - 1).replace(/\\+$/, '')}…`;
}

/** An http(s) URL as Discord accepts it, or null. */
export function safeUrl(url: string | null | undefined): URL | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
    if (parsed.href.length > 2048) return null;
    return parsed;
  } catch {
    return null;
  }
}

/** A masked link `[label](url)` with the label escaped; the label alone when the URL is unusable. */
export function link(label: string | null, url: string | null, labelMax = 120): string {
  const parsed = safeUrl(url);
  const text = fitText(label ?? parsed?.hostname ?? '', labelMax) || 'source';
  if (!parsed) return label ? text : '';
  const href = parsed.href.replace(/\(/g, '%28').replace(/\)/g, '%29').replace(/ /g, '%20');
  return `[${text}](${href})`;
}

// ---------------------------------------------------------------------------------------------------
// Packing lines (rules 2 to 4)

export type MoreLabel = (count: number) => string;

const more =
  (noun: string): MoreLabel =>
  (n) =>
    `…and ${n} more ${noun}`;

/** Packs whole lines into at most `max` characters; with `moreLabel`, says how many were left out. */
export function packLines(
  lines: readonly string[],
  max: number,
  moreLabel: MoreLabel | null,
): { text: string; used: number } {
  const all = lines.join('\n');
  if (all.length <= max) return { text: all, used: lines.length };
  const reserve = moreLabel ? moreLabel(lines.length).length + 1 : 0;
  let text = '';
  let used = 0;
  for (const line of lines) {
    const next = text ? `${text}\n${line}` : line;
    if (next.length + reserve > max) break;
    text = next;
    used++;
  }
  if (used === 0 && !moreLabel) {
    // A single line longer than the slot: cut it (lines are fitted beforehand, so this is a guard).
    return { text: cutSafe(lines[0] ?? '', max), used: 1 };
  }
  if (moreLabel && used < lines.length)
    text = text ? `${text}\n${moreLabel(lines.length - used)}` : moreLabel(lines.length - used);
  return { text, used };
}

/** Splits lines over at most `maxChunks` chunks of `max` characters; the last chunk is trimmed (rule 4). */
export function splitLines(
  lines: readonly string[],
  max: number,
  maxChunks: number,
  moreLabel: MoreLabel,
): string[] {
  const chunks: string[] = [];
  let i = 0;
  while (i < lines.length && chunks.length < maxChunks) {
    const last = chunks.length === maxChunks - 1;
    const { text, used } = packLines(lines.slice(i), max, last ? moreLabel : null);
    chunks.push(text);
    i += used;
    if (used === 0) break;
  }
  return chunks;
}

// ---------------------------------------------------------------------------------------------------
// Measuring and enforcing limits

/** Characters that count towards EMBEDS_TOTAL_MAX for one embed. */
export function embedLength(embed: APIEmbed): number {
  let n = (embed.title?.length ?? 0) + (embed.description?.length ?? 0);
  n += embed.footer?.text.length ?? 0;
  n += embed.author?.name.length ?? 0;
  for (const field of embed.fields ?? []) n += field.name.length + field.value.length;
  return n;
}

/** Every limit a message breaks, as readable lines (empty when the message is valid). */
export function limitProblems(message: Pick<DiscordMessage, 'content' | 'embeds'>): string[] {
  const problems: string[] = [];
  if (message.content.length > CONTENT_MAX)
    problems.push(`content ${message.content.length} > ${CONTENT_MAX}`);
  if (message.embeds.length > EMBEDS_PER_MESSAGE_MAX) problems.push(`${message.embeds.length} embeds`);
  const total = message.embeds.reduce((sum, e) => sum + embedLength(e), 0);
  if (total > EMBEDS_TOTAL_MAX) problems.push(`embeds total ${total} > ${EMBEDS_TOTAL_MAX}`);
  for (const e of message.embeds) {
    if ((e.title?.length ?? 0) > EMBED_TITLE_MAX) problems.push(`title ${e.title?.length}`);
    if ((e.description?.length ?? 0) > EMBED_DESCRIPTION_MAX)
      problems.push(`description ${e.description?.length}`);
    if ((e.footer?.text.length ?? 0) > EMBED_FOOTER_MAX) problems.push('footer');
    if ((e.fields?.length ?? 0) > EMBED_FIELDS_MAX) problems.push(`${e.fields?.length} fields`);
    for (const f of e.fields ?? []) {
      if (f.name.length > EMBED_FIELD_NAME_MAX || f.name.length === 0)
        problems.push(`field name ${f.name.length}`);
      if (f.value.length > EMBED_FIELD_VALUE_MAX || f.value.length === 0)
        problems.push(`field value ${f.value.length}`);
    }
  }
  return problems;
}

/** Rule 5: keeps a message's embeds within the per-message limits. */
function enforceTotal(embeds: APIEmbed[]): APIEmbed[] {
  const kept = embeds.slice(0, EMBEDS_PER_MESSAGE_MAX);
  let total = kept.reduce((sum, e) => sum + embedLength(e), 0);
  while (total > EMBEDS_TOTAL_MAX) {
    const longest = kept.reduce((a, b) =>
      (b.description?.length ?? 0) > (a.description?.length ?? 0) ? b : a,
    );
    const description = longest.description ?? '';
    if (!description) break;
    longest.description = cutSafe(description, Math.max(1, description.length - (total - EMBEDS_TOTAL_MAX)));
    total = kept.reduce((sum, e) => sum + embedLength(e), 0);
  }
  return kept;
}

function message(embeds: APIEmbed[], fallbackLines: readonly string[], content = ''): DiscordMessage {
  return {
    content: cutSafe(content, CONTENT_MAX),
    embeds: enforceTotal(embeds),
    allowedMentions: noMentions(),
    fallback: packLines(fallbackLines, CONTENT_MAX, more('lines')).text,
  };
}

/** A plain-text message (no embed), e.g. a usage line or "not found". `text` must already be safe. */
export function renderNotice(text: string): DiscordMessage {
  const content = cutSafe(text, CONTENT_MAX);
  return { content, embeds: [], allowedMentions: noMentions(), fallback: content };
}

function field(
  name: string,
  value: string,
  inline = false,
): { name: string; value: string; inline: boolean } {
  return {
    name: cutSafe(name, EMBED_FIELD_NAME_MAX),
    value: cutSafe(value, EMBED_FIELD_VALUE_MAX) || '—',
    inline,
  };
}

// ---------------------------------------------------------------------------------------------------
// Briefings

export function headline(view: BriefingView): string {
  return fitText(view.headline, EMBED_TITLE_MAX);
}

/** A thread's name from the headline: plain (names show no markdown), at most THREAD_NAME_MAX. */
export function threadName(view: BriefingView): string {
  const title = clean(view.headline) || 'Briefing';
  return title.length <= THREAD_NAME_MAX ? title : `${cutRaw(title, THREAD_NAME_MAX - 1)}…`;
}

/** The channel message of a briefing: headline, summary, key points and source link, in one embed. */
export function renderBriefing(view: BriefingView, extraFields: APIEmbed['fields'] = []): DiscordMessage {
  const title = headline(view);
  const summary = view.summary ? fitText(view.summary, 1500, false) : '';
  const points = view.keyPoints.map((point) => `• ${fitText(point, ITEM_MAX)}`);
  const head = [summary, points.length ? `${summary ? '\n' : ''}**Key points**` : '']
    .filter(Boolean)
    .join('\n');
  const budget = EMBED_DESCRIPTION_MAX - head.length - 1;
  const body = packLines(points, budget, more('key points')).text;
  const description =
    [head, body].filter(Boolean).join('\n') || '*No summary could be made of this article.*';
  const url = safeUrl(view.url);
  const source = link(url?.hostname ?? null, view.url);
  const embed: APIEmbed = {
    title,
    description,
    color: EMBED_COLOR,
    fields: [...(source ? [field('Source', source, true)] : []), ...(extraFields ?? [])].slice(
      0,
      EMBED_FIELDS_MAX,
    ),
    footer: {
      text:
        view.version > 1
          ? `newsbrief · updated (version ${view.version})`
          : 'newsbrief · quotes and people in the thread',
    },
  };
  if (url) embed.url = url.href;
  const fallback = [`**${title}**`, summary, ...points, url ? `<${url.href}>` : ''].filter(Boolean);
  return message([embed], fallback);
}

/** One section of a thread (rule 4): "Title (N)" then "Title (continued)" messages, one embed each. */
function threadSection(title: string, lines: string[], maxMessages: number, noun: string): DiscordMessage[] {
  return splitLines(lines, EMBED_DESCRIPTION_MAX, maxMessages, more(noun)).map((description, i) => {
    const heading = i === 0 ? `${title} (${lines.length})` : `${title} (continued)`;
    return message(
      [{ title: heading, description, color: EMBED_COLOR }],
      [`**${heading}**`, ...description.split('\n')],
    );
  });
}

/** The messages of a briefing's thread: quotes with speakers, people with roles, other names (rule 4). */
export function renderBriefingThread(view: BriefingView): DiscordMessage[] {
  const { quotes, people, organizations, places } = view;
  const messages: DiscordMessage[] = [];

  const quoteLines = quotes.map((q) => {
    const who = q.speaker ? `**${fitText(q.speaker, 120)}**` : '*unattributed*';
    const role = q.speakerRole ? `, ${fitText(q.speakerRole, 120)}` : '';
    return `> “${fitText(q.text, ITEM_MAX)}”\n— ${who}${role}`;
  });
  messages.push(...threadSection('Quotes', quoteLines, THREAD_QUOTE_MESSAGES_MAX, 'quotes'));

  const personLines = people.map((p) => {
    const role = p.role ? ` — ${fitText(p.role, 200)}` : '';
    const aka = p.aliases.length ? ` (also ${fitText(p.aliases.slice(0, 5).join(', '), 200)})` : '';
    return `• **${fitText(p.name, 120)}**${role}${aka}`;
  });
  messages.push(...threadSection('People', personLines, THREAD_PEOPLE_MESSAGES_MAX, 'people'));

  const names = (list: string[]) =>
    packLines(
      list.map((name) => fitText(name, 100)),
      EMBED_FIELD_VALUE_MAX,
      more('names'),
    ).text.replace(/\n/g, ', ');
  const fields = [
    ...(organizations.length ? [field('Organisations', names(organizations))] : []),
    ...(places.length ? [field('Places', names(places))] : []),
  ];
  if (fields.length) {
    messages.push(
      message(
        [{ title: 'Also mentioned', color: EMBED_COLOR, fields }],
        ['**Also mentioned**', ...fields.map((f) => `${f.name}: ${f.value}`)],
      ),
    );
  }
  if (messages.length === 0)
    messages.push(renderNotice('No quotes or named people were found in this article.'));
  return messages;
}

// ---------------------------------------------------------------------------------------------------
// Answers

/** A notice of the app's (not found, rate limited, an error): its words escaped, strong parts in bold. */
export function renderNoticeView(view: NoticeView): DiscordMessage {
  const text = view.parts
    .map((part) => {
      // fitText trims; the spaces between parts are kept.
      const words = fitText(part.text, CONTENT_MAX);
      const marked = part.strong ? `**${words}**` : words;
      return `${/^\s/.test(part.text) ? ' ' : ''}${marked}${/\S\s+$/.test(part.text) ? ' ' : ''}`;
    })
    .join('');
  return renderNotice(text);
}

/** `/who`: a person card. */
export function renderPerson(view: PersonView): DiscordMessage {
  const name = fitText(view.name, EMBED_TITLE_MAX);
  const head = view.role ? `*${fitText(view.role, 300)}*` : '';
  const sentences = view.sentences.map((s) => `• ${fitText(s, ITEM_MAX)}`);
  const description =
    [head, packLines(sentences, EMBED_DESCRIPTION_MAX - head.length - 2, more('sentences')).text]
      .filter(Boolean)
      .join('\n\n') || '*No sentences about this person.*';
  const fields = [
    field(
      'Mentioned',
      `${view.mentions} time${view.mentions === 1 ? '' : 's'} in ${view.articles} article${view.articles === 1 ? '' : 's'}`,
      true,
    ),
  ];
  if (view.aliases.length)
    fields.push(field('Also called', fitText(view.aliases.join(', '), EMBED_FIELD_VALUE_MAX), true));
  const quoteLines = view.quotes.map(
    (q) => `“${fitText(q.text, 300)}”${q.url || q.title ? ` — ${link(q.title, q.url, 60)}` : ''}`,
  );
  if (quoteLines.length)
    fields.push(field('Quotes', packLines(quoteLines, EMBED_FIELD_VALUE_MAX, more('quotes')).text));
  return message(
    [{ title: name, description, color: EMBED_COLOR, fields }],
    [`**${name}**`, head, ...sentences, ...quoteLines],
  );
}

/** `/ask`: the answers, best first, each with its source. */
export function renderAnswers(view: AnswersView): DiscordMessage {
  const question = fitText(view.question, EMBED_TITLE_MAX - 3);
  const lines = view.answers.map((a, i) => {
    const source = a.url || a.title ? ` — ${link(a.title, a.url, 80)}` : '';
    return `${i + 1}. ${fitText(a.text, ITEM_MAX)}${source}`;
  });
  const title = `Q: ${question}`;
  const description = packLines(lines, EMBED_DESCRIPTION_MAX, more('answers')).text;
  return message([{ title, description, color: EMBED_COLOR }], [`**${title}**`, ...lines]);
}

/** `/quotes [name]`: quotes newest first. */
export function renderQuotes(view: QuotesView): DiscordMessage {
  const lines = view.quotes.map((q) => {
    const who = q.speaker ? `**${fitText(q.speaker, 120)}**` : '*unattributed*';
    const source = q.url || q.title ? ` · ${link(q.title, q.url, 60)}` : '';
    return `“${fitText(q.text, ITEM_MAX)}” — ${who}${source}`;
  });
  const title = view.query === null ? 'Latest quotes' : `Quotes: ${fitText(view.query, 200)}`;
  const description = packLines(lines, EMBED_DESCRIPTION_MAX, more('quotes')).text;
  return message([{ title, description, color: EMBED_COLOR }], [`**${title}**`, ...lines]);
}

/** Any answer: a person, answers, quotes or a notice. */
export const renderAnswer = answerRenderer<DiscordMessage>({
  person: renderPerson,
  answers: renderAnswers,
  quotes: renderQuotes,
  notice: renderNoticeView,
});

// ---------------------------------------------------------------------------------------------------
// Digest

export interface RenderedDigest {
  /** The channel message listing the headlines. */
  main: DiscordMessage;
  /** The briefings of the digest's thread, then a line counting the stories left out. */
  thread: DiscordMessage[];
}

function alsoReportedField(sources: readonly SourceView[]): APIEmbed['fields'] {
  const also = sources.map((o) => link(o.title ?? safeUrl(o.url)?.hostname ?? 'source', o.url, 100));
  return also.length
    ? [field('Also reported by', packLines(also, EMBED_FIELD_VALUE_MAX, more('sources')).text)]
    : [];
}

export function renderDigest(view: DigestView | NoticeView): RenderedDigest {
  if (view.kind === 'notice') return { main: renderNoticeView(view), thread: [] };
  const lines = view.stories.map((story, i) => {
    const head = story.url ? link(story.headline, story.url, 200) : `**${fitText(story.headline, 200)}**`;
    const others = story.alsoReportedBy.length ? ` (+${story.alsoReportedBy.length} more sources)` : '';
    return `${i + 1}. ${head}${others}`;
  });
  const title = fitText(view.title, EMBED_TITLE_MAX);
  const description = packLines(lines, EMBED_DESCRIPTION_MAX, more('stories')).text;
  const main = message(
    [{ title, description, color: EMBED_COLOR, footer: { text: 'newsbrief · each story in the thread' } }],
    [`**${title}**`, ...lines],
  );
  const thread = view.thread.map((item) =>
    renderBriefing(item.briefing, alsoReportedField(item.alsoReportedBy)),
  );
  if (view.moreInThread) thread.push(renderNotice(fitText(view.moreInThread, CONTENT_MAX)));
  return { main, thread };
}

// ---------------------------------------------------------------------------------------------------
// Feeds

/** A `/feeds` or `/newsbrief sources` reply: an embed titled by the view, one line per item. */
export function renderFeeds(view: FeedsView | NoticeView): DiscordMessage {
  if (view.kind === 'notice') return renderNoticeView(view);
  const title = fitText(view.title, EMBED_TITLE_MAX);
  const lines = view.lines.map((l) => fitText(l, ITEM_MAX));
  const description = packLines(lines, EMBED_DESCRIPTION_MAX, more('lines')).text;
  return message([{ title, description, color: EMBED_COLOR }], [`**${title}**`, ...lines]);
}

// ---------------------------------------------------------------------------------------------------
// Help and usage

export const USAGE = {
  brief:
    'Usage: `/brief url:<link>`, `/brief text:<pasted article>` or `/brief file:<.txt or .md attachment>` (exactly one).',
  who: 'Usage: `/who name:<person>`, for example `/who name:Rutte`.',
  ask: 'Usage: `/ask question:<what you want to know>`.',
  quotes: 'Usage: `/quotes` for the latest quotes, or `/quotes name:<person>`.',
  digest: 'Usage: `/digest` in the channel that should get the digest.',
  feeds:
    'Usage: `/feeds follow url:` `unfollow source:` `schedule time:` `filter mode: words:` `pause` `resume`.',
  thread: 'Ask me about this article, for example “@newsbrief who is …?” or “what did … say?”.',
  unknown: 'Unknown command. Try `/newsbrief help`.',
} as const;

export function renderUsage(command: keyof typeof USAGE): DiscordMessage {
  return renderNotice(USAGE[command]);
}

export function renderHelp(): DiscordMessage {
  const lines = [
    '`/brief url:` `text:` `file:` — condense one article now',
    '`/who name:` — who someone is, from every stored briefing',
    '`/ask question:` — answers from the stored briefings, with sources',
    '`/quotes [name:]` — the latest quotes, or one person’s',
    '`/digest` — the briefings since this channel’s last digest',
    '`/newsbrief sources` — what this channel follows; `/newsbrief preview` — its next digest, for you',
    '`/feeds follow|unfollow|schedule|filter|pause|resume` — change what this channel follows (Manage Server)',
    '',
    'In a briefing’s thread, mention me with a question about that article.',
  ];
  return message([{ title: 'newsbrief', description: lines.join('\n'), color: EMBED_COLOR }], lines);
}

// ---------------------------------------------------------------------------------------------------
// Payloads

export type Style = 'embeds' | 'text';

/** discord.js options (camelCase) for `reply`, `editReply`, `send`. */
export function toOptions(msg: DiscordMessage, style: Style = 'embeds') {
  if (style === 'text' || msg.embeds.length === 0) {
    return {
      content: msg.embeds.length ? msg.fallback : msg.content,
      embeds: [],
      allowedMentions: noMentions(),
    };
  }
  return {
    ...(msg.content ? { content: msg.content } : {}),
    embeds: msg.embeds,
    allowedMentions: noMentions(),
  };
}

/** A raw REST body (snake_case) for POST/PATCH /channels/{id}/messages. */
export function toBody(msg: DiscordMessage, style: Style = 'embeds') {
  const { allowedMentions, ...rest } = toOptions(msg, style);
  return { ...rest, allowed_mentions: allowedMentions };
}
