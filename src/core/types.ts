/**
 * The core's data model. Everything here is plain data (JSON-serialisable) so that the store can
 * persist it and the CLI can print it as the stable JSON contract described in docs/ARCHITECTURE.md.
 */

/** One article as a source hands it to the core. */
export interface Article {
  /** The article's own headline, when the source knows it. */
  title: string | null;
  /** The body text; paragraphs separated by blank lines or single line breaks. */
  text: string;
  /** Canonical URL, when there is one. */
  url: string | null;
  byline: string | null;
  /** ISO 8601 date of publication, when known. */
  publishedAt: string | null;
  /**
   * The place line that opened the story ("WASHINGTON (Reuters)"), set aside by the source so that it
   * is not read as story text; null or absent when there was none.
   */
  dateline?: string | null;
}

export interface KeyPoint {
  text: string;
}

export interface Quote {
  /** The words inside the quotation marks (a quote that runs over paragraphs is joined with a space). */
  text: string;
  /** Full name of the person (or institution) credited; null only when nobody can be credited. */
  speaker: string | null;
  speakerRole: string | null;
}

export interface Person {
  /** The fullest name the article gives. */
  name: string;
  /** The role as the article states it ("US special envoy"), or null. */
  role: string | null;
  /** Every other form the article uses for this person ("Mr Witkoff", "Witkoff", "the Russian president"). */
  aliases: string[];
  mentions: number;
}

export interface NamedEntity {
  name: string;
  mentions: number;
}

/** The briefing of one article: the JSON contract of `newsbrief brief --format json`. */
export interface Briefing {
  title: string | null;
  summary: string | null;
  keyPoints: KeyPoint[];
  quotes: Quote[];
  people: Person[];
  organizations: NamedEntity[];
  places: NamedEntity[];
}

/** One sentence of the cleaned article, with the people it mentions (by their full `Person.name`). */
export interface AnalysedSentence {
  text: string;
  /** Index of the paragraph the sentence came from (0-based, after cleaning). */
  paragraph: number;
  people: string[];
}

/** Everything the core learns from one article: the briefing plus what answering needs later. */
export interface Analysis {
  briefing: Briefing;
  sentences: AnalysedSentence[];
}

export interface CondenseOptions {
  /** How many key points (default 5). */
  points?: number;
  /** Longest key point in characters before it is shortened (default 300). */
  maxPointLength?: number;
}

/** A person card, assembled from one or many analysed articles. */
export interface PersonCard {
  found: true;
  name: string;
  role: string | null;
  aliases: string[];
  mentions: number;
  articles: number;
  quotes: CardQuote[];
  sentences: string[];
  /** When the person was last seen (ISO 8601), where the articles carry a time. */
  lastSeen?: string;
}

export interface CardQuote {
  text: string;
  title: string | null;
  url: string | null;
}

export interface NotFound {
  found: false;
  query: string;
  suggestions: string[];
}

export type WhoResult = PersonCard | NotFound;
