/**
 * Crash-test child: the real `newsbrief run` start-up (config, store, ingest, recovery, start-up run)
 * with a platform that posts each briefing to the parent's recording HTTP server. Prints "done" when the
 * start-up runs are over, then exits.
 */
import pino from 'pino';
import { startApp } from '../../src/app/app.js';
import { loadConfig } from '../../src/config/index.js';
import type { BriefingPost, Delivered, DigestItem, Platform } from '../../src/contracts/index.js';
import { PlatformError } from '../../src/errors.js';

const url = process.env.RECORDER_URL as string;

async function send(body: unknown): Promise<Delivered> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    });
  } catch (err) {
    throw new PlatformError('slack', `network: ${(err as Error).message}`, { permanent: false });
  }
  if (!res.ok) throw new PlatformError('slack', `HTTP ${res.status}`, { permanent: false });
  return (await res.json()) as Delivered;
}

const platform: Platform = {
  name: 'slack',
  async start() {},
  async stop() {},
  postBriefing: (channelId: string, post: BriefingPost, key: string) =>
    send({ kind: 'post', channelId, key, articleId: post.articleId, version: post.version }),
  postDigest: (channelId: string, items: DigestItem[], key: string) =>
    send({ kind: 'digest', channelId, key, articleIds: items.map((i) => i.post.articleId) }),
  updateBriefing: (channelId: string, _previous: Delivered, post: BriefingPost) =>
    send({ kind: 'update', channelId, key: null, articleId: post.articleId, version: post.version }),
};

const config = loadConfig({ dotenv: false });
const app = await startApp(config, {
  log: pino({ level: 'silent' }),
  platforms: { slack: platform },
  schedule: false,
});
await app.startup;
await app.stop();
process.stdout.write('done\n');
