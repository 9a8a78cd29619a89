export { contentHash } from './hash.js';
export { createMemoryStore } from './memory.js';
export { createSqliteStore } from './sqlite.js';
export type * from './types.js';
export { digestRunName } from './types.js';
