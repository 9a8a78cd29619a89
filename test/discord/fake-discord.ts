/**
 * A fake Discord (REST API v10 + gateway) on 127.0.0.1 for end-to-end tests with the real discord.js
 * client. It records every REST call and every gateway frame the client sends, answers like Discord does
 * (snake_case JSON, 204 without a content type, nonces enforced), and lets a test inject interactions,
 * thread messages, a 429 or a dropped connection.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

export const IDS = {
  app: '300000000000000001',
  bot: '300000000000000001',
  guild: '100000000000000001',
  channel: '200000000000000001',
} as const;

export interface RestCall {
  method: string;
  /** Path after /api/v10, URL-decoded query removed (e.g. /channels/1/messages). */
  path: string;
  rawPath: string;
  query: string;
  authorization: string | null;
  body: unknown;
  status: number;
  at: number;
}

export interface GatewayFrame {
  op: number;
  d: unknown;
  at: number;
}

type Json = Record<string, unknown>;

interface Injected429 {
  method: string;
  path: RegExp;
  retryAfterSeconds: number;
}

export class FakeDiscord {
  readonly calls: RestCall[] = [];
  readonly frames: GatewayFrame[] = [];
  readonly token: string;
  #server: Server;
  #wss: WebSocketServer;
  #sockets = new Set<WebSocket>();
  #current: WebSocket | null = null;
  #seq = 0;
  #nextId = 500000000000000000n;
  #sessionId = 'fake-session-1';
  #messages = new Map<string, Json>();
  #nonces = new Map<string, Json>();
  #threads = new Map<string, Json>();
  #ratelimits: Injected429[] = [];
  #failures: { method: string; path: RegExp; status: number; code: number }[] = [];
  #files = new Map<string, string>();
  port = 0;

