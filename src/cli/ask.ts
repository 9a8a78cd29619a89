/** `newsbrief ask "<question>"`: the best few sentences across every stored article. */
import { NewsbriefError } from '../errors.js';
import { guarded, type IO, parseArgs, source, withService, writeJson } from './common.js';
import { writeLine } from './io.js';
import { positiveInt, STORE_OPTIONS_HELP } from './options.js';

export const HELP = `Usage: newsbrief ask "<question>" [options]

The sentences that best answer a question, from every stored article, ranked by BM25 and by the
people the question names, each with its article's title and link.

Options:
  --format text|json     output (default text)
  --limit <n>            how many answers (default 3)
${STORE_OPTIONS_HELP}
  --help                 this help`;

export async function run(args: string[], io: IO): Promise<number> {
  return guarded(io, 'ask', async () => {
    const p = parseArgs(args, ['limit']);
    if (p.help) {
      writeLine(io.stdout, HELP);
      return 0;
    }
    const question = p.positionals.join(' ').trim();
    if (!question) throw new NewsbriefError('bad_usage', 'ask needs a question (see --help)');
    const limit = positiveInt(p.flags.get('limit'), '--limit', 50) ?? 3;
    const result = await withService(p, io, (service) => service.ask(question, undefined, { limit }));
    if (p.format === 'json') writeJson(io, result);
    else if (result.answers.length === 0) writeLine(io.stdout, 'No stored article answers that.');
    else for (const a of result.answers) writeLine(io.stdout, `• ${a.text}\n  ${source(a.title, a.url)}`);
    return result.answers.length > 0 ? 0 : 1;
  });
}
