/**
 * Slash commands end to end over HTTP: signed requests into the real Bolt app, answers through the
 * response URL of a fake Slack, the service a hand-written fake.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACK_DEADLINE_MS } from '../../src/adapters/slack/limits.js';
import { type FakeSlack, waitFor } from './fake-slack.js';
import { type Harness, postSigned, slashCommand, startHarness } from './harness.js';

let h: Harness;
let fake: FakeSlack;

beforeAll(async () => {
  h = await startHarness({ SLACK_RATE_LIMIT: 'off' });
  fake = h.fake;
});
afterAll(async () => {
  await h.close();
});

/** Sends a command and returns the HTTP status and the first answer posted to its response URL. */
async function run(command: string, text: string, count = 1) {
  const { body, responseId } = slashCommand(fake, command, text);
  const res = await postSigned(h.eventsUrl, body);
  const answers = await waitFor(() => {
    const got = fake.responses.filter((r) => r.id === responseId);
    return got.length >= count ? got : null;
  });
  const first = answers[0]?.body ?? {};
  return { status: res.status, answers: answers.map((a) => a.body), first, text: JSON.stringify(first) };
}

describe('slash commands over HTTP', () => {
  it('/brief with a link briefs it: headline, summary, key points, source link, then the details', async () => {
    const { status, answers, first, text } = await run(
      '/brief',
      '<https://news.example.org/harbour/ferry-route>',
      3,
    );
    expect(status).toBe(200);
    expect(h.service.called('brief').at(-1)?.args[0]).toEqual({
      url: 'https://news.example.org/harbour/ferry-route',
    });
    expect(first.response_type).toBe('ephemeral');
    const blocks = first.blocks as { type: string; text?: { text: string } }[];
    expect(blocks[0]).toMatchObject({
      type: 'header',
      text: { text: 'Harbour council approves night ferry to the islands' },
    });
    expect(text).toContain('voted 7-2');
    expect(text).toContain('• Sailings start in May');
    expect(text).toContain('<https://news.example.org/harbour/ferry-route|news.example.org>');
    const details = JSON.stringify(answers.slice(1));
    expect(details).toContain('Nobody should have to sleep at the depot');
    expect(details).toContain('*Maria Okafor*, mayor of Westhaven');
    expect(details).toContain('head of Islands Ferries');
  });

  it('/brief with pasted text sends the text, decoded from Slack’s escaping', async () => {
    await run('/brief', 'Council &amp; crews agree: night ferry &lt;approved&gt;');
    expect(h.service.called('brief').at(-1)?.args[0]).toEqual({
      text: 'Council & crews agree: night ferry <approved>',
    });
  });

  it('/brief with nothing gives a usage line and does not call the service', async () => {
    const before = h.service.calls.length;
    const { first, text } = await run('/brief', '   ');
    expect(text).toContain('Usage: `/brief &lt;url or pasted article text&gt;`');
    expect(first.response_type).toBe('ephemeral');
    expect(h.service.calls.length).toBe(before);
  });

  it('/brief shows the service’s own error message when it fails', async () => {
    const { text } = await run('/brief', 'https://news.example.org/broken');
    expect(text).toContain('Could not fetch that page (HTTP 404).');
  });

  it('/who finds a person with role, quotes and sentences', async () => {
    const { text } = await run('/who', 'Okafor');
    expect(h.service.called('who').at(-1)?.args[0]).toBe('Okafor');
    expect(text).toContain('*Maria Okafor*, mayor of Westhaven');
    expect(text).toContain('4 mentions in 1 article');
    expect(text).toContain('Nobody should have to sleep');
  });

  it('/who with an unknown name says not found and gives the closest names', async () => {
    const { text } = await run('/who', 'Ocafor');
    expect(text).toContain(
      'No one called “Ocafor” is in the briefings. Closest: Maria Okafor, Tomas Lindqvist.',
    );
  });

  it('/who with nothing gives a usage line', async () => {
    const { text } = await run('/who', '');
    expect(text).toContain('Usage: `/who &lt;name&gt;`');
  });

  it('/ask answers with a linked source', async () => {
    const { text } = await run('/ask', 'when does the night ferry start?');
    expect(h.service.called('ask').at(-1)?.args[0]).toBe('when does the night ferry start?');
    expect(text).toContain('Sailings start in May');
    expect(text).toContain(
      '<https://news.example.org/harbour/ferry-route|Harbour council approves night ferry',
    );
  });

  it('/ask with nothing gives a usage line', async () => {
    const { text } = await run('/ask', '');
    expect(text).toContain('Usage: `/ask &lt;question&gt;`');
  });

  it('/quotes without a name lists the latest quotes; with an unknown name suggests names', async () => {
    const latest = await run('/quotes', '');
    expect(h.service.called('quotes').at(-1)?.args[0]).toBeNull();
    expect(latest.text).toContain('Latest quotes');
    expect(latest.text).toContain('— *Maria Okafor*');
    const unknown = await run('/quotes', 'Lindgren');
    expect(unknown.text).toContain('No one called “Lindgren” is in the briefings. Closest: Maria Okafor.');
  });

  it('/digest lists the channel’s stories with other reports; arguments give a usage line', async () => {
    const { text } = await run('/digest', '');
    expect(h.service.called('digest').at(-1)?.args[0]).toEqual({ platform: 'slack', channelId: 'C0NEWS' });
    expect(text).toContain('News digest: 2 stories');
    expect(text).toContain(
      '<https://news.example.org/market-hall|Old market hall to reopen as a food court>',
    );
    expect(text).toContain('also: <https://other.example.com/ferry|Night ferry approved>');
    const bad = await run('/digest', 'yesterday');
    expect(bad.text).toContain('Usage: `/digest`');
  });

  it('/newsbrief help lists the commands; an unknown option gives a usage line', async () => {
    const help = await run('/newsbrief', 'help');
    for (const c of ['/brief', '/who', '/ask', '/quotes', '/digest']) expect(help.text).toContain(c);
    const empty = await run('/newsbrief', '');
    expect(empty.text).toContain('/quotes');
    const bad = await run('/newsbrief', 'frobnicate');
    expect(bad.text).toContain('Unknown option “frobnicate”.');
    expect(bad.text).toContain('Usage: `/newsbrief help | sources | preview`');
  });

  it('acknowledges at once, before the service answers', async () => {
    let open = () => {};
    h.service.gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const { body, responseId } = slashCommand(fake, '/who', 'Okafor');
    const started = Date.now();
    const res = await postSigned(h.eventsUrl, body);
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(ACK_DEADLINE_MS);
    expect(fake.responses.some((r) => r.id === responseId)).toBe(false);
    h.service.gate = null;
    open();
    await waitFor(() => fake.responses.find((r) => r.id === responseId));
  });
});

