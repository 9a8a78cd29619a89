/** Words of a free-text question that are worth searching for, shared by the store's FTS query and ranking. */
import { tokens } from './names.js';

export const STOPWORDS = new Set(
  `a about above after again against all am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have having
he her here hers herself him himself his how i if in into is it its itself just me more most my myself no
nor not now of off on once only or other our ours ourselves out over own same she should so some such than
that the their theirs them themselves then there these they this those through to too under until up very
was we were what when where which while who whom why will with would you your yours yourself yourselves
said say says tell told mr mrs ms dr also like get got go went one two new news any ever much many`.split(
    /\s+/,
  ),
);

/** The question's content words, in order, without duplicates or stopwords. */
export function queryTerms(question: string): string[] {
  const seen = new Set<string>();
  for (const t of tokens(question)) {
    if (t.length < 2 || STOPWORDS.has(t)) continue;
    seen.add(t);
  }
  return [...seen];
}
