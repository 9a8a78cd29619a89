/**
 * The adapter contract: the same cases against the console, Slack (real Bolt, fake Slack) and Discord
 * (real discord.js, fake Discord). Every platform shows the view the app built: the same words for
 * not-found, rate-limited and error replies, the same digest cap, and no ping or broken markup from
 * article text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIGEST_THREAD_MAX } from '../../src/app/views.js';
import type { DigestItem } from '../../src/contracts/index.js';
import { type AdapterDriver, consoleDriver, discordDriver, RATE_LIMIT, slackDriver } from './drivers.js';
import { BRIDGE_POST, briefingPost, MISSING_URL, STORE_DOWN_DETAIL, STORE_DOWN_URL } from './service.js';

const HOSTILE =
  '@everyone @here @channel <!channel> <!here> <@U0BOSS> <@123456789012345678> <@&987654321098765432> ' +
  '<#C0GENERAL> **bold** ||spoiler|| [click](https://evil.example/) <https://evil.example/|click> ' +
  '\u001b[2J\u202eevil & more';

const hostilePost = briefingPost('hostile', {
  title: `Council row ${HOSTILE}`,
  summary: `The summary ${HOSTILE}`,
  keyPoints: [{ text: `A point ${HOSTILE}` }],
  quotes: [{ text: `A quote ${HOSTILE}`, speaker: `Speaker ${HOSTILE}`, speakerRole: HOSTILE }],
  people: [{ name: `Person ${HOSTILE}`, role: HOSTILE, aliases: [HOSTILE], mentions: 2 }],
  organizations: [{ name: HOSTILE, mentions: 1 }],
  places: [{ name: HOSTILE, mentions: 1 }],
});

const drivers: [string, () => Promise<AdapterDriver>][] = [
  ['console', consoleDriver],
  ['slack', slackDriver],
  ['discord', discordDriver],
];

describe.each(drivers)('the adapter contract: %s', (_name, start) => {
  let driver: AdapterDriver;
  beforeAll(async () => {
    driver = await start();
  });
  afterAll(async () => {
    await driver?.close();
  });

  it('posts a briefing: headline, summary and key points first, then its quotes and people', async () => {
    const shown = await driver.deliver(BRIDGE_POST);
    const [main] = shown;
    expect(main?.text).toContain('Harbour town votes to rebuild its old bridge');
    expect(main?.text).toContain('Councillors in Port Ellery approved a plan');
    expect(main?.text).toContain('The work is expected to cost 14 million pounds.');
    const all = shown.map((s) => s.text).join('\n');
    expect(all).toContain('This bridge is the heart of the town');
    expect(all).toContain('Mara Quill');
    expect(all).toContain('mayor of Port Ellery');
    expect(driver.unsafe(shown)).toEqual([]);
  });

  it('lists every story of a digest over 20, briefs the first 20 in its thread, then counts the rest', async () => {
    const items: DigestItem[] = Array.from({ length: 23 }, (_, i) => ({
      post: briefingPost(`d${i + 1}`),
      alsoReportedBy: [],
    }));
    const [main, ...thread] = await driver.deliverDigest(items);
    expect(main?.text).toContain('News digest: 23 stories');
    for (const n of [1, 20, 21, 23]) expect(main?.text).toContain(`Story d${n}`);
    const briefed = thread.filter((s) => /The summary of story d\d+\./.test(s.text));
    expect(briefed).toHaveLength(DIGEST_THREAD_MAX);
    expect(briefed.at(-1)?.text).toContain('Story d20');
    expect(thread.some((s) => s.text.includes('Story d21'))).toBe(false);
    expect(thread.at(-1)?.text).toBe('…and 3 more stories (see the list above).');
  });

  it('says a name is not found in the same words, with the closest names', async () => {
    const reply = await driver.command('who', 'Zebedee', 'not-found-user');
    expect(reply.text).toBe('No one called “Zebedee” is in the briefings. Closest: Mara Quill, Marcus Reed.');
  });

  it('says a user is going too fast in the same words', async () => {
    const reply = await driver.limited('fast-user');
    expect(reply.text).toMatch(
      new RegExp(
        `^You’re going a little fast: up to ${RATE_LIMIT.max} requests every 60 seconds\\. ` +
          'Please try again in \\d+ seconds?\\.$',
      ),
    );
  });

  it('shows the message of an error in the request, and only a generic line for an internal one', async () => {
    const missing = await driver.command('brief', MISSING_URL, 'error-user');
    expect(missing.text).toBe('⚠️ Could not fetch that page (HTTP 404).');
    const down = await driver.command('brief', STORE_DOWN_URL, 'error-user-2');
    expect(down.text).toBe('⚠️ Something went wrong on our side. Please try again in a minute.');
    expect(JSON.stringify(down.raw)).not.toContain('SQLITE_BUSY');
    if (driver.name !== 'console') expect(driver.logs().join('\n')).toContain(STORE_DOWN_DETAIL);
  });

  it('never lets article text ping anyone or break out of the markup', async () => {
    const shown = await driver.deliver(hostilePost);
    expect(shown.length).toBeGreaterThan(0);
    expect(driver.unsafe(shown)).toEqual([]);
    // The text is still shown, only defused.
    const all = shown.map((s) => s.text).join('\n');
    expect(all).toContain('Council row');
    expect(all).toContain('bold');
    expect(all).toContain('spoiler');
  });
});
