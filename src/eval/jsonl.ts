import { readFileSync } from 'node:fs';

/** Reads a JSON Lines file; `limit` keeps only the first records (for a quick run). */
export function readJsonLines<T>(file: string, limit?: number): T[] {
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
  return (limit === undefined ? lines : lines.slice(0, limit)).map((line) => JSON.parse(line) as T);
}
