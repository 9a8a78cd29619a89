/**
 * Socket Mode end to end: the real Bolt app opens a connection through apps.connections.open on the fake
 * Web API, which hands it a ws://127.0.0.1 URL; the fake then sends `hello` and envelopes the app must
 * acknowledge, and answers go through the response URL or chat.postMessage as over HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createSlackPlatform,
  parseSlackSettings,
  type SlackPlatform,
} from '../../src/adapters/slack/index.js';
import { views } from '../../src/app/views.js';
import { FakeNewsbrief, FERRY_POST } from './fake-service.js';
import { APP_TOKEN, BOT_TOKEN, BOT_USER_ID, FakeSlack, waitFor } from './fake-slack.js';
import { RecordingLogger } from './harness.js';

let fake: FakeSlack;
let service: FakeNewsbrief;
let platform: SlackPlatform;
const logger = new RecordingLogger();

beforeAll(async () => {
  fake = await new FakeSlack().start();
  const settings = parseSlackSettings({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_APP_TOKEN: APP_TOKEN,
    SLACK_API_URL: fake.apiUrl,
  });
  if (settings?.mode !== 'socket') throw new Error('expected Socket Mode settings');
  service = new FakeNewsbrief();
  platform = createSlackPlatform(settings, { logger, retryConfig: { retries: 0 } });
  await platform.start(service, views);
});

afterAll(async () => {
  await platform.stop();
  await fake.stop();
  const logs = logger.lines.join('\n');
  expect(logs).not.toContain(APP_TOKEN);
  expect(logs).not.toContain(BOT_TOKEN);
});

describe('Socket Mode', () => {
  it('opens the connection with the app-level token and listens on no port', async () => {
    const open = fake.callsTo('apps.connections.open');
    expect(open).toHaveLength(1);
    expect(open[0]?.authorization).toBe(`Bearer ${APP_TOKEN}`);
    expect(platform.mode).toBe('socket');
    expect(platform.port).toBeNull();
    expect(fake.socketCount).toBe(1);
  });

  it('acknowledges a slash command envelope and answers through the response URL', async () => {
    fake.sendSocket({
      envelope_id: 'env-cmd-1',
      type: 'slash_commands',
      accepts_response_payload: true,
      payload: {
        token: 'x',
        team_id: 'T0001',
        channel_id: 'C0NEWS',
        user_id: 'U0ALICE',
        command: '/who',
        text: 'Okafor',
        api_app_id: 'A0001',
        response_url: fake.responseUrl('sock-1'),
        trigger_id: 't.1',
      },
    });
    const ack = await waitFor(() => fake.socketFrames.find((f) => f.envelope_id === 'env-cmd-1'));
    expect(ack.envelope_id).toBe('env-cmd-1');
    const answer = await waitFor(() => fake.responses.find((r) => r.id === 'sock-1'));
    expect(JSON.stringify(answer.body)).toContain('*Maria Okafor*, mayor of Westhaven');
    expect(service.called('who')[0]?.args[0]).toBe('Okafor');
  });

  it('acknowledges an app_mention envelope in a briefing thread and answers in that thread', async () => {
    const delivered = await platform.postBriefing('C0NEWS', FERRY_POST, 'sock-k');
    service.threads.set(delivered.messageId, 'ferry-1');
    const before = fake.callsTo('chat.postMessage').length;
    fake.sendSocket({
      envelope_id: 'env-evt-1',
      type: 'events_api',
      accepts_response_payload: false,
      retry_attempt: 0,
      retry_reason: '',
      payload: {
        team_id: 'T0001',
        api_app_id: 'A0001',
        type: 'event_callback',
        event_id: 'EvSOCK1',
        event_time: Math.floor(Date.now() / 1000),
        event: {
          type: 'app_mention',
          user: 'U0ALICE',
          text: `<@${BOT_USER_ID}> what did the mayor say?`,
          ts: '1700009999.000100',
          thread_ts: delivered.messageId,
          channel: 'C0NEWS',
          event_ts: '1700009999.000100',
        },
      },
    });
    await waitFor(() => fake.socketFrames.find((f) => f.envelope_id === 'env-evt-1'));
    const answer = await waitFor(() => fake.callsTo('chat.postMessage')[before]);
    expect(answer.params.thread_ts).toBe(delivered.messageId);
    expect(service.called('answerInThread')[0]?.args).toEqual([
      'what did the mayor say?',
      { articleId: 'ferry-1' },
    ]);
  });
});
