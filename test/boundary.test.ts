/**
 * The layer table of docs/ARCHITECTURE.md, kept by a test: every import of every source file (type
 * imports, re-exports and dynamic imports too) is read with the TypeScript parser and checked against
 * what its layer may import. Tests are left out: they may reach into any layer to set up a case.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { expect, test } from 'vitest';

type Layer =
  | 'core'
  | 'contracts'
  | 'sources'
  | 'store'
  | 'adapters'
  | 'scheduler'
  | 'config'
  | 'app'
  | 'cli'
  | 'eval';

/** What each layer may import. `types` layers may take only types from it (`import type`). */
interface Allowance {
  layer: Layer;
  typesOnly?: boolean;
}

const TABLE: Record<Layer, readonly Allowance[]> = {
  core: [],
  contracts: [{ layer: 'core', typesOnly: true }],
  sources: [{ layer: 'core' }, { layer: 'contracts' }],
  store: [{ layer: 'core' }, { layer: 'contracts' }],
  // Plus the shared adapter helpers (src/adapters/*.ts) and their own platform's folder: see below.
  adapters: [{ layer: 'core', typesOnly: true }, { layer: 'contracts' }],
  scheduler: [{ layer: 'contracts' }],
  config: [{ layer: 'core', typesOnly: true }, { layer: 'contracts' }],
  app: [
    { layer: 'core' },
    { layer: 'contracts' },
    { layer: 'sources' },
    { layer: 'store' },
    { layer: 'adapters' },
    { layer: 'scheduler' },
    { layer: 'config' },
  ],
  // Plus the terminal renderer (src/adapters/console/render.ts): see below.
  cli: [{ layer: 'app' }, { layer: 'config' }, { layer: 'contracts' }],
  // Plus the app's ingest pipeline: see below.
  eval: [{ layer: 'core' }, { layer: 'sources' }, { layer: 'store' }],
};

const TERMINAL_RENDERER = 'src/adapters/console/render.ts';
/** Eval and bench fill their stores the way the bot does, through the one ingest pipeline. */
const INGEST_PIPELINE = 'src/app/ingest.ts';

/** The layer of a source file (a path from the repository root, with forward slashes). */
function layerOf(file: string): Layer | null {
  if (file === 'src/errors.ts') return 'contracts'; // the error types every layer throws and tells apart
  if (file === 'src/cli.ts') return 'cli';
  const folder = /^src\/([^/]+)\//.exec(file)?.[1];
  if (folder === 'bench') return 'eval';
  return folder && folder in TABLE ? (folder as Layer) : null;
}

interface SourceImport {
  specifier: string;
  typeOnly: boolean;
  line: number;
}

