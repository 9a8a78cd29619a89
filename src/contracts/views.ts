/**
 * The neutral views the app hands each platform: what to show of a post or an answer, in which order,
 * with which item limits and which wording. The app builds them (src/app/views.ts, pure functions over
 * the core's results); adapters only convert them to Discord embeds, Slack Block Kit or terminal text,
 * fitting them into their platform's character limits and escaping every string for their markup.
 *
 * Every string in a view is plain, untrusted text (it may come from an article or a user): an adapter
 * escapes all of it. A view never carries markup of its own; emphasis is a flag (`strong`).
 */
import type { AnswerLine } from '../core/answer/ask.js';
import type { QuoteLine } from '../core/answer/quotes.js';
import type { PersonCard, WhoResult } from '../core/types.js';
import type { FeedsRefusal, FeedsResult, SourcesResult } from './feeds.js';
import type {
  AskResult,
  BriefingPost,
  DigestItem,
  PlatformName,
  QuotesResult,
  ThreadAnswer,
} from './index.js';

/** Longest name a user may ask about (`/who`, `/quotes`), in characters. */
export const NAME_INPUT_MAX = 200;
/** Longest question a user may ask (`/ask`, a thread question), in characters. */
export const QUESTION_INPUT_MAX = 1000;

/** A run of words in a notice; `strong` runs are shown bold where the platform can. */
export interface NoticePart {
  text: string;
  strong?: boolean;
}

/**
 * A short reply of our own. `reason` says why: nothing matched (`not-found`), the user is going too fast
 * (`rate-limited`), the request failed (`error`). Its words are the same on every platform.
 */
export interface NoticeView {
  kind: 'notice';
  reason: 'not-found' | 'rate-limited' | 'error';
  parts: NoticePart[];
}

/** Where a line of an answer comes from: the article's title and link. */
export interface SourceView {
  title: string | null;
  url: string | null;
}

export interface BriefingQuoteView {
  text: string;
  speaker: string | null;
  speakerRole: string | null;
}

export interface BriefingPersonView {
  name: string;
  role: string | null;
  aliases: string[];
  mentions: number;
}

/**
 * A briefing: the channel message (headline, summary, key points, link) and, in this order, what its
 * thread holds (quotes, people, then other names).
 */
export interface BriefingView {
  kind: 'briefing';
  /** The article's title, or "Untitled article". */
  headline: string;
  url: string | null;
  /** 1 for the first version; higher for an update. */
  version: number;
  summary: string | null;
  keyPoints: string[];
  quotes: BriefingQuoteView[];
  people: BriefingPersonView[];
  organizations: string[];
  places: string[];
}

/** One story of a digest: its lead article and the other articles reporting it. */
export interface DigestStoryView {
  headline: string;
  url: string | null;
  alsoReportedBy: SourceView[];
}

/**
 * A digest: one message listing every story, and a thread briefing the first stories (at most
 * `DIGEST_THREAD_MAX` of the app), then `moreInThread` saying how many more the list holds.
 */
export interface DigestView {
  kind: 'digest';
  /** "News digest: 3 stories". */
  title: string;
  stories: DigestStoryView[];
  thread: { briefing: BriefingView; alsoReportedBy: SourceView[] }[];
  /** "…and 5 more stories (see the list above).", or null when every story is in the thread. */
  moreInThread: string | null;
}

/** `/who` found someone: the person card, its lists already cut to what is shown. */
export interface PersonView extends Omit<PersonCard, 'found' | 'quotes'> {
  kind: 'person';
  quotes: AnswerLine[];
}

/** `/ask` (or a thread question) found answers, best first. */
export interface AnswersView {
  kind: 'answers';
  question: string;
  answers: AnswerLine[];
}

/** `/quotes`: the latest quotes (`query` null) or one person's, newest first. */
export interface QuotesView {
  kind: 'quotes';
  query: string | null;
  quotes: QuoteLine[];
}

/** Any answer to a question: what was found, or a notice saying nothing was. */
export type AnswerView = PersonView | AnswersView | QuotesView | NoticeView;

/** An error turned into a reply: `shown` says whether the error's own message is in it. */
export interface ErrorView extends NoticeView {
  reason: 'error';
  /** False for internal failures (store, platform, bugs): the adapter should log the error itself. */
  shown: boolean;
}

/**
 * A reply about what a channel follows (`/feeds`, `/newsbrief sources`): a title and plain lines, in
 * order. An adapter that must cut it keeps the title and the first lines and says how many it left out.
 */
export interface FeedsView {
  kind: 'feeds';
  title: string;
  lines: string[];
}

/** Builds views. The app implements it; a platform receives it at `start`. */
export interface Views {
  briefing(post: BriefingPost): BriefingView;
  digest(items: readonly DigestItem[]): DigestView | NoticeView;
  who(result: WhoResult): PersonView | NoticeView;
  ask(result: AskResult): AnswersView | NoticeView;
  quotes(result: QuotesResult): QuotesView | NoticeView;
  /** A free-text question's answer in a briefing's thread, whichever kind the service chose. */
  threadAnswer(answer: ThreadAnswer): AnswerView;
  /** A user went past the per-user limit of `max` requests per `windowMs`. */
  rateLimited(retryAfterMs: number, limit: { max: number; windowMs: number }): NoticeView;
  /** The one rule for what a user sees of an error. */
  error(error: unknown): ErrorView;
  /** What a `/feeds` change did. */
  feeds(result: FeedsResult): FeedsView;
  /** What a channel follows, with ids, last reads and the next run. */
  sources(result: SourcesResult): FeedsView | NoticeView;
  /** A `/feeds` change refused before it was tried: not allowed, or the bot cannot post in the channel. */
  feedsRefused(reason: FeedsRefusal, platform: PlatformName): NoticeView;
}
