/**
 * A per-user command limit as settings give it ("N/SECONDS" or "off"): read by the config and by each
 * adapter's settings, applied by the adapters' UserRateLimiter.
 */
import { NewsbriefError } from '../errors.js';

export interface RateLimit {
  /** Uses one user may make per window. */
  max: number;
  windowMs: number;
}

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
