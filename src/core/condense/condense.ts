/**
 * condense(article) -> Briefing: clean the text, find sentences, people, organisations, places and
 * quotations, then choose the key points. Pure: no I/O, no clock, no environment.
 */
import { resolveLeadingPronouns } from '../answer/pronouns.js';
import { buildDoc, type Sentence } from '../extract/document.js';
import { collectEntities } from '../extract/entities.js';
import { assignRoles, findPeople, type PersonEntity, resolveDescriptions } from '../extract/people.js';
import { attributeQuotes } from '../extract/quotes.js';
import { addDescriptionRoles } from '../extract/roles.js';
import { findNameRuns, lowercaseWords } from '../extract/runs.js';
import { cleanText } from '../text/clean.js';
import type { Analysis, Article, Briefing, CondenseOptions, Person, Quote } from '../types.js';
import { rankSentences, selectKeyPoints, shorten } from './key-points.js';

const DEFAULT_POINTS = 5;
const DEFAULT_MAX_POINT_LENGTH = 300;
const SUMMARY_LENGTH = 240;
const TITLE_LENGTH = 120;

export function analyse(article: Article, options: CondenseOptions = {}): Analysis {
  const points = options.points ?? DEFAULT_POINTS;
  const maxPointLength = options.maxPointLength ?? DEFAULT_MAX_POINT_LENGTH;
  const clean = cleanText(article.text, article.title);
  const doc = buildDoc(clean.paragraphs);
  const runs = findNameRuns(doc);
  const found = findPeople(runs, lowercaseWords(doc), doc);
  assignRoles(doc, runs, found);
  resolveDescriptions(doc, found);
  addDescriptionRoles(doc, found);
  const attributed = attributeQuotes(doc, found, found.otherRuns);
  const { organizations, places } = collectEntities(doc, found.otherRuns);

  const people = found.people
    .filter((p) => p.mentions.some((m) => !m.inQuote) || p.name.includes(' '))
    .sort(
      (a, b) =>
        b.mentions.length - a.mentions.length || (a.mentions[0]?.first ?? 0) - (b.mentions[0]?.first ?? 0),
    );
  const peopleInSentence = sentencePeople(people);
  const maxMentions = Math.max(1, ...people.map((p) => p.mentions.length));
  const ranked = rankSentences(doc, (s) => {
    const names = peopleInSentence.get(s.index) ?? [];
    let salience = 0;
    for (const p of names) salience += p.mentions.length / maxMentions;
    return Math.min(1, salience);
  });
  const keySentences = selectKeyPoints(ranked, { points });
  const best = ranked[0]?.sentence ?? doc.sentences[0];

  const quotes: Quote[] = attributed.map((q) => ({
    text: q.text,
    speaker: q.person?.name ?? q.other ?? null,
    speakerRole: q.person?.role ?? null,
  }));
  const briefing: Briefing = {
    title: clean.title ?? (best ? headlineFrom(best.text) : null),
    summary: best ? shorten(best.text, SUMMARY_LENGTH) : null,
    keyPoints: keySentences.map((s) => ({ text: shorten(s.text, maxPointLength) })),
    quotes,
    people: people.map(toPerson),
    organizations,
    places,
  };
  return {
    briefing,
    // A sentence opening with he/she also lists the person it is about, so that it answers alone.
    sentences: resolveLeadingPronouns(
      doc.sentences.map((s) => ({
        text: s.text,
        paragraph: s.paragraph,
        people: (peopleInSentence.get(s.index) ?? []).map((p) => p.name),
      })),
    ),
  };
}

export function condense(article: Article, options: CondenseOptions = {}): Briefing {
  return analyse(article, options).briefing;
}

function toPerson(p: PersonEntity): Person {
  const aliases = [...p.aliases].filter((a) => a !== p.name);
  return { name: p.name, role: p.role, aliases, mentions: p.mentions.length };
}

function sentencePeople(people: PersonEntity[]): Map<number, PersonEntity[]> {
  const map = new Map<number, PersonEntity[]>();
  for (const p of people) {
    for (const m of p.mentions) {
      const list = map.get(m.sentence) ?? [];
      if (!list.includes(p)) list.push(p);
      map.set(m.sentence, list);
    }
  }
  return map;
}

/** A headline when the article has none: the best sentence's first clause, short. */
function headlineFrom(text: string): string {
  const clause = text.split(/(?:,|;| – | — )\s/)[0] ?? text;
  return shorten(clause.replace(/[.!?]+$/, ''), TITLE_LENGTH);
}

export type { Sentence };