describe('command options', () => {
  it('answers in the channel when SLACK_RESPONSE_VISIBILITY=in_channel (usage lines stay private)', async () => {
    const other = await startHarness({ SLACK_RESPONSE_VISIBILITY: 'in_channel' });
    try {
      const who = slashCommand(other.fake, '/who', 'Okafor');
      await postSigned(other.eventsUrl, who.body);
      const answer = await waitFor(() => other.fake.responses.find((r) => r.id === who.responseId));
      expect(answer.body.response_type).toBe('in_channel');
      const usage = slashCommand(other.fake, '/who', '');
      await postSigned(other.eventsUrl, usage.body);
      const reply = await waitFor(() => other.fake.responses.find((r) => r.id === usage.responseId));
      expect(reply.body.response_type).toBe('ephemeral');
    } finally {
      await other.close();
    }
  });

  it('limits each user to N commands per window and says so politely', async () => {
    const other = await startHarness({ SLACK_RATE_LIMIT: '2/60' });
    try {
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        const cmd = slashCommand(other.fake, '/ask', `question ${i}`);
        ids.push(cmd.responseId);
        await postSigned(other.eventsUrl, cmd.body);
        await waitFor(() => other.fake.responses.find((r) => r.id === cmd.responseId));
      }
      expect(other.service.called('ask')).toHaveLength(2);
      const third = other.fake.responses.find((r) => r.id === ids[2]);
      expect(third?.body.response_type).toBe('ephemeral');
      expect(JSON.stringify(third?.body)).toMatch(
        /up to 2 requests every 60 seconds\. Please try again in \d+ seconds/,
      );
      // Another user is not limited.
      const bob = slashCommand(other.fake, '/ask', 'question from bob', { user_id: 'U0BOB' });
      await postSigned(other.eventsUrl, bob.body);
      await waitFor(() => other.fake.responses.find((r) => r.id === bob.responseId));
      expect(other.service.called('ask')).toHaveLength(3);
    } finally {
      await other.close();
    }
  });
});
