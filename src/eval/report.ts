import type { AskResult, AskScores } from './ask.js';
import type { PolnearResult } from './attribution.js';
import type { FeedsResult } from './feeds.js';
import type { FeedsEndToEndResult } from './feeds-e2e.js';
import type { CnndmResult, RougeMetric } from './highlights.js';
import type { PagesResult } from './pages.js';
import type { PeopleResult } from './people.js';
import type { SeedCount, SeedResult } from './seed.js';

/** The terminal report: plain aligned tables, one section per dataset. */

export interface EvalResults {
  startedAt: string;
  wallSeconds: number;
  dataDir: string;
  limit: number | null;
  /** The rows other than pages are absent when only the pages row ran (`--pages-only`). */
  cnndm?: CnndmResult;
  polnear?: PolnearResult;
  seed?: SeedResult | { skipped: string };
  pages: PagesResult | { skipped: string };
  feeds?: FeedsResult | { skipped: string };
  feedsEndToEnd?: FeedsEndToEndResult | { skipped: string };
  people?: PeopleResult | { skipped: string };
  ask?: AskResult | { skipped: string };
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

function peopleSection(people: NonNullable<EvalResults['people']>): string {
  if ('skipped' in people) return `People and roles: skipped (${people.skipped})`;
  const { counts } = people;
  const failures =
    people.failures.length > 0 ? `\n${people.failures.length} articles failed to condense` : '';
  return `People and roles (people-dev.jsonl, ${people.articles} articles)\n${table(
    ['', 'precision', 'recall', 'F1', 'role acc', 'matched', 'found', 'roles right'],
    [
      [
        'core',
        fixed3(people.precision),
        fixed3(people.recall),
        fixed3(people.f1),
        fixed3(people.roleAccuracy),
        `${counts.matched}/${counts.goldPeople}`,
        String(counts.systemPeople),
        `${counts.rolesRight}/${counts.matchedWithRole}`,
      ],
    ],
  )}${failures}`;
}

function seedSection(seed: SeedResult | { skipped: string }): string {
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

const clip = (text: string, length: number) =>
  text.length > length ? `${text.slice(0, length - 1)}…` : text;

function pagesSection(pages: EvalResults['pages']): string {
  if ('skipped' in pages) return `Pages: skipped (${pages.skipped})`;
  const rows = pages.perPage.map((page) => [
    page.name,
    page.titleRight ? 'yes' : 'no',
    fixed3(page.recall),
    fixed3(page.precision),
    String(page.furniture.length),
    page.summaryIsStory ? 'yes' : 'no',
    `${page.keyPointsNotStory.length}/${page.keyPoints}`,
    String(page.peopleNotStory.length),
    page.readMs.toFixed(0),
  ]);
  rows.push([
    'total',
    `${pages.titlesRight}/${pages.pages}`,
    `med ${fixed3(pages.recallMedian)} p10 ${fixed3(pages.recallP10)}`,
    `med ${fixed3(pages.precisionMedian)}`,
    `${pages.furnitureFreePages}/${pages.pages} free`,
    `${pages.summariesStory}/${pages.pages}`,
    `${pages.keyPointsNotStory}/${pages.keyPoints}`,
    String(pages.peopleNotStory),
    `med ${pages.readMedianMs.toFixed(0)}`,
  ]);
  const details = pages.perPage.flatMap((page) => [
    ...(page.titleRight
      ? []
      : [
          `  ${page.name} title: ${JSON.stringify(page.title)} expected ${JSON.stringify(page.expectedTitle)}`,
        ]),
    ...page.furniture.map((text) => `  ${page.name} furniture: ${clip(text, 100)}`),
    ...(page.summaryIsStory ? [] : [`  ${page.name} summary: ${clip(page.summary ?? 'null', 100)}`]),
    ...page.keyPointsNotStory.map((text) => `  ${page.name} key point: ${clip(text, 100)}`),
    ...(page.peopleNotStory.length > 0
      ? [`  ${page.name} people not in the story: ${page.peopleNotStory.join('; ')}`]
      : []),
  ]);
  return `Pages read vs Readability's expected text (${pages.pages} pages; rules in docs/PAGES.md)\n${table(
    ['', 'title', 'recall', 'precision', 'furniture', 'summary', 'points off', 'people off', 'read ms'],
    rows,
  )}${details.length > 0 ? `\n${details.join('\n')}` : ''}`;
}

function feedsSection(feeds: NonNullable<EvalResults['feeds']>): string {
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

function feedsEndToEndSection(e2e: NonNullable<EvalResults['feedsEndToEnd']>): string {
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

function askSection(ask: NonNullable<EvalResults['ask']>): string {
  if ('skipped' in ask) return `ask: skipped (${ask.skipped})`;
  const row = (label: string, s: AskScores) => [
    label,
    fixed3(s.accuracyAt1),
    fixed3(s.accuracyAt3),
    fixed3(s.rightArticleAt1),
  ];
  const rows = [
    row('core (store candidates, core ranking)', ask.core),
    row('plain BM25 (store order)', ask.bm25),
    ...ask.byKind.flatMap((k) => [
      row(`  ${k.kind} (${k.questions}): core`, k.core),
      row(`  ${k.kind}: BM25`, k.bm25),
    ]),
  ];
  return `ask over all dev articles in one store (${ask.questions} questions, ${ask.articles} articles; answer among the candidates for ${ask.reachable})\n${table(
    ['', 'accuracy@1', 'accuracy@3', 'right article@1'],
    rows,
  )}`;
}

export function formatReport(results: EvalResults): string {
  return [
    ...(results.cnndm ? [cnndmSection(results.cnndm)] : []),
    ...(results.polnear ? [polnearSection(results.polnear)] : []),
    ...(results.people ? [peopleSection(results.people)] : []),
    ...(results.seed ? [seedSection(results.seed)] : []),
    pagesSection(results.pages),
    ...(results.feeds ? [feedsSection(results.feeds)] : []),
    ...(results.feedsEndToEnd ? [feedsEndToEndSection(results.feedsEndToEnd)] : []),
    ...(results.ask ? [askSection(results.ask)] : []),
    `Wall time: ${results.wallSeconds.toFixed(1)} s`,
  ].join('\n\n');
}
