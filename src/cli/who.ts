import { renderWhoText } from '../adapters/console/render.js';
import { whoInInputs } from '../app/inputs.js';
import { whoView } from '../app/views.js';
import {
  type CommandIO,
  EXIT_FAILURE,
  EXIT_OK,
  EXIT_USAGE,
  writeJsonLine,
  writeLine,
  writeRendered,
} from './io.js';
import { formatOption, parse, STORE_OPTIONS_HELP, wantsColor } from './options.js';

export const WHO_HELP = `Usage: newsbrief who <name> [path...] [--format text|json]

Who is this person: full name, role, aliases, mentions, their quotes and the sentences about them.
With paths, answers from those articles (a directory stands for its article files); without, from the
store filled by "newsbrief ingest". Any form of the name works: "Witkoff", "steve witkoff", "Mr Witkoff".
Exit code 1 when nobody matches (the closest names are suggested).

Options:
  --format text|json     output format (default: text)
${STORE_OPTIONS_HELP}
  -h, --help             show this help`;

export async function who(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parse(args, {
    format: { type: 'string' },
    db: { type: 'string' },
    config: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    writeLine(io.stdout, WHO_HELP);
    return EXIT_OK;
  }
  const format = formatOption(values.format, ['text', 'json'], 'text');
  const [name, ...paths] = positionals;
  if (!name?.trim()) {
    writeLine(io.stderr, 'newsbrief who: give a name, e.g. newsbrief who Witkoff briefings/ (see --help)');
    return EXIT_USAGE;
  }
  if (paths.length === 0) {
    // The store's who lives with the store commands; loaded only when no paths are given.
    const { run } = await import('./who-store.js');
    return run(args, io);
  }
  const result = await whoInInputs(name, paths, io.stdin);
  if (format === 'json') writeJsonLine(io.stdout, result);
  else
    writeRendered(io.stdout, renderWhoText(whoView(result), { color: wantsColor(io.stdout, io.env ?? {}) }));
  return result.found ? EXIT_OK : EXIT_FAILURE;
}
