/** `newsbrief who <name>` from the store: one person across every stored article. */
import { renderWhoText } from '../adapters/console/render.js';
import { whoView } from '../app/views.js';
import { NewsbriefError } from '../errors.js';
import { guarded, type IO, parseArgs, withService, writeJson } from './common.js';
import { writeLine, writeRendered } from './io.js';
import { STORE_OPTIONS_HELP } from './options.js';

export const HELP = `Usage: newsbrief who <name> [options]

Who a person is across every stored article: full name, current role, how many articles, when last
seen, their latest quotes and what the articles say they did. "Witkoff", "Steve Witkoff" and
"Mr Witkoff" name one person; a name shared by several people lists them.

Options:
  --format text|json     output (default text)
${STORE_OPTIONS_HELP}
  --help                 this help`;

export async function run(args: string[], io: IO): Promise<number> {
  return guarded(io, 'who', async () => {
    const p = parseArgs(args);
    if (p.help) {
      writeLine(io.stdout, HELP);
      return 0;
    }
    const name = p.positionals.join(' ').trim();
    if (!name) throw new NewsbriefError('bad_usage', 'who needs a name (see --help)');
    const result = await withService(p, io, (service) => service.who(name));
    if (p.format === 'json') writeJson(io, result);
    else writeRendered(io.stdout, renderWhoText(whoView(result), { color: false }));
    return result.found ? 0 : 1;
  });
}
