/**
 * End to end with the article pages unreachable: each real feed of `feeds/input` is served from a
 * local HTTP server on 127.0.0.1 with every absolute link in it pointing back at the same server,
 * where every page fails (not found, server error, forbidden, unavailable, a dropped connection).
 * The feed goes through `ingest` (into an in-memory SQLite store) and through `brief`'s input reader,
 * as a user would run them. An item is lost when it has text, or a title and a link, and gives neither an
 * article nor an error line. Nothing leaves the machine.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { ingestInput } from '../app/ingest.js';
import { analyse } from '../core/index.js';
import { feedFileText, parseFeed } from '../sources/feed.js';
import { readInputs } from '../sources/inputs.js';
import { createSqliteStore } from '../store/index.js';

export interface FeedEndToEnd {
  name: string;
  /** Items with text, or with a title and a link (rss-parser's items where it parsed the feed). */
  items: number;
  ingest: { articles: number; errors: number; lost: number };
  brief: { articles: number; errors: number; lost: number };
  /** The feed's own error line, when the feed as a whole could not be read. */
  feedError: string | null;
}

export interface FeedsEndToEndResult {
  feeds: FeedEndToEnd[];
  lost: { ingest: number; brief: number };
  items: number;
}

type Expected = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);

/** The failures a page can give, in turn. */
const FAILURES: ((res: http.ServerResponse) => void)[] = [
  (res) => res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not found</h1>'),
  (res) => res.writeHead(500).end(),
  (res) => res.writeHead(403, { 'content-type': 'text/html' }).end('<p>Forbidden</p>'),
  (res) => res.writeHead(503, { 'retry-after': '3600' }).end(),
  (res) => res.socket?.destroy(),
];

/**
 * Point every absolute link at the local server, keeping scheme and host in the path so that it can be
 * mapped back. Namespace names (xmlns) are identifiers, not links, and stay.
 */
function localise(doc: string, base: string): string {
  return doc.replace(
    /(xmlns(?::[\w.-]+)?\s*=\s*["'])?\b(https?):\/\//g,
    (m, ns: string | undefined, scheme) => (ns ? m : `${base}/x/${scheme}/`),
  );
}

function unlocalise(s: string, base: string): string {
  return s.replace(new RegExp(`${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/x/(https?)/`, 'g'), '$1://');
}

/** rss-parser's items of a feed; where it has no output, our own parse of the original (else none). */
function expectedItems(dir: string, file: string): Expected[] {
  const out = path.join(dir, 'output', `${file.replace(/\.[^.]+$/, '')}.json`);
  if (existsSync(out)) {
    const doc = JSON.parse(new TextDecoder('latin1').decode(readFileSync(out))) as {
      feed?: { items?: Expected[] };
    };
    return doc.feed?.items ?? [];
  }
  try {
    const text = feedFileText(readFileSync(path.join(dir, 'input', file))) ?? '';
    return parseFeed(text, '', 'https://feeds.example/').items.map((i) => ({
      guid: i.id,
      link: i.url,
      title: i.title,
      content: i.content,
    }));
  } catch {
    return [];
  }
}

/** Names an expected item may be given by in an output line: guid, id, link, title. */
function namesOf(e: Expected): string[] {
  return [str(e.guid), str(e.id), str(e.link), str(e.title)].filter((x): x is string => x !== null);
}

const counts = (named: Map<string, 'article' | 'error'>, expected: Expected[]) => {
  let articles = 0;
  let errors = 0;
  let lost = 0;
  for (const e of expected) {
    const outcome = namesOf(e)
      .map((n) => named.get(n) ?? named.get(normal(n)))
      .find(Boolean);
    if (outcome === 'article') articles++;
    else if (outcome === 'error') errors++;
    else lost++;
  }
  return { articles, errors, lost };
};

function normal(u: string): string {
  try {
    return new URL(u).toString();
  } catch {
    return u;
  }
}

export async function evaluateFeedsEndToEnd(dir: string): Promise<FeedsEndToEndResult> {
  const files = readdirSync(path.join(dir, 'input')).sort();
  let served = '';
  let turn = 0;
  const server = http.createServer((req, res) => {
    if (req.url === '/feed')
      return res.writeHead(200, { 'content-type': 'text/xml' }).end(Buffer.from(served, 'latin1'));
    FAILURES[turn++ % FAILURES.length]?.(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const feedUrl = `${base}/feed`;
  const fetch = { allowPrivateAddresses: true, timeoutMs: 5000 };
  const feeds: FeedEndToEnd[] = [];
  try {
    for (const file of files) {
      const name = file.replace(/\.[^.]+$/, '');
      // Bytes as Latin-1 so that any encoding passes through the rewrite unchanged.
      served = localise(readFileSync(path.join(dir, 'input', file)).toString('latin1'), base);
      const expected = expectedItems(dir, file).filter(
        (e) => str(e['content:encoded']) ?? str(e.content) ?? str(e.summary) ?? (str(e.title) && str(e.link)),
      );

      const store = createSqliteStore(':memory:');
      const report = await ingestInput(feedUrl, { store, analyse, fetch });
      await store.close();
      const fromIngest = new Map<string, 'article' | 'error'>();
      for (const i of report.items) if (i.item) fromIngest.set(unlocalise(i.item, base), 'article');
      for (const e of report.errors) if (e.item) fromIngest.set(unlocalise(e.item, base), 'error');
      const feedError = report.errors.find((e) => !e.item && e.input === feedUrl)?.error ?? null;

      const fromBrief = new Map<string, 'article' | 'error'>();
      for await (const r of readInputs([feedUrl], undefined, { fetch }))
        if (r.item) fromBrief.set(unlocalise(r.item, base), 'error' in r ? 'error' : 'article');

      feeds.push({
        name,
        items: expected.length,
        ingest: counts(fromIngest, expected),
        brief: counts(fromBrief, expected),
        feedError: feedError ? unlocalise(feedError, base) : null,
      });
    }
  } finally {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  }
  return {
    feeds,
    items: feeds.reduce((a, f) => a + f.items, 0),
    lost: {
      ingest: feeds.reduce((a, f) => a + f.ingest.lost, 0),
      brief: feeds.reduce((a, f) => a + f.brief.lost, 0),
    },
  };
}
