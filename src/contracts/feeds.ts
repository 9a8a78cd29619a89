/**
 * Following sources from chat (`/feeds`, `/newsbrief sources|preview`): the commands as every platform
 * hands them to the app, what the app answers, and the one parser of the typed form (Slack's text; the
 * command line). Discord builds the same commands from its options.
 */
import type { ChannelRef, DigestItem } from './index.js';

/** Longest URL or word list a user may type after `/feeds`, in characters. */
export const FEEDS_INPUT_MAX = 2000;

export type FeedsCommand =
  | { kind: 'follow'; url: string }
  | { kind: 'unfollow'; target: string }
  | { kind: 'schedule'; spec: string; timezone: string | null }
  | { kind: 'filter'; mode: 'include' | 'exclude'; words: string[] }
  | { kind: 'filter'; mode: 'clear' }
  | { kind: 'pause' }
  | { kind: 'resume' };

/** Who changes which channel: the platform's workspace (Slack team, Discord server) and user ids. */
export interface FeedsCaller extends ChannelRef {
  workspaceId: string;
  userId: string;
}

/** A source as a channel follows it. */
export interface SourceInfo {
  id: string;
  kind: 'feed' | 'page' | 'folder';
  url: string;
  title: string | null;
  lastFetchAt: string | null;
  lastError: string | null;
}

/** A channel's schedule and filters, and its next run (null when paused or it has no sources). */
export interface ChannelInfo {
  schedule: string;
  timezone: string;
  paused: boolean;
  include: string[];
  exclude: string[];
  nextRun: string | null;
}

export type FeedsResult =
  | {
      kind: 'followed';
      source: SourceInfo;
      /** The page the feed was found on, when a site's page was given rather than its feed. */
      foundOn: string | null;
      /** Items the feed holds now (null for a page), and the newest item's title. */
      items: number | null;
      newest: string | null;
      channel: ChannelInfo;
    }
  | { kind: 'unfollowed'; source: SourceInfo; channel: ChannelInfo | null }
  | { kind: 'scheduled' | 'filtered' | 'paused' | 'resumed'; channel: ChannelInfo };

export interface SourcesResult {
  channel: ChannelInfo | null;
  sources: SourceInfo[];
}

/** What the chat platforms call to follow sources; present when the store keeps subscriptions. */
export interface SubscriptionService {
  change(caller: FeedsCaller, command: FeedsCommand): Promise<FeedsResult>;
  sources(channel: ChannelRef): Promise<SourcesResult>;
  /** What the channel's next run would post now, from what is stored (nothing is posted or marked). */
  preview(channel: ChannelRef): Promise<DigestItem[]>;
}

/** Why a `/feeds` change was refused before the app was asked. */
export type FeedsRefusal = 'not-allowed' | 'cannot-post' | 'unavailable';

export const FEEDS_USAGE =
  'follow <feed, page or site URL> · unfollow <id|URL> · schedule <HH:MM or cron> [time zone] · ' +
  'filter include|exclude <words> · filter clear · pause · resume';

/** Words of a filter: comma-separated when there are commas (a filter may be a phrase), else one per word. */
export function filterWords(text: string): string[] {
  const parts = text.includes(',') ? text.split(',') : text.split(/\s+/);
  return parts.map((w) => w.trim()).filter(Boolean);
}

/** `/feeds` as typed ("follow https://…", "schedule 07:30 Europe/Paris"); a usage line when it is not. */
export function parseFeedsText(raw: string): FeedsCommand | { error: string } {
  const text = raw.trim();
  if (text.length > FEEDS_INPUT_MAX) return { error: 'That is too long.' };
  const [word = '', ...rest] = text.split(/\s+/);
  const arg = rest.join(' ');
  switch (word.toLowerCase()) {
    case 'follow':
    case 'add':
    case 'subscribe':
      return rest.length === 1 && rest[0]
        ? { kind: 'follow', url: rest[0] }
        : { error: 'Give one URL to follow.' };
    case 'unfollow':
    case 'remove':
      return rest.length === 1 && rest[0]
        ? { kind: 'unfollow', target: rest[0] }
        : { error: 'Give the id or URL of a source (see /newsbrief sources).' };
    case 'schedule': {
      if (!arg) return { error: 'Give a time (HH:MM) or a cron expression, and a time zone if you like.' };
      // A time zone names a region ("Europe/Paris") or is UTC; the rest is the time or cron.
      const last = rest[rest.length - 1] ?? '';
      const zone = rest.length > 1 && /^(?:[A-Za-z_]+\/[A-Za-z_/+-]+|UTC|GMT|Etc\/[\w+-]+)$/.test(last);
      return {
        kind: 'schedule',
        spec: (zone ? rest.slice(0, -1) : rest).join(' '),
        timezone: zone ? last : null,
      };
    }
    case 'filter': {
      const [mode = '', ...words] = rest;
      const m = mode.toLowerCase();
      if (m === 'clear') return { kind: 'filter', mode: 'clear' };
      if ((m === 'include' || m === 'exclude') && words.length)
        return { kind: 'filter', mode: m, words: filterWords(words.join(' ')) };
      return { error: 'Use filter include <words>, filter exclude <words> or filter clear.' };
    }
    case 'pause':
      return rest.length ? { error: 'pause takes nothing after it.' } : { kind: 'pause' };
    case 'resume':
      return rest.length ? { error: 'resume takes nothing after it.' } : { kind: 'resume' };
    default:
      return { error: word ? `Unknown option “${word.slice(0, 50)}”.` : 'What should I change?' };
  }
}
