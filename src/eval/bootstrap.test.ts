import { describe, expect, it } from 'vitest';
import { pairedBootstrap, seededRandom } from './bootstrap.js';

describe('seededRandom', () => {
  it('repeats its sequence for the same seed and stays in [0, 1)', () => {
    const first = seededRandom(7);
    const second = seededRandom(7);
    const draws = Array.from({ length: 1000 }, () => first());
    expect(draws).toEqual(Array.from({ length: 1000 }, () => second()));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
  });
});

describe('pairedBootstrap', () => {
  it('gives a zero-width interval when every difference is the same', () => {
    const interval = pairedBootstrap([3, 4, 5], [1, 2, 3], { resamples: 200 });
    expect(interval).toEqual({ mean: 2, low: 2, high: 2, shareNotAbove: 0 });
  });

  it('brackets the mean difference and is reproducible', () => {
    const system = Array.from({ length: 100 }, (_, index) => 40 + ((index * 37) % 11));
    const baseline = Array.from({ length: 100 }, (_, index) => 40 + ((index * 53) % 13));
    const interval = pairedBootstrap(system, baseline);
    expect(interval.low).toBeLessThan(interval.mean);
    expect(interval.high).toBeGreaterThan(interval.mean);
    expect(pairedBootstrap(system, baseline)).toEqual(interval);
  });

  it('refuses unpaired scores', () => {
    expect(() => pairedBootstrap([1, 2], [1])).toThrow(/same items/);
  });
});
