/**
 * The plain rows a store hands to the answer functions. The store finds candidates (indexes, FTS5) and
 * returns these; the functions in this folder assemble and rank answers from them without any I/O.
 */

/** Where a row came from: the article's id, headline, link and times (ISO 8601; '' when unknown). */
export interface ArticleRef {
  articleId: string;
  title: string | null;
  url: string | null;
  publishedAt: string | null;
  ingestedAt: string;
}

/** One person as one article names them. */
export interface PersonRow extends ArticleRef {
  personId: string;
  name: string;
  role: string | null;
  aliases: string[];
  mentions: number;
}

export interface QuoteRow extends ArticleRef {
  /** Position of the quote in its article (0-based). */
  index: number;
  text: string;
  speaker: string | null;
  speakerRole: string | null;
}

export interface SentenceRow extends ArticleRef {
  sentenceId: string;
  /** Position of the sentence in its article (0-based). */
  index: number;
  text: string;
  /** Full names of the people the sentence mentions. */
  people: string[];
  /** The store's text-search score (FTS5 bm25(): lower is better), when the row came from a search. */
  score?: number;
}

/** Candidates for `who(name)` and `quotes(name)`: everyone sharing a name token with the query. */
/** How many articles name a person so, and how often, across the whole store. */
export interface NameTotal {
  name: string;
  articles: number;
  mentions: number;
}

export interface PersonCandidates {
  /** The newest rows naming someone with the query's name token (a store may stop at a limit). */
  people: PersonRow[];
  /**
   * When `people` stopped at a limit: the store-wide totals of each distinct name in it, so that a card
   * counts every article, not just the rows read.
   */
  nameTotals?: NameTotal[];
  /** Quotes in the candidates' articles (the answer keeps those spoken by the person it settles on). */
  quotes: QuoteRow[];
  /** Sentences that mention one of the candidate people. */
  sentences: SentenceRow[];
}

/** A stored briefing with the facts digest grouping needs. */
export interface BriefingRow extends ArticleRef {
  version: number;
  briefing: import('../types.js').Briefing;
}
