/**
 * Briefs and person cards straight from the articles a command names (files, folders, URLs, feeds,
 * standard input), without the store: `newsbrief brief` and `newsbrief who <name> <paths>`.
 */
import { rowsFromAnalyses } from '../core/answer/from-analysis.js';
import { who } from '../core/answer/who.js';
import { analyse, condense } from '../core/index.js';
import type { Briefing, WhoResult } from '../core/types.js';
import { NewsbriefError } from '../errors.js';
import type { FetchOptions } from '../sources/fetch.js';
import { fileUrl, readInputs } from '../sources/inputs.js';

/** One input's (or one feed item's) briefing, or the one line saying why it has none. */
export type BriefedInput =
  | { input: string; item?: string; url: string | null; briefing: Briefing }
  | { input: string; item?: string; error: string };

export interface BriefInputsOptions {
  fetch?: FetchOptions;
  /** Key points per briefing (the core's default when unset). */
  points?: number | undefined;
}

/** Brief every input in order; a feed gives one briefing per item. A failing input does not stop the rest. */
export async function* briefInputs(
  inputs: readonly string[],
  stdin: NodeJS.ReadableStream | undefined,
  options: BriefInputsOptions = {},
): AsyncGenerator<BriefedInput> {
  const points = options.points === undefined ? {} : { points: options.points };
  for await (const item of readInputs([...inputs], stdin, options.fetch ? { fetch: options.fetch } : {})) {
    const origin = { input: item.input, ...(item.item ? { item: item.item } : {}) };
    if ('error' in item) yield { ...origin, error: item.error };
    else yield { ...origin, url: item.article.url, briefing: condense(item.article, points) };
  }
}

/** Who `name` is across the given articles. The first input that cannot be read is a `bad_input` error. */
export async function whoInInputs(
  name: string,
  paths: readonly string[],
  stdin: NodeJS.ReadableStream | undefined,
): Promise<WhoResult> {
  const analysed = [];
  for await (const item of readInputs([...paths], stdin)) {
    if ('error' in item) throw new NewsbriefError('bad_input', item.error);
    analysed.push({
      analysis: analyse(item.article),
      article: item.article,
      id: item.input,
      url: item.article.url ?? fileUrl(item.input),
    });
  }
  return who(name, rowsFromAnalyses(analysed));
}
