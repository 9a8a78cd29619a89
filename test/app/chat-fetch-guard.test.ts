/**
 * The operator's NEWSBRIEF_ALLOW_PRIVATE lets configured sources live on an intranet; it must not let a
 * chat user's `/brief <url>` reach private addresses. Only NEWSBRIEF_CHAT_ALLOW_PRIVATE does that.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type App, startApp } from '../../src/app/app.js';
import { loadConfig } from '../../src/config/index.js';
import type { NewsbriefService } from '../../src/contracts/index.js';
import { send, startServer, type TestServer } from '../sources/server.js';
import { RecordingPlatform, silentLog } from './fakes.js';

let dir: string;
let srv: TestServer;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nb-guard-'));
  srv = await startServer();
  srv.routes.set(
    '/story',
    send(
      '<html><head><title>Harbour reopens</title></head><body><article><h1>Harbour reopens</h1>' +
        '<p>The harbour reopened on Tuesday after a week of storms, the port authority said in a statement.</p>' +
        '<p>Ferries resumed their normal timetable by the afternoon, and fishing boats left at dawn.</p>' +
        '</article></body></html>',
      'text/html; charset=utf-8',
    ),
  );
});
afterAll(async () => {
  await srv.close();
  rmSync(dir, { recursive: true, force: true });
});

async function appWith(env: NodeJS.ProcessEnv): Promise<{ app: App; service: NewsbriefService }> {
  const configPath = join(dir, `config-${Object.keys(env).join('-') || 'none'}.json`);
  writeFileSync(configPath, JSON.stringify({ db: join(dir, `${Object.keys(env).length}.db`), channels: [] }));
  const config = loadConfig({ configPath, env, dotenv: false });
  let service: NewsbriefService | undefined;
  const slack = new RecordingPlatform('slack');
  slack.start = async (s: NewsbriefService) => {
    service = s;
  };
  const app = await startApp(config, { log: silentLog, platforms: { slack }, schedule: false });
  await app.startup;
  if (!service) throw new Error('the platform was not started');
  return { app, service };
}

test('NEWSBRIEF_ALLOW_PRIVATE does not open private addresses to chat commands', async () => {
  const { app, service } = await appWith({ NEWSBRIEF_ALLOW_PRIVATE: '1' });
  try {
    await expect(service.brief({ url: `${srv.base}/story` })).rejects.toThrow(/is a private address/);
  } finally {
    await app.stop();
  }
});

test('NEWSBRIEF_CHAT_ALLOW_PRIVATE does', async () => {
  const { app, service } = await appWith({ NEWSBRIEF_CHAT_ALLOW_PRIVATE: '1' });
  try {
    const result = await service.brief({ url: `${srv.base}/story` });
    expect(result.briefing.title).toBe('Harbour reopens');
  } finally {
    await app.stop();
  }
});
