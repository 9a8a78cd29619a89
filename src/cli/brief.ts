import { renderBriefingMarkdown, renderBriefingText } from '../adapters/console/render.js';
import { briefInputs } from '../app/inputs.js';
import { briefingView } from '../app/views.js';
import { type CommandIO, EXIT_OK, EXIT_USAGE, writeJsonLine, writeLine, writeRendered } from './io.js';
import { formatOption, parse, positiveInt, wantsColor } from './options.js';

export const BRIEF_HELP = `Usage: newsbrief brief <path|url|->... [--format text|markdown|json] [--points N]

Condense articles into briefings. A directory stands for its .txt, .md and .html files (name order);
"-" reads one article from standard input; a URL is fetched. A feed (RSS, Atom, JSON Feed: a file,
a URL or standard input, recognised by its content) gives one briefing per item: the item's page
when it can be fetched, else the item's own text. With --format json, prints one Briefing per input
per line (JSON Lines), in input order; a feed item's line adds "input" and "item" (its guid, else its
link); an input that fails prints {"input", "error"} and the exit code is 2.

Options:
  --format text|markdown|json   output format (default: text)
  --points N                    number of key points (default 5)
  --allow-private               allow fetching private and loopback addresses
  --timeout <ms>                per-fetch timeout (default 15000)
  -h, --help                    show this help`;

export async function brief(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parse(args, {
    format: { type: 'string' },
    points: { type: 'string' },
    'allow-private': { type: 'boolean' },
    timeout: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    writeLine(io.stdout, BRIEF_HELP);
    return EXIT_OK;
  }
  const format = formatOption(values.format, ['text', 'markdown', 'json'], 'text');
  const points = positiveInt(values.points, '--points', 50);
  const timeoutMs = positiveInt(values.timeout, '--timeout', 600_000);
  const fetch = {
    allowPrivateAddresses: values['allow-private'] === true,
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
  };
  if (positionals.length === 0) {
    writeLine(
      io.stderr,
      'newsbrief brief: give at least one file, directory, URL or "-" (see newsbrief brief --help)',
    );
    return EXIT_USAGE;
  }
  const color = wantsColor(io.stdout, io.env ?? {});
  let failed = false;
  let first = true;
  for await (const item of briefInputs(positionals, io.stdin, { fetch, points })) {
    // A feed item's line says which feed and which item it is.
    const origin = item.item ? { input: item.input, item: item.item } : {};
    if ('error' in item) {
      failed = true;
      if (format === 'json') writeJsonLine(io.stdout, { input: item.input, ...origin, error: item.error });
      writeLine(io.stderr, `newsbrief brief: ${item.error}`);
      continue;
    }
    if (format === 'json') {
      writeJsonLine(io.stdout, { ...origin, ...item.briefing });
    } else {
      if (!first) writeLine(io.stdout, format === 'markdown' ? '\n---\n' : `\n${'─'.repeat(60)}\n`);
      const view = briefingView({
        articleId: item.input,
        version: 1,
        url: item.url,
        briefing: item.briefing,
      });
      writeRendered(
        io.stdout,
        format === 'markdown' ? renderBriefingMarkdown(view) : renderBriefingText(view, { color }),
      );
    }
    first = false;
  }
  return failed ? EXIT_USAGE : EXIT_OK;
}
