import type { AskResult, AskScores } from './ask.js';
import type { PolnearResult } from './attribution.js';
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
  ask: AskResult | { skipped: string };
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

function askSection(ask: EvalResults['ask']): string {
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
    cnndmSection(results.cnndm),
    polnearSection(results.polnear),
    seedSection(results.seed),
    askSection(results.ask),
    `Wall time: ${results.wallSeconds.toFixed(1)} s`,
  ].join('\n\n');
}
