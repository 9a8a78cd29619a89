/**
 * One base error with a machine-readable `code` and an optional `cause`. Messages are written for users:
 * one line, saying what went wrong and, where it helps, what to do.
 */
export type ErrorCode =
  | 'bad_input'
  | 'bad_usage'
  | 'bad_config'
  | 'not_found'
  | 'fetch_failed'
  | 'blocked_address'
  | 'too_large'
  | 'platform'
  | 'store';

export class NewsbriefError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'NewsbriefError';
    this.code = code;
  }
}

/** An HTTP status that retrying cannot fix: a 4xx other than timeout (408) and rate limit (429). */
export function isPermanentStatus(status: number): boolean {
  return status >= 400 && status < 500 && status !== 408 && status !== 429;
}

/** A chat platform's failure; `retryAfterMs` is set for rate limits, `permanent` for errors retrying cannot fix. */
export class PlatformError extends NewsbriefError {
  readonly platform: string;
  readonly permanent: boolean;
  readonly retryAfterMs: number | null;
  constructor(
    platform: string,
    message: string,
    options: { permanent: boolean; retryAfterMs?: number | null; cause?: unknown },
  ) {
    super('platform', `${platform}: ${message}`, { cause: options.cause });
    this.name = 'PlatformError';
    this.platform = platform;
    this.permanent = options.permanent;
    this.retryAfterMs = options.retryAfterMs ?? null;
  }
}
