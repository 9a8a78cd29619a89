/** `newsbrief digest [--since 24h]`: the briefings since the last digest, one item per story. */
import type { ChannelRef } from '../contracts/index.js';
import { guarded, type IO, parseArgs, parseSince, source, withService, writeJson } from './common.js';
import { writeLine } from './io.js';
import { STORE_OPTIONS_HELP } from './options.js';

export const HELP = `Usage: newsbrief digest [--since 24h] [options]

The briefings of articles stored since the last digest taken here (else the last 24 hours), with
several articles about the same story grouped into one item that cites them all.

Options:
  --since <when>         a duration (90m, 24h, 7d) or a date; does not move the last-digest mark
  --format text|json     output (default text)
${STORE_OPTIONS_HELP}
  --help                 this help`;

/** The command line keeps its own "last digest" mark, apart from every chat channel's. */
export const CLI_DIGEST_CHANNEL: ChannelRef = { platform: 'console', channelId: 'cli' };

export async function run(args: string[], io: IO): Promise<number> {
  return guarded(io, 'digest', async () => {
    const p = parseArgs(args, ['since']);
    if (p.help) {
      writeLine(io.stdout, HELP);
      return 0;
    }
    const flag = p.flags.get('since');
    const window = typeof flag === 'string' ? { since: parseSince(flag, new Date()) } : {};
    const digest = await withService(p, io, (service) => service.digestWindow(CLI_DIGEST_CHANNEL, window));
    const items = digest.items.map(({ post, alsoReportedBy }) => ({
      articleId: post.articleId,
      version: post.version,
      title: post.briefing.title,
      url: post.url,
      summary: post.briefing.summary,
      keyPoints: post.briefing.keyPoints,
      alsoReportedBy,
    }));
    if (p.format === 'json') writeJson(io, { since: digest.since, items });
    else if (items.length === 0) writeLine(io.stdout, `Nothing new since ${digest.since}.`);
    else
      for (const it of items) {
        writeLine(io.stdout, `■ ${it.title ?? '(untitled)'}${it.url ? `  ${it.url}` : ''}`);
        if (it.summary) writeLine(io.stdout, `  ${it.summary}`);
        for (const o of it.alsoReportedBy) writeLine(io.stdout, `  also: ${source(o.title, o.url)}`);
      }
    return 0;
  });
}
