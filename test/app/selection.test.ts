/** Selection is a pure function of the rows a run read: no store, no platform. */
import { expect, test } from 'vitest';
import { selectDeliveries } from '../../src/app/selection.js';
import type { ChannelArticle } from '../../src/store/types.js';
import { channel } from './fakes.js';

function row(i: number, over: Partial<ChannelArticle> = {}): ChannelArticle {
  return {
    articleId: String(i),
    key: `https://news.test/${i}`,
    version: 1,
    url: `https://news.test/${i}`,
    title: `Story ${i}`,
    source: 'https://news.test/feed',
    publishedAt: `2025-01-0${i}T00:00:00.000Z`,
    ingestedAt: '2025-02-01T00:00:00.000Z',
    briefing: {
      title: `Story ${i} about the harbour`,
      summary: null,
      keyPoints: [],
      quotes: [],
      people: [],
      organizations: [],
      places: [],
    },
    lastSent: null,
    ...over,
  };
}

const ch = channel({
  channelId: 'C1',
  sources: { folders: [], urls: [], feeds: ['https://news.test/feed'] },
});

test('oldest first, only the channel’s sources, newest maxPerDigest kept, each skip with its reason', () => {
  const rows = [
    row(3),
    row(1),
    row(2, { lastSent: { version: 1, messageId: 'm2', threadId: null } }),
    row(4, { source: 'https://elsewhere.test/feed' }),
    row(5, { briefing: { ...row(5).briefing, title: 'Railway closes' } }),
    row(6),
  ];
  const plan = selectDeliveries(rows, { ...ch, exclude: ['railway'], maxPerDigest: 2 });
  expect(plan.deliver.map((p) => p.post.articleId)).toEqual(['3', '6']);
  expect(plan.skipped.map((s) => [s.articleId, s.reason])).toEqual([
    ['2', 'already-posted'],
    ['5', 'filtered'],
    ['1', 'over-limit'],
  ]);
});

test('a changed article is an update of its earlier message; replay posts sent ones again', () => {
  const changed = row(1, { version: 2, lastSent: { version: 1, messageId: 'm1', threadId: 't1' } });
  const sent = row(2, { lastSent: { version: 1, messageId: 'm2', threadId: 't2' } });
  const plan = selectDeliveries([changed, sent], ch);
  expect(plan.deliver.map((p) => [p.post.articleId, p.previous])).toEqual([
    ['1', { messageId: 'm1', threadId: 't1' }],
  ]);
  const replay = selectDeliveries([changed, sent], ch, { replay: true });
  expect(replay.deliver.map((p) => [p.post.articleId, p.previous])).toEqual([
    ['1', { messageId: 'm1', threadId: 't1' }],
    ['2', null],
  ]);
});
