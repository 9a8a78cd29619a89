import { registerSlashCommands } from '../app/commands.js';
import { loadConfig } from '../config/index.js';
import { NewsbriefError } from '../errors.js';
import { type CommandIO, EXIT_OK, EXIT_USAGE, writeLine } from './io.js';

export const DISCORD_HELP = `Usage: newsbrief discord register

Registers newsbrief's slash commands with Discord without running the bot: in one guild when
DISCORD_GUILD_ID is set (instant, for development), else globally. Needs DISCORD_TOKEN (from .env or
the environment); DISCORD_API_URL points the REST calls elsewhere (tests, proxies).`;

export async function discord(args: string[], io: CommandIO): Promise<number> {
  const [sub] = args;
  if (sub === '--help' || sub === '-h' || sub === undefined) {
    writeLine(sub === undefined ? io.stderr : io.stdout, DISCORD_HELP);
    return sub === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (sub !== 'register')
    throw new NewsbriefError('bad_usage', `unknown subcommand "${sub}" (try: newsbrief discord register)`);
  writeLine(io.stdout, await registerSlashCommands(loadConfig({ env: io.env ?? process.env })));
  return EXIT_OK;
}