  constructor(token: string) {
    this.token = token;
    this.#server = createServer((req, res) => {
      void this.#handle(req, res);
    });
    this.#wss = new WebSocketServer({ server: this.#server, path: '/gateway' });
    this.#wss.on('connection', (ws) => this.#onConnection(ws));
  }

  async listen(): Promise<void> {
    this.#server.listen(0, '127.0.0.1');
    await once(this.#server, 'listening');
    this.port = (this.#server.address() as AddressInfo).port;
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  async close(): Promise<void> {
    for (const ws of this.#sockets) ws.terminate();
    this.#wss.close();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  id(): string {
    this.#nextId += 1n;
    return this.#nextId.toString();
  }

  /** Serves `text` as a downloadable attachment; returns its URL. */
  addFile(name: string, text: string): string {
    this.#files.set(name, text);
    return `http://127.0.0.1:${this.port}/attachments/${name}`;
  }

  /** The next request matching method and path gets a 429 with `retry-after`. */
  rateLimitNext(method: string, path: RegExp, retryAfterSeconds: number): void {
    this.#ratelimits.push({ method, path, retryAfterSeconds });
  }

  /** The next request matching method and path fails with this status and Discord error code. */
  failNext(method: string, path: RegExp, status: number, code: number): void {
    this.#failures.push({ method, path, status, code });
  }

  // ------------------------------------------------------------------------------------------------
  // REST

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://x');
    const method = req.method ?? 'GET';
    const rawPath = url.pathname;

    if (rawPath.startsWith('/attachments/')) {
      const file = this.#files.get(rawPath.slice('/attachments/'.length));
      res.writeHead(file === undefined ? 404 : 200, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(file ?? 'not found');
      return;
    }

    const path = decodeURIComponent(rawPath.replace(/^\/api\/v10/, ''));
    let body: unknown = null;
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    const call: RestCall = {
      method,
      path,
      rawPath,
      query: url.search,
      authorization: req.headers.authorization ?? null,
      body,
      status: 0,
      at: Date.now(),
    };
    this.calls.push(call);

    const limited = this.#ratelimits.findIndex((r) => r.method === method && r.path.test(path));
    if (limited >= 0) {
      const rule = this.#ratelimits.splice(limited, 1)[0] as Injected429;
      call.status = 429;
      res.writeHead(429, {
        'content-type': 'application/json',
        'retry-after': String(rule.retryAfterSeconds),
        'x-ratelimit-scope': 'user',
      });
      res.end(
        JSON.stringify({
          message: 'You are being rate limited.',
          retry_after: rule.retryAfterSeconds,
          global: false,
        }),
      );
      return;
    }
    const failing = this.#failures.findIndex((r) => r.method === method && r.path.test(path));
    if (failing >= 0) {
      const rule = this.#failures.splice(failing, 1)[0] as { status: number; code: number };
      return this.#json(res, call, rule.status, { message: `fake error ${rule.code}`, code: rule.code });
    }

    const route = `${method} ${path}`;
    if (route === 'GET /gateway/bot') {
      return this.#json(res, call, 200, {
        url: `ws://127.0.0.1:${this.port}/gateway`,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
      });
    }
    if (route === 'GET /applications/@me') {
      return this.#json(res, call, 200, { id: IDS.app, name: 'newsbrief', flags: 0, bot_public: true });
    }
    const commands = /^PUT \/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(route);
    if (commands) {
      const list = Array.isArray(body) ? (body as Json[]) : [];
      return this.#json(
        res,
        call,
        200,
        list.map((c) => ({
          ...c,
          id: this.id(),
          application_id: commands?.[1],
          guild_id: commands?.[2],
          version: '1',
        })),
      );
    }
    const callback = /^POST \/interactions\/(\d+)\/([^/]+)\/callback$/.exec(route);
    if (callback) {
      return this.#empty(res, call);
    }
    if (/^DELETE \/webhooks\/\d+\/[^/]+\/messages\/@original$/.test(route)) {
      return this.#empty(res, call);
    }
    const webhook = /^(PATCH|POST) \/webhooks\/(\d+)\/([^/]+)(?:\/messages\/(@original|\d+))?$/.exec(route);
    if (webhook) {
      return this.#json(
        res,
        call,
        200,
        this.#message(`interaction-${webhook[3]?.slice(0, 8)}`, body as Json),
      );
    }
    const create = /^POST \/channels\/(\d+)\/messages$/.exec(route);
    if (create) {
      const channelId = create[1] as string;
      const payload = (body ?? {}) as Json;
      const nonce = typeof payload.nonce === 'string' ? `${channelId}:${payload.nonce}` : null;
      const seen = nonce && payload.enforce_nonce ? this.#nonces.get(nonce) : undefined;
      if (seen) return this.#json(res, call, 200, seen);
      const message = this.#message(channelId, payload);
      this.#messages.set(message.id as string, message);
      if (nonce) this.#nonces.set(nonce, message);
      return this.#json(res, call, 200, message);
    }
    const edit = /^PATCH \/channels\/(\d+)\/messages\/(\d+)$/.exec(route);
    if (edit) {
      const old = this.#messages.get(edit[2] as string);
      if (!old) return this.#json(res, call, 404, { message: 'Unknown Message', code: 10008 });
      const updated = { ...old, ...(body as Json), edited_timestamp: new Date().toISOString() };
      this.#messages.set(edit[2] as string, updated);
      return this.#json(res, call, 200, updated);
    }
    const thread = /^POST \/channels\/(\d+)\/messages\/(\d+)\/threads$/.exec(route);
    if (thread) {
      const [, parentId, messageId] = thread as unknown as [string, string, string];
      if (this.#threads.has(messageId)) {
        return this.#json(res, call, 400, {
          message: 'A thread has already been created for this message',
          code: 160004,
        });
      }
      const channel = {
        id: messageId,
        type: 11,
        guild_id: IDS.guild,
        parent_id: parentId,
        name: (body as Json).name,
        owner_id: IDS.bot,
        member_count: 1,
        message_count: 0,
        thread_metadata: {
          archived: false,
          auto_archive_duration: (body as Json).auto_archive_duration ?? 1440,
          archive_timestamp: new Date().toISOString(),
          locked: false,
        },
      };
      this.#threads.set(messageId, channel);
      this.#json(res, call, 201, channel);
      this.dispatch('THREAD_CREATE', { ...channel, newly_created: true });
      return;
    }
    return this.#json(res, call, 404, { message: `fake: no route ${route}`, code: 0 });
  }

  #json(res: ServerResponse, call: RestCall, status: number, data: unknown): void {
    call.status = status;
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(data));
  }

  /** Discord's 204: no body and no Content-Type (discord.js would try to parse an empty JSON body). */
  #empty(res: ServerResponse, call: RestCall): void {
    call.status = 204;
    res.writeHead(204);
    res.end();
  }

  #message(channelId: string, payload: Json): Json {
    return {
      id: this.id(),
      channel_id: channelId,
      guild_id: IDS.guild,
      author: {
        id: IDS.bot,
        username: 'newsbrief',
        discriminator: '0',
        avatar: null,
        bot: true,
        global_name: null,
      },
      content: payload.content ?? '',
      embeds: payload.embeds ?? [],
      attachments: [],
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: false,
      type: payload.message_reference ? 19 : 0,
      flags: payload.flags ?? 0,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      nonce: payload.nonce,
    };
  }

  // ------------------------------------------------------------------------------------------------
  // Gateway

  #send(ws: WebSocket, frame: Json): void {
    ws.send(JSON.stringify(frame));
  }

  dispatch(t: string, d: unknown): void {
    if (!this.#current) throw new Error('fake gateway: no connection');
    this.#seq += 1;
    this.#send(this.#current, { op: 0, t, s: this.#seq, d });
  }

  #onConnection(ws: WebSocket): void {
    this.#sockets.add(ws);
    this.#current = ws;
    ws.on('close', () => this.#sockets.delete(ws));
    this.#send(ws, { op: 10, d: { heartbeat_interval: 45_000 } });
    ws.on('message', (raw) => {
      const frame = JSON.parse(String(raw)) as { op: number; d: Json };
      this.frames.push({ op: frame.op, d: frame.d, at: Date.now() });
      if (frame.op === 1) this.#send(ws, { op: 11 });
      if (frame.op === 2) this.#identify();
      if (frame.op === 6) {
        this.#seq += 1;
        this.#send(ws, { op: 0, t: 'RESUMED', s: this.#seq, d: {} });
      }
    });
  }

  #identify(): void {
    this.dispatch('READY', {
      v: 10,
      user: {
        id: IDS.bot,
        username: 'newsbrief',
        discriminator: '0',
        avatar: null,
        bot: true,
        global_name: null,
      },
      guilds: [{ id: IDS.guild, unavailable: true }],
      session_id: this.#sessionId,
      resume_gateway_url: `ws://127.0.0.1:${this.port}/gateway`,
      application: { id: IDS.app, flags: 0 },
      shard: [0, 1],
    });
    this.dispatch('GUILD_CREATE', {
      id: IDS.guild,
      name: 'Newsroom',
      owner_id: '400000000000000099',
      unavailable: false,
      member_count: 2,
      large: false,
      features: [],
      roles: [],
      emojis: [],
      stickers: [],
      members: [],
      presences: [],
      voice_states: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
      threads: [],
      joined_at: new Date().toISOString(),
      channels: [
        {
          id: IDS.channel,
          type: 0,
          name: 'news',
          guild_id: IDS.guild,
          position: 0,
          permission_overwrites: [],
        },
      ],
    });
  }

  /** Drops the gateway connection abruptly (as a network failure would). */
  dropConnection(): void {
    this.#current?.terminate();
    this.#current = null;
  }

  // ------------------------------------------------------------------------------------------------
  // Test helpers

  user(id: string, name = `user${id.slice(-3)}`): Json {
    return { id, username: name, discriminator: '0', avatar: null, global_name: name };
  }

  /** Sends a slash command; returns the interaction's id and token. */
  command(
    name: string,
    options: Json[],
    opts: {
      userId?: string;
      type?: 2 | 4;
      resolved?: Json;
      /** The member's permissions in the channel, and the bot's (bit fields; default all). */
      permissions?: string;
      appPermissions?: string;
    } = {},
  ): { id: string; token: string } {
    const id = this.id();
    const token = `tok-${id}`;
    const userId = opts.userId ?? '400000000000000001';
    this.dispatch('INTERACTION_CREATE', {
      id,
      application_id: IDS.app,
      type: opts.type ?? 2,
      token,
      version: 1,
      guild_id: IDS.guild,
      channel_id: IDS.channel,
      channel: { id: IDS.channel, type: 0, guild_id: IDS.guild, name: 'news' },
      member: {
        user: this.user(userId),
        roles: [],
        permissions: opts.permissions ?? '2147483647',
        joined_at: new Date().toISOString(),
        deaf: false,
        mute: false,
        flags: 0,
      },
      data: { id: this.id(), name, type: 1, options, ...(opts.resolved ? { resolved: opts.resolved } : {}) },
      app_permissions: opts.appPermissions ?? '2147483647',
      locale: 'en-US',
      guild_locale: 'en-US',
      entitlements: [],
      authorizing_integration_owners: { '0': IDS.guild },
      context: 0,
      attachment_size_limit: 10_485_760,
    });
    return { id, token };
  }

  /** A user's message in a thread; `mention` adds the bot to its mentions. */
  threadMessage(threadId: string, content: string, mention: boolean, userId = '400000000000000002'): string {
    const id = this.id();
    this.dispatch('MESSAGE_CREATE', {
      id,
      channel_id: threadId,
      guild_id: IDS.guild,
      author: this.user(userId),
      member: { roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 },
      content,
      mentions: mention ? [{ ...this.user(IDS.bot, 'newsbrief'), bot: true }] : [],
      mention_roles: [],
      mention_everyone: false,
      attachments: [],
      embeds: [],
      pinned: false,
      tts: false,
      type: 0,
      flags: 0,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
    });
    return id;
  }

  /** Calls matching a method and a path pattern. */
  find(method: string, path: RegExp): RestCall[] {
    return this.calls.filter((c) => c.method === method && path.test(c.path));
  }

  /** Waits until `predicate` holds (polling), or fails after `timeoutMs`. */
  async waitFor<T>(
    predicate: () => T | undefined | null | false,
    timeoutMs = 5000,
    what = 'condition',
  ): Promise<T> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const value = predicate();
      if (value) return value;
      if (Date.now() > end) throw new Error(`fake discord: timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}
