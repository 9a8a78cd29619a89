/**
 * Delivery retries: a 429 waits the time the platform states; 5xx, network errors and timeouts retry
 * with exponential backoff and full jitter, a bounded number of times; a permanent error is not retried.
 */
import { PlatformError } from '../errors.js';

export interface RetryPolicy {
  /** Attempts in all (the first plus retries). */
  attempts: number;
  baseMs: number;
  maxDelayMs: number;
  /** One attempt's deadline: a platform call that takes longer counts as a network error. */
  timeoutMs: number;
  /** The longest stated 429 wait honoured; a longer one fails the delivery (retried at the next run). */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 6,
  baseMs: 500,
  maxDelayMs: 30_000,
  timeoutMs: 30_000,
  maxRetryAfterMs: 15 * 60_000,
};

export class TimeoutError extends Error {
  constructor(ms: number) {
    super(`no answer within ${ms} ms`);
    this.name = 'TimeoutError';
  }
}

export class StoppedError extends Error {
  constructor() {
    super('stopped');
    this.name = 'StoppedError';
  }
}

/** Sleep that ends early (throwing StoppedError) when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new StoppedError());
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(new StoppedError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let t: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    t = setTimeout(() => reject(new TimeoutError(ms)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(t));
}

export function isPermanent(err: unknown): boolean {
  return err instanceof PlatformError && err.permanent;
}

/** How long to wait before attempt `attempt + 1` (attempt counts from 1), or null to give up. */
export function retryDelay(
  err: unknown,
  attempt: number,
  policy: RetryPolicy,
  random = Math.random,
): number | null {
  if (isPermanent(err) || attempt >= policy.attempts) return null;
  if (err instanceof PlatformError && err.retryAfterMs !== null) {
    return err.retryAfterMs > policy.maxRetryAfterMs ? null : err.retryAfterMs;
  }
  const cap = Math.min(policy.maxDelayMs, policy.baseMs * 2 ** (attempt - 1));
  return Math.round(cap / 2 + random() * (cap / 2));
}

export interface RetryHooks {
  signal?: AbortSignal;
  onRetry?: (err: unknown, attempt: number, delayMs: number) => void;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Run `fn` under the policy; the last error is thrown when the attempts are spent or it is permanent. */
export async function withRetry<T>(
  fn: () => Promise<T>,
  policy: RetryPolicy,
  hooks: RetryHooks = {},
): Promise<T> {
  const wait = hooks.sleep ?? sleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await withTimeout(fn(), policy.timeoutMs);
    } catch (err) {
      const delay = retryDelay(err, attempt, policy);
      if (delay === null) throw err;
      hooks.onRetry?.(err, attempt, delay);
      await wait(delay, hooks.signal);
    }
  }
}
