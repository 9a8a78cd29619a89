// Prints the people and credited quotes condense finds on the saved pages (for reading by hand:
// the pages have no gold for people). Usage: npm run build && node scripts/page-people.mjs [DIR] > out.txt
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { condense } from '../dist/core/index.js';
import { extractHtml } from '../dist/sources/html.js';

const dir = process.argv[2] ?? path.join(import.meta.dirname, '../../shared/eval/pages');
for (const name of readdirSync(dir).sort()) {
  const source = readFileSync(path.join(dir, name, 'source.html'), 'utf8');
  const article = extractHtml(source, 'http://fakehost/test/page.html');
  const briefing = condense(article, {});
  process.stdout.write(`## ${name}\n`);
  for (const p of briefing.people) process.stdout.write(`P ${p.name} | ${p.role ?? ''} | ${p.mentions}\n`);
  for (const q of briefing.quotes)
    process.stdout.write(`Q [${q.speaker ?? 'null'}] ${q.text.slice(0, 110).replace(/\s+/g, ' ')}\n`);
}
