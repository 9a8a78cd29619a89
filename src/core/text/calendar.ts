/** Calendar words: never names, and their short forms end with a full stop mid-sentence ("Jan. 5"). */

// biome-ignore format: a word list reads best packed
export const MONTH_AND_DAY_ABBREVIATIONS: readonly string[] = [
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun',
];

// biome-ignore format: a word list reads best packed
export const MONTH_AND_DAY_NAMES: readonly string[] = [
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october',
  'november', 'december',
];
