/** Hand-made analysed articles for the store contract tests (independent of the core's extractor). */
import type { Analysis, Article, Person, Quote } from '../../src/core/types.js';
import { contentHash } from '../../src/store/hash.js';
import type { IngestInput } from '../../src/store/types.js';

export interface Fixture {
  key: string;
  title: string;
  url?: string | null;
  sentences: string[];
  people?: Person[];
  quotes?: Quote[];
  publishedAt?: string | null;
  now?: string;
}

export function person(name: string, role: string | null, aliases: string[] = [], mentions = 1): Person {
  return { name, role, aliases, mentions };
}

/** A sentence mentions a person when it contains their name or one of their name-like aliases. */
export function analysisOf(f: Fixture): Analysis {
  const people = f.people ?? [];
  return {
    briefing: {
      title: f.title,
      summary: f.sentences[0] ?? null,
      keyPoints: f.sentences.slice(0, 3).map((text) => ({ text })),
      quotes: f.quotes ?? [],
      people,
      organizations: [],
      places: [],
    },
    sentences: f.sentences.map((text, i) => ({
      text,
      paragraph: i,
      people: people.filter((p) => [p.name, ...p.aliases].some((n) => text.includes(n))).map((p) => p.name),
    })),
  };
}

export function input(f: Fixture): IngestInput {
  const article: Article = {
    title: f.title,
    text: f.sentences.join('\n'),
    url: f.url === undefined ? f.key : f.url,
    byline: null,
    publishedAt: f.publishedAt ?? null,
  };
  return {
    key: f.key,
    article,
    analysis: analysisOf(f),
    contentHash: contentHash(article),
    source: 'test',
    ...(f.now ? { now: f.now } : {}),
  };
}
