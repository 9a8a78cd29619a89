/**
 * What every platform shows of a post or an answer (see src/contracts/views.ts): pure functions from the
 * core's results to neutral views. The wording of not-found, rate-limited and error replies, the digest
 * thread's cap and the rule for which error messages a user may see live here and nowhere else.
 */
import type {
  AnswersView,
  AnswerView,
  AskResult,
  BriefingPost,
  BriefingView,
  ChannelInfo,
  DigestItem,
  DigestView,
  ErrorView,
  FeedsRefusal,
  FeedsResult,
  FeedsView,
  NoticePart,
  NoticeView,
  PersonView,
  PlatformName,
  QuotesResult,
  QuotesView,
  SourceInfo,
  SourcesResult,
  ThreadAnswer,
  Views,
} from '../contracts/index.js';
import type { WhoResult } from '../core/types.js';
import { NewsbriefError } from '../errors.js';

/** Most stories a digest briefs in its thread; the rest are counted in a last line. */
export const DIGEST_THREAD_MAX = 20;
/** Most closest names offered when a name is not found. */
export const SUGGESTIONS_MAX = 5;
/** Most items of each list in an answer (a person's quotes and sentences, answers, quotes). */
export const ANSWER_ITEMS_MAX = 10;
/** Longest echo of what the user typed in a reply ("No one called “…”"), in characters. */
export const ECHO_MAX = 100;

const UNTITLED = 'Untitled article';

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** What the user typed, on one line and cut to ECHO_MAX, for quoting it back. */
function echo(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= ECHO_MAX ? line : `${line.slice(0, ECHO_MAX - 1).trimEnd()}…`;
}

function notice(reason: NoticeView['reason'], ...parts: (string | NoticePart)[]): NoticeView {
  return { kind: 'notice', reason, parts: parts.map((p) => (typeof p === 'string' ? { text: p } : p)) };
}

function headlineOf(title: string | null): string {
  return title?.trim() ? title : UNTITLED;
}

export function briefingView(post: BriefingPost): BriefingView {
  const b = post.briefing;
  return {
    kind: 'briefing',
    headline: headlineOf(b.title),
    url: post.url,
    version: post.version,
    summary: b.summary?.trim() ? b.summary : null,
    keyPoints: b.keyPoints.map((p) => p.text),
    quotes: b.quotes.map((q) => ({ text: q.text, speaker: q.speaker, speakerRole: q.speakerRole })),
    people: b.people.map((p) => ({ name: p.name, role: p.role, aliases: p.aliases, mentions: p.mentions })),
    organizations: b.organizations.map((o) => o.name),
    places: b.places.map((p) => p.name),
  };
}

/** The digest: every story listed; the first DIGEST_THREAD_MAX briefed in its thread, then a count. */
export function digestView(items: readonly DigestItem[]): DigestView | NoticeView {
  if (items.length === 0) return notice('not-found', 'No new briefings since the last digest.');
  const left = items.length - DIGEST_THREAD_MAX;
  return {
    kind: 'digest',
    title: `News digest: ${plural(items.length, 'story', 'stories')}`,
    stories: items.map((item) => ({
      headline: headlineOf(item.post.briefing.title),
      url: item.post.url,
      alsoReportedBy: item.alsoReportedBy,
    })),
    thread: items.slice(0, DIGEST_THREAD_MAX).map((item) => ({
      briefing: briefingView(item.post),
      alsoReportedBy: item.alsoReportedBy,
    })),
    moreInThread:
      left > 0 ? `…and ${plural(left, 'more story', 'more stories')} (see the list above).` : null,
  };
}

/** "No one called “…” is in the briefings. Closest: …": for `/who`, and `/quotes` of an unknown name. */
function nameNotFound(query: string, suggestions: readonly string[]): NoticeView {
  const close = suggestions.slice(0, SUGGESTIONS_MAX);
  const names = close.flatMap((name, i): NoticePart[] => [
    ...(i > 0 ? [{ text: ', ' }] : []),
    { text: name, strong: true },
  ]);
  return notice(
    'not-found',
    `No one called “${echo(query)}” is in the briefings.`,
    ...(names.length ? [' Closest: ', ...names, '.'] : []),
  );
}

