/**
 * Checking that an HTTP request really comes from Slack, stricter than Bolt alone.
 *
 * Slack signs each request: `X-Slack-Signature: v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{raw body}`
 * with the app's signing secret, and sends the Unix `X-Slack-Request-Timestamp`. We refuse:
 * - a missing or malformed header, an unknown signature version, a signature that does not match;
 * - a timestamp more than MAX_REQUEST_AGE_SECONDS from our clock in EITHER direction (Bolt 5.1 refuses
 *   only old ones, so a request signed for the future could be replayed for as long as that future lasts);
 * - a replay: a request whose signature (and so whose timestamp and body) we have already accepted. Seen
 *   signatures are remembered for the acceptance window (after that the timestamp check refuses them),
 *   so the memory is bounded by the request rate. This is per process: several processes behind one
 *   URL each have their own memory.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { MAX_REQUEST_AGE_SECONDS } from './limits.js';

export type Verdict =
  | { ok: true }
  | { ok: false; reason: 'missing_headers' | 'bad_timestamp' | 'stale' | 'bad_signature' | 'replay' };

export interface RequestVerifierOptions {
  signingSecret: string;
  /** Milliseconds since the epoch; injectable for tests. */
  now?: () => number;
  maxAgeSeconds?: number;
}

/** Computes Slack's signature header value for a body and timestamp (used by tests and the verifier). */
export function slackSignature(signingSecret: string, timestamp: string | number, body: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export class RequestVerifier {
  private readonly secret: string;
  private readonly now: () => number;
  private readonly maxAgeSeconds: number;
  /** signature -> the request timestamp (seconds) it was sent with. */
  private readonly seen = new Map<string, number>();

  constructor(options: RequestVerifierOptions) {
    this.secret = options.signingSecret;
    this.now = options.now ?? Date.now;
    this.maxAgeSeconds = options.maxAgeSeconds ?? MAX_REQUEST_AGE_SECONDS;
  }

  /** Checks one request and, when it is accepted, remembers it so the same request is refused later. */
  verify(
    headers: { signature: string | undefined; timestamp: string | undefined },
    rawBody: Buffer,
  ): Verdict {
    const { signature, timestamp } = headers;
    if (!signature || !timestamp) return { ok: false, reason: 'missing_headers' };
    if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'bad_timestamp' };
    const ts = Number(timestamp);
    const nowSeconds = Math.floor(this.now() / 1000);
    if (Math.abs(nowSeconds - ts) > this.maxAgeSeconds) return { ok: false, reason: 'stale' };

    const expected = Buffer.from(slackSignature(this.secret, timestamp, rawBody.toString('utf8')), 'utf8');
    const given = Buffer.from(signature, 'utf8');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return { ok: false, reason: 'bad_signature' };
    }

    this.forgetOld(nowSeconds);
    if (this.seen.has(signature)) return { ok: false, reason: 'replay' };
    this.seen.set(signature, ts);
    return { ok: true };
  }

  /** How many accepted signatures are remembered (for tests and metrics). */
  get remembered(): number {
    return this.seen.size;
  }

  private forgetOld(nowSeconds: number): void {
    for (const [sig, ts] of this.seen) {
      if (Math.abs(nowSeconds - ts) > this.maxAgeSeconds) this.seen.delete(sig);
    }
  }
}
