import { startApp } from '../app/app.js';
import { createLogger } from '../app/log.js';
import { DEFAULT_LOG_LEVEL, LOG_LEVELS, loadConfig, shownDb } from '../config/index.js';
import { type CommandIO, EXIT_OK, writeLine } from './io.js';
import { parse, STORE_OPTIONS_HELP, wantsColor } from './options.js';

export const RUN_HELP = `Usage: newsbrief run [--config PATH] [--db PATH] [--log-level LEVEL]

Runs the bot: ingests every configured source, starts the platforms switched on by their secrets
(console always; Slack and Discord by SLACK_* and DISCORD_* variables), posts each channel's start-up
run (the console shows its current briefings), then posts on each channel's schedule until stopped
(Ctrl-C or SIGTERM finish the post in flight and exit 0). Briefings go to stdout; logs go to stderr.

Options:
${STORE_OPTIONS_HELP}
  --log-level <level>    ${LOG_LEVELS.join(', ')} (default: LOG_LEVEL, else the config's "logLevel", else ${DEFAULT_LOG_LEVEL})
  --once                 run the start-up runs and exit instead of staying on the schedule
  -h, --help             show this help`;

export async function run(args: string[], io: CommandIO): Promise<number> {
  const { values } = parse(args, {
    config: { type: 'string' },
    db: { type: 'string' },
    'log-level': { type: 'string' },
    once: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    writeLine(io.stdout, RUN_HELP);
    return EXIT_OK;
  }
  const env = io.env ?? process.env;
  const config = loadConfig({ configPath: values.config, db: values.db, logLevel: values['log-level'], env });
  const log = createLogger(config.logLevel, io.stderr);
  log.info(
    {
      event: 'config.loaded',
      file: config.file ?? '(built-in default)',
      db: shownDb(config),
      channels: config.channels.length,
      slack: Boolean(config.slack),
      discord: Boolean(config.discord),
    },
    'config loaded',
  );
  // Signals are handled from here on, before the store is opened: a Ctrl-C while it opens or migrates
  // waits for that, then stops cleanly. A second signal gets the default: exit at once.
  let app: Awaited<ReturnType<typeof startApp>> | null = null;
  let stopRequested = false;
  let stopped!: () => void;
  const done = new Promise<void>((resolve) => {
    stopped = resolve;
  });
  const onSignal = (signal: NodeJS.Signals) => {
    log.info({ event: 'signal', signal }, 'stopping');
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (app) void app.stop().then(stopped);
    else stopRequested = true;
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    app = await startApp(config, {
      log,
      consoleStream: io.stdout,
      color: wantsColor(io.stdout, env),
      schedule: !values.once,
    });
  } catch (err) {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    throw err;
  }
  app.startup.catch((err: Error) =>
    log.error({ event: 'startup.failed', error: err.message }, 'start-up failed'),
  );
  if (stopRequested) void app.stop().then(stopped);
  else if (values.once) void app.startup.finally(() => onSignal('SIGTERM'));
  await done;
  return EXIT_OK;
}
