/** `newsbrief who <name>` from the store: one person across every stored article. */
import { who } from '../core/answer/who.js';
import { NewsbriefError } from '../errors.js';
import { guarded, type IO, line, openStore, parseArgs, source, writeJson } from './common.js';

export const HELP = `Usage: newsbrief who <name> [options]

Who a person is across every stored article: full name, current role, how many articles, when last
seen, their latest quotes and what the articles say they did. "Witkoff", "Steve Witkoff" and
"Mr Witkoff" name one person; a name shared by several people lists them.

Options:
  --format text|json     output (default text)
  --db <path>            the store (default: NEWSBRIEF_DB, else data/newsbrief.db)
  --help                 this help`;

export async function run(args: string[], io: IO): Promise<number> {
  return guarded(io, async () => {
    const p = parseArgs(args);
    if (p.help) {
      line(io.stdout, HELP);
      return 0;
    }
    const name = p.positionals.join(' ').trim();
    if (!name) throw new NewsbriefError('bad_usage', 'who needs a name (see --help)');
    const store = openStore(p);
    try {
      const result = who(name, await store.personCandidates(name));
      if (p.format === 'json') writeJson(io, result);
      else if (!result.found) {
        line(
          io.stdout,
          result.suggestions.length
            ? `No single person called “${name}”. Did you mean: ${result.suggestions.join(', ')}?`
            : `Nobody called “${name}” in the stored articles.`,
        );
      } else {
        line(io.stdout, `${result.name}${result.role ? `, ${result.role}` : ''}`);
        line(
          io.stdout,
          `In ${result.articles} article${result.articles === 1 ? '' : 's'}, ${result.mentions} mentions${result.lastSeen ? `, last seen ${result.lastSeen.slice(0, 10)}` : ''}`,
        );
        if (result.aliases.length) line(io.stdout, `Also: ${result.aliases.join(', ')}`);
        for (const q of result.quotes) line(io.stdout, `  “${q.text}” — ${source(q.title, q.url)}`);
        for (const s of result.sentences) line(io.stdout, `  • ${s}`);
      }
      return result.found ? 0 : 1;
    } finally {
      await store.close();
    }
  });
}
