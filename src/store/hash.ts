import { createHash } from 'node:crypto';
import type { Article } from '../core/types.js';

/** sha256 of the article's title and text with white space folded: equal content, equal hash. */
export function contentHash(article: Pick<Article, 'title' | 'text'>): string {
  const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
  return createHash('sha256')
    .update(`${norm(article.title ?? '')}\n${norm(article.text)}`)
    .digest('hex');
}
