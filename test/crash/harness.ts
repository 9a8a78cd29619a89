/** What the crash tests share: a recording platform server on 127.0.0.1 and a child bot run that may be killed. */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { writeArticles } from '../app/fakes.js';

export interface RecordingPostServer {
  url: string;
  /** One entry per post, with its idempotency key. */
  received: { key: string; articleId: string }[];
  close(): Promise<void>;
}

/** The crash child's platform posts here; a little latency, as a real platform has, so kills land in every phase. */
export async function startRecordingPostServer(): Promise<RecordingPostServer> {
  const received: RecordingPostServer['received'] = [];
  let next = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => {
      body += d.toString();
    });
    req.on('end', () => {
      const msg = JSON.parse(body) as { key: string; articleId: string };
      received.push({ key: msg.key, articleId: msg.articleId });
      const id = `m${++next}`;
      setTimeout(() => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ messageId: id, threadId: null }));
      }, 15);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/post`,
    received,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** Run the bundled child with `env`; SIGKILL it after `killAfterMs` unless null. */
export function runChild(
  script: string,
  env: NodeJS.ProcessEnv,
  killAfterMs: number | null,
): Promise<{ killed: boolean; done: boolean }> {
  return new Promise((res, rej) => {
    const p = spawn(process.execPath, [script], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    p.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    const timer = killAfterMs === null ? undefined : setTimeout(() => p.kill('SIGKILL'), killAfterMs);
    p.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL') return res({ killed: true, done: false });
      if (code !== 0) return rej(new Error(`child exited ${code}: ${err}`));
      res({ killed: false, done: out.includes('done') });
    });
  });
}

/**
 * A folder of `articles` articles under `dir`, a config posting each as its own Slack message to
 * `channelId`, and the child's environment for the store `db` (a SQLite path or a PostgreSQL URL).
 */
export function crashBot(
  dir: string,
  name: string,
  options: { articles: number; channelId: string; db: string; recorderUrl: string },
) {
  const folder = join(dir, name);
  writeArticles(folder, options.articles);
  const config = join(dir, `${name}.json`);
  writeFileSync(
    config,
    JSON.stringify({
      leaseSeconds: 2,
      channels: [
        {
          platform: 'slack',
          channelId: options.channelId,
          schedule: '0 8 * * *',
          timezone: 'UTC',
          sources: { folders: [folder] },
          maxPerDigest: options.articles,
        },
      ],
    }),
  );
  return { NEWSBRIEF_CONFIG: config, NEWSBRIEF_DB: options.db, RECORDER_URL: options.recorderUrl };
}