export function whoView(result: WhoResult): PersonView | NoticeView {
  if (!result.found) return nameNotFound(result.query, result.suggestions);
  return {
    kind: 'person',
    name: result.name,
    role: result.role,
    aliases: result.aliases,
    mentions: result.mentions,
    articles: result.articles,
    quotes: result.quotes.slice(0, ANSWER_ITEMS_MAX),
    sentences: result.sentences.slice(0, ANSWER_ITEMS_MAX),
    ...(result.lastSeen ? { lastSeen: result.lastSeen } : {}),
  };
}

export function askView(result: AskResult): AnswersView | NoticeView {
  if (result.answers.length === 0) {
    return notice('not-found', `Nothing in the stored briefings answers “${echo(result.question)}”.`);
  }
  return { kind: 'answers', question: result.question, answers: result.answers.slice(0, ANSWER_ITEMS_MAX) };
}

export function quotesView(result: QuotesResult): QuotesView | NoticeView {
  if (result.quotes.length === 0) {
    if (result.query === null) return notice('not-found', 'No quotes are stored yet.');
    if (result.suggestions.length > 0) return nameNotFound(result.query, result.suggestions);
    return notice('not-found', `No quotes by “${echo(result.query)}” are in the briefings.`);
  }
  return { kind: 'quotes', query: result.query, quotes: result.quotes.slice(0, ANSWER_ITEMS_MAX) };
}

export function threadAnswerView(answer: ThreadAnswer): AnswerView {
  switch (answer.kind) {
    case 'who':
      return whoView(answer.result);
    case 'quotes':
      return quotesView(answer.result);
    case 'ask':
      return askView(answer.result);
  }
}

export function rateLimitedView(retryAfterMs: number, limit: { max: number; windowMs: number }): NoticeView {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  const window = Math.max(1, Math.round(limit.windowMs / 1000));
  return notice(
    'rate-limited',
    `You’re going a little fast: up to ${plural(limit.max, 'request')} every ${plural(window, 'second')}. ` +
      `Please try again in ${plural(seconds, 'second')}.`,
  );
}

/**
 * The one rule for what a user sees of an error: a `NewsbriefError` about their request (bad input, a
 * page that cannot be fetched, a file too large) shows its message; a store or platform failure, or any
 * other error, may name hosts, tables or ids, so the user gets a generic line and the adapter logs it.
 */
export function errorView(error: unknown): ErrorView {
  const shown = error instanceof NewsbriefError && error.code !== 'platform' && error.code !== 'store';
  const text = shown
    ? `⚠️ ${error.message}`
    : '⚠️ Something went wrong on our side. Please try again in a minute.';
  return { ...notice('error', text), reason: 'error', shown };
}

