import type { RunSummary } from '../app/runner.js';
import { channelsWithoutPlatform, loadConfig, shownDb } from '../config/index.js';
import type { StoreOutage } from '../contracts/index.js';
import { outageStateName, reportStateName, runStateName } from '../contracts/index.js';
import { nextRunOf } from '../scheduler/index.js';
import { createStore, storeSettings } from '../store/index.js';
import { type CommandIO, EXIT_OK, writeJsonLine, writeLine } from './io.js';
import { formatOption, parse } from './options.js';

export const STATUS_HELP = `Usage: newsbrief status [--config PATH] [--db PATH] [--format text|json]

Every configured channel: its next and last run, what was posted, what failed and why, and why
articles of the last run were not posted (filtered out, already posted, over the digest limit).

Options:
  --config PATH        config file (default: $NEWSBRIEF_CONFIG or config/newsbrief.json)
  --db PATH|URL        store file or postgres:// URL (default: $NEWSBRIEF_DB, the config's "db", or data/newsbrief.db)
  --format text|json   output format (default: text)
  -h, --help           show this help`;

/** A JSON run-state value; null when absent or unreadable (written by an older version, say). */
function parseState<T>(raw: string | null): T | null {
  try {
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

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
  const config = loadConfig({ configPath: values.config, db: values.db, env: io.env ?? process.env });
  const off = new Set(channelsWithoutPlatform(config).map((c) => c.name));
  const store = createStore(config.db, storeSettings(config));
  try {
    const channels = [];
    for (const c of config.channels) {
      const ref = { platform: c.platform, channelId: c.channelId };
      const deliveries = await store.deliveriesFor(ref);
      const title = async (articleId: string) => (await store.getArticle(articleId))?.title ?? null;
      const sent = deliveries.filter((d) => d.status === 'sent');
      const recent = [];
      for (const d of sent.slice(-10).reverse())
        recent.push({
          articleId: d.articleId,
          version: d.version,
          title: await title(d.articleId),
          messageId: d.messageId,
          at: d.updatedAt,
        });
      const failed = [];
      for (const d of deliveries.filter((x) => x.status === 'failed'))
        failed.push({
          articleId: d.articleId,
          version: d.version,
          title: await title(d.articleId),
          error: d.error,
          attempts: d.attempts,
          at: d.updatedAt,
        });
      const lastReport = parseState<RunSummary>(await store.lastRun(reportStateName(ref)));
      const storeOutage = parseState<StoreOutage>(await store.lastRun(outageStateName(ref)));
      channels.push({
        name: c.name,
        platform: c.platform,
        channelId: c.channelId,
        platformOn: !off.has(c.name),
        schedule: c.schedule,
        timezone: c.timezone,
        nextRun: nextRunOf(c)?.toISOString() ?? null,
        lastRun: await store.lastRun(runStateName(ref)),
        counts: {
          sent: sent.length,
          pending: deliveries.filter((d) => d.status === 'pending').length,
          failed: failed.length,
        },
        recent,
        failed,
        lastReport,
        storeOutage,
      });
    }
    if (format === 'json') {
      writeJsonLine(io.stdout, { db: shownDb(config), channels });
      return EXIT_OK;
    }
    const lines: string[] = [];
    if (channels.length === 0) lines.push('No channels configured.');
    for (const c of channels) {
      lines.push(`${c.name}${c.platformOn ? '' : `  (off: set the ${c.platform} secrets to switch it on)`}`);
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
    await store.close();
  }
}
