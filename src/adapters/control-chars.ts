/**
 * Control and format characters (C0/C1 controls, bidi overrides and isolates, zero-width spaces), except
 * line feed, tab and the zero-width joiner that emoji sequences need. Article text is untrusted: a bidi
 * override makes it display in another order than it is stored in, and controls can confuse clients.
 */
const CONTROL = /(?![\n\t\u200D])[\p{Cc}\p{Cf}]/gu;

export function dropControlChars(text: string): string {
  return text.replace(CONTROL, '');
}
