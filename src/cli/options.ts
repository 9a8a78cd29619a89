/** Flag parsing shared by the commands: node:util's parseArgs, with its errors turned into one line. */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { DEFAULT_CONFIG_PATH, DEFAULT_DB_PATH } from '../config/index.js';
import { NewsbriefError } from '../errors.js';

export type Format = 'text' | 'markdown' | 'json';

export function parse<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new NewsbriefError('bad_usage', (err as Error).message.split('\n')[0] ?? 'bad arguments');
  }
}

export function formatOption(value: unknown, allowed: readonly Format[], fallback: Format): Format {
  if (value === undefined) return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as Format;
  const choices = `${allowed.slice(0, -1).join(', ')} or ${allowed[allowed.length - 1]}`;
  throw new NewsbriefError('bad_usage', `--format is ${choices}, not ${String(value)}`);
}

export function positiveInt(value: unknown, flag: string, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new NewsbriefError('bad_usage', `${flag} must be a whole number from 1 to ${max}`);
  return n;
}

/** Colour on a terminal, unless NO_COLOR is set (https://no-color.org). */
export function wantsColor(stream: NodeJS.WritableStream, env: NodeJS.ProcessEnv): boolean {
  return Boolean((stream as NodeJS.WriteStream).isTTY) && !env.NO_COLOR;
}

/** The store options of every store command, with the defaults the config defines. */
export const STORE_OPTIONS_HELP = `  --db <path|url>        the store: a file, or a postgres:// URL (default: NEWSBRIEF_DB, else the config's "db", else ${DEFAULT_DB_PATH})
  --config <path>        the config file (default: NEWSBRIEF_CONFIG, else ${DEFAULT_CONFIG_PATH})`;
