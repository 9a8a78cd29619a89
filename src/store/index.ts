export { contentHash } from './hash.js';
export { createMemoryStore } from './memory.js';
export { createSqliteStore } from './sqlite.js';
export type * from './types.js';
export { digestRunName } from './types.js';

/** The store path: the flag, else NEWSBRIEF_DB, else data/newsbrief.db. */
export function storePath(flag?: string | null, env: NodeJS.ProcessEnv = process.env): string {
  return flag || env.NEWSBRIEF_DB || 'data/newsbrief.db';
}