/** An instant in the channel's time zone: "Thu 3 Dec 2026, 08:00 (Europe/London)". */
function whenIn(iso: string, timezone: string): string {
  const shown = new Intl.DateTimeFormat('en-GB', {
    timeZone: timezone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(iso));
  return `${shown} (${timezone})`;
}

/** The channel's schedule, filters and next run, as the last lines of a `/feeds` reply. */
function channelLines(c: ChannelInfo): string[] {
  const lines = [
    c.paused
      ? 'Paused: no briefings are posted until /feeds resume.'
      : c.nextRun
        ? `Next run: ${whenIn(c.nextRun, c.timezone)}, schedule “${c.schedule}”.`
        : `Schedule “${c.schedule}” (${c.timezone}); no run is due.`,
  ];
  if (c.include.length) lines.push(`Only stories mentioning: ${c.include.map(echo).join(', ')}.`);
  if (c.exclude.length) lines.push(`Leaving out stories mentioning: ${c.exclude.map(echo).join(', ')}.`);
  return lines;
}

const sourceName = (s: SourceInfo) => (s.title?.trim() ? `${echo(s.title)} (${s.url})` : s.url);

export function feedsView(result: FeedsResult): FeedsView {
  switch (result.kind) {
    case 'followed': {
      const what = result.source.kind === 'feed' ? 'feed' : 'page';
      const lines = [`#${result.source.id} ${sourceName(result.source)}`];
      if (result.foundOn) lines.push(`Found on ${result.foundOn}.`);
      if (result.items !== null)
        lines.push(
          `It holds ${plural(result.items, 'item')} now` +
            (result.newest ? `, the newest “${echo(result.newest)}”.` : '.') +
            ' New items are briefed at each run.',
        );
      else lines.push('The page is briefed again at each run when it changes.');
      return {
        kind: 'feeds',
        title: `Following the ${what} ${echo(result.source.title ?? result.source.url)}`,
        lines: [...lines, ...channelLines(result.channel)],
      };
    }
    case 'unfollowed':
      return {
        kind: 'feeds',
        title: `No longer following #${result.source.id} ${sourceName(result.source)}`,
        lines: result.channel ? channelLines(result.channel) : [],
      };
    case 'scheduled':
      return { kind: 'feeds', title: 'Schedule changed', lines: channelLines(result.channel) };
    case 'filtered':
      return {
        kind: 'feeds',
        title: 'Filters changed',
        lines:
          result.channel.include.length || result.channel.exclude.length
            ? channelLines(result.channel)
            : ['Every story is posted (no filters).', ...channelLines(result.channel)],
      };
    case 'paused':
      return { kind: 'feeds', title: 'Paused', lines: channelLines(result.channel) };
    case 'resumed':
      return { kind: 'feeds', title: 'Resumed', lines: channelLines(result.channel) };
  }
}

/** A source's line in `/newsbrief sources`: id, name, last read and its error. */
function sourceLine(s: SourceInfo, timezone: string): string {
  const read = s.lastFetchAt ? `last read ${whenIn(s.lastFetchAt, timezone)}` : 'not read yet';
  const error = s.lastError ? `; last error: ${echo(s.lastError)}` : '';
  return `#${s.id} ${s.kind} ${sourceName(s)}: ${read}${error}`;
}

export function sourcesView(result: SourcesResult): FeedsView | NoticeView {
  if (!result.channel || result.sources.length === 0)
    return notice(
      'not-found',
      'This channel follows nothing yet. Someone allowed can add a feed with /feeds follow <URL>.',
    );
  const { channel } = result;
  return {
    kind: 'feeds',
    title: `This channel follows ${plural(result.sources.length, 'source')}`,
    lines: [...result.sources.map((s) => sourceLine(s, channel.timezone)), ...channelLines(channel)],
  };
}

const CANNOT_POST: Record<PlatformName, string> = {
  slack: 'I can’t post in this channel: invite me first (/invite @newsbrief), then try again.',
  discord:
    'I can’t post in this channel: give me View Channel, Send Messages and Create Public Threads here, then try again.',
  console: 'I can’t post in this channel.',
};

export function feedsRefusedView(reason: FeedsRefusal, platform: PlatformName): NoticeView {
  if (reason === 'cannot-post') return notice('error', `⚠️ ${CANNOT_POST[platform]}`);
  if (reason === 'unavailable')
    return notice(
      'error',
      '⚠️ Following feeds from chat needs the SQLite or PostgreSQL store; nothing changed.',
    );
  const who =
    platform === 'discord'
      ? 'members with Manage Server (or whom the server’s admins allow in Integrations)'
      : 'workspace admins and owners (or the users the bot’s config names)';
  return notice('error', `⚠️ Only ${who} can change what this channel follows; nothing changed.`);
}

export const views: Views = {
  briefing: briefingView,
  digest: digestView,
  who: whoView,
  ask: askView,
  quotes: quotesView,
  threadAnswer: threadAnswerView,
  rateLimited: rateLimitedView,
  error: errorView,
  feeds: feedsView,
  sources: sourcesView,
  feedsRefused: feedsRefusedView,
};
