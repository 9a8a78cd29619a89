import { describe, expect, it } from 'vitest';
import { parseRateLimit } from '../contracts/rate-limit.js';
import { UserRateLimiter } from './rate-limit.js';

describe('UserRateLimiter', () => {
  it('allows max uses per window per user, then says how long to wait', () => {
    let now = 0;
    const limiter = new UserRateLimiter({ max: 2, windowMs: 10_000 }, () => now);
    expect(limiter.take('a')).toEqual({ allowed: true });
    now = 1000;
    expect(limiter.take('a')).toEqual({ allowed: true });
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterMs: 9000 });
    expect(limiter.take('b')).toEqual({ allowed: true });
    now = 10_001;
    expect(limiter.take('a')).toEqual({ allowed: true });
    expect(new UserRateLimiter(null).take('a')).toEqual({ allowed: true });
  });
});

describe('parseRateLimit', () => {
  it('reads N/SECONDS and off, and names the variable when wrong', () => {
    expect(parseRateLimit('X_LIMIT', '10/60s', null)).toEqual({ max: 10, windowMs: 60_000 });
    expect(parseRateLimit('X_LIMIT', undefined, { max: 1, windowMs: 1 })).toEqual({ max: 1, windowMs: 1 });
    expect(parseRateLimit('X_LIMIT', 'off', { max: 1, windowMs: 1 })).toBeNull();
    expect(() => parseRateLimit('X_LIMIT', '0/10', null)).toThrow(/X_LIMIT/);
  });
});
