/** `newsbrief digest [--since 24h]`: the briefings since the last digest, one item per story. */
import { createService } from '../app/service.js';
import { digestRunName } from '../contracts/index.js';
import {
  guarded,
  type IO,
  openStore,
  parseArgs,
  parseSince,
  STORE_OPTIONS_HELP,
  source,
  writeJson,
} from './common.js';
import { writeLine } from './io.js';

export const HELP = `Usage: newsbrief digest [--since 24h] [options]

The briefings of articles stored since the last digest taken here (else the last 24 hours), with
several articles about the same story grouped into one item that cites them all.

Options:
  --since <when>         a duration (90m, 24h, 7d) or a date; does not move the last-digest mark
  --format text|json     output (default text)
${STORE_OPTIONS_HELP}
  --help                 this help`;

/** The command line keeps its own "last digest" mark, apart from every chat channel's. */
export const CLI_DIGEST = {
  channel: { platform: 'console', channelId: 'cli' },
  runName: digestRunName({ platform: 'console', channelId: 'cli' }),
} as const;

export async function run(args: string[], io: IO): Promise<number> {
  return guarded(io, async () => {
    const p = parseArgs(args, ['since']);
    if (p.help) {
      writeLine(io.stdout, HELP);
      return 0;
    }
    const now = new Date();
    const store = openStore(p, io);
    try {
      const flag = p.flags.get('since');
      const window = typeof flag === 'string' ? { since: parseSince(flag, now) } : {};
      const since = window.since ?? (await store.lastRun(CLI_DIGEST.runName)) ?? parseSince('24h', now);
      const digest = await createService({ store, now: () => now }).digest(CLI_DIGEST.channel, window);
      const items = digest.map(({ post, alsoReportedBy }) => ({
        articleId: post.articleId,
        version: post.version,
        title: post.briefing.title,
        url: post.url,
        summary: post.briefing.summary,
        keyPoints: post.briefing.keyPoints,
        alsoReportedBy,
      }));
      if (p.format === 'json') writeJson(io, { since, items });
      else if (items.length === 0) writeLine(io.stdout, `Nothing new since ${since}.`);
      else
        for (const it of items) {
          writeLine(io.stdout, `■ ${it.title ?? '(untitled)'}${it.url ? `  ${it.url}` : ''}`);
          if (it.summary) writeLine(io.stdout, `  ${it.summary}`);
          for (const o of it.alsoReportedBy) writeLine(io.stdout, `  also: ${source(o.title, o.url)}`);
        }
      return 0;
    } finally {
      await store.close();
    }
  });
}
