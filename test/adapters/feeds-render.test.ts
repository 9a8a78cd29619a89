/**
 * `/feeds` and `/newsbrief sources` replies on Slack and Discord: within each platform's limits with 50
 * long sources (what is cut is counted), and a hostile feed title or URL pings no one and adds no link.
 */
import { expect, test } from 'vitest';
import { EMBED_DESCRIPTION_MAX, EMBED_TITLE_MAX } from '../../src/adapters/discord/limits.js';
import { renderFeeds as discordFeeds } from '../../src/adapters/discord/render.js';
import {
  MAX_BLOCKS_PER_MESSAGE,
  MAX_SECTION_TEXT,
  MESSAGE_BLOCKS_BUDGET,
} from '../../src/adapters/slack/limits.js';
import { blockTextLength, renderFeeds as slackFeeds } from '../../src/adapters/slack/render.js';
import { sourcesView } from '../../src/app/views.js';
import type { SourcesResult } from '../../src/contracts/index.js';

const hostile = '@everyone <!channel> <@U0BOSS> <@&123> [click](https://evil.test) *bold* `code`';
const result: SourcesResult = {
  channel: {
    schedule: '0 8 * * *',
    timezone: 'Europe/London',
    paused: false,
    include: [hostile],
    exclude: [],
    nextRun: '2026-12-03T08:00:00.000Z',
  },
  sources: Array.from({ length: 50 }, (_, i) => ({
    id: String(i + 1),
    kind: 'feed' as const,
    url: `https://news.test/${'x'.repeat(150)}/${i}?q=<!here>`,
    title: `${hostile} ${'long title '.repeat(20)}`,
    lastFetchAt: '2026-12-02T08:00:00.000Z',
    lastError: `HTTP 503 ${'and more '.repeat(30)}`,
  })),
};

test('Slack: within the block limits, the rest counted, no mention or link from the title', () => {
  const view = sourcesView(result);
  const message = slackFeeds(view);
  expect(message.blocks.length).toBeLessThanOrEqual(MAX_BLOCKS_PER_MESSAGE);
  const total = message.blocks.reduce((n, b) => n + blockTextLength(b), 0);
  expect(total).toBeLessThanOrEqual(MESSAGE_BLOCKS_BUDGET);
  for (const b of message.blocks) expect(blockTextLength(b)).toBeLessThanOrEqual(MAX_SECTION_TEXT);
  const text = JSON.stringify(message.blocks);
  expect(text).toMatch(/…and \d+ more lines not shown\./);
  expect(text).not.toMatch(/<!channel>|<!here>|<@U0BOSS>|<https?:/);
  expect(text).toContain('#1 feed');
});

test('Discord: within the embed limits, no mentions allowed, no masked link from the title', () => {
  const message = discordFeeds(sourcesView(result));
  expect(message.allowedMentions).toEqual({ parse: [] });
  const embed = message.embeds[0];
  expect(embed?.title?.length ?? 0).toBeLessThanOrEqual(EMBED_TITLE_MAX);
  expect(embed?.description?.length ?? 0).toBeLessThanOrEqual(EMBED_DESCRIPTION_MAX);
  expect(embed?.description).toMatch(/…and \d+ more lines/);
  expect(embed?.description).not.toContain('[click](https://evil.test)');
  expect(embed?.description).not.toMatch(/(^|[^\\])@everyone/);
});
