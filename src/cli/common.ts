/** Shared plumbing of the store-backed commands: argument parsing, the store, output and errors. */
import { NewsbriefError } from '../errors.js';
import { createSqliteStore, storePath } from '../store/index.js';
import type { BriefingStore } from '../store/types.js';

export interface IO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export interface Parsed {
  positionals: string[];
  format: 'text' | 'json';
  help: boolean;
  db: string | null;
  flags: Map<string, string | true>;
}

/** Parse `--format text|json`, `--help`, `--db <path>` and the command's own `--name value` flags. */
export function parseArgs(
  args: string[],
  valueFlags: readonly string[] = [],
  boolFlags: readonly string[] = [],
): Parsed {
  const out: Parsed = { positionals: [], format: 'text', help: false, db: null, flags: new Map() };
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a === '--') {
      out.positionals.push(...args.slice(i + 1));
      break;
    }
    if (a === '--help' || a === '-h') out.help = true;
    else if (a.startsWith('--')) {
      const [name, inline] = a.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
      if (boolFlags.includes(name)) {
        out.flags.set(name, true);
        continue;
      }
      if (name !== 'format' && name !== 'db' && !valueFlags.includes(name))
        throw new NewsbriefError('bad_usage', `Unknown option --${name} (see --help)`);
      const value = inline ?? args[++i];
      if (value === undefined || value.startsWith('--'))
        throw new NewsbriefError('bad_usage', `--${name} needs a value`);
      if (name === 'format') {
        if (value !== 'text' && value !== 'json')
          throw new NewsbriefError('bad_usage', `--format is text or json, not ${value}`);
        out.format = value;
      } else if (name === 'db') out.db = value;
      else out.flags.set(name, value);
    } else out.positionals.push(a);
  }
  return out;
}

export function openStore(p: Parsed): BriefingStore {
  return createSqliteStore(storePath(p.db));
}

export function writeJson(io: IO, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value)}\n`);
}

export function line(stream: NodeJS.WritableStream, text = ''): void {
  stream.write(`${text}\n`);
}

/** Run a command body: user errors print one line (exit 2 for usage and input, 1 otherwise). */
export async function guarded(io: IO, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (err) {
    const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
    line(io.stderr, `newsbrief: ${message}`);
    if (err instanceof NewsbriefError && (err.code === 'bad_usage' || err.code === 'bad_input')) return 2;
    return 1;
  }
}

/** "24h", "90m", "7d", "30s" or an ISO date -> ISO 8601 instant. */
export function parseSince(value: string, now: Date): string {
  const m = /^(\d+(?:\.\d+)?)\s*([smhdw])$/i.exec(value.trim());
  if (m) {
    const unit = { s: 1e3, m: 6e4, h: 3.6e6, d: 8.64e7, w: 6.048e8 }[(m[2] ?? 'h').toLowerCase() as 's'];
    return new Date(now.getTime() - Number(m[1]) * unit).toISOString();
  }
  const d = new Date(value);
  if (Number.isNaN(d.getTime()))
    throw new NewsbriefError('bad_usage', `--since takes a duration like 24h or 7d, or a date; not ${value}`);
  return d.toISOString();
}

export const source = (title: string | null, url: string | null): string =>
  [title ? `“${title}”` : null, url].filter(Boolean).join(' ') || '(untitled)';
