/** `newsbrief ingest <folder|file|url|feed-url>...`: read sources into the store. */

import { NewsbriefError } from '../errors.js';
import { complain, guarded, type IO, parseArgs, withService, writeJson } from './common.js';
import { writeLine } from './io.js';
import { positiveInt, STORE_OPTIONS_HELP } from './options.js';

export const HELP = `Usage: newsbrief ingest <folder|file|url|feed-url>... [options]

Reads articles into the store: every .txt, .md and .html file of a folder, a page (main text
extracted), or a feed (RSS, Atom, JSON Feed; a file or a URL, recognised by its content): each new
item's page, else the item's own text when the page cannot be fetched or says less. Unchanged
articles are skipped; a changed one becomes a new version. Every item gives an article or an error.

Options:
  --format text|json     output (default text)
${STORE_OPTIONS_HELP}
  --allow-private        allow fetching private and loopback addresses (default: NEWSBRIEF_ALLOW_PRIVATE=1)
  --timeout <ms>         per-fetch timeout (default 15000)
  --help                 this help`;

export async function run(args: string[], io: IO): Promise<number> {
  return guarded(io, 'ingest', async () => {
    const p = parseArgs(args, ['timeout'], ['allow-private']);
    if (p.help) {
      writeLine(io.stdout, HELP);
      return 0;
    }
    if (p.positionals.length === 0)
      throw new NewsbriefError('bad_usage', 'ingest needs a folder, file or URL (see --help)');
    const timeoutMs = positiveInt(p.flags.get('timeout'), '--timeout', 600_000);
    const tty = (io.stderr as NodeJS.WriteStream).isTTY === true;
    let done = 0;
    const reports = await withService(p, io, (service) =>
      service
        .ingest(p.positionals, {
          fetch: {
            ...(p.flags.has('allow-private') ? { allowPrivateAddresses: true } : {}),
            ...(timeoutMs !== undefined ? { timeoutMs } : {}),
          },
          onItem: () => {
            done++;
            if (tty) io.stderr.write(`\ringested ${done}…`);
          },
        })
        .finally(() => {
          if (tty && done > 0) io.stderr.write('\n');
        }),
    );
    const totals = { new: 0, updated: 0, unchanged: 0, duplicate: 0, errors: 0 };
    for (const r of reports) {
      for (const i of r.items) totals[i.status]++;
      totals.errors += r.errors.length;
    }
    if (p.format === 'json') writeJson(io, { inputs: reports, totals });
    else {
      for (const r of reports) {
        for (const i of r.items)
          writeLine(io.stdout, `${i.status.padEnd(9)} ${i.title ?? i.key}  (#${i.articleId} v${i.version})`);
        for (const e of r.errors) complain(io, 'ingest', e.error);
      }
      writeLine(
        io.stdout,
        `${totals.new} new, ${totals.updated} updated, ${totals.unchanged} unchanged, ${totals.duplicate} duplicate, ${totals.errors} failed`,
      );
    }
    return totals.errors > 0 ? 1 : 0;
  });
}
