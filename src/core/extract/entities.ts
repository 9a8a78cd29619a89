/**
 * Organisations and places among the proper-noun runs that are not people, by gazetteer, by the
 * word that ends the name ("Commission", "Street"), by shape (acronyms), and by the preposition before
 * it ("in Brussels").
 */
import type { NamedEntity } from '../types.js';
import type { Doc, Token } from './document.js';
import {
  BRANDS,
  DEMONYMS,
  ORG_WORDS,
  ORGANIZATIONS,
  PLACE_PREPOSITIONS,
  PLACE_WORDS,
  PLACES,
  ROLE_WORDS,
} from './lexicon/index.js';
import type { NameRun } from './runs.js';

export type EntityKind = 'organization' | 'place' | null;

export function classifyRun(doc: Doc, run: NameRun): EntityKind {
  const text = run.text;
  const words = [...run.title, ...run.name];
  const last = words[words.length - 1] as Token;
  if (PLACES.has(text)) return 'place';
  if (ORGANIZATIONS.has(text) || BRANDS.has(text.toLowerCase())) return 'organization';
  if (DEMONYMS.has(text)) return null;
  if (words.every((t) => ROLE_WORDS.has(t.lower))) return null;
  if (ORG_WORDS.has(last.lower)) return 'organization';
  if (PLACE_WORDS.has(last.lower) && words.length > 1) return 'place';
  if (/^\p{Lu}{2,}$/u.test(text) || /^No \d+$/.test(text)) return 'organization';
  const before = doc.tokens[run.first - 1];
  if (before && before.sentence === run.sentence && PLACE_PREPOSITIONS.has(before.lower) && words.length <= 3)
    return 'place';
  return null;
}

export function collectEntities(
  doc: Doc,
  runs: NameRun[],
): { organizations: NamedEntity[]; places: NamedEntity[] } {
  const counts = { organization: new Map<string, number>(), place: new Map<string, number>() };
  const kindOf = new Map<string, EntityKind>();
  // A name classified once keeps its class for its other mentions ("in Brussels" ... "Brussels said").
  for (const run of runs) {
    const kind = classifyRun(doc, run);
    if (kind && !kindOf.has(run.text)) kindOf.set(run.text, kind);
  }
  for (const run of runs) {
    const kind = kindOf.get(run.text);
    if (!kind) continue;
    counts[kind].set(run.text, (counts[kind].get(run.text) ?? 0) + 1);
  }
  const sorted = (m: Map<string, number>): NamedEntity[] =>
    [...m]
      .map(([name, mentions]) => ({ name, mentions }))
      .sort((a, b) => b.mentions - a.mentions || a.name.localeCompare(b.name));
  return { organizations: sorted(counts.organization), places: sorted(counts.place) };
}
