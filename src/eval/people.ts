import type { Person } from '../core/index.js';
import { wordTokens } from './word-tokens.js';

/**
 * People and role scores on people-dev.jsonl, as shared/eval/README.md defines them:
 * - a system person matches a gold person when its tokens equal the gold name's or an alias's, or it
 *   shares the gold name's last token and, where both have two or more tokens, the first;
 * - each gold person takes at most one system person (a split person counts as a false positive);
 * - role accuracy is over the matched gold people that have a role: right when at least half of the gold
 *   role's content words (lowercase [a-z0-9]+ tokens without a short stop list) appear in the system's role.
 * Tokens are the README's word tokens (lowercase runs of [a-z0-9]). Counts are micro-averaged.
 */

export interface GoldPerson {
  name: string;
  aliases: string[];
  descriptions: string[];
  role: string | null;
  mentions: number;
  quoted: boolean;
}

export interface PeopleGoldArticle {
  id: string;
  people: GoldPerson[];
}

/** The words the README leaves out of a role before comparing. */
const ROLE_STOP_WORDS = new Set('the a an of for s and in on at to former then its his her'.split(' '));

function roleContentWords(role: string): string[] {
  return wordTokens(role).filter((w) => !ROLE_STOP_WORDS.has(w));
}

/** At least half of the gold role's content words appear in the system's role. */
export function isRoleRight(goldRole: string, systemRole: string | null): boolean {
  const gold = roleContentWords(goldRole);
  const system = new Set(wordTokens(systemRole ?? ''));
  const hits = gold.filter((w) => system.has(w)).length;
  return hits * 2 >= gold.length;
}

const sameTokens = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((w, i) => w === b[i]);

function exactMatch(gold: GoldPerson, system: readonly string[]): boolean {
  return [gold.name, ...gold.aliases].some((form) => sameTokens(wordTokens(form), system));
}

function looseMatch(gold: GoldPerson, system: readonly string[]): boolean {
  const name = wordTokens(gold.name);
  if (name.length === 0 || system.length === 0 || name.at(-1) !== system.at(-1)) return false;
  return name.length < 2 || system.length < 2 || name[0] === system[0];
}

/**
 * Pairs gold and system people: exact name or alias matches first, then the last-and-first-token rule,
 * each system person used once. Returns, for each gold person, the index of its system person or -1.
 */
export function matchPeople(gold: readonly GoldPerson[], system: readonly Person[]): number[] {
  const tokens = system.map((p) => wordTokens(p.name));
  const used = new Set<number>();
  const pairs = gold.map(() => -1);
  for (const rule of [exactMatch, looseMatch]) {
    for (const [g, person] of gold.entries()) {
      if (pairs[g] !== -1) continue;
      const s = tokens.findIndex((t, i) => !used.has(i) && rule(person, t));
      if (s >= 0) {
        pairs[g] = s;
        used.add(s);
      }
    }
  }
  return pairs;
}

export interface PeopleCounts {
  goldPeople: number;
  systemPeople: number;
  matched: number;
  /** Matched gold people that have a role, and those whose role the system got right. */
  matchedWithRole: number;
  rolesRight: number;
}

export type PeopleError =
  | { kind: 'missed'; id: string; gold: string; goldRole: string | null }
  | { kind: 'extra'; id: string; system: string; systemRole: string | null; mentions: number }
  | {
      kind: 'wrong-role';
      id: string;
      gold: string;
      system: string;
      goldRole: string;
      systemRole: string | null;
    };

export function scoreArticlePeople(
  article: PeopleGoldArticle,
  system: readonly Person[],
): { counts: PeopleCounts; errors: PeopleError[] } {
  const pairs = matchPeople(article.people, system);
  const counts: PeopleCounts = {
    goldPeople: article.people.length,
    systemPeople: system.length,
    matched: 0,
    matchedWithRole: 0,
    rolesRight: 0,
  };
  const errors: PeopleError[] = [];
  for (const [g, gold] of article.people.entries()) {
    const s = pairs[g] ?? -1;
    const person = system[s];
    if (!person) {
      errors.push({ kind: 'missed', id: article.id, gold: gold.name, goldRole: gold.role });
      continue;
    }
    counts.matched++;
    if (gold.role === null) continue;
    counts.matchedWithRole++;
    if (isRoleRight(gold.role, person.role)) counts.rolesRight++;
    else
      errors.push({
        kind: 'wrong-role',
        id: article.id,
        gold: gold.name,
        system: person.name,
        goldRole: gold.role,
        systemRole: person.role,
      });
  }
  const used = new Set(pairs);
  for (const [s, person] of system.entries())
    if (!used.has(s))
      errors.push({
        kind: 'extra',
        id: article.id,
        system: person.name,
        systemRole: person.role,
        mentions: person.mentions,
      });
  return { counts, errors };
}

export interface PeopleResult {
  articles: number;
  counts: PeopleCounts;
  precision: number;
  recall: number;
  f1: number;
  roleAccuracy: number;
  failures: { id: string; error: string }[];
}

export type ExtractPeople = (id: string) => readonly Person[];

export function evaluatePeople(
  articles: readonly PeopleGoldArticle[],
  extract: ExtractPeople,
  onProgress?: (done: number, total: number) => void,
): { result: PeopleResult; errors: PeopleError[] } {
  const counts: PeopleCounts = {
    goldPeople: 0,
    systemPeople: 0,
    matched: 0,
    matchedWithRole: 0,
    rolesRight: 0,
  };
  const errors: PeopleError[] = [];
  const failures: PeopleResult['failures'] = [];
  for (const [index, article] of articles.entries()) {
    let system: readonly Person[];
    try {
      system = extract(article.id);
    } catch (error) {
      failures.push({ id: article.id, error: String(error) });
      system = [];
    }
    const scored = scoreArticlePeople(article, system);
    for (const key of Object.keys(counts) as (keyof PeopleCounts)[]) counts[key] += scored.counts[key];
    errors.push(...scored.errors);
    onProgress?.(index + 1, articles.length);
  }
  const precision = counts.systemPeople === 0 ? 0 : counts.matched / counts.systemPeople;
  const recall = counts.goldPeople === 0 ? 0 : counts.matched / counts.goldPeople;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  const roleAccuracy = counts.matchedWithRole === 0 ? 0 : counts.rolesRight / counts.matchedWithRole;
  return {
    result: { articles: articles.length, counts, precision, recall, f1, roleAccuracy, failures },
    errors,
  };
}
