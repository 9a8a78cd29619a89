/** Bundle a TypeScript entry point into one ESM file that a child `node` process can run. */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'rolldown';

/** Returns the bundle's path under node_modules/.cache/<name>/ (packages stay external). */
export async function bundleForChild(entry: string, name: string): Promise<string> {
  const out = resolve('node_modules/.cache', name);
  mkdirSync(out, { recursive: true });
  await build({
    input: resolve(entry),
    platform: 'node',
    external: [/^node:/, /^[^./]/],
    output: { dir: out, format: 'esm', entryFileNames: 'child.mjs' },
    logLevel: 'silent',
  });
  return join(out, 'child.mjs');
}
