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

export function writeLine(stream: NodeJS.WritableStream, line: string): void {
  stream.write(`${line}\n`);
}
