/** Structured logs: pino to stderr, one JSON line per event; pino-pretty when stderr is a terminal. */
import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';
import type { LogLevel } from '../config/index.js';

const REDACT = [
  'token',
  'botToken',
  'appToken',
  'signingSecret',
  '*.token',
  '*.botToken',
  '*.appToken',
  '*.signingSecret',
];

export function createLogger(level: LogLevel, stream: NodeJS.WritableStream = process.stderr): Logger {
  const options = { level, base: null, redact: { paths: REDACT, censor: '[secret]' } };
  if ((stream as NodeJS.WriteStream).isTTY && stream === process.stderr)
    return pino(
      options,
      pretty({ destination: 2, sync: true, ignore: 'event', translateTime: 'SYS:HH:MM:ss' }),
    );
  if (stream === process.stderr) return pino(options, pino.destination({ fd: 2, sync: true }));
  return pino(options, stream);
}
