/** `newsbrief store copy --from <sqlite path> --to <postgres url>`: move a store to PostgreSQL. */
import { copyStore } from '../app/commands.js';
import { isPostgresUrl, redactDbUrl } from '../contracts/db-url.js';
import { NewsbriefError } from '../errors.js';
import { commandConfig, guarded, type IO, parseArgs, writeJson } from './common.js';
import { writeLine } from './io.js';

export const HELP = `Usage: newsbrief store copy [--from <sqlite path>] --to <postgres url> [options]

Copies a SQLite store into an empty PostgreSQL store: articles, versions, briefings, people, quotes,
sentences, deliveries, run state and feed state, every row with its id, so that the bot switched to
PostgreSQL reposts nothing. Stop the bot first. The copy is one transaction: a failed copy leaves the
PostgreSQL store empty. The URL's password may come from PGPASSWORD instead of the URL.

Options:
  --from <path>          the SQLite store file (default: the configured store, as --db, NEWSBRIEF_DB, the config's "db")
  --db, --config         as for every store command: they name the configured store
  --to <url>             postgres://user@host:port/database (sslmode=... as node-postgres reads it)
  --format text|json     output (default text)
  --help                 this help`;

export async function run(args: string[], io: IO): Promise<number> {
  return guarded(io, 'store', async () => {
    const p = parseArgs(args, ['from', 'to']);
    if (p.help) {
      writeLine(io.stdout, HELP);
      return 0;
    }
    const [sub] = p.positionals;
    if (sub !== 'copy')
      throw new NewsbriefError('bad_usage', 'store takes one subcommand: copy (see --help)');
    const to = p.flags.get('to');
    if (typeof to !== 'string')
      throw new NewsbriefError('bad_usage', 'store copy needs --to <postgres url> (see --help)');
    const fromFlag = p.flags.get('from');
    const from = typeof fromFlag === 'string' ? fromFlag : commandConfig(p, io).db;
    if (!isPostgresUrl(to))
      throw new NewsbriefError(
        'bad_usage',
        `--to must be a postgres:// URL (got ${redactDbUrl(to).slice(0, 80)})`,
      );
    if (isPostgresUrl(from))
      throw new NewsbriefError(
        'bad_usage',
        'the store to copy from (--from, else the configured store) must be a SQLite file',
      );
    // The target is read like every store setting, so its password comes from PGPASSWORD when the URL has none.
    const counts = await copyStore(from, commandConfig({ config: p.config, db: to }, io));
    if (p.format === 'json') writeJson(io, { from, to: redactDbUrl(to), copied: counts });
    else
      writeLine(
        io.stdout,
        `Copied ${from} to ${redactDbUrl(to)}: ${Object.entries(counts)
          .map(([t, n]) => `${n} ${t}`)
          .join(', ')}.`,
      );
    return 0;
  });
}
