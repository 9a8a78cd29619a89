/** A per-user sliding-window limit on commands. The clock is passed in, so tests need no timers. */
import type { DiscordRateLimit } from './config.js';

export type Verdict = { ok: true } | { ok: false; retryAfterMs: number };

export class UserRateLimiter {
  readonly #limit: DiscordRateLimit;
  readonly #now: () => number;
  readonly #hits = new Map<string, number[]>();

  constructor(limit: DiscordRateLimit, now: () => number = Date.now) {
    this.#limit = limit;
    this.#now = now;
  }

  /** Counts one command by `userId` and says whether it may run. Refused attempts are not counted. */
  take(userId: string): Verdict {
    const now = this.#now();
    const since = now - this.#limit.windowMs;
    const recent = (this.#hits.get(userId) ?? []).filter((t) => t > since);
    if (recent.length >= this.#limit.max) {
      this.#hits.set(userId, recent);
      const oldest = recent[0] ?? now;
      return { ok: false, retryAfterMs: Math.max(1, oldest + this.#limit.windowMs - now) };
    }
    recent.push(now);
    this.#hits.set(userId, recent);
    if (this.#hits.size > 10_000) this.#sweep(since);
    return { ok: true };
  }

  #sweep(since: number): void {
    for (const [user, times] of this.#hits) {
      if (!times.some((t) => t > since)) this.#hits.delete(user);
    }
  }
}
