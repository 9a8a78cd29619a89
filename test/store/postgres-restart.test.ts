/**
 * The PostgreSQL server stopped and started again under a running bot (the real app, the console
 * platform, a schedule every second): the bot keeps running, the run that failed while the server was
 * away is written to the store once it is back and run again, and the article that arrived meanwhile
 * is posted, once.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startApp } from '../../src/app/app.js';
import { createLogger } from '../../src/app/log.js';
import { loadConfig } from '../../src/config/index.js';
import { outageStateName } from '../../src/contracts/index.js';
import { createPostgresStore } from '../../src/store/index.js';
import { usePgServer } from './pg-server.js';

const server = usePgServer();
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nb-pgrestart-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function until(what: string, check: () => Promise<boolean> | boolean, ms = 40_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const story = (who: string, what: string) =>
  `${who} said on Monday that the ${what} would open next spring.\nThe ${what} has cost the town two million euros.\n"It is a good day," ${who} said.`;

test('the server restarts under a running bot: it recovers and loses nothing', async () => {
  const url = await server.get().newDatabase();
  const sources = join(dir, 'in');
  mkdirSync(sources);
  writeFileSync(join(sources, 'pool.txt'), story('Mayor Ann Ode', 'swimming pool'));
  const configPath = join(dir, 'newsbrief.json');
  writeFileSync(
    configPath,
    JSON.stringify({
      channels: [
        {
          platform: 'console',
          channelId: 'terminal',
          schedule: '* * * * * *',
          sources: { folders: [sources] },
        },
      ],
    }),
  );
  const config = loadConfig({ configPath, db: url, env: {}, dotenv: false });
  const out = new PassThrough();
  let posted = '';
  out.on('data', (d) => {
    posted += d;
  });
  const logs = new PassThrough();
  let logText = '';
  logs.on('data', (d) => {
    logText += d;
  });
  const app = await startApp(config, {
    log: createLogger('info', logs),
    consoleStream: out,
    color: false,
    storeRetryMs: 300,
  });
  const observer = createPostgresStore(url);
  try {
    await app.startup;
    await until('the first article posted', () => posted.includes('swimming pool'));

    await server.get().stopServer();
    writeFileSync(join(sources, 'museum.txt'), story('Councillor Bo Vane', 'new museum'));
    await until('a scheduled run failing on the store', () => logText.includes('"event":"run.error"'));
    await server.get().startServer();

    await until('the outage written to the store', async () => {
      try {
        return (
          (await observer.lastRun(outageStateName({ platform: 'console', channelId: 'terminal' }))) !== null
        );
      } catch {
        return false;
      }
    });
    const outage = JSON.parse(
      (await observer.lastRun(outageStateName({ platform: 'console', channelId: 'terminal' }))) ?? '{}',
    );
    expect(outage.error).toMatch(/PostgreSQL at postgres:\/\/nbtest:\*\*\*@/);
    expect(Date.parse(outage.recoveredAt)).toBeGreaterThanOrEqual(Date.parse(outage.at));
    await until('the article that arrived during the outage posted', () => posted.includes('new museum'));
    expect(logText).toContain('"event":"run.recovered"');
  } finally {
    await app.stop();
    await observer.close();
  }
  // Each article once: the museum story in one post, the pool story once (the start-up's).
  const statuses = await (async () => {
    const s = createPostgresStore(url);
    try {
      return (await s.deliveriesFor({ platform: 'console', channelId: 'terminal' })).map((d) => d.status);
    } finally {
      await s.close();
    }
  })();
  expect(statuses).toEqual(['sent', 'sent']);
  expect(logText).not.toContain('nbtest-secret');
}, 120_000);
