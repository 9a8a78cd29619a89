import { PassThrough } from 'node:stream';
import { main } from '../src/cli/main.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the CLI in-process with captured streams (the same code path as the built binary). */
export async function runCli(args: string[], stdin?: string, env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => {
    out += c;
  });
  stderr.on('data', (c) => {
    err += c;
  });
  const input = new PassThrough();
  input.end(stdin ?? '');
  const code = await main(args, { stdout, stderr, stdin: input, env });
  return { code, stdout: out, stderr: err };
}
