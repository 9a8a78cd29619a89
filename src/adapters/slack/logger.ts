/**
 * The adapter's logging: a small interface the app layer can satisfy with pino (or a test recorder), and
 * its translation into Bolt's Logger. Everything goes to the given logger, never to stdout (stdout is
 * reserved for command output). Debug lines are dropped unless asked for, because the SDK's debug output
 * includes request bodies.
 */
import { type Logger, LogLevel } from '@slack/bolt';

export interface SlackLogger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Writes warnings and errors (and info) to stderr, one line each. */
export const stderrLogger: SlackLogger = {
  debug: () => {},
  info: (m) => process.stderr.write(`slack: ${m}\n`),
  warn: (m) => process.stderr.write(`slack warn: ${m}\n`),
  error: (m) => process.stderr.write(`slack error: ${m}\n`),
};

const ORDER: Record<LogLevel, number> = {
  [LogLevel.DEBUG]: 0,
  [LogLevel.INFO]: 1,
  [LogLevel.WARN]: 2,
  [LogLevel.ERROR]: 3,
};

function format(parts: unknown[]): string {
  return parts
    .map((p) => (p instanceof Error ? p.message : typeof p === 'string' ? p : safeJson(p)))
    .join(' ');
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Bolt's Logger over a SlackLogger, starting at `level` (INFO by default). */
export function toBoltLogger(target: SlackLogger, level: LogLevel = LogLevel.INFO): Logger {
  let current = level;
  let name = 'slack';
  const at = (l: LogLevel) => ORDER[l] >= ORDER[current];
  return {
    debug: (...m) => {
      if (at(LogLevel.DEBUG)) target.debug(`${name}: ${format(m)}`);
    },
    info: (...m) => {
      if (at(LogLevel.INFO)) target.info(`${name}: ${format(m)}`);
    },
    warn: (...m) => {
      if (at(LogLevel.WARN)) target.warn(`${name}: ${format(m)}`);
    },
    error: (...m) => {
      if (at(LogLevel.ERROR)) target.error(`${name}: ${format(m)}`);
    },
    setLevel: (l) => {
      current = l;
    },
    getLevel: () => current,
    setName: (n) => {
      name = n;
    },
  };
}
