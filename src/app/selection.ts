/**
 * Selection: which of a channel's articles a run delivers, as a pure function of the rows the store
 * read once (`channelArticles`) and the channel's settings. No I/O: the outbox delivers the plan.
 */
import { resolve, sep } from 'node:path';
import type { ChannelConfig } from '../config/index.js';
import type { BriefingPost, Delivered } from '../contracts/index.js';
import type { Briefing } from '../core/types.js';
import type { ChannelArticle } from '../store/types.js';

export type SkipReason =
  | 'filtered'
  | 'already-posted'
  | 'over-limit'
  | 'no-platform'
  | 'superseded'
  | 'claimed-elsewhere';

export interface RunItem {
  articleId: string;
  version: number;
  title: string | null;
}

export type SkippedItem = RunItem & { reason: SkipReason; detail: string };

/** One briefing to deliver: a new post, or an update of the message that carried an earlier version. */
export interface PlannedDelivery {
  post: BriefingPost;
  item: RunItem;
  previous: Delivered | null;
}

export interface Plan {
  /** Oldest first, at most the channel's `maxPerDigest` (the newest of the eligible). */
  deliver: PlannedDelivery[];
  skipped: SkippedItem[];
}

/** Does an article come from one of the channel's sources? */
export function fromSources(
  article: Pick<ChannelArticle, 'source' | 'key' | 'url'>,
  channel: Pick<ChannelConfig, 'sources'>,
): boolean {
  const src = article.source ?? '';
  for (const folder of channel.sources.folders) {
    const dir = resolve(folder);
    if (src === dir || src.startsWith(dir + sep)) return true;
  }
  for (const u of [...channel.sources.urls, ...channel.sources.feeds]) {
    if (src === u || article.key === u || article.url === u) return true;
  }
  return false;
}

function searchable(b: Briefing, title: string | null): string {
  return [
    title ?? '',
    b.title ?? '',
    b.summary ?? '',
    ...b.keyPoints.map((k) => k.text),
    ...b.people.map((p) => p.name),
  ]
    .join('\n')
    .toLowerCase();
}

const keywordPatterns = new WeakMap<readonly string[], RegExp[]>();

/** One whole-word pattern per keyword, compiled once per channel's list rather than per article. */
function patternsOf(list: readonly string[]): RegExp[] {
  let patterns = keywordPatterns.get(list);
  if (!patterns) {
    patterns = list.map((keyword) => {
      const k = keyword.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      return new RegExp(`(^|[^\\p{L}\\p{N}])${k}($|[^\\p{L}\\p{N}])`, 'u');
    });
    keywordPatterns.set(list, patterns);
  }
  return patterns;
}

function firstMatch(text: string, list: readonly string[]): string | undefined {
  const patterns = patternsOf(list);
  const i = patterns.findIndex((p) => p.test(text));
  return i < 0 ? undefined : list[i];
}

/** null when the briefing passes the channel's filters, else why not. */
export function filterReason(
  b: Briefing,
  title: string | null,
  channel: Pick<ChannelConfig, 'include' | 'exclude'>,
): string | null {
  const text = searchable(b, title);
  const ex = firstMatch(text, channel.exclude);
  if (ex) return `matches exclude keyword "${ex}"`;
  if (channel.include.length > 0 && firstMatch(text, channel.include) === undefined)
    return `matches none of the include keywords (${channel.include.join(', ')})`;
  return null;
}

function chronological(a: ChannelArticle, b: ChannelArticle): number {
  const ta = a.publishedAt ?? a.ingestedAt;
  const tb = b.publishedAt ?? b.ingestedAt;
  return ta.localeCompare(tb) || Number(a.articleId) - Number(b.articleId);
}

function planned(row: ChannelArticle): PlannedDelivery {
  const sent = row.lastSent;
  return {
    post: { articleId: row.articleId, version: row.version, url: row.url, briefing: row.briefing },
    item: { articleId: row.articleId, version: row.version, title: row.briefing.title ?? row.title },
    // An earlier version's message is edited (or answered "updated") rather than posted again.
    previous:
      sent && sent.version < row.version && sent.messageId
        ? { messageId: sent.messageId, threadId: sent.threadId }
        : null,
  };
}

/**
 * The channel's plan: articles from its sources, oldest first, that pass its filters and are not yet
 * posted there in this version (with `replay`, posted ones too), the newest `maxPerDigest` of them.
 */
export function selectDeliveries(
  rows: readonly ChannelArticle[],
  channel: Pick<ChannelConfig, 'sources' | 'include' | 'exclude' | 'maxPerDigest'>,
  options: { replay?: boolean } = {},
): Plan {
  const skipped: SkippedItem[] = [];
  const eligible: PlannedDelivery[] = [];
  for (const row of rows.filter((r) => fromSources(r, channel)).sort(chronological)) {
    const p = planned(row);
    const why = filterReason(row.briefing, row.title, channel);
    if (why) skipped.push({ ...p.item, reason: 'filtered', detail: why });
    else if (!options.replay && row.lastSent && row.lastSent.version >= row.version)
      skipped.push({
        ...p.item,
        reason: 'already-posted',
        detail: `already posted as message ${row.lastSent.messageId}`,
      });
    else eligible.push(p);
  }
  const over = Math.max(0, eligible.length - channel.maxPerDigest);
  for (const p of eligible.slice(0, over))
    skipped.push({
      ...p.item,
      reason: 'over-limit',
      detail: `more than maxPerDigest (${channel.maxPerDigest}) new briefings; the newest were posted`,
    });
  return { deliver: eligible.slice(over), skipped };
}
