/** `newsbrief quotes [name]`: the latest quotes, of anyone or of one person. */
import { latestQuotes, quotesOf } from '../core/answer/quotes.js';
import { guarded, type IO, openStore, parseArgs, STORE_OPTIONS_HELP, source, writeJson } from './common.js';
import { writeLine } from './io.js';
import { positiveInt } from './options.js';

export const HELP = `Usage: newsbrief quotes [name] [options]

The latest quotes in the stored articles, newest first; with a name, only that person's.

Options:
  --format text|json     output (default text)
  --limit <n>            how many quotes (default 10)
${STORE_OPTIONS_HELP}
  --help                 this help`;

export async function run(args: string[], io: IO): Promise<number> {
  return guarded(io, async () => {
    const p = parseArgs(args, ['limit']);
    if (p.help) {
      writeLine(io.stdout, HELP);
      return 0;
    }
    const name = p.positionals.join(' ').trim() || null;
    const limit = positiveInt(p.flags.get('limit'), '--limit', 100) ?? 10;
    const store = openStore(p, io);
    try {
      const result = name
        ? quotesOf(name, await store.personCandidates(name), limit)
        : latestQuotes(await store.latestQuotes(limit), limit);
      if (p.format === 'json') writeJson(io, { quotes: result.quotes });
      else
        for (const q of result.quotes)
          writeLine(io.stdout, `“${q.text}” — ${q.speaker ?? 'unattributed'}, ${source(q.title, q.url)}`);
      if (name && result.quotes.length === 0) {
        writeLine(
          io.stderr,
          result.suggestions.length
            ? `newsbrief: no quotes of “${name}”; did you mean: ${result.suggestions.join(', ')}?`
            : `newsbrief: no quotes of “${name}”`,
        );
        return 1;
      }
      return 0;
    } finally {
      await store.close();
    }
  });
}
