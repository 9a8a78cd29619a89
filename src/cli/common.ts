/** Shared plumbing of the store-backed commands: argument parsing, the config and service, output and errors. */

import { type CommandService, openCommandService } from '../app/commands.js';
import { type Config, loadConfig } from '../config/index.js';
import { NewsbriefError } from '../errors.js';
import { type CommandIO, exitCodeFor, writeJsonLine, writeLine } from './io.js';
import { formatOption, parse } from './options.js';

export type IO = CommandIO;

export interface Parsed {
  positionals: string[];
  format: 'text' | 'json';
  help: boolean;
  db: string | null;
  config: string | null;
  flags: Map<string, string | true>;
}

/** Parse `--format text|json`, `--help`, `--db <path>`, `--config <path>` and the command's own flags. */
export function parseArgs(
  args: string[],
  valueFlags: readonly string[] = [],
  boolFlags: readonly string[] = [],
): Parsed {
  const own: Record<string, { type: 'string' | 'boolean' }> = {};
  for (const name of valueFlags) own[name] = { type: 'string' };
  for (const name of boolFlags) own[name] = { type: 'boolean' };
  const { values, positionals } = parse(args, {
    ...own,
    format: { type: 'string' },
    db: { type: 'string' },
    config: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  const flags = new Map<string, string | true>();
  for (const name of [...valueFlags, ...boolFlags]) {
    const value = (values as Record<string, string | boolean | undefined>)[name];
    if (typeof value === 'string' || value === true) flags.set(name, value);
  }
  return {
    positionals,
    format: formatOption(values.format, ['text', 'json'], 'text') as 'text' | 'json',
    help: values.help === true,
    db: typeof values.db === 'string' ? values.db : null,
    config: typeof values.config === 'string' ? values.config : null,
    flags,
  };
}

/** The one validated Config every command reads, as `run` does (flag > environment > config file > default). */
export function commandConfig(p: Pick<Parsed, 'config' | 'db'>, io: IO): Config {
  return loadConfig({ configPath: p.config ?? undefined, db: p.db ?? undefined, env: io.env ?? process.env });
}

/** The service over the configured store; the body's result is returned once the store is closed. */
export async function withService<T>(p: Parsed, io: IO, body: (service: CommandService) => Promise<T>) {
  const service = openCommandService(commandConfig(p, io));
  try {
    return await body(service);
  } finally {
    await service.close();
  }
}

export function writeJson(io: IO, value: unknown): void {
  writeJsonLine(io.stdout, value);
}

/** A command's line on stderr, with the one prefix every command uses: `newsbrief <command>: ...`. */
export function complain(io: IO, command: string, message: string): void {
  writeLine(io.stderr, `newsbrief ${command}: ${message}`);
}

/** Run a command body: user errors print one line (exit 2 for usage and input, 1 otherwise). */
export async function guarded(io: IO, command: string, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (err) {
    complain(io, command, err instanceof Error ? (err.message.split('\n')[0] ?? '') : String(err));
    return exitCodeFor(err);
  }
}

/** "24h", "90m", "7d", "30s" or an ISO date -> ISO 8601 instant. */
export function parseSince(value: string, now: Date): string {
  const m = /^(\d+(?:\.\d+)?)\s*([smhdw])$/i.exec(value.trim());
  const unit = m
    ? { s: 1e3, m: 6e4, h: 3.6e6, d: 8.64e7, w: 6.048e8 }[(m[2] ?? 'h').toLowerCase() as 's']
    : 0;
  const d = m ? new Date(now.getTime() - Number(m[1]) * unit) : new Date(value);
  // A duration longer than dates can go back (about 270,000 years) is as wrong as a malformed one.
  if (Number.isNaN(d.getTime()))
    throw new NewsbriefError(
      'bad_usage',
      `--since takes a duration like 24h or 7d, or a date; not ${value.slice(0, 40)}`,
    );
  return d.toISOString();
}

export const source = (title: string | null, url: string | null): string =>
  [title ? `“${title}”` : null, url].filter(Boolean).join(' ') || '(untitled)';
