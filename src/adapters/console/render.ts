/**
 * Terminal and Markdown renderings of the core's results. Pure functions: the caller decides whether
 * colour is wanted (a TTY without NO_COLOR) and where the text goes.
 */
import type { BriefingView, DigestView, NoticeView, PersonView } from '../../contracts/index.js';
import { dropControlChars } from '../control-chars.js';

export interface TextStyle {
  color: boolean;
}

const ansi = (code: string) => (s: string, style: TextStyle) =>
  style.color ? `\u001b[${code}m${s}\u001b[0m` : s;
const bold = ansi('1');
const dim = ansi('2');
const cyan = ansi('36');

// Whole CSI and OSC sequences (7-bit and C1 forms), removed first so that no "[2J" residue is left.
const ESCAPE_SEQUENCE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching escapes is the point
  /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]|(?:\u001b\]|\u009d)[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?/g;

/**
 * Control characters from article text must not reach the terminal: escape sequences could clear the
 * screen, set the window title or open links (OSC 8). The remaining control and format characters go
 * as they do for chat (bidi overrides among them). Tabs and newlines stay.
 */
export function terminalSafe(text: string): string {
  return dropControlChars(text.replace(ESCAPE_SEQUENCE, ''));
}

function personLine(p: BriefingView['people'][number]): string {
  const role = p.role ? `, ${p.role}` : '';
  const aka = p.aliases.length > 0 ? ` (also: ${p.aliases.join(', ')})` : '';
  return `${p.name}${role}${aka}`;
}

export function renderBriefingText(b: BriefingView, style: TextStyle): string {
  const s = (t: string) => terminalSafe(t);
  const lines: string[] = [];
  lines.push(bold(s(b.headline), style));
  if (b.url) lines.push(dim(s(b.url), style));
  if (b.summary) lines.push('', s(b.summary));
  if (b.keyPoints.length > 0) {
    lines.push('', cyan('Key points', style));
    for (const p of b.keyPoints) lines.push(`  • ${s(p)}`);
  }
  if (b.quotes.length > 0) {
    lines.push('', cyan('Quotes', style));
    for (const q of b.quotes) {
      const who = q.speaker ? `${q.speaker}${q.speakerRole ? `, ${q.speakerRole}` : ''}` : 'unattributed';
      lines.push(`  “${s(q.text)}”`, `      ${dim(`— ${s(who)}`, style)}`);
    }
  }
  if (b.people.length > 0) {
    lines.push('', cyan('People', style));
    for (const p of b.people) lines.push(`  ${s(personLine(p))}`);
  }
  const orgs = b.organizations;
  const places = b.places;
  if (orgs.length > 0) lines.push('', `${cyan('Organisations', style)}  ${s(orgs.join(', '))}`);
  if (places.length > 0)
    lines.push(
      `${places.length > 0 && orgs.length === 0 ? '\n' : ''}${cyan('Places', style)}  ${s(places.join(', '))}`,
    );
  return lines.join('\n');
}

/** Markdown: escape characters that would turn article text into markup. */
export function markdownEscape(text: string): string {
  return terminalSafe(text).replace(/([\\`*_{}[\]()#+\-!|>~<])/g, '\\$1');
}

export function renderBriefingMarkdown(b: BriefingView): string {
  const m = markdownEscape;
  const lines: string[] = [`## ${m(b.headline)}`];
  if (b.url) lines.push('', `<${b.url.replace(/[<>\s]/g, '')}>`);
  if (b.summary) lines.push('', m(b.summary));
  if (b.keyPoints.length > 0) lines.push('', '### Key points', '', ...b.keyPoints.map((p) => `- ${m(p)}`));
  if (b.quotes.length > 0) {
    lines.push('', '### Quotes', '');
    for (const q of b.quotes) {
      const who = q.speaker ? `${q.speaker}${q.speakerRole ? `, ${q.speakerRole}` : ''}` : 'unattributed';
      lines.push(`> “${m(q.text)}”`, `> — ${m(who)}`, '');
    }
  }
  if (b.people.length > 0) lines.push('', '### People', '', ...b.people.map((p) => `- ${m(personLine(p))}`));
  if (b.organizations.length > 0) lines.push('', `**Organisations:** ${m(b.organizations.join(', '))}`);
  if (b.places.length > 0) lines.push('', `**Places:** ${m(b.places.join(', '))}`);
  return lines.join('\n');
}

/** A notice of the app's (not found, rate limited, an error), strong parts in bold. */
export function renderNoticeText(view: NoticeView, style: TextStyle): string {
  return view.parts
    .map((part) => {
      const words = terminalSafe(part.text.replace(/\s+/g, ' '));
      return part.strong ? bold(words, style) : words;
    })
    .join('');
}

export function renderWhoText(r: PersonView | NoticeView, style: TextStyle): string {
  const s = terminalSafe;
  if (r.kind === 'notice') return renderNoticeText(r, style);
  const lines = [bold(s(r.name), style) + (r.role ? ` — ${s(r.role)}` : '')];
  if (r.aliases.length > 0) lines.push(dim(`Also: ${s(r.aliases.join(', '))}`, style));
  const seen = r.lastSeen ? `, last seen ${r.lastSeen.slice(0, 10)}` : '';
  const counts = `${r.mentions} mention${r.mentions === 1 ? '' : 's'} in ${r.articles} article${r.articles === 1 ? '' : 's'}`;
  lines.push(dim(`${counts}${seen}`, style));
  if (r.quotes.length > 0) {
    lines.push('', cyan('Said', style));
    for (const q of r.quotes) lines.push(`  “${s(q.text)}”${q.title ? dim(` (${s(q.title)})`, style) : ''}`);
  }
  if (r.sentences.length > 0) {
    lines.push('', cyan('In the news', style));
    for (const t of r.sentences) lines.push(`  • ${s(t)}`);
  }
  return lines.join('\n');
}

/** A digest as printed blocks (banner, text): the list of stories, each briefed story, then the rest counted. */
export function renderDigestText(view: DigestView | NoticeView, style: TextStyle): [string | null, string][] {
  if (view.kind === 'notice') return [[null, renderNoticeText(view, style)]];
  const list = view.stories.map((story, i) => `  ${i + 1}. ${terminalSafe(story.headline)}`).join('\n');
  const blocks: [string | null, string][] = [[view.title, list]];
  for (const item of view.thread) blocks.push([null, renderBriefingText(item.briefing, style)]);
  if (view.moreInThread) blocks.push([null, terminalSafe(view.moreInThread)]);
  return blocks;
}
