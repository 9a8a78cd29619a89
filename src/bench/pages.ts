/**
 * Page reading speed: `extractHtml` (furniture, Readability, metadata) on the saved news pages of the
 * evaluation folder (`pages/NAME/source.html`, read by path), after a warm-up pass, several rounds.
 * Wall time is what a user waits; CPU time is shown beside it because a busy machine inflates the wall.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadPages, PLACEHOLDER_PAGE_URL } from '../eval/pages.js';
import { extractHtml } from '../sources/html.js';
import { type LatencySummary, timeEach } from './core.js';

export interface PagesBench extends LatencySummary {
  /** Median CPU time of one page (user + system, all threads, so garbage collection counts). */
  cpuMedianMs: number;
}

export function benchPages(evalDir: string, rounds = 3): PagesBench | { skipped: string } {
  const dir = path.join(evalDir, 'pages');
  if (!existsSync(dir)) return { skipped: `${dir} not found` };
  const pages = loadPages(dir).map((page) => page.source);
  for (const html of pages) extractHtml(html, PLACEHOLDER_PAGE_URL);
  const cpu: number[] = [];
  const wall = timeEach(Array.from({ length: rounds }, () => pages).flat(), (html) => {
    const before = process.cpuUsage();
    extractHtml(html, PLACEHOLDER_PAGE_URL);
    const used = process.cpuUsage(before);
    cpu.push((used.user + used.system) / 1000);
  });
  cpu.sort((a, b) => a - b);
  return { ...wall, cpuMedianMs: Math.round((cpu[Math.floor(cpu.length / 2)] ?? 0) * 100) / 100 };
}
