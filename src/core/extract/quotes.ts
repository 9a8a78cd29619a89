/**
 * Crediting each quotation to its speaker with attribution grammar rather than a fixed verb list:
 *   “…,” X said.  /  “…,” said X.  /  X said: “…”  /  X said, “…”  /  X called it “…”
 * A speaker may be a person's name, a description or pronoun (resolved to the person meant), or an
 * institution ("a statement from No 10 said"). A quotation standing alone in its paragraph continues
 * the previous paragraph's speaker.
 */
import type { Doc, Token } from './document.js';
import { FUNCTION_WORDS, PRONOUNS } from './lexicon/index.js';
import type { PeopleResult, PersonEntity } from './people.js';
import type { QuoteSpan } from './quote-spans.js';
import type { NameRun } from './runs.js';

export interface AttributedQuote {
  text: string;
  person: PersonEntity | null;
  /** An institution or unresolved name credited when no person is. */
  other: string | null;
  paragraph: number;
}

type Speaker = { person: PersonEntity | null; other: string | null };

const NOBODY: Speaker = { person: null, other: null };
const CLAUSE_END = /[.!?;]/;

interface Context {
  doc: Doc;
  people: PeopleResult;
  institutions: Map<number, NameRun>;
}

function tokensBetween(doc: Doc, paragraph: number, from: number, to: number): Token[] {
  return doc.tokens.filter((t) => t.paragraph === paragraph && t.start >= from && t.end <= to && !t.inQuote);
}

/** The speaker named in a clause: a person (not a possessive), else a pronoun, else an institution. */
function speakerIn(
  ctx: Context,
  clause: Token[],
  prefer: 'first' | 'last',
): Speaker & { pronoun: Token | null } {
  const persons: PersonEntity[] = [];
  const others: string[] = [];
  let pronoun: Token | null = null;
  for (const t of clause) {
    const at = ctx.people.mentionAt.get(t.index);
    if (at && !at.mention.possessive) persons.push(at.person);
    const inst = ctx.institutions.get(t.index);
    if (inst && !inst.possessive) others.push(inst.nameText);
    if (
      !pronoun &&
      (t.lower === 'he' || t.lower === 'she' || t.lower === 'they' || t.lower === 'i' || t.lower === 'we')
    )
      pronoun = t;
  }
  const person = prefer === 'first' ? persons[0] : persons[persons.length - 1];
  if (person) return { person, other: null, pronoun: null };
  if (pronoun) return { person: null, other: null, pronoun };
  const other = prefer === 'first' ? others[0] : others[others.length - 1];
  return { person: null, other: other ?? null, pronoun: null };
}

/** Who "he" or "she" most likely is: the last quoted speaker, else the last person named as a subject. */
function resolvePronoun(ctx: Context, pronoun: Token, lastSpeaker: Speaker): Speaker {
  const gender = pronoun.lower === 'he' ? 'male' : pronoun.lower === 'she' ? 'female' : null;
  const fits = (p: PersonEntity): boolean => gender === null || p.gender === null || p.gender === gender;
  if (lastSpeaker.person && fits(lastSpeaker.person)) return lastSpeaker;
  let best: PersonEntity | null = null;
  let bestAt = -1;
  for (const p of ctx.people.people) {
    if (!fits(p)) continue;
    for (const m of p.mentions) {
      if (m.first < pronoun.index && m.first > bestAt && !m.inQuote) {
        bestAt = m.first;
        best = p;
      }
    }
  }
  if (best) return { person: best, other: null };
  return lastSpeaker.other ? lastSpeaker : NOBODY;
}

function resolve(
  ctx: Context,
  found: Speaker & { pronoun: Token | null },
  lastSpeaker: Speaker,
): Speaker | null {
  if (found.person || found.other) return { person: found.person, other: found.other };
  if (found.pronoun) return resolvePronoun(ctx, found.pronoun, lastSpeaker);
  return null;
}

function clauseAfter(ctx: Context, paragraph: number, from: number): Token[] {
  const text = ctx.doc.paragraphs[paragraph] ?? '';
  let end = from;
  while (end < text.length && !CLAUSE_END.test(text[end] as string) && text[end] !== '“' && text[end] !== '‘')
    end++;
  return tokensBetween(ctx.doc, paragraph, from, end).slice(0, 14);
}

function clauseBefore(ctx: Context, paragraph: number, to: number): Token[] {
  const text = ctx.doc.paragraphs[paragraph] ?? '';
  const sentence = ctx.doc.sentences.find(
    (s) => s.paragraph === paragraph && s.start <= to && to <= s.end + 1,
  );
  let start = sentence ? sentence.start : 0;
  // Stop at an earlier quotation's closing mark in the same sentence.
  const lastClose = Math.max(text.lastIndexOf('”', to - 1), text.lastIndexOf('’ ', to - 1));
  if (lastClose > start) start = lastClose + 1;
  return tokensBetween(ctx.doc, paragraph, start, to);
}

