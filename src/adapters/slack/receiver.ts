/**
 * The HTTP transport: a Bolt `Receiver` that verifies every request itself (see verify.ts: signature,
 * timestamp within 5 minutes either way, no replays) and only then hands it to Bolt's own HTTPReceiver,
 * which parses it, acknowledges it and dispatches it to the app's listeners. A refused request gets 401
 * and an empty body, and no listener runs.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type App, HTTPReceiver, type Logger, type Receiver } from '@slack/bolt';
import { RequestVerifier } from './verify.js';

export interface VerifyingReceiverOptions {
  signingSecret: string;
  /** The events path, `/slack/events`. */
  path: string;
  logger: Logger;
  now?: () => number;
  /** Largest request body accepted, in bytes (Slack's are a few KB). */
  bodyLimit?: number;
}

const DEFAULT_BODY_LIMIT = 1024 * 1024;

export class VerifyingHttpReceiver implements Receiver {
  private readonly inner: HTTPReceiver;
  private readonly verifier: RequestVerifier;
  private readonly path: string;
  private readonly logger: Logger;
  private readonly bodyLimit: number;
  private server: Server | undefined;

  constructor(options: VerifyingReceiverOptions) {
    this.path = options.path;
    this.logger = options.logger;
    this.bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
    this.verifier = new RequestVerifier({
      signingSecret: options.signingSecret,
      ...(options.now ? { now: options.now } : {}),
    });
    // Bolt verifies again (a subset of our checks): two locks on the same door cost microseconds.
    this.inner = new HTTPReceiver({
      signingSecret: options.signingSecret,
      endpoints: [options.path],
      logger: options.logger,
    });
  }

  init(app: App): void {
    this.inner.init(app);
  }

  /** Listens on `port` (0 picks a free one) and `host` (all interfaces when omitted). */
  start(port: number, host?: string): Promise<Server> {
    if (this.server) return Promise.reject(new Error('The Slack HTTP receiver is already started'));
    const server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        this.logger.error(`Slack request failed: ${error instanceof Error ? error.message : String(error)}`);
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
    });
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', (error) => {
        this.server = undefined;
        reject(error);
      });
      server.listen(port, host, () => resolve(server));
    });
  }

  stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return Promise.resolve();
    return new Promise((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections();
    });
  }

  /** The port actually listened on, or null before start. */
  get port(): number | null {
    const address = this.server?.address();
    return address && typeof address === 'object' ? (address as AddressInfo).port : null;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    if (pathname !== this.path) return end(res, 404);
    if (req.method !== 'POST') return end(res, 405);

    const body = await readBody(req, this.bodyLimit);
    if (!body) return end(res, 413);

    // Slack's SSL check (`ssl_check=1`) only needs a 200; it never reaches a listener.
    if (isSslCheck(req, body)) return end(res, 200);

    const verdict = this.verifier.verify(
      { signature: header(req, 'x-slack-signature'), timestamp: header(req, 'x-slack-request-timestamp') },
      body,
    );
    if (!verdict.ok) {
      this.logger.warn(`Refused a Slack request (${verdict.reason})`);
      return end(res, 401);
    }
    // Hand Bolt the buffered request: it reads `rawBody` instead of the (already consumed) stream.
    Object.assign(req, { rawBody: body });
    this.inner.requestListener(req, res);
  }
}

function end(res: ServerResponse, status: number): void {
  res.writeHead(status);
  res.end();
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return typeof v === 'string' ? v : undefined;
}

function isSslCheck(req: IncomingMessage, body: Buffer): boolean {
  if (!req.headers['content-type']?.startsWith('application/x-www-form-urlencoded')) return false;
  return new URLSearchParams(body.toString('utf8')).get('ssl_check') === '1';
}

/** Reads the whole body, or returns null (and stops reading) past `limit` bytes. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
