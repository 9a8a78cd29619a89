/**
 * Digest items: briefings about the same story become one item that cites the other reports. Used by
 * the /digest command and by channels whose digest style is one message listing the headlines.
 */

import type { BriefingPost, DigestItem } from '../contracts/index.js';
import { groupStories } from '../core/answer/digest.js';
import type { BriefingRow } from '../core/answer/rows.js';

export function digestItems(rows: readonly BriefingRow[]): DigestItem[] {
  return groupStories(rows).map((g) => ({
    post: {
      articleId: g.lead.articleId,
      version: g.lead.version,
      url: g.lead.url,
      briefing: g.lead.briefing,
    },
    alsoReportedBy: g.others.map((o) => ({ title: o.briefing.title ?? o.title, url: o.url })),
  }));
}

/** Posts chosen for delivery, as the rows grouping reads (they carry no times: order is kept as given). */
export function postsAsRows(posts: readonly BriefingPost[]): BriefingRow[] {
  return posts.map((p) => ({
    articleId: p.articleId,
    version: p.version,
    url: p.url,
    title: p.briefing.title,
    publishedAt: null,
    ingestedAt: '',
    briefing: p.briefing,
  }));
}
