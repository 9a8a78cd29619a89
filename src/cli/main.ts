/**
 * The command-line entry point: dispatches to one module per command, loaded on demand so that a
 * one-article `brief` starts fast. stdout carries only the command's output; errors go to stderr as one
 * line, with exit code 2 for bad usage or input and 1 for runtime failures.
 */
import { readFileSync } from 'node:fs';
import { NewsbriefError } from '../errors.js';
import {
  type Command,
  type CommandIO,
  EXIT_FAILURE,
  EXIT_OK,
  EXIT_USAGE,
  exitCodeFor,
  writeLine,
} from './io.js';

const COMMANDS: Readonly<Record<string, { summary: string; load: () => Promise<Command> }>> = {
  brief: {
    summary: 'condense articles (files, directories, -) into briefings',
    load: async () => (await import('./brief.js')).brief,
  },
  who: {
    summary: 'who is this person, from articles or the store',
    load: async () => (await import('./who.js')).who,
  },
  ingest: {
    summary: 'read folders, files, pages and feeds into the store',
    load: async () => (await import('./ingest.js')).run,
  },
  ask: {
    summary: 'the sentences that best answer a question, across the store',
    load: async () => (await import('./ask.js')).run,
  },
  quotes: {
    summary: 'the latest quotes, optionally of one person',
    load: async () => (await import('./quotes.js')).run,
  },
  digest: {
    summary: 'the briefings ingested since the last digest (or --since)',
    load: async () => (await import('./digest.js')).run,
  },
  run: {
    summary: "run the bot: post each channel's briefings on its schedule (console by default)",
    load: async () => (await import('./run.js')).run,
  },
  discord: {
    summary: 'discord register: register the Discord slash commands without running the bot',
    load: async () => (await import('./discord.js')).discord,
  },
  feeds: {
    summary: 'feeds list [--channel ...] | feeds remove <id>: what channels follow (set in chat with /feeds)',
    load: async () => (await import('./feeds.js')).feeds,
  },
  status: {
    summary: "each channel's next and last run, what was posted and what failed",
    load: async () => (await import('./status.js')).status,
  },
  store: {
    summary: 'store copy --from <sqlite> --to <postgres url>: move a store to PostgreSQL',
    load: async () => (await import('./store.js')).run,
  },
};

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

function help(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  const list = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return [
    'Usage: newsbrief <command> [options]',
    '',
    'Turns news articles into briefings for Discord, Slack and the terminal.',
    '',
    'Commands:',
    ...list,
    '',
    'Run "newsbrief <command> --help" for a command\'s options. --version prints the version.',
  ].join('\n');
}

export async function main(argv: string[], io: CommandIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    writeLine(name === undefined ? io.stderr : io.stdout, help());
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (name === '--version' || name === '-v') {
    writeLine(io.stdout, version());
    return EXIT_OK;
  }
  const command = COMMANDS[name];
  if (!command) {
    writeLine(io.stderr, `newsbrief: unknown command "${name}" (run newsbrief --help for the list)`);
    return EXIT_USAGE;
  }
  try {
    return await (await command.load())(rest, io);
  } catch (err) {
    if (err instanceof NewsbriefError) {
      writeLine(io.stderr, `newsbrief ${name}: ${err.message}`);
      return exitCodeFor(err);
    }
    writeLine(io.stderr, `newsbrief ${name}: unexpected error: ${(err as Error).message ?? String(err)}`);
    return EXIT_FAILURE;
  }
}
