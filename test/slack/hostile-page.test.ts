/**
 * A hostile page through the whole chat path: the real Slack platform, the real service and store, a
 * real page server. Reading a page must never hold up another user's command: Slack gives each one
 * three seconds to be acknowledged, and one deeply nested page used to take 15 s of the event loop.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createService } from '../../src/app/service.js';
import { createSqliteStore } from '../../src/store/index.js';
import type { BriefingStore } from '../../src/store/types.js';
import { send, startServer, type TestServer } from '../sources/server.js';
import { waitFor } from './fake-slack.js';
import { type Harness, postSigned, slashCommand, startHarness } from './harness.js';

let pages: TestServer;
let store: BriefingStore;
let h: Harness<ReturnType<typeof createService>>;
const sentence = 'The minister said talks would resume on Monday in Geneva after a week of delays. ';

beforeAll(async () => {
  pages = await startServer();
  pages.routes.set(
    '/deep',
    send(
      `<html><body>${'<div>'.repeat(2000)}<p>${sentence.repeat(3)}</p>${'</div>'.repeat(2000)}</body></html>`,
      'text/html',
    ),
  );
  store = createSqliteStore(':memory:');
  // The page server is on loopback: only its own address is let through the private-address guard.
  const service = createService({ store, fetch: { allowAddresses: ['127.0.0.1'] } });
  h = await startHarness({ SLACK_RATE_LIMIT: 'off' }, {}, undefined, service);
});
afterAll(async () => {
  await h.close();
  await store.close();
  await pages.close();
});

it('/brief of a 2,000-deep page is refused in one line, and a /who right after it is acknowledged at once', async () => {
  const brief = slashCommand(h.fake, '/brief', `${pages.base}/deep`);
  const who = slashCommand(h.fake, '/who', 'Okafor');
  // The test shares the event loop with the bot, so the clock starts before the /brief: a blocked loop
  // shows as a late /who acknowledgement however the two requests interleave.
  const started = Date.now();
  const briefAck = postSigned(h.eventsUrl, brief.body);
  await waitFor(() => (pages.requests.some((r) => r.path === '/deep') ? true : null));
  const whoAck = await postSigned(h.eventsUrl, who.body);
  const whoAckMs = Date.now() - started;
  expect(whoAck.status).toBe(200);
  expect((await briefAck).status).toBe(200);
  expect(whoAckMs).toBeLessThan(1000);
  const answer = await waitFor(() => h.fake.responses.find((r) => r.id === brief.responseId) ?? null);
  expect(JSON.stringify(answer.body)).toMatch(/nests its elements 2002 levels deep/);
});
