/** Bundle a TypeScript entry point into one ESM file that a child `node` process can run. */
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'rolldown';

export interface ChildBundle {
  path: string;
  /** Remove the bundle. */
  dispose(): void;
}

/**
 * Bundles under node_modules/.cache (so the packages it leaves external resolve), in a folder of this
 * process's own: two test runs sharing node_modules (git worktrees) must not overwrite each other's.
 */
export async function bundleForChild(entry: string, name: string): Promise<ChildBundle> {
  const out = resolve('node_modules/.cache', `${name}-${process.pid}`);
  mkdirSync(out, { recursive: true });
  await build({
    input: resolve(entry),
    platform: 'node',
    external: [/^node:/, /^[^./]/],
    output: { dir: out, format: 'esm', entryFileNames: 'child.mjs' },
    logLevel: 'silent',
  });
  return { path: join(out, 'child.mjs'), dispose: () => rmSync(out, { recursive: true, force: true }) };
}
