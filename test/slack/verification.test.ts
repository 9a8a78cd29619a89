/**
 * Request verification over HTTP: every forged, altered, stale, future or replayed request is refused
 * with 401 and runs no handler (the service is never called and nothing is answered).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BOT_TOKEN, waitFor } from './fake-slack.js';
import { type Harness, postSigned, SIGNING_SECRET, slashCommand, startHarness } from './harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ SLACK_RATE_LIMIT: 'off' });
});
afterAll(async () => {
  await h.close();
  // Secrets never reach the logs, whatever was refused or answered.
  const logs = h.logger.lines.join('\n');
  expect(logs).not.toContain(SIGNING_SECRET);
  expect(logs).not.toContain(BOT_TOKEN);
});

const now = () => Math.floor(Date.now() / 1000);

/** Sends a refused request and proves that nothing ran: no service call, no answer, no Web API call. */
async function expectRefused(send: (body: string) => Promise<Response>) {
  const { body, responseId } = slashCommand(h.fake, '/who', 'Okafor');
  const calls = h.service.calls.length;
  const api = h.fake.calls.length;
  const res = await send(body);
  expect(res.status).toBe(401);
  // Give a wrongly dispatched handler time to show itself.
  await new Promise((r) => setTimeout(r, 150));
  expect(h.service.calls.length).toBe(calls);
  expect(h.fake.responses.some((r) => r.id === responseId)).toBe(false);
  expect(h.fake.calls.length).toBe(api);
}

describe('signature verification', () => {
  beforeEach(() => {
    h.logger.lines.length = 0;
  });

  it('accepts a correctly signed request (the control)', async () => {
    const { body, responseId } = slashCommand(h.fake, '/who', 'Okafor');
    const res = await postSigned(h.eventsUrl, body);
    expect(res.status).toBe(200);
    await waitFor(() => h.fake.responses.find((r) => r.id === responseId));
  });

  it('refuses a bad signature', async () => {
    await expectRefused((body) =>
      postSigned(h.eventsUrl, body, { headers: { 'x-slack-signature': `v0=${'0'.repeat(64)}` } }),
    );
    expect(h.logger.lines.join('\n')).toContain('Refused a Slack request (bad_signature)');
  });

  it('refuses a signature with another version or no hash', async () => {
    await expectRefused((body) =>
      postSigned(h.eventsUrl, body, { headers: { 'x-slack-signature': 'v1=abc' } }),
    );
    await expectRefused((body) => postSigned(h.eventsUrl, body, { headers: { 'x-slack-signature': 'v0=' } }));
  });

  it('refuses a request signed with the wrong secret', async () => {
    await expectRefused((body) => postSigned(h.eventsUrl, body, { secret: 'not-the-signing-secret' }));
  });

  it('refuses a tampered body', async () => {
    await expectRefused((body) =>
      postSigned(h.eventsUrl, body, { sentBody: body.replace('text=Okafor', 'text=Lindqvist') }),
    );
  });

  it('refuses missing signature, missing timestamp, and both missing', async () => {
    await expectRefused((body) =>
      postSigned(h.eventsUrl, body, { headers: { 'x-slack-signature': undefined } }),
    );
    await expectRefused((body) =>
      postSigned(h.eventsUrl, body, { headers: { 'x-slack-request-timestamp': undefined } }),
    );
    await expectRefused((body) =>
      postSigned(h.eventsUrl, body, {
        headers: { 'x-slack-signature': undefined, 'x-slack-request-timestamp': undefined },
      }),
    );
  });

  it('refuses a malformed timestamp', async () => {
    await expectRefused((body) =>
      postSigned(h.eventsUrl, body, { headers: { 'x-slack-request-timestamp': 'yesterday' } }),
    );
  });

  it('refuses a correctly signed request more than 5 minutes old', async () => {
    await expectRefused((body) => postSigned(h.eventsUrl, body, { timestamp: now() - 6 * 60 }));
    expect(h.logger.lines.join('\n')).toContain('Refused a Slack request (stale)');
  });

  it('refuses a correctly signed request more than 5 minutes in the future (Bolt alone accepts it)', async () => {
    await expectRefused((body) => postSigned(h.eventsUrl, body, { timestamp: now() + 6 * 60 }));
    await expectRefused((body) => postSigned(h.eventsUrl, body, { timestamp: now() + 3600 }));
  });

  it('accepts a timestamp 4 minutes off in either direction (clock skew)', async () => {
    for (const offset of [-240, 240]) {
      const { body, responseId } = slashCommand(h.fake, '/who', 'Okafor');
      const res = await postSigned(h.eventsUrl, body, { timestamp: now() + offset });
      expect(res.status).toBe(200);
      await waitFor(() => h.fake.responses.find((r) => r.id === responseId));
    }
  });

  it('runs a replayed request (identical body, signature and timestamp) only once', async () => {
    const { body, responseId } = slashCommand(h.fake, '/who', 'Okafor');
    const timestamp = now();
    const calls = h.service.called('who').length;
    const first = await postSigned(h.eventsUrl, body, { timestamp });
    expect(first.status).toBe(200);
    await waitFor(() => h.fake.responses.find((r) => r.id === responseId));
    const replay = await postSigned(h.eventsUrl, body, { timestamp });
    expect(replay.status).toBe(401);
    await new Promise((r) => setTimeout(r, 150));
    expect(h.service.called('who').length).toBe(calls + 1);
    expect(h.fake.responses.filter((r) => r.id === responseId)).toHaveLength(1);
    expect(h.logger.lines.join('\n')).toContain('Refused a Slack request (replay)');
  });

  it('refuses other paths and methods without running anything', async () => {
    const { body } = slashCommand(h.fake, '/who', 'Okafor');
    const wrongPath = await postSigned(h.eventsUrl.replace('/slack/events', '/other'), body);
    expect(wrongPath.status).toBe(404);
    const get = await fetch(h.eventsUrl);
    expect(get.status).toBe(405);
  });

  it('answers Slack’s URL verification challenge when signed', async () => {
    const body = JSON.stringify({ token: 't', challenge: 'challenge-abc', type: 'url_verification' });
    const res = await postSigned(h.eventsUrl, body, { contentType: 'application/json' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: 'challenge-abc' });
    const forged = await postSigned(h.eventsUrl, body, { contentType: 'application/json', secret: 'wrong' });
    expect(forged.status).toBe(401);
  });
});
