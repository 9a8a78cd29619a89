/**
 * The per-user command limit every chat adapter applies: at most `max` uses in any `windowMs`
 * (a sliding window). Memory is bounded by the users active within one window: idle users are swept.
 */
import { NewsbriefError } from '../errors.js';

export interface RateLimit {
  /** Uses one user may make per window. */
  max: number;
  windowMs: number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

/** `N/SECONDS` ("5/30", "10/60s") or `off`; unset gives `fallback`. */
export function parseRateLimit(
  variable: string,
  raw: string | undefined,
  fallback: RateLimit | null,
): RateLimit | null {
  if (raw === undefined || raw.trim() === '') return fallback;
  const v = raw.trim().toLowerCase();
  if (v === 'off' || v === '0') return null;
  const match = /^(\d{1,4})\s*\/\s*(\d{1,5})\s*s?$/.exec(v);
  const max = Number(match?.[1]);
  const seconds = Number(match?.[2]);
  if (!match || max < 1 || seconds < 1) {
    throw new NewsbriefError(
      'bad_config',
      `${variable} must be "N/SECONDS" such as 5/30, or "off" (got "${raw.slice(0, 20)}")`,
    );
  }
  return { max, windowMs: seconds * 1000 };
}

export class UserRateLimiter {
  private readonly hits = new Map<string, number[]>();
  private calls = 0;

  constructor(
    readonly limit: RateLimit | null,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one use by `user` if it is allowed; refused attempts are not counted. */
  take(user: string): RateDecision {
    if (!this.limit) return { allowed: true };
    const now = this.now();
    const since = now - this.limit.windowMs;
    if (++this.calls % 1000 === 0) this.sweep(since);
    const recent = (this.hits.get(user) ?? []).filter((t) => t > since);
    if (recent.length >= this.limit.max) {
      this.hits.set(user, recent);
      const oldest = recent[0] ?? now;
      return { allowed: false, retryAfterMs: Math.max(1, oldest + this.limit.windowMs - now) };
    }
    recent.push(now);
    this.hits.set(user, recent);
    return { allowed: true };
  }

  private sweep(since: number): void {
    for (const [user, times] of this.hits) {
      if (!times.some((t) => t > since)) this.hits.delete(user);
    }
  }
}
