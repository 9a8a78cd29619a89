/**
 * Quotation marks arrive as straight quotes, curly quotes, TeX-style pairs and the British single-quote
 * style where ’ doubles as the apostrophe. Everything downstream works on one form: “ ” for double
 * quotes and ‘ ’ for single quotes, so that opening and closing marks stay distinguishable.
 */

export const OPEN_DOUBLE = '“';
export const CLOSE_DOUBLE = '”';
export const OPEN_SINGLE = '‘';
export const CLOSE_SINGLE = '’';

const OPENING_CONTEXT = /[\s([{\-–—/:;]/;

/** Decide whether a straight mark at `index` opens (true) or closes (false) a quotation. */
function opensAt(text: string, index: number): boolean {
  if (index === 0) return true;
  const before = text[index - 1] ?? ' ';
  const after = text[index + 1] ?? ' ';
  // `important,' " Magel said`: a mark followed by space or punctuation closes, whatever precedes it.
  if (/[\s,.;:!?)\]]/.test(after)) return false;
  if (OPENING_CONTEXT.test(before)) return true;
  if (before === OPEN_DOUBLE || before === OPEN_SINGLE) return true;
  return false;
}

export function normalizeQuoteMarks(text: string): string {
  let out = text
    .replace(/``/g, OPEN_DOUBLE)
    .replace(/''/g, '"')
    .replace(/[„‟〝]/g, OPEN_DOUBLE)
    .replace(/[〞〟]/g, CLOSE_DOUBLE)
    .replace(/[«»]/g, '"')
    .replace(/[‚‛]/g, OPEN_SINGLE)
    .replace(/[′]/g, "'")
    .replace(/[″]/g, '"');
  if (out.includes('"')) {
    let result = '';
    for (let i = 0; i < out.length; i++) {
      const ch = out[i] as string;
      if (ch === '"') result += opensAt(out, i) ? OPEN_DOUBLE : CLOSE_DOUBLE;
      else result += ch;
    }
    out = result;
  }
  // A straight single quote opens a quotation only in the shape ' + capital ... punctuation + ';
  // elsewhere it is an apostrophe and is written as ’ (the same mark curly text uses).
  if (out.includes("'")) {
    out = out.replace(/(^|[\s([{—–-])'(?=[A-Z0-9])/g, `$1${OPEN_SINGLE}`).replace(/'/g, CLOSE_SINGLE);
  }
  return out;
}
