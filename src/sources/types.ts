import type { Article } from '../core/types.js';

/** An article as a source found it, with the identity the store keys it by. */
export interface SourcedArticle {
  /** Canonical URL, else the source's own key (`file://...`, `feed:<feed>#<id>`). */
  key: string;
  otherKeys?: string[];
  article: Article;
  /** The folder, URL or feed it came from. */
  source: string;
  /** A feed item's guid, else its link: which item of the feed this is. */
  item?: string;
}

/** One source item's failure, recorded and reported without stopping the others. */
export interface SourceError {
  input: string;
  /** The feed item that failed (its guid, else its link), when the input is a feed. */
  item?: string;
  error: string;
}

/** Drop the fragment and tracking parameters, lower-case the host: one URL, one key. */
export function normalizeUrl(input: string): string {
  try {
    const u = new URL(input);
    u.hash = '';
    for (const k of [...u.searchParams.keys()])
      if (/^(utm_|fbclid$|gclid$|mc_cid$|mc_eid$|ref$|cmpid$)/i.test(k)) u.searchParams.delete(k);
    u.hostname = u.hostname.toLowerCase();
    return u.toString();
  } catch {
    return input;
  }
}
