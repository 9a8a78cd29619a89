import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Briefing } from '../core/index.js';
import { evalDataFile } from './data-dir.js';
import { type SeedGold, scoreSeed } from './seed.js';

const gold: SeedGold = {
  people: [
    { name: 'Steve Witkoff', role_any: [['envoy']], aliases: ['Witkoff'] },
    { name: 'Ursula von der Leyen', role_any: [['president'], ['commission']], aliases: [] },
    { name: 'Keir Starmer', role_any: [[]], aliases: ['Sir Keir'] },
  ],
  not_people: ['Downing Street', 'Pic'],
  quotes: [
    { speaker: 'Steve Witkoff', text: 'We were able to win the following concession' },
    { speaker: 'Downing Street|Keir Starmer', text: 'stands ready to support this next phase' },
  ],
  noise_lines: ['File pic: AP'],
  subheadings: ['EU leaders to join Zelenskyy'],
  key_facts: [
    { fact: 'NATO-like guarantee', any_sentence_contains: [['putin', 'nato-like'], ['article 5-like']] },
    { fact: 'three-way meeting', any_sentence_contains: [['three-way']] },
  ],
};

function briefing(overrides: Partial<Briefing>): Briefing {
  return {
    title: null,
    summary: null,
    keyPoints: [],
    quotes: [],
    people: [],
    organizations: [],
    places: [],
    ...overrides,
  };
}

describe('scoreSeed', () => {
  it('passes a briefing that meets every rule', () => {
    const result = scoreSeed(
      briefing({
        people: [
          { name: 'Mr Steve Witkoff', role: 'US special envoy', aliases: [], mentions: 3 },
          { name: 'Ursula von der Leyen', role: 'European Commission President', aliases: [], mentions: 2 },
          { name: 'Sir Keir Starmer', role: null, aliases: [], mentions: 1 },
        ],
        quotes: [
          {
            text: 'We were able to win the following concession: that',
            speaker: 'Witkoff',
            speakerRole: null,
          },
          {
            text: 'the PM stands ready to support this next phase',
            speaker: 'Downing Street',
            speakerRole: null,
          },
        ],
        keyPoints: [
          { text: 'Putin agreed to a NATO-like security guarantee, Witkoff said.' },
          { text: 'Trump said talks could lead to a Three-Way meeting.' },
        ],
      }),
      gold,
    );
    expect(result.summary).toEqual({
      peopleFound: { passed: 3, total: 3 },
      rolesMatched: { passed: 3, total: 3 },
      quotesFound: { passed: 2, total: 2 },
      speakersRight: { passed: 2, total: 2 },
      keyFactsCovered: { passed: 2, total: 2 },
      notPeopleViolations: 0,
      noiseKeyPoints: 0,
      allPassed: true,
    });
  });

  it('reports each failure where it happens', () => {
    const result = scoreSeed(
      briefing({
        people: [
          { name: 'Witkoff', role: 'businessman', aliases: [], mentions: 1 },
          { name: 'Downing Street', role: null, aliases: [], mentions: 1 },
        ],
        quotes: [{ text: 'We were able to win', speaker: 'Witkoff', speakerRole: null }],
        keyPoints: [
          { text: 'File pic: AP' },
          { text: 'EU leaders to join Zelenskyy' },
          { text: 'Putin spoke.' },
        ],
      }),
      gold,
    );
    expect(result.people[0]).toEqual({
      gold: 'Steve Witkoff',
      extracted: 'Witkoff',
      extractedRole: 'businessman',
      roleMatched: false,
    });
    expect(result.people[2]?.extracted).toBeNull();
    expect(result.notPeopleViolations).toEqual(['Downing Street']);
    // Five of the gold quote's eight tokens is below the 80% needed.
    expect(result.quotes[0]?.extracted).toBeNull();
    expect(result.noiseKeyPoints).toEqual(['File pic: AP', 'EU leaders to join Zelenskyy']);
    expect(result.summary.keyFactsCovered.passed).toBe(0);
    expect(result.summary.allPassed).toBe(false);
  });

  it('credits a quote only to one of the listed speakers', () => {
    const result = scoreSeed(
      briefing({
        quotes: [
          { text: 'He stands ready to support this next phase', speaker: 'Mark Rutte', speakerRole: null },
        ],
      }),
      gold,
    );
    expect(result.quotes[1]).toMatchObject({ extractedSpeaker: 'Mark Rutte', speakerRight: false });
  });
});

const goldFile = evalDataFile('seed-gold.json');

describe.skipIf(goldFile === null)(
  'scoreSeed on the real seed-gold.json (skipped: evaluation data not found; set NEWSBRIEF_EVAL_DATA)',
  () => {
    it('passes a briefing written from the gold itself', () => {
      const realGold = JSON.parse(readFileSync(goldFile ?? '', 'utf8')) as SeedGold;
      const result = scoreSeed(
        briefing({
          people: realGold.people.map((person) => ({
            name: person.name,
            role: person.role_any[0]?.join(' ') ?? null,
            aliases: person.aliases,
            mentions: 1,
          })),
          quotes: realGold.quotes.map((quote) => ({
            text: quote.text,
            speaker: quote.speaker.split('|').at(-1) ?? null,
            speakerRole: null,
          })),
          keyPoints: realGold.key_facts.map((fact) => ({
            text: fact.any_sentence_contains[0]?.join(' ') ?? '',
          })),
        }),
        realGold,
      );
      expect(result.summary.allPassed).toBe(true);
    });
  },
);
