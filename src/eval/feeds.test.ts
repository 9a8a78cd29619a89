import { describe, expect, test } from 'vitest';
import { keptShare, referenceText, words } from './feeds.js';

describe('feeds eval scoring', () => {
  test('reference text: tags, comments and scripts go, character references are decoded', () => {
    const ref = referenceText(
      '<p>Caf&eacute; <b>opens</b><!-- hidden --> at&nbsp;dawn<script>var x = 1;</script></p>&lt;3',
    );
    expect(ref.replace(/\s+/g, ' ').trim()).toBe('Café opens at dawn <3');
  });

  test('kept share counts repeated words as often as the reference has them, in any script', () => {
    expect([...words('Straße, straße 42!').entries()]).toEqual([
      ['straße', 2],
      ['42', 1],
    ]);
    expect(keptShare(words('the cat and the dog'), words('the cat and a dog'))).toBeCloseTo(0.8);
    expect(keptShare(words('the cat'), words('the cat sat'))).toBe(1);
    expect(keptShare(words(''), words('anything'))).toBeNull();
  });
});
