/**
 * Name handling shared by the store (which indexes name tokens) and the answer functions (which decide
 * who is who): normalising, honorifics, and splitting a full name into first and last name.
 */
import { NAME_PARTICLES, HONORIFICS as TITLE_WORDS } from '../extract/lexicon/titles.js';

/** Words before a name that are not part of it: the recogniser's honorifics, plus a few query words. */
const HONORIFICS: ReadonlySet<string> = new Set([...TITLE_WORDS, 'the', 'vice', 'envoy', 'st']);
/** Surname particles: "von der Leyen" is a surname, not a first name "von". */
export const PARTICLES: ReadonlySet<string> = NAME_PARTICLES;
const SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv', 'phd', 'md', 'qc', 'kc', 'mp']);

/** Lower case, no diacritics, no punctuation: the tokens of a name or question. */
export function tokens(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’‘`]s\b/g, '')
    .replace(/['’‘`.]/g, '')
    .split(/[^a-z0-9-]+/)
    .map((t) => t.replace(/^-+|-+$/g, ''))
    .filter((t) => t.length > 0);
}

/** The tokens of a name without honorifics ("Mr", "President") and suffixes ("Jr"). */
const tokenCache = new Map<string, string[]>();

export function nameTokens(name: string): string[] {
  const hit = tokenCache.get(name);
  if (hit) return hit;
  if (tokenCache.size > 50_000) tokenCache.clear();
  const t = computeNameTokens(name);
  tokenCache.set(name, t);
  return t;
}

function computeNameTokens(name: string): string[] {
  const all = tokens(name);
  let start = 0;
  while (start < all.length - 1 && HONORIFICS.has(all[start] ?? '')) start++;
  let end = all.length;
  while (end > start + 1 && SUFFIXES.has(all[end - 1] ?? '')) end--;
  const kept = all.slice(start, end);
  return kept.length === 1 && HONORIFICS.has(kept[0] ?? '') && all.length > 1 ? [] : kept;
}

export interface NameParts {
  /** First name, or null when the name is a surname alone ("Witkoff", "Mr Witkoff"). */
  first: string | null;
  /** Last name; null only for an empty name. */
  last: string | null;
  tokens: string[];
}

export function nameParts(name: string): NameParts {
  const t = nameTokens(name);
  if (t.length === 0) return { first: null, last: null, tokens: t };
  if (t.length === 1 || PARTICLES.has(t[0] ?? ''))
    return { first: null, last: t[t.length - 1] ?? null, tokens: t };
  return { first: t[0] ?? null, last: t[t.length - 1] ?? null, tokens: t };
}

/** Does a name look like a person's name (starts with a capital), rather than a description? */
export function looksLikeName(text: string): boolean {
  return /^\p{Lu}/u.test(text.trim()) && nameTokens(text).length > 0 && !/^the\s/i.test(text.trim());
}

/** The keys a store indexes a person under: every token of their name and of their name-like aliases. */
export function personKeys(name: string, aliases: readonly string[]): string[] {
  const keys = new Set<string>(nameTokens(name));
  for (const alias of aliases) if (looksLikeName(alias)) for (const t of nameTokens(alias)) keys.add(t);
  return [...keys].filter((k) => k.length > 1 && !PARTICLES.has(k));
}

/** The key a store looks a query up by: the query's last name token ("Mr Witkoff" -> "witkoff"). */
export function queryKey(query: string): string | null {
  const t = nameTokens(query);
  return t[t.length - 1] ?? null;
}

/** Do two first names name the same person? Equal, or one a short form of the other ("Steve"/"Steven"). */
export function sameFirstName(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= 3 && long.startsWith(short);
}
