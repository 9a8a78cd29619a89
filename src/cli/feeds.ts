import { openCommandService } from '../app/commands.js';
import { NewsbriefError } from '../errors.js';
import { commandConfig } from './common.js';
import { type CommandIO, EXIT_FAILURE, EXIT_OK, writeJsonLine, writeLine } from './io.js';
import { formatOption, parse, STORE_OPTIONS_HELP } from './options.js';

export const FEEDS_HELP = `Usage: newsbrief feeds list [--channel CHANNEL] [--format text|json]
       newsbrief feeds remove <id>

What each channel follows, as set in chat with /feeds (or imported once from the config file), and
removing a source by its id (the id /newsbrief sources and "feeds list" show).

Options:
${STORE_OPTIONS_HELP}
  --channel CHANNEL      one channel: its id, or platform:id (slack:C0123, discord:1234)
  --format text|json     output format (default: text)
  -h, --help             show this help`;

export async function feeds(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parse(args, {
    config: { type: 'string' },
    db: { type: 'string' },
    channel: { type: 'string' },
    format: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    writeLine(io.stdout, FEEDS_HELP);
    return EXIT_OK;
  }
  const [action, ...rest] = positionals;
  if ((action !== 'list' && action !== 'remove') || (action === 'list' && rest.length > 0))
    throw new NewsbriefError('bad_usage', 'use "feeds list [--channel CHANNEL]" or "feeds remove <id>"');
  if (action === 'remove' && rest.length !== 1)
    throw new NewsbriefError('bad_usage', 'give the id of one source: newsbrief feeds remove <id>');
  const format = formatOption(values.format, ['text', 'json'], 'text');
  const service = openCommandService(
    commandConfig({ config: values.config ?? null, db: values.db ?? null }, io),
  );
  try {
    if (action === 'remove') {
      const removed = await service.feedsRemove(rest[0] ?? '');
      if (!removed) {
        writeLine(io.stderr, `newsbrief feeds: no source has the id ${String(rest[0]).slice(0, 40)}`);
        return EXIT_FAILURE;
      }
      if (format === 'json') writeJsonLine(io.stdout, removed);
      else
        writeLine(
          io.stdout,
          `Removed #${removed.id} ${removed.url} from ${removed.platform}:${removed.channelId}.`,
        );
      return EXIT_OK;
    }
    const channels = await service.feedsList(values.channel);
    if (format === 'json') {
      for (const c of channels) writeJsonLine(io.stdout, c);
      return EXIT_OK;
    }
    const lines: string[] = [];
    if (channels.length === 0)
      lines.push(
        values.channel
          ? `No channel ${values.channel} follows anything.`
          : 'No channel follows anything yet.',
      );
    for (const c of channels) {
      const filters = [
        ...(c.include.length ? [`include ${c.include.join(', ')}`] : []),
        ...(c.exclude.length ? [`exclude ${c.exclude.join(', ')}`] : []),
      ];
      lines.push(
        `${c.platform}:${c.channelId}  ${c.schedule} (${c.timezone})${c.paused ? ', paused' : ''}${filters.length ? `, ${filters.join('; ')}` : ''}  [${c.origin === 'chat' ? 'set in chat' : 'from the config'}, by ${c.updatedBy} at ${c.updatedAt}]`,
      );
      for (const s of c.sources)
        lines.push(
          `  #${s.id}  ${s.kind.padEnd(6)} ${s.url}${s.title ? `  “${s.title}”` : ''}  (by ${s.addedBy} at ${s.addedAt}${s.lastError ? `; last error: ${s.lastError}` : ''})`,
        );
    }
    writeLine(io.stdout, lines.join('\n'));
    return EXIT_OK;
  } finally {
    await service.close();
  }
}
