import type { Briefing, Person, Quote } from '../core/index.js';
import { lastNameWord, nameHasWord, nameWords } from './names.js';
import { containedShare, countWordTokens } from './word-tokens.js';

/**
 * Scores one briefing of the sample article (shared/seed/alaska-summit.txt) against its hand-made gold
 * (shared/eval/seed-gold.json), following the matching rules in the gold's `about` field. Shared by
 * `npm run eval` and the project test that guards the sample article.
 */

export interface SeedGold {
  people: { name: string; role_any: string[][]; aliases: string[] }[];
  not_people: string[];
  quotes: { speaker: string; text: string }[];
  noise_lines: string[];
  subheadings: string[];
  key_facts: { fact: string; any_sentence_contains: string[][] }[];
}

export interface SeedPersonResult {
  gold: string;
  /** The extracted person matched to the gold one, or null when none was found. */
  extracted: string | null;
  extractedRole: string | null;
  roleMatched: boolean;
}

export interface SeedQuoteResult {
  gold: string;
  goldSpeaker: string;
  /** The extracted quote that holds at least 80% of the gold quote's word tokens, if any. */
  extracted: string | null;
  extractedSpeaker: string | null;
  speakerRight: boolean;
}

export interface SeedFactResult {
  fact: string;
  /** The first key point that covers the fact, or null. */
  coveredBy: string | null;
}

export interface SeedCount {
  passed: number;
  total: number;
}

export interface SeedResult {
  people: SeedPersonResult[];
  /** Extracted people whose name is one of the gold's `not_people` (e.g. "Downing Street", "Pic"). */
  notPeopleViolations: string[];
  quotes: SeedQuoteResult[];
  keyFacts: SeedFactResult[];
  /** Key points that are a caption, credit or sub-heading line rather than story text. */
  noiseKeyPoints: string[];
  summary: {
    peopleFound: SeedCount;
    rolesMatched: SeedCount;
    quotesFound: SeedCount;
    speakersRight: SeedCount;
    keyFactsCovered: SeedCount;
    notPeopleViolations: number;
    noiseKeyPoints: number;
    /** Every check passes: all people, roles, quotes, speakers and facts, and no violations. */
    allPassed: boolean;
  };
}

/** The share of a gold quote's word tokens an extracted quote must hold for the quote to be found. */
export const QUOTE_FOUND_SHARE = 0.8;

function normalisedPhrase(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

function findPerson(goldName: string, people: readonly Person[]): Person | null {
  const surname = lastNameWord(goldName);
  if (surname === null) return null;
  return people.find((person) => nameHasWord(person.name, surname)) ?? null;
}

/** A role matches when it holds every word of one of the accepted word lists; `[]` accepts anything. */
function roleMatches(role: string | null, acceptedWordLists: readonly string[][]): boolean {
  const roleWords = new Set(role === null ? [] : nameWords(role));
  return acceptedWordLists.some((words) => words.every((word) => roleWords.has(word.toLowerCase())));
}

function scorePeople(briefing: Briefing, gold: SeedGold): SeedPersonResult[] {
  return gold.people.map((goldPerson) => {
    const person = findPerson(goldPerson.name, briefing.people);
    return {
      gold: goldPerson.name,
      extracted: person?.name ?? null,
      extractedRole: person?.role ?? null,
      roleMatched: person !== null && roleMatches(person.role, goldPerson.role_any),
    };
  });
}

function findNotPeopleViolations(briefing: Briefing, gold: SeedGold): string[] {
  const forbidden = new Set(gold.not_people.map((name) => nameWords(name).join(' ')));
  return briefing.people
    .map((person) => person.name)
    .filter((name) => forbidden.has(nameWords(name).join(' ')));
}

function bestCoveringQuote(goldText: string, quotes: readonly Quote[]): Quote | null {
  const goldTokens = countWordTokens(goldText);
  let best: Quote | null = null;
  let bestShare = QUOTE_FOUND_SHARE;
  for (const quote of quotes) {
    const share = containedShare(goldTokens, countWordTokens(quote.text));
    if (share >= bestShare) {
      best = quote;
      bestShare = share;
    }
  }
  return best;
}

function scoreQuotes(briefing: Briefing, gold: SeedGold): SeedQuoteResult[] {
  return gold.quotes.map((goldQuote) => {
    const quote = bestCoveringQuote(goldQuote.text, briefing.quotes);
    const speaker = quote?.speaker ?? null;
    const acceptedSurnames = goldQuote.speaker.split('|').map(lastNameWord);
    return {
      gold: goldQuote.text,
      goldSpeaker: goldQuote.speaker,
      extracted: quote?.text ?? null,
      extractedSpeaker: speaker,
      speakerRight: acceptedSurnames.some((surname) => surname !== null && nameHasWord(speaker, surname)),
    };
  });
}

function scoreKeyFacts(briefing: Briefing, gold: SeedGold): SeedFactResult[] {
  const points = briefing.keyPoints.map((point) => point.text);
  return gold.key_facts.map(({ fact, any_sentence_contains }) => ({
    fact,
    coveredBy:
      points.find((point) =>
        any_sentence_contains.some((strings) =>
          strings.every((text) => point.toLowerCase().includes(text.toLowerCase())),
        ),
      ) ?? null,
  }));
}

function findNoiseKeyPoints(briefing: Briefing, gold: SeedGold): string[] {
  const noise = [...gold.noise_lines, ...gold.subheadings].map(normalisedPhrase);
  return briefing.keyPoints
    .map((point) => point.text)
    .filter((text) => noise.some((line) => normalisedPhrase(text).includes(line)));
}

function count<T>(items: readonly T[], passes: (item: T) => boolean): SeedCount {
  return { passed: items.filter(passes).length, total: items.length };
}

/**
 * Scores `briefing` (condensed from the sample article; the eval asks for 6 key points, the number
 * the key facts are written for) against `gold`.
 */
export function scoreSeed(briefing: Briefing, gold: SeedGold): SeedResult {
  const people = scorePeople(briefing, gold);
  const notPeopleViolations = findNotPeopleViolations(briefing, gold);
  const quotes = scoreQuotes(briefing, gold);
  const keyFacts = scoreKeyFacts(briefing, gold);
  const noiseKeyPoints = findNoiseKeyPoints(briefing, gold);
  const summary = {
    peopleFound: count(people, (person) => person.extracted !== null),
    rolesMatched: count(people, (person) => person.roleMatched),
    quotesFound: count(quotes, (quote) => quote.extracted !== null),
    speakersRight: count(quotes, (quote) => quote.speakerRight),
    keyFactsCovered: count(keyFacts, (fact) => fact.coveredBy !== null),
    notPeopleViolations: notPeopleViolations.length,
    noiseKeyPoints: noiseKeyPoints.length,
  };
  const allCountsPassed = [
    summary.peopleFound,
    summary.rolesMatched,
    summary.quotesFound,
    summary.speakersRight,
    summary.keyFactsCovered,
  ].every(({ passed, total }) => passed === total);
  return {
    people,
    notPeopleViolations,
    quotes,
    keyFacts,
    noiseKeyPoints,
    summary: {
      ...summary,
      allPassed: allCountsPassed && notPeopleViolations.length === 0 && noiseKeyPoints.length === 0,
    },
  };
}
