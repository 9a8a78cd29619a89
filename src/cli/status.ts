import { openCommandService } from '../app/commands.js';
import { commandConfig } from './common.js';
import { type CommandIO, EXIT_OK, writeJsonLine, writeLine } from './io.js';
import { formatOption, parse, STORE_OPTIONS_HELP } from './options.js';

export const STATUS_HELP = `Usage: newsbrief status [--config PATH] [--db PATH] [--format text|json]

Every channel, from the config file or set in chat: its next and last run, what was posted, what failed and why, and why
articles of the last run were not posted (filtered out, already posted, over the digest limit).

Options:
${STORE_OPTIONS_HELP}
  --format text|json     output format (default: text)
  -h, --help             show this help`;

export async function status(args: string[], io: CommandIO): Promise<number> {
  const { values } = parse(args, {
    config: { type: 'string' },
    db: { type: 'string' },
    format: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    writeLine(io.stdout, STATUS_HELP);
    return EXIT_OK;
  }
  const format = formatOption(values.format, ['text', 'json'], 'text');
  const service = openCommandService(
    commandConfig({ config: values.config ?? null, db: values.db ?? null }, io),
  );
  try {
    const { db, channels } = await service.status();
    if (format === 'json') {
      writeJsonLine(io.stdout, { db, channels });
      return EXIT_OK;
    }
    const lines: string[] = [];
    if (channels.length === 0) lines.push('No channels configured.');
    for (const c of channels) {
      lines.push(`${c.name}${c.platformOn ? '' : `  (off: set the ${c.platform} secrets to switch it on)`}`);
      lines.push(
        `  from       ${c.origin === 'chat' ? 'chat (/feeds)' : 'the config file'}, ${c.sources} source(s)${c.paused ? ', paused' : ''}`,
      );
      lines.push(`  schedule   ${c.schedule} (${c.timezone})`);
      lines.push(`  next run   ${c.nextRun ?? 'none'}`);
      lines.push(`  last run   ${c.lastRun ?? 'never'}`);
      lines.push(
        `  posted     ${c.counts.sent} sent, ${c.counts.pending} pending, ${c.counts.failed} failed`,
      );
      for (const r of c.recent.slice(0, 5))
        lines.push(`    ✓ ${r.title ?? `article ${r.articleId}`} (v${r.version}, ${r.at})`);
      for (const f of c.failed.slice(0, 10))
        lines.push(
          `    ✗ ${f.title ?? `article ${f.articleId}`} (v${f.version}): ${f.error ?? 'unknown error'} after ${f.attempts} attempt(s)`,
        );
      if (c.storeOutage)
        lines.push(
          `  store away ${c.storeOutage.at}: ${c.storeOutage.error} (run again at ${c.storeOutage.recoveredAt})`,
        );
      const rep = c.lastReport;
      if (rep) {
        if (rep.skippedRun) lines.push(`  last run skipped: ${rep.skippedRun}`);
        for (const s of rep.skipped.slice(0, 10))
          lines.push(
            `    – not posted: ${s.title ?? `article ${s.articleId}`}: ${s.reason === 'already-posted' ? 'already posted' : s.detail}`,
          );
        for (const e of rep.sourceErrors.slice(0, 5)) lines.push(`    ! source ${e.input}: ${e.error}`);
      }
      lines.push('');
    }
    writeLine(io.stdout, lines.join('\n').trimEnd());
    return EXIT_OK;
  } finally {
    await service.close();
  }
}
