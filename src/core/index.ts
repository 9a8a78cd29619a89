export { analyse, condense } from './condense/condense.js';
export type * from './types.js';
