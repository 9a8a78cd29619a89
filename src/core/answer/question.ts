/**
 * What kind of answer a question asks for, read from its form: "who"/"whom"/"what is the name of" want
 * a person, "how many"/"how much"/"how old" a number, "when"/"what year" a date, "where"/"which city" a
 * place. Crowd-written questions are short and put the asking word first (or after a preposition:
 * "In which state ..."), so the first words decide.
 */

export type AnswerKind = 'person' | 'number' | 'date' | 'place' | 'reason' | 'thing';

/** Nouns after "which"/"what" that ask for a place. */
const PLACE_NOUNS =
  /^(?:country|countries|city|cities|state|states|town|towns|village|county|province|region|island|continent|capital|nation|place|venue|stadium|airport|hospital|prison|port|district|neighbou?rhood|area|location|street|address)\b/;
/** Nouns after "which"/"what" that ask for a time. */
const DATE_NOUNS = /^(?:year|years|month|day|date|time|decade|century|season|week|hour|era)\b/;
/** Nouns after "which"/"what" that ask for a number. */
const NUMBER_NOUNS =
  /^(?:number|amount|percentage|percent|share|price|cost|score|age|size|sum|fee|figure|total|rate|salary|fine|height|weight|distance|margin|odds)\b/;
/** Nouns after "which"/"what" that ask for a person (a role noun names who fills it). */
const PERSON_NOUNS =
  /^(?:person|people|man|men|woman|women|boy|girl|player|players|actor|actress|singer|star|president|senator|governor|leader|candidate|reporter|journalist|writer|author|director|official|officer|manager|coach|captain|driver|minister|judge|lawyer|host|chairman|chief|spokesman|spokeswoman|doctor|scientist|artist|mayor|footballer|striker|defender|goalkeeper|pitcher|referee|suspect|victim|husband|wife|son|daughter|mother|father|brother|sister|friend|teacher|student|professor|anchor|astronaut|jockey|dermatologist|photographer|model)\b/;

/** The words after the asking word, without a leading preposition ("In which state" -> "state ..."). */
function afterWhichOrWhat(q: string): string | null {
  const m = /^(?:(?:in|at|on|for|from|to|by|with|of|since|until)\s+)?(?:which|what)\s+(.*)$/.exec(q);
  return m ? (m[1] ?? '') : null;
}

export function questionKind(question: string): AnswerKind {
  const q = question
    .trim()
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/^(?:and|so|but|then|ok|okay)\s+/, '');
  if (/^(?:who|whom|whose)\b/.test(q) || /^(?:to|by|with|for|from|of)\s+whom\b/.test(q)) return 'person';
  if (/^(?:how\s+(?:many|much|old|long|far|big|large|tall|high|often|fast|heavy|deep))\b/.test(q))
    return 'number';
  if (/^(?:when|since\s+when|until\s+when)\b/.test(q)) return 'date';
  if (/^(?:where|from\s+where)\b/.test(q)) return 'place';
  if (/^(?:why|how\s+come)\b/.test(q)) return 'reason';
  // "What is the name of the Bolivian president": a person's name when a person is named by role;
  // "the name of the ship" wants a proper name, which the "thing" evidence looks for.
  const named = /^what(?:'s|\s+is|\s+was|\s+are|\s+were)\s+(?:the\s+)?(?:full\s+)?names?\s+of\s+(.*)$/.exec(
    q,
  );
  if (named) {
    const of = (named[1] ?? '').replace(/^(?:the|a|an|his|her|their|its|\w+'s)\s+/, '').split(/\s+/);
    return of.some((w) => PERSON_NOUNS.test(w)) ? 'person' : 'thing';
  }
  const rest = afterWhichOrWhat(q);
  if (rest !== null) {
    const noun = rest.replace(/^(?:the|a|an|two|three|former|new|\w+'s)\s+/, '');
    if (PLACE_NOUNS.test(noun)) return 'place';
    if (DATE_NOUNS.test(noun)) return 'date';
    if (NUMBER_NOUNS.test(noun)) return 'number';
    if (PERSON_NOUNS.test(noun)) return 'person';
  }
  return 'thing';
}
