import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The evaluation data lives beside the project (`../shared/eval`) and is read by path, never copied
 * in: the article texts belong to their publishers. `NEWSBRIEF_EVAL_DATA` points elsewhere.
 */

/** The repository root: this file sits in `src/eval/` (tests) or `dist/eval/` (the built harness). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export function defaultEvalDataDir(): string {
  const fromEnvironment = process.env.NEWSBRIEF_EVAL_DATA;
  return fromEnvironment ? path.resolve(fromEnvironment) : path.resolve(repoRoot, '../shared/eval');
}

/** Tests use this to skip, saying why, when a clone has no evaluation data next to it. */
export function evalDataFile(relativePath: string, dataDir = defaultEvalDataDir()): string | null {
  const file = path.join(dataDir, relativePath);
  return existsSync(file) ? file : null;
}