/** Every module a file names: imports, re-exports, `import()` calls and `import('x').T` types. */
function importsOf(fileName: string, source: string): SourceImport[] {
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const out: SourceImport[] = [];
  const add = (node: ts.Node, specifier: ts.Expression | undefined, typeOnly: boolean) => {
    if (!specifier || !ts.isStringLiteralLike(specifier)) return;
    const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
    out.push({ specifier: specifier.text, typeOnly, line });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const named = clause?.namedBindings;
      const allNamedAreTypes =
        clause !== undefined &&
        clause.name === undefined &&
        named !== undefined &&
        ts.isNamedImports(named) &&
        named.elements.length > 0 &&
        named.elements.every((e) => e.isTypeOnly);
      add(node, node.moduleSpecifier, clause?.isTypeOnly === true || allNamedAreTypes);
    } else if (ts.isExportDeclaration(node)) {
      add(node, node.moduleSpecifier, node.isTypeOnly);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      add(node, node.arguments[0], false);
    } else if (ts.isImportTypeNode(node)) {
      const arg = node.argument;
      if (ts.isLiteralTypeNode(arg)) add(node, arg.literal, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

interface Violation {
  file: string;
  line: number;
  imports: string;
  why: string;
}

const shown = (v: Violation) => `${v.file}:${v.line} -> ${v.imports}: ${v.why}`;

/** Whether `from` may import `to` (both source files under src/), and why not when it may not. */
function forbidden(from: string, to: string, typeOnly: boolean): string | null {
  const a = layerOf(from);
  const b = layerOf(to);
  if (a === null) return `${from} is in no layer of the table`;
  if (b === null) return `${to} is in no layer of the table`;
  if (a === b) {
    // Each platform's adapter is its own: Slack never imports Discord's code, nor the other way.
    const platform = (f: string) => /^src\/adapters\/([^/]+)\//.exec(f)?.[1] ?? null;
    if (a === 'adapters' && platform(to) !== null && platform(from) !== platform(to))
      return `one platform's adapter imports another's (${platform(to)})`;
    return null;
  }
  if (a === 'cli' && to === TERMINAL_RENDERER) return null;
  if (a === 'eval' && to === INGEST_PIPELINE) return null;
  const allowance = TABLE[a].find((x) => x.layer === b);
  if (!allowance) return `${a} may not import ${b}`;
  if (allowance.typesOnly && !typeOnly) return `${a} may import only types from ${b}`;
  return null;
}

/** The broken rules of a set of files: `files` maps a path from the repository root to its source. */
function violations(files: ReadonlyMap<string, string>): Violation[] {
  const out: Violation[] = [];
  for (const [file, source] of files) {
    for (const imp of importsOf(file, source)) {
      if (!imp.specifier.startsWith('.')) {
        // Packages and node: built-ins: only the pure core is kept from them.
        if (layerOf(file) === 'core')
          out.push({
            file,
            line: imp.line,
            imports: imp.specifier,
            why: 'core imports nothing outside core',
          });
        continue;
      }
      const target = path.posix
        .normalize(path.posix.join(path.posix.dirname(file), imp.specifier))
        .replace(/\.js$/, '.ts');
      const why = forbidden(file, target, imp.typeOnly);
      if (why) out.push({ file, line: imp.line, imports: target, why });
    }
  }
  return out;
}

const root = path.resolve(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) return sourceFiles(rel);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [rel] : [];
  });
}

function readSources(): Map<string, string> {
  return new Map(sourceFiles('src').map((f) => [f, readFileSync(path.join(root, f), 'utf8')]));
}

test('every import of src follows the layer table', () => {
  const files = readSources();
  expect(files.size).toBeGreaterThan(100);
  expect(violations(files).map(shown)).toEqual([]);
});

test('a forbidden import is caught, whether a value, a type or a dynamic import', () => {
  const broken = new Map([
    ['src/scheduler/index.ts', "import type { Runner } from '../app/runner.js';\n"],
    [
      'src/adapters/slack/render.ts',
      "export const x = 1;\nconst store = await import('../../store/index.js');\n",
    ],
    ['src/config/index.ts', "import { analyse } from '../core/index.js';\n"],
    ['src/core/index.ts', "import { readFileSync } from 'node:fs';\n"],
    ['src/adapters/discord/render.ts', "export { mrkdwn } from '../slack/mrkdwn.js';\n"],
    ['src/cli/ask.ts', "type Store = import('../store/types.js').BriefingStore;\n"],
  ]);
  expect(violations(broken).map(shown)).toEqual([
    'src/scheduler/index.ts:1 -> src/app/runner.ts: scheduler may not import app',
    'src/adapters/slack/render.ts:2 -> src/store/index.ts: adapters may not import store',
    'src/config/index.ts:1 -> src/core/index.ts: config may import only types from core',
    'src/core/index.ts:1 -> node:fs: core imports nothing outside core',
    "src/adapters/discord/render.ts:1 -> src/adapters/slack/mrkdwn.ts: one platform's adapter imports another's (slack)",
    'src/cli/ask.ts:1 -> src/store/types.ts: cli may not import store',
  ]);
  // The same files with allowed imports pass: the checker is not simply failing everything.
  const fine = new Map([
    ['src/scheduler/index.ts', "import type { ChannelRef } from '../contracts/index.js';\n"],
    ['src/config/index.ts', "import type { Article } from '../core/types.js';\n"],
    ['src/cli/ask.ts', "import { renderWhoText } from '../adapters/console/render.js';\n"],
    ['src/app/app.ts', "const { createSlackPlatform } = await import('../adapters/slack/platform.js');\n"],
  ]);
  expect(violations(fine)).toEqual([]);
});
