/**
 * Folder source: every `.txt`, `.md` and `.html` file of a folder (not its sub-folders), in name order,
 * and the feed files beside them (`.rss`, `.atom`, `.rdf`, `.xml`: a saved feed is read item by item).
 *
 * Titles: a Markdown file's leading `# Heading` is its title. In `.txt` and `.md` files the first line is
 * taken as the title when it looks like a headline: at most 160 characters and 25 words, not ending in
 * `.`, `,`, `;` or `:`, and followed by a blank line. Otherwise the article has no title of its own (the
 * briefing makes one). An HTML file is extracted like a fetched page; its canonical link, if any, is its URL.
 * A file's key is its `file://` URL (or the canonical URL), so a changed file becomes a new version.
 */
import { readdir, stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { NewsbriefError } from '../errors.js';
import { readArticleText } from './article-file.js';
import { extractHtml } from './html.js';
import { normalizeUrl, type SourcedArticle } from './types.js';

const ARTICLE_EXTENSIONS = new Set(['.txt', '.md', '.html', '.htm']);
/** A saved feed dropped into a folder of articles is a source too (recognised again by its content). */
const FEED_FILE_EXTENSIONS = new Set(['.rss', '.atom', '.rdf', '.xml']);
/** What a folder source reads: articles and feeds. */
const SOURCE_FILE_EXTENSIONS = new Set([...ARTICLE_EXTENSIONS, ...FEED_FILE_EXTENSIONS]);

/** Split off a headline first line (see the file comment). */
export function splitTitle(text: string, markdown: boolean): { title: string | null; body: string } {
  const src = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const lines = src.split('\n');
  let i = 0;
  while (i < lines.length && (lines[i] ?? '').trim() === '') i++;
  const first = (lines[i] ?? '').trim();
  const rest = () =>
    lines
      .slice(i + 1)
      .join('\n')
      .trim();
  if (markdown && /^#\s+\S/.test(first)) return { title: first.replace(/^#\s+/, '').trim(), body: rest() };
  const next = lines[i + 1];
  const headline =
    first.length > 0 &&
    first.length <= 160 &&
    first.split(/\s+/).length <= 25 &&
    !/[.,;:]$/.test(first) &&
    next !== undefined &&
    next.trim() === '';
  return headline ? { title: first, body: rest() } : { title: null, body: src.trim() };
}

/** Read one article file. */
export async function readArticleFile(path: string): Promise<SourcedArticle> {
  const abs = resolve(path);
  let raw: string;
  try {
    raw = await readArticleText(abs);
  } catch (err) {
    if (err instanceof NewsbriefError) throw err;
    throw new NewsbriefError(
      'bad_input',
      `Cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
  const fileKey = pathToFileURL(abs).toString();
  const ext = extname(abs).toLowerCase();
  if (ext === '.html' || ext === '.htm') {
    const page = extractHtml(raw, fileKey);
    if (!page.text.trim()) throw new NewsbriefError('bad_input', `${path} has no article text`);
    const key = page.url ? normalizeUrl(page.url) : fileKey;
    return { key, otherKeys: key === fileKey ? [] : [fileKey], article: page, source: abs };
  }
  const { title, body } = splitTitle(raw, ext === '.md');
  if (!body) throw new NewsbriefError('bad_input', `${path} is empty`);
  return {
    key: fileKey,
    article: { title, text: body, url: null, byline: null, publishedAt: null },
    source: abs,
  };
}

/** The article and feed files of a folder, in name order. */
export async function listSourceFiles(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    throw new NewsbriefError(
      'bad_input',
      `Cannot read folder ${dir}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
  const files: string[] = [];
  for (const name of names.sort()) {
    if (name.startsWith('.') || !SOURCE_FILE_EXTENSIONS.has(extname(name).toLowerCase())) continue;
    const p = join(dir, name);
    if ((await stat(p)).isFile()) files.push(p);
  }
  return files;
}
