import type { Analysis, Article, Briefing, CondenseOptions } from '../types.js';

// Temporary first cut: replaced by the real pipeline (text -> extract -> rank).
export function analyse(article: Article, options: CondenseOptions = {}): Analysis {
  const points = options.points ?? 5;
  const sentences = article.text
    .split(/\n+/)
    .flatMap((p) => p.split(/(?<=[.!?])\s+(?=[A-Z“"‘])/))
    .map((s) => s.trim())
    .filter(Boolean);
  const briefing: Briefing = {
    title: article.title,
    summary: sentences[0] ?? null,
    keyPoints: sentences.slice(0, points).map((text) => ({ text })),
    quotes: [],
    people: [],
    organizations: [],
    places: [],
  };
  return { briefing, sentences: sentences.map((text, i) => ({ text, paragraph: i, people: [] })) };
}

export function condense(article: Article, options: CondenseOptions = {}): Briefing {
  return analyse(article, options).briefing;
}
