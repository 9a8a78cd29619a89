/**
 * Digest grouping: briefings about the same story become one item citing all their sources. Two
 * briefings are the same story when their titles share enough words, helped by shared people and places
 * (people compared by surname, so "Witkoff" and "Steve Witkoff" count as shared). Grouping is transitive.
 */

import { contentTokens } from './bm25.js';
import { nameParts } from './names.js';
import type { BriefingRow } from './rows.js';
import { articleTime } from './who.js';

export interface StoryGroup {
  /** The briefing that stands for the story: the one with the most people and key points, newest on a tie. */
  lead: BriefingRow;
  /** The other briefings of the same story, newest first. */
  others: BriefingRow[];
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let both = 0;
  for (const x of a) if (b.has(x)) both++;
  return both / (a.size + b.size - both);
}

function shared(a: Set<string>, b: Set<string>): number {
  let n = 0;
  for (const x of a) if (b.has(x)) n++;
  return n;
}

interface Features {
  title: Set<string>;
  people: Set<string>;
  places: Set<string>;
}

function features(r: BriefingRow): Features {
  const title = new Set([...contentTokens(r.briefing.title ?? r.title ?? '')].filter((w) => w.length > 2));
  const people = new Set(
    r.briefing.people.filter((p) => p.mentions >= 1).flatMap((p) => nameParts(p.name).last ?? []),
  );
  const places = new Set(r.briefing.places.map((p) => p.name.toLowerCase()));
  return { title, people, places };
}

/** How alike two briefings are, from 0 to 1. */
export function storySimilarity(a: Features, b: Features): number {
  const t = jaccard(a.title, b.title);
  const p = jaccard(a.people, b.people);
  const l = jaccard(a.places, b.places);
  const sharedPeople = shared(a.people, b.people);
  let s = 0.55 * t + 0.3 * p + 0.15 * l;
  if (sharedPeople >= 2 && (t >= 0.1 || shared(a.places, b.places) >= 1)) s += 0.2;
  return s;
}

export function groupStories(rows: readonly BriefingRow[], threshold = 0.35): StoryGroup[] {
  const f = rows.map(features);
  const parent = rows.map((_, i) => i);
  const find = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r] ?? r;
    parent[i] = r;
    return r;
  };
  for (let i = 0; i < rows.length; i++)
    for (let j = i + 1; j < rows.length; j++) {
      const fi = f[i];
      const fj = f[j];
      if (fi && fj && storySimilarity(fi, fj) >= threshold) parent[find(j)] = find(i);
    }
  const groups = new Map<number, BriefingRow[]>();
  rows.forEach((r, i) => {
    const g = find(i);
    groups.set(g, [...(groups.get(g) ?? []), r]);
  });
  const newest = (a: BriefingRow, b: BriefingRow) => articleTime(b).localeCompare(articleTime(a));
  const weight = (r: BriefingRow) => r.briefing.people.length + r.briefing.keyPoints.length;
  return [...groups.values()]
    .map((members) => {
      const sorted = [...members].sort((a, b) => weight(b) - weight(a) || newest(a, b));
      const lead = sorted[0] as BriefingRow;
      return { lead, others: members.filter((m) => m !== lead).sort(newest) };
    })
    .sort((a, b) => newest(a.lead, b.lead));
}
