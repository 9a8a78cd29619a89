import type { PolnearResult } from './attribution.js';
import type { FeedsResult } from './feeds.js';
import type { FeedsEndToEndResult } from './feeds-e2e.js';
import type { CnndmResult, RougeMetric } from './highlights.js';
import type { SeedCount, SeedResult } from './seed.js';

/** The terminal report: plain aligned tables, one section per dataset. */

export interface EvalResults {
  startedAt: string;
  wallSeconds: number;
  dataDir: string;
  limit: number | null;
  cnndm: CnndmResult;
  polnear: PolnearResult;
  seed: SeedResult | { skipped: string };
  feeds: FeedsResult | { skipped: string };
  feedsEndToEnd: FeedsEndToEndResult | { skipped: string };
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join('  ');
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

const fixed2 = (value: number) => value.toFixed(2);
const fixed3 = (value: number) => value.toFixed(3);
const signed = (value: number) => `${value >= 0 ? '+' : ''}${value.toFixed(2)}`;
const fraction = ({ passed, total }: SeedCount) => `${passed}/${total}`;

function cnndmSection(cnndm: CnndmResult): string {
  const metrics: RougeMetric[] = ['rouge1', 'rouge2', 'rougeLsum'];
  const rows = cnndm.rows.flatMap((row) => {
    const label = row.points === 'highlights' ? 'highlight count' : `${row.points} points`;
    const leadLabel = row.points === 'highlights' ? 'LEAD-k' : `LEAD-${row.points}`;
    return [
      [`core, ${label}`, ...metrics.map((metric) => fixed2(row.core[metric]))],
      [`${leadLabel}, ${label}`, ...metrics.map((metric) => fixed2(row.lead[metric]))],
      [
        `core − lead (95% CI)`,
        ...metrics.map((metric) => {
          const { mean, low, high } = row.difference[metric];
          return `${signed(mean)} [${signed(low)}, ${signed(high)}]`;
        }),
      ],
    ];
  });
  const failures = cnndm.failures.length > 0 ? `\n${cnndm.failures.length} articles failed to condense` : '';
  return `CNN/DM key points vs highlights (${cnndm.articles} articles, ROUGE F1 x 100, stemmed)\n${table(
    ['', 'ROUGE-1', 'ROUGE-2', 'ROUGE-Lsum'],
    rows,
  )}${failures}`;
}

function polnearSection(polnear: PolnearResult): string {
  const row = (label: string, scores: PolnearResult['core']) => [
    label,
    fixed3(scores.precision),
    fixed3(scores.recall),
    fixed3(scores.f1),
    scores.namedSpeakerQuotes === 0 ? '-' : fixed3(scores.speakerAccuracy),
    `${scores.goldFound}/${scores.goldQuotes}`,
    `${scores.extractedCorrect}/${scores.extractedQuotes}`,
    `${scores.speakerRight}/${scores.namedSpeakerQuotes}`,
  ];
  const failures =
    polnear.failures.length > 0 ? `\n${polnear.failures.length} articles failed to condense` : '';
  return `PolNeAR quotes and speakers (${polnear.articles} articles)\n${table(
    ['', 'precision', 'recall', 'F1', 'speaker acc', 'gold found', 'extracted ok', 'speakers ok'],
    [
      row('core', polnear.core),
      row("core without ''…'' quotes (see docs)", polnear.coreOutsideDoubledApostrophes),
      row('every "…" span, no speakers', polnear.doubleQuotedBaseline),
    ],
  )}${failures}`;
}

function seedSection(seed: EvalResults['seed']): string {
  if ('skipped' in seed) return `Sample article: skipped (${seed.skipped})`;
  const { summary } = seed;
  const rows = [
    ['people found', fraction(summary.peopleFound)],
    ['roles matched', fraction(summary.rolesMatched)],
    ['not-people named as people', String(summary.notPeopleViolations)],
    ['quotes found', fraction(summary.quotesFound)],
    ['quote speakers right', fraction(summary.speakersRight)],
    ['key facts covered (6 points)', fraction(summary.keyFactsCovered)],
    ['caption/sub-heading key points', String(summary.noiseKeyPoints)],
    ['every check passes', summary.allPassed ? 'yes' : 'no'],
  ];
  return `Sample article (alaska-summit.txt vs seed-gold.json)\n${table(['check', 'result'], rows)}`;
}

function feedsSection(feeds: EvalResults['feeds']): string {
  if ('skipped' in feeds) return `Feeds: skipped (${feeds.skipped})`;
  const c = (x: { ok: number; total: number }) => (x.total === 0 ? '-' : `${x.ok}/${x.total}`);
  const rows = feeds.feeds.map((f) => [
    f.name,
    `${Math.min(f.items, f.expectedItems)}/${f.expectedItems}${f.items > f.expectedItems ? ` (+${f.items - f.expectedItems})` : ''}`,
    c(f.titles),
    c(f.links),
    c(f.dates),
    c(f.text),
    f.meanTextRecall === null ? '-' : fixed3(f.meanTextRecall),
  ]);
  const t = feeds.total;
  const pct = (x: { ok: number; total: number }) =>
    x.total ? ` (${((100 * x.ok) / x.total).toFixed(1)}%)` : '';
  rows.push([
    'total (micro)',
    `${t.items}/${t.expectedItems}`,
    c(t.titles) + pct(t.titles),
    c(t.links) + pct(t.links),
    c(t.dates) + pct(t.dates),
    c(t.text) + pct(t.text),
    '',
  ]);
  rows.push([
    'text kept, macro over feeds',
    '',
    '',
    '',
    '',
    `${(100 * feeds.macroTextKept).toFixed(1)}%`,
    '',
  ]);
  const unscored = feeds.unscored.map((u) => `${u.name}: ${u.error ?? `${u.items} items`}`).join('; ');
  return `Feeds vs rss-parser (${feeds.feeds.length} feeds; text kept = >= 95% of the reference words)\n${table(
    ['feed', 'items', 'titles', 'links', 'dates', 'text kept', 'mean recall'],
    rows,
  )}${t.referenceNotInFeed ? `\nLeft out: ${t.referenceNotInFeed} items whose reference text is not in the feed (a placeholder of rss-parser's options)` : ''}${unscored ? `\nNo expected output (read only): ${unscored}` : ''}`;
}

function feedsEndToEndSection(e2e: EvalResults['feedsEndToEnd']): string {
  const title = 'Feeds end to end, every article page failing (lost = neither an article nor an error line)';
  if ('skipped' in e2e) return `${title}: skipped (${e2e.skipped})`;
  const sum = (k: 'ingest' | 'brief', f: 'articles' | 'errors' | 'lost') =>
    String(e2e.feeds.reduce((a, x) => a + x[k][f], 0));
  const rows = (['ingest', 'brief'] as const).map((k) => [
    k,
    String(e2e.items),
    sum(k, 'articles'),
    sum(k, 'errors'),
    sum(k, 'lost'),
  ]);
  const lossy = e2e.feeds.filter((f) => f.ingest.lost + f.brief.lost > 0).map((f) => f.name);
  return `${title}\n${table(['path', 'items', 'articles', 'error lines', 'lost'], rows)}${
    lossy.length ? `\nFeeds losing items: ${lossy.join(', ')}` : ''
  }`;
}

export function formatReport(results: EvalResults): string {
  return [
    cnndmSection(results.cnndm),
    polnearSection(results.polnear),
    seedSection(results.seed),
    feedsSection(results.feeds),
    feedsEndToEndSection(results.feedsEndToEnd),
    `Wall time: ${results.wallSeconds.toFixed(1)} s`,
  ].join('\n\n');
}
