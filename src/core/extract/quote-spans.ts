/**
 * Finding quotations in paragraphs of normalised text (“ ” and ‘ ’ marks). A quotation left open at
 * the end of a paragraph continues when the next paragraph opens with a mark (the newspaper
 * convention); an opening mark met while a quotation is still open after a sentence end is the same
 * convention in text whose paragraph breaks were flattened away. Both become one quotation.
 */

export interface QuoteSegment {
  paragraph: number;
  /** Offsets of the words inside the marks. */
  start: number;
  end: number;
  /** Offsets including the marks (`closeEnd` is the paragraph length when the mark is missing). */
  openAt: number;
  closeEnd: number;
}

export interface QuoteSpan {
  segments: QuoteSegment[];
  text: string;
}

const MAX_QUOTE_CHARS = 5000;

/** Is the ’ at `i` a closing single quote rather than an apostrophe? */
function closesSingle(p: string, i: number): boolean {
  const before = p[i - 1] ?? '';
  const after = p[i + 1] ?? '';
  if (/[\p{L}\p{N}]/u.test(after)) return false; // it’s, I’d
  if (/[.,!?…—–-]/.test(before)) return true;
  // "the players’ efforts": a plural possessive, followed by a lowercase word.
  if (before === 's' && /\s/.test(after) && /^\s+[a-z]/.test(p.slice(i + 1, i + 4))) return false;
  return /[\p{L}\p{N})]/u.test(before);
}

function opensSingle(p: string, i: number): boolean {
  const before = p[i - 1] ?? ' ';
  const after = p[i + 1] ?? '';
  return /[\s([{—–\-“:]/.test(before) && /[\p{L}\p{N}‘“.…]/u.test(after);
}

interface OpenQuote {
  mark: '“' | '‘';
  segments: QuoteSegment[];
  start: number;
  openAt: number;
}

/** Find every quotation across the paragraphs, in reading order. */
export function findQuoteSpans(paragraphs: readonly string[]): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  let carried: OpenQuote | null = null;
  const finish = (open: OpenQuote, paragraph: number, end: number, closeEnd: number, text: string): void => {
    open.segments.push({ paragraph, start: open.start, end, openAt: open.openAt, closeEnd });
    const joined = open.segments
      .map((s) =>
        (s.paragraph === paragraph ? text : (paragraphs[s.paragraph] ?? '')).slice(s.start, s.end).trim(),
      )
      .filter(Boolean)
      .join(' ')
      .replace(/\s+/g, ' ')
      .replace(/^[‘“]+|[’”]+$/g, '')
      .trim();
    if (joined) spans.push({ segments: open.segments, text: joined });
  };

  for (const [index, p] of paragraphs.entries()) {
    let open: OpenQuote | null = null;
    const previous = carried as OpenQuote | null;
    carried = null;
    // Without a continuation mark the earlier paragraph's quote ended with its paragraph.
    if (previous && p.trimStart()[0] === previous.mark) {
      const lead = p.length - p.trimStart().length;
      open = { ...previous, start: lead + 1, openAt: lead };
    }
    for (let i = 0; i < p.length; i++) {
      const ch = p[i];
      if (open) {
        const closes = open.mark === '“' ? ch === '”' : ch === '’' && closesSingle(p, i);
        if (closes) {
          finish(open, index, i, i + 1, p);
          open = null;
          continue;
        }
        // A fresh opening mark of the same kind right after a sentence end: a flattened paragraph break.
        if (ch === open.mark && /[.!?…]\s*$/.test(p.slice(Math.max(0, i - 3), i))) {
          open.segments.push({
            paragraph: index,
            start: open.start,
            end: i,
            openAt: open.openAt,
            closeEnd: i,
          });
          open.start = i + 1;
          open.openAt = i;
          continue;
        }
        if (i - open.start > MAX_QUOTE_CHARS) {
          open = null; // an unmatched mark, not a quotation
        }
        continue;
      }
      if (ch === '“') open = { mark: '“', segments: [], start: i + 1, openAt: i };
      else if (ch === '‘' && opensSingle(p, i)) open = { mark: '‘', segments: [], start: i + 1, openAt: i };
    }
    if (open) {
      const next = paragraphs[index + 1]?.trimStart()[0];
      if (next === open.mark) {
        open.segments.push({
          paragraph: index,
          start: open.start,
          end: p.length,
          openAt: open.openAt,
          closeEnd: p.length,
        });
        carried = open;
      } else {
        finish(open, index, p.length, p.length, p);
      }
    }
  }
  return spans;
}