/** Drop leading words of a clause before the first comma-free segment that names someone. */
function firstNamingSegment(ctx: Context, clause: Token[]): Token[] {
  const segments: Token[][] = [[]];
  for (const t of clause) {
    (segments[segments.length - 1] as Token[]).push(t);
    if (t.post.includes(',')) segments.push([]);
  }
  // A person or pronoun anywhere in the clause beats an institution named earlier in it
  // ("Speaking to CNN on Sunday, Mr X said:").
  for (const seg of segments) {
    const hit = speakerIn(ctx, seg, 'last');
    if (hit.person || hit.pronoun) return seg;
  }
  for (const seg of segments) {
    if (speakerIn(ctx, seg, 'last').other) return seg;
  }
  return [];
}

export function attributeQuotes(doc: Doc, people: PeopleResult, otherRuns: NameRun[]): AttributedQuote[] {
  const institutions = new Map<number, NameRun>();
  for (const run of otherRuns)
    if (!run.inQuote) institutions.set((run.name[0] ?? (run.title[0] as Token)).index, run);
  const ctx: Context = { doc, people, institutions };
  const results: AttributedQuote[] = [];
  let lastSpeaker: Speaker = NOBODY;
  let lastParagraph = -1;
  for (const quote of doc.quotes) {
    const firstSeg = quote.segments[0];
    const lastSeg = quote.segments[quote.segments.length - 1];
    if (!firstSeg || !lastSeg) continue;
    const speaker =
      attributeOne(ctx, quote, lastSpeaker) ??
      (lastParagraph >= firstSeg.paragraph - 1 ? lastSpeaker : NOBODY);
    results.push({
      text: quote.text,
      person: speaker.person,
      other: speaker.other,
      paragraph: firstSeg.paragraph,
    });
    if (speaker.person || speaker.other) {
      lastSpeaker = speaker;
      lastParagraph = lastSeg.paragraph;
    }
  }
  return results;
}

function attributeOne(ctx: Context, quote: QuoteSpan, lastSpeaker: Speaker): Speaker | null {
  const firstSeg = quote.segments[0] as QuoteSpan['segments'][number];
  const lastSeg = quote.segments[quote.segments.length - 1] as QuoteSpan['segments'][number];
  const text = ctx.doc.paragraphs[firstSeg.paragraph] ?? '';
  const before = clauseBefore(ctx, firstSeg.paragraph, firstSeg.openAt);
  const quoteEndsSentence = /[.!?…][’”]?$/.test(
    (ctx.doc.paragraphs[lastSeg.paragraph] ?? '').slice(Math.max(0, lastSeg.end - 2), lastSeg.closeEnd),
  );
  const after = quoteEndsSentence ? [] : clauseAfter(ctx, lastSeg.paragraph, lastSeg.closeEnd);

  // “…,” said X / “…,” X said: the words right after the closing mark.
  if (after.length > 0) {
    const lead = after.slice(0, 10);
    const found = speakerIn(ctx, firstNamingSegment(ctx, lead), 'first');
    if (found.person || found.pronoun || found.other) return resolve(ctx, found, lastSpeaker);
  }
  // X said: “…” / X said, “…” / X called it “…”: the clause before the opening mark.
  const beforeText = text.slice(0, firstSeg.openAt).trimEnd();
  if (before.length > 0) {
    const found = speakerIn(ctx, firstNamingSegment(ctx, before), 'last');
    const resolved = resolve(ctx, found, lastSpeaker);
    if (resolved) return resolved;
  }
  // A quotation opening its paragraph after "X said:" at the end of the previous one.
  if (before.length === 0 && /^\s*$/.test(beforeText)) {
    const prev = ctx.doc.paragraphs[firstSeg.paragraph - 1];
    if (prev && /:\s*$/.test(prev)) {
      const clause = clauseBefore(ctx, firstSeg.paragraph - 1, prev.length);
      const found = speakerIn(ctx, firstNamingSegment(ctx, clause), 'last');
      const resolved = resolve(ctx, found, lastSpeaker);
      if (resolved) return resolved;
    }
  }
  // A sentence after the quotation naming the speaker ("“…” That was how Mr X put it."): too loose; fall back.
  return null;
}

export function isFunctionWord(word: string): boolean {
  return FUNCTION_WORDS.has(word) || PRONOUNS.has(word);
}
