import { terminalSafe } from '../adapters/console/render.js';
import { type ErrorCode, NewsbriefError } from '../errors.js';

/** What every command receives: its streams (so tests can capture them) and the environment. */
export interface CommandIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin?: NodeJS.ReadableStream;
  env?: NodeJS.ProcessEnv;
}

export type Command = (args: string[], io: CommandIO) => Promise<number>;

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

const USER_MISTAKES: ReadonlySet<ErrorCode> = new Set(['bad_usage', 'bad_input', 'too_large', 'bad_config']);

/** Exit 2 for the user's mistakes (usage, input, config), 1 for everything else. */
export function exitCodeFor(err: unknown): number {
  return err instanceof NewsbriefError && USER_MISTAKES.has(err.code) ? EXIT_USAGE : EXIT_FAILURE;
}

/**
 * Every line of text a command prints goes through here, and stored article text can hold terminal
 * escapes, so control characters are dropped in this one place rather than by each command.
 */
export function writeLine(stream: NodeJS.WritableStream, line: string): void {
  stream.write(`${terminalSafe(line)}\n`);
}

/** Output of the console renderer, which made the article text safe itself and adds its own colours. */
export function writeRendered(stream: NodeJS.WritableStream, text: string): void {
  stream.write(`${text}\n`);
}

/**
 * One JSON value on one line. JSON.stringify leaves DEL, the C1 controls (one of them starts a
 * terminal escape on its own) and the line separators raw; they are written as \u escapes, which keeps
 * the value the same for a parser and harmless on a terminal.
 */
export function writeJsonLine(stream: NodeJS.WritableStream, value: unknown): void {
  const json = JSON.stringify(value).replace(
    /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  stream.write(`${json}\n`);
}
