/**
 * Dates of feed items. RSS asks for RFC 822 dates in English, but many publishers' systems write the
 * day and month names in the site's language ("Seg, 24 Set 2018 19:42:40 -0300"), which `Date` does
 * not read. Month names are taken from the runtime's own locale data (ICU) for the languages feeds are
 * commonly written in, so no word list is kept here; a name that means different months in two of
 * them would be dropped (none does today).
 */
const LOCALES = [
  'pt',
  'es',
  'fr',
  'de',
  'it',
  'nl',
  'sv',
  'da',
  'nb',
  'pl',
  'cs',
  'ro',
  'tr',
  'fi',
  'id',
  'ca',
];
const ENGLISH_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\.$/, '');

let monthsByName: Map<string, number> | null = null;

function monthNames(): Map<string, number> {
  if (monthsByName) return monthsByName;
  const names = new Map<string, number>();
  const ambiguous = new Set<string>();
  for (const locale of LOCALES) {
    for (const month of ['short', 'long'] as const) {
      const format = new Intl.DateTimeFormat(locale, { month, timeZone: 'UTC' });
      for (let m = 0; m < 12; m++) {
        const name = fold(format.format(new Date(Date.UTC(2020, m, 15))));
        if (names.has(name) && names.get(name) !== m) ambiguous.add(name);
        names.set(name, m);
      }
    }
  }
  for (const name of ambiguous) names.delete(name);
  monthsByName = names;
  return names;
}

/** "[Day,] D Month YYYY hh:mm[:ss] [zone]" with the day and month in any of the languages above. */
const LOCALISED_RFC822 =
  /^(?:[\p{L}.]+,?\s+)?(\d{1,2})\s+([\p{L}.]+)\s+(\d{4})\s+(\d{1,2}:\d{2}(?::\d{2})?)(?:\s+(\S+))?$/u;

/** An item's date as ISO 8601, or null when it cannot be read. */
export function feedDate(value: string): string | null {
  const direct = new Date(value);
  if (!Number.isNaN(direct.getTime())) return direct.toISOString();
  const m = LOCALISED_RFC822.exec(value.trim());
  if (!m) return null;
  const [, day, monthName, year, time, zone] = m;
  const month = monthNames().get(fold(monthName ?? ''));
  if (month === undefined) return null;
  const english = `${day} ${ENGLISH_MONTHS[month]} ${year} ${time}${zone ? ` ${zone}` : ' GMT'}`;
  const d = new Date(english);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}
