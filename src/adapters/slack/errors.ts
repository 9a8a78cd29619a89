/**
 * Turning Slack SDK failures into `PlatformError`s the app layer can act on: retry later (rate limits,
 * 5xx, network, Slack's own transient errors) or give up (bad token, missing scope, unknown channel...).
 * Messages name the Web API method and Slack's error code, never a token.
 */
import { isPermanentStatus, PlatformError } from '../../errors.js';

/** Slack `error` codes that a later retry can fix. Everything else is permanent. */
const TRANSIENT_CODES = new Set([
  'ratelimited',
  'rate_limited',
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
  'team_added_to_org',
]);

interface SdkError {
  code?: unknown;
  data?: { error?: unknown; response_metadata?: { retryAfter?: unknown } };
  statusCode?: unknown;
  retryAfter?: unknown;
  message?: unknown;
  original?: { message?: unknown };
}

/** Wraps any error thrown by a Web API call as a PlatformError (returns it unchanged if it is one). */
export function toPlatformError(method: string, error: unknown): PlatformError {
  if (error instanceof PlatformError) return error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as SdkError;
  const options = { cause: error };
  switch (e.code) {
    case 'slack_webapi_platform_error': {
      const code = String(e.data?.error ?? 'unknown_error');
      const retryAfter = Number(e.data?.response_metadata?.retryAfter);
      return new PlatformError('slack', `${method} failed: ${code}`, {
        ...options,
        permanent: !TRANSIENT_CODES.has(code),
        retryAfterMs: Number.isFinite(retryAfter) ? retryAfter * 1000 : null,
      });
    }
    case 'slack_webapi_rate_limited_error':
      return new PlatformError('slack', `${method} was rate limited`, {
        ...options,
        permanent: false,
        retryAfterMs: Number(e.retryAfter) * 1000 || null,
      });
    case 'slack_webapi_http_error': {
      const status = Number(e.statusCode);
      return new PlatformError('slack', `${method} failed with HTTP ${status}`, {
        ...options,
        permanent: isPermanentStatus(status),
      });
    }
    case 'slack_webapi_request_error': {
      // Once its retries are spent on 429s, the WebClient throws a request error wrapping
      // "A rate limit was exceeded (url: ..., retry-after: N)".
      const rate = /rate limit was exceeded.*retry-after: (\d+)/i.exec(String(e.original?.message ?? ''));
      if (rate) {
        return new PlatformError('slack', `${method} was rate limited`, {
          ...options,
          permanent: false,
          retryAfterMs: Number(rate[1]) * 1000,
        });
      }
      return new PlatformError('slack', `${method} could not reach Slack`, { ...options, permanent: false });
    }
    default: {
      const message = typeof e.message === 'string' ? e.message : String(error);
      return new PlatformError('slack', `${method} failed: ${firstLine(message)}`, {
        ...options,
        permanent: false,
      });
    }
  }
}

function firstLine(s: string): string {
  return (s.split('\n')[0] ?? '').slice(0, 300);
}
