/**
 * A fake Slack on 127.0.0.1 for end-to-end tests: the Web API (`POST /api/{method}`, form-encoded as the
 * WebClient sends it), response URLs (`POST /response/{id}`, JSON as Bolt's respond() sends it) and a
 * Socket Mode WebSocket endpoint (`/socket`). It records every call and keeps channels' messages so that
 * conversations.history and conversations.replies answer like Slack does.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

export interface ApiCall {
  method: string;
  params: Record<string, unknown>;
  authorization: string | undefined;
  at: number;
}

export interface StoredMessage {
  ts: string;
  text: string;
  blocks: unknown;
  thread_ts?: string;
  metadata?: unknown;
  bot_id: string;
  user: string;
}

export type Override = (
  call: ApiCall,
) => { status?: number; headers?: Record<string, string>; body: unknown } | null;

export const BOT_TOKEN = 'xoxb-test-bot-token-0001';
export const APP_TOKEN = 'xapp-test-app-token-0001';
export const BOT_USER_ID = 'UBOT0001';
export const BOT_ID = 'BBOT0001';

export class FakeSlack {
  readonly calls: ApiCall[] = [];
  /** Bodies posted to response URLs, in order. */
  readonly responses: { id: string; body: Record<string, unknown> }[] = [];
  readonly channels = new Map<string, StoredMessage[]>();
  /** Socket Mode: frames the app sent us (acks). */
  readonly socketFrames: Record<string, unknown>[] = [];
  private readonly overrides: Override[] = [];
  private sockets: WebSocket[] = [];
  private tsCounter = 0;
  private server: Server;
  private wss: WebSocketServer;
  port = 0;

  constructor() {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        res.writeHead(500);
        res.end(String(error));
      });
    });
    this.wss = new WebSocketServer({ server: this.server, path: '/socket' });
    this.wss.on('connection', (socket) => {
      this.sockets.push(socket);
      socket.on('message', (data) => this.socketFrames.push(JSON.parse(String(data))));
      socket.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'fake' } }));
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  responseUrl(id: string): string {
    return `http://127.0.0.1:${this.port}/response/${id}`;
  }

  /** Answers calls for which `override` returns a response (first match wins; null passes on). */
  override(fn: Override): void {
    this.overrides.push(fn);
  }

  /** Makes the next call to `method` fail once with the given response. */
  failOnce(
    method: string,
    response: { status?: number; headers?: Record<string, string>; body: unknown },
  ): void {
    let used = false;
    this.override((call) => {
      if (used || call.method !== method) return null;
      used = true;
      return response;
    });
  }

  /** Workspace admins (users.info answers is_admin for them). */
  readonly admins = new Set<string>();
  /** Channels the bot is not a member of (conversations.info); it is a member of every other. */
  readonly notMemberOf = new Set<string>();

  callsTo(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Sends a frame to every connected Socket Mode client. */
  sendSocket(frame: unknown): void {
    for (const s of this.sockets) s.send(JSON.stringify(frame));
  }

  get socketCount(): number {
    return this.sockets.filter((s) => s.readyState === s.OPEN).length;
  }

  private nextTs(): string {
    this.tsCounter += 1;
    return `${1_700_000_000 + this.tsCounter}.${String(this.tsCounter).padStart(6, '0')}`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readAll(req);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.startsWith('/response/')) {
      this.responses.push({ id: url.pathname.slice('/response/'.length), body: JSON.parse(body) });
      return send(res, 200, { ok: true });
    }
    if (!url.pathname.startsWith('/api/')) return send(res, 404, { ok: false });
    const method = url.pathname.slice('/api/'.length);
    const params: Record<string, unknown> = {};
    for (const [k, v] of new URLSearchParams(body)) {
      params[k] = k === 'blocks' || k === 'metadata' ? JSON.parse(v) : v;
    }
    const call: ApiCall = { method, params, authorization: req.headers.authorization, at: Date.now() };
    this.calls.push(call);
    for (const o of this.overrides) {
      const answer = o(call);
      if (answer) return send(res, answer.status ?? 200, answer.body, answer.headers);
    }
    return send(res, 200, this.answer(call));
  }

  private answer(call: ApiCall): unknown {
    const p = call.params;
    const token = call.authorization?.replace(/^Bearer /, '');
    if (call.method === 'apps.connections.open') {
      if (token !== APP_TOKEN) return { ok: false, error: 'invalid_auth' };
      return { ok: true, url: `ws://127.0.0.1:${this.port}/socket` };
    }
    if (token !== BOT_TOKEN) return { ok: false, error: 'invalid_auth' };
    const channel = String(p.channel ?? '');
    const messages = this.channels.get(channel) ?? [];
    switch (call.method) {
      case 'auth.test':
        return { ok: true, user_id: BOT_USER_ID, bot_id: BOT_ID, team_id: 'T0001', user: 'newsbrief' };
      case 'chat.postMessage': {
        const message: StoredMessage = {
          ts: this.nextTs(),
          text: String(p.text ?? ''),
          blocks: p.blocks,
          bot_id: BOT_ID,
          user: BOT_USER_ID,
          ...(p.thread_ts ? { thread_ts: String(p.thread_ts) } : {}),
          ...(p.metadata ? { metadata: p.metadata } : {}),
        };
        messages.push(message);
        this.channels.set(channel, messages);
        return { ok: true, channel, ts: message.ts, message };
      }
      case 'chat.update': {
        const found = messages.find((m) => m.ts === p.ts);
        if (!found) return { ok: false, error: 'message_not_found' };
        found.text = String(p.text ?? '');
        found.blocks = p.blocks;
        return { ok: true, channel, ts: found.ts };
      }
      case 'conversations.history': {
        const withMeta = p.include_all_metadata === 'true';
        const top = messages
          .filter((m) => !m.thread_ts || m.thread_ts === m.ts)
          .slice()
          .reverse()
          .slice(0, Number(p.limit ?? 100))
          .map((m) => (withMeta ? m : { ...m, metadata: undefined }));
        return { ok: true, messages: top, has_more: false };
      }
      case 'conversations.replies': {
        const withMeta = p.include_all_metadata === 'true';
        const thread = messages
          .filter((m) => m.ts === p.ts || m.thread_ts === p.ts)
          .map((m) => (withMeta ? m : { ...m, metadata: undefined }));
        if (!thread.length) return { ok: false, error: 'thread_not_found' };
        return { ok: true, messages: thread, has_more: false };
      }
      case 'users.info': {
        const id = String(p.user ?? '');
        return { ok: true, user: { id, is_admin: this.admins.has(id), is_owner: false } };
      }
      case 'conversations.info':
        return { ok: true, channel: { id: channel, is_member: !this.notMemberOf.has(channel) } };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function readAll(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Polls `check` until it is truthy or `timeoutMs` passes. */
export async function waitFor<T>(check: () => T, timeoutMs = 5000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error('waitFor: timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}
