import { describe, expect, it } from 'vitest';
import type { Article, CondenseOptions } from '../core/index.js';
import { type CnndmArticle, evaluateCnndm, highlightCount, leadPrediction } from './highlights.js';

const fixture: CnndmArticle = {
  id: 'fixture',
  article: 'One. Two. Three. Four.',
  article_lines: ['The mayor opened the bridge.', 'Crowds cheered.', 'Traffic resumed.', 'Rain fell later.'],
  reference: 'The mayor opened a new bridge.\nCrowds cheered at the opening.\n',
};

function briefingOf(lines: string[]) {
  return {
    title: null,
    summary: null,
    keyPoints: lines.map((text) => ({ text })),
    quotes: [],
    people: [],
    organizations: [],
    places: [],
  };
}

describe('evaluateCnndm', () => {
  it('scores a core that returns LEAD-k exactly like LEAD-k', () => {
    const lead = (_article: Article, options: CondenseOptions) =>
      briefingOf(fixture.article_lines.slice(0, options.points ?? 0));
    const result = evaluateCnndm([fixture, fixture], lead, {
      choices: [{ kind: 'fixed', points: 3 }, { kind: 'highlights' }],
    });
    expect(result.rows.map((row) => row.points)).toEqual(['3', 'highlights']);
    for (const row of result.rows) {
      expect(row.core).toEqual(row.lead);
      expect(row.difference.rouge1).toMatchObject({ mean: 0, low: 0, high: 0 });
    }
    expect(result.rows[0]?.core.rouge1).toBeGreaterThan(50);
  });

  it('scores a failing core as an empty prediction and records the failure', () => {
    const failing = () => {
      throw new Error('boom');
    };
    const result = evaluateCnndm([fixture], failing, { choices: [{ kind: 'fixed', points: 3 }] });
    expect(result.failures).toEqual([{ id: 'fixture', error: 'Error: boom' }]);
    expect(result.rows[0]?.core).toEqual({ rouge1: 0, rouge2: 0, rougeLsum: 0 });
  });
});

describe('LEAD and highlight helpers', () => {
  it('counts non-empty highlight lines and joins LEAD sentences by newline', () => {
    expect(highlightCount(fixture)).toBe(2);
    expect(leadPrediction(fixture, 2)).toBe('The mayor opened the bridge.\nCrowds cheered.');
  });
});
