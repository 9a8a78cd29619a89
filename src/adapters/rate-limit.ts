/**
 * The per-user command limit every chat adapter applies: at most `max` uses in any `windowMs`
 * (a sliding window). Memory is bounded by the users active within one window: idle users are swept.
 */
import type { RateLimit } from '../contracts/rate-limit.js';

export type RateDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

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
