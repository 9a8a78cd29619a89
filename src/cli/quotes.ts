/** `newsbrief quotes [name]`: the latest quotes, of anyone or of one person. */
import { complain, guarded, type IO, parseArgs, source, withService, writeJson } from './common.js';
import { writeLine } from './io.js';
import { positiveInt, STORE_OPTIONS_HELP } from './options.js';

export const HELP = `Usage: newsbrief quotes [name] [options]

The latest quotes in the stored articles, newest first; with a name, only that person's.

Options:
  --format text|json     output (default text)
  --limit <n>            how many quotes (default 10)
${STORE_OPTIONS_HELP}
  --help                 this help`;

export async function run(args: string[], io: IO): Promise<number> {
  return guarded(io, 'quotes', async () => {
    const p = parseArgs(args, ['limit']);
    if (p.help) {
      writeLine(io.stdout, HELP);
      return 0;
    }
    const name = p.positionals.join(' ').trim() || null;
    const limit = positiveInt(p.flags.get('limit'), '--limit', 100) ?? 10;
    const result = await withService(p, io, (service) => service.quotes(name, undefined, { limit }));
    if (p.format === 'json') writeJson(io, { quotes: result.quotes });
    else
      for (const q of result.quotes)
        writeLine(io.stdout, `“${q.text}” — ${q.speaker ?? 'unattributed'}, ${source(q.title, q.url)}`);
    if (name && result.quotes.length === 0) {
      const didYouMean = result.suggestions.length ? `; did you mean: ${result.suggestions.join(', ')}?` : '';
      complain(io, 'quotes', `no quotes of “${name}”${didYouMean}`);
      return 1;
    }
    return 0;
  });
}
