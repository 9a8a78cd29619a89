/**
 * Making untrusted text safe for Slack's mrkdwn, and links that only the article's own URL can produce.
 *
 * Slack parses `<...>` in message text as mentions (`<!channel>`, `<@U123>`, `<!subteam^S1>`) and links
 * (`<https://x|label>`), and asks apps to escape exactly three characters: `&`, `<` and `>`. Once those
 * are escaped, article text cannot open a control sequence. Beyond that:
 * - `@channel`, `@here` and `@everyone` get a zero-width space after the `@`, so that neither
 *   `link_names` nor a client that parses bare words can turn them into a broadcast;
 * - text objects are sent with `verbatim: true`, so Slack does not turn bare URLs or `#channel` names
 *   in the article into links;
 * - the plain-text fallback gets a zero-width space after `://`, so clients do not link bare URLs in it.
 * Trimming counts the escaped length (what Slack counts) and never cuts an entity or a surrogate pair.
 */
import { dropControlChars } from '../control-chars.js';
import { MAX_URL_LENGTH } from './limits.js';

const ZWSP = '\u200B';
const ELLIPSIS = '…';

/**
 * Drops control and format characters (bidi overrides among them), escapes `&`, `<`, `>` and defuses
 * broadcast words. The result is safe inside any mrkdwn text.
 */
export function escapeMrkdwn(raw: string): string {
  return dropControlChars(raw)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@(channel|here|everyone)\b/gi, `@${ZWSP}$1`);
}

/** Like {@link escapeMrkdwn}, and also keeps clients from linking bare URLs: for the plain fallback. */
export function escapeFallback(raw: string): string {
  return escapeMrkdwn(raw).replace(/:\/\//g, `:${ZWSP}//`);
}

/** Collapses runs of white space (including line breaks) into one space and trims the ends. */
export function oneLine(raw: string): string {
  return raw.replace(/\s+/g, ' ').trim();
}

/**
 * Escapes `raw` with `esc` and shortens it so that the escaped result has at most `max` characters,
 * ending with "…" when shortened. Cuts at a space when one is near the end, never inside an entity
 * (`&amp;`) or a surrogate pair.
 */
export function escapeAndTrim(raw: string, max: number, esc: (s: string) => string = escapeMrkdwn): string {
  const full = esc(raw);
  if (full.length <= max) return full;
  const room = max - ELLIPSIS.length;
  if (room <= 0) return ELLIPSIS.slice(0, Math.max(0, max));
  // Grow the raw prefix code point by code point while its escaped form fits.
  let rawEnd = 0;
  let escapedLength = 0;
  for (const ch of raw) {
    const piece = esc(ch).length;
    if (escapedLength + piece > room) break;
    escapedLength += piece;
    rawEnd += ch.length;
  }
  let cut = raw.slice(0, rawEnd);
  const space = cut.lastIndexOf(' ');
  if (space > cut.length * 0.8) cut = cut.slice(0, space);
  // A cut can split `@channel` so that escaping the prefix differs; re-check and shorten until it fits.
  let out = esc(cut.trimEnd());
  while (out.length > room && cut.length > 0) {
    cut = Array.from(cut).slice(0, -1).join('');
    out = esc(cut.trimEnd());
  }
  return out + ELLIPSIS;
}

/** Shortens plain text (no escaping: for `plain_text` objects such as headers) to `max` characters. */
export function trimPlain(raw: string, max: number): string {
  const text = oneLine(raw);
  if (text.length <= max) return text;
  const chars = Array.from(text);
  let cut = '';
  for (const ch of chars) {
    if (cut.length + ch.length > max - ELLIPSIS.length) break;
    cut += ch;
  }
  const space = cut.lastIndexOf(' ');
  if (space > cut.length * 0.8) cut = cut.slice(0, space);
  return cut.trimEnd() + ELLIPSIS;
}

/**
 * The article's URL as a safe link target, or null: only absolute http(s) URLs, no longer than Slack
 * accepts, with the characters that could end a mrkdwn link (`|`, `<`, `>`) percent-encoded and `&`
 * escaped as Slack expects inside `<...>`.
 */
export function safeHref(url: string | null | undefined): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  if (parsed.username || parsed.password) return null;
  const href = parsed.href
    .replace(/\|/g, '%7C')
    .replace(/</g, '%3C')
    .replace(/>/g, '%3E')
    .replace(/\s/g, (c) => encodeURIComponent(c))
    .replace(/&/g, '&amp;');
  return href.length <= MAX_URL_LENGTH ? href : null;
}

/** A mrkdwn link to the article's own URL with an escaped label, or just the escaped label. */
export function linkOrLabel(url: string | null | undefined, label: string, maxLabel = 200): string {
  const text = escapeAndTrim(oneLine(label), maxLabel);
  const href = safeHref(url);
  return href ? `<${href}|${text}>` : text;
}

/** The host of a URL for use as a short link label ("www.example.com"), or "source". */
export function hostLabel(url: string): string {
  try {
    return new URL(url).hostname || 'source';
  } catch {
    return 'source';
  }
}
