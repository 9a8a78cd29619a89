/**
 * Wiring for the end-to-end tests: a fake Slack, the fake service, the real Slack platform between them,
 * and requests signed exactly as Slack signs them (computed here, independently of the adapter's code).
 */
import { createHmac } from 'node:crypto';
import type { SlackLogger, SlackPlatform, SlackPlatformDeps } from '../../src/adapters/slack/index.js';
import { createSlackPlatform, parseSlackSettings } from '../../src/adapters/slack/index.js';
import { views } from '../../src/app/views.js';
import type { NewsbriefService } from '../../src/contracts/index.js';
import { FakeNewsbrief } from './fake-service.js';
import { BOT_TOKEN, FakeSlack } from './fake-slack.js';

export const SIGNING_SECRET = 'test-signing-secret-8f2c1d';

export class RecordingLogger implements SlackLogger {
  readonly lines: string[] = [];
  debug(m: string) {
    this.lines.push(`debug ${m}`);
  }
  info(m: string) {
    this.lines.push(`info ${m}`);
  }
  warn(m: string) {
    this.lines.push(`warn ${m}`);
  }
  error(m: string) {
    this.lines.push(`error ${m}`);
  }
}

export interface Harness<S extends NewsbriefService = FakeNewsbrief> {
  fake: FakeSlack;
  service: S;
  platform: SlackPlatform;
  logger: RecordingLogger;
  eventsUrl: string;
  close(): Promise<void>;
}

/** `service` defaults to the hand-written fake; a test of the whole path passes the real one. */
export async function startHarness<S extends NewsbriefService = FakeNewsbrief>(
  env: Record<string, string> = {},
  deps: SlackPlatformDeps = {},
  fake?: FakeSlack,
  realService?: S,
): Promise<Harness<S>> {
  const slack = fake ?? (await new FakeSlack().start());
  const settings = parseSlackSettings({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_PORT: '0',
    SLACK_API_URL: slack.apiUrl.replace(/\/$/, ''),
    ...env,
  });
  if (!settings) throw new Error('no Slack settings');
  const logger = new RecordingLogger();
  const service = realService ?? (new FakeNewsbrief() as unknown as S);
  const platform = createSlackPlatform(settings, {
    logger,
    host: '127.0.0.1',
    retryConfig: { retries: 0 },
    ...deps,
  });
  await platform.start(service, views);
  return {
    fake: slack,
    service,
    platform,
    logger,
    eventsUrl: `http://127.0.0.1:${platform.port}/slack/events`,
    async close() {
      await platform.stop();
      if (!fake) await slack.stop();
    },
  };
}

export function sign(secret: string, timestamp: string, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface PostOptions {
  secret?: string;
  /** Seconds since the epoch; default now. */
  timestamp?: number;
  /** Replace or drop headers (undefined drops). */
  headers?: Record<string, string | undefined>;
  /** Body actually sent, when it should differ from the signed one (tampering). */
  sentBody?: string;
  contentType?: string;
}

/** POSTs `body` to the events URL, signed as Slack signs it. */
export async function postSigned(url: string, body: string, options: PostOptions = {}): Promise<Response> {
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const headers: Record<string, string | undefined> = {
    'content-type': options.contentType ?? 'application/x-www-form-urlencoded',
    'x-slack-request-timestamp': timestamp,
    'x-slack-signature': sign(options.secret ?? SIGNING_SECRET, timestamp, body),
    ...options.headers,
  };
  const clean = Object.fromEntries(
    Object.entries(headers).filter((e): e is [string, string] => e[1] !== undefined),
  );
  return fetch(url, { method: 'POST', headers: clean, body: options.sentBody ?? body });
}

let triggerCounter = 0;

/** A slash command payload as Slack sends it (form-encoded). */
export function slashCommand(
  fake: FakeSlack,
  command: string,
  text: string,
  extra: Record<string, string> = {},
): { body: string; responseId: string } {
  triggerCounter += 1;
  const responseId = `r${triggerCounter}`;
  const body = new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: 'T0001',
    team_domain: 'westhaven',
    channel_id: 'C0NEWS',
    channel_name: 'news',
    user_id: 'U0ALICE',
    user_name: 'alice',
    command,
    text,
    api_app_id: 'A0001',
    is_enterprise_install: 'false',
    response_url: fake.responseUrl(responseId),
    trigger_id: `trigger.${triggerCounter}`,
    ...extra,
  }).toString();
  return { body, responseId };
}

let eventCounter = 0;

/** An Events API callback (JSON) wrapping `event`. */
export function eventCallback(event: Record<string, unknown>): string {
  eventCounter += 1;
  return JSON.stringify({
    token: 'deprecated-verification-token',
    team_id: 'T0001',
    api_app_id: 'A0001',
    event,
    type: 'event_callback',
    event_id: `Ev${String(eventCounter).padStart(6, '0')}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: 'T0001', user_id: 'UBOT0001', is_bot: true }],
  });
}
