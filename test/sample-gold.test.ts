/**
 * The sample article against its hand-made gold (../shared/eval/seed-gold.json, read by path). The
 * thresholds are the core issue's; the matching rules are the gold's own (src/eval/seed.ts).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Briefing, PersonCard } from '../src/core/types.js';
import { evalDataFile } from '../src/eval/data-dir.js';
import { type SeedGold, scoreSeed } from '../src/eval/seed.js';
import { runCli } from './helpers.js';

const goldPath = evalDataFile('seed-gold.json');
const SAMPLE = 'briefings/alaska-summit.txt';

describe.skipIf(!goldPath)('sample article vs seed-gold.json', () => {
  const gold = goldPath ? (JSON.parse(readFileSync(goldPath, 'utf8')) as SeedGold) : null;

  async function briefingWith(points: number): Promise<Briefing> {
    const run = await runCli(['brief', SAMPLE, '--format', 'json', '--points', String(points)]);
    expect(run.code).toBe(0);
    return JSON.parse(run.stdout) as Briefing;
  }

  it('finds all 10 people, at least 8 roles (Witkoff’s among them) and nothing that is not a person', async () => {
    const result = scoreSeed(await briefingWith(5), gold as SeedGold);
    expect(result.summary.peopleFound).toEqual({ passed: 10, total: 10 });
    expect(result.summary.rolesMatched.passed).toBeGreaterThanOrEqual(8);
    expect(result.people.find((p) => p.gold === 'Steve Witkoff')?.roleMatched).toBe(true);
    expect(result.notPeopleViolations).toEqual([]);
  });

  it('finds the four quotes with the right speakers, Zelenskyy’s joined across two paragraphs', async () => {
    const result = scoreSeed(await briefingWith(5), gold as SeedGold);
    expect(result.summary.quotesFound).toEqual({ passed: 4, total: 4 });
    expect(result.summary.speakersRight).toEqual({ passed: 4, total: 4 });
  });

  it('covers at least 4 of the 7 key facts with 6 key points, none of them a caption or heading', async () => {
    const result = scoreSeed(await briefingWith(6), gold as SeedGold);
    expect(result.summary.keyFactsCovered.passed).toBeGreaterThanOrEqual(4);
    expect(result.noiseKeyPoints).toEqual([]);
  });

  it('newsbrief who Witkoff shows his role and both of his quotes', async () => {
    const run = await runCli(['who', 'Witkoff', SAMPLE, '--format', 'json']);
    expect(run.code).toBe(0);
    const card = JSON.parse(run.stdout) as PersonCard;
    expect(card.name).toBe('Steve Witkoff');
    expect(card.role?.toLowerCase()).toContain('envoy');
    expect(card.quotes.map((q) => q.text)).toEqual(
      expect.arrayContaining([expect.stringContaining('We were able to win'), 'game-changing']),
    );
    const text = await runCli(['who', 'Mr Witkoff', SAMPLE]);
    expect(text.stdout).toContain('envoy');
    expect(text.stdout).toContain('game-changing');
  });
});
