/**
 * The word lists the recogniser consults. Generated lists (given names, places, demonyms, common words)
 * come from `npm run lexicons`; see docs/LEXICONS.md for their sources and licences.
 */
import { commonWords } from './generated/commonWords.js';
import { demonyms } from './generated/demonyms.js';
import { femaleGivenNames, givenNames, maleGivenNames } from './generated/givenNames.js';
import { organizations } from './generated/organizations.js';
import {
  canadianProvinces,
  capitals,
  cities,
  countryAliases,
  regions,
  usStates,
} from './generated/places.js';
import { knownSurnames } from './generated/surnames.js';
import { KNOWN_ORGANIZATIONS } from './organizations.js';

export { FUNCTION_WORDS } from './function-words.js';
export * from './titles.js';

export const GIVEN_NAMES: ReadonlySet<string> = givenNames;
export const FEMALE_NAMES: ReadonlySet<string> = femaleGivenNames;
export const MALE_NAMES: ReadonlySet<string> = maleGivenNames;
export const PLACES: ReadonlySet<string> = new Set([
  ...countryAliases.keys(),
  ...countryAliases.values(),
  ...capitals.keys(),
  ...usStates,
  ...canadianProvinces,
  ...regions,
  ...cities,
]);
/** Demonym or adjective of a place ("Russian" -> "Russia"). */
export const DEMONYMS: ReadonlyMap<string, string> = demonyms;
export const ORGANIZATIONS: ReadonlySet<string> = KNOWN_ORGANIZATIONS;
/** Firms, bands and teams (lowercase, from compromise's lexicon): "Nissan", "Tesco", "Aston Villa". */
export const BRANDS: ReadonlySet<string> = organizations;
/** Surnames of well-known people (lowercase, from compromise's lexicon): "Obama", "Nixon". */
export const KNOWN_SURNAMES: ReadonlySet<string> = knownSurnames;
export const COMMON_WORDS: ReadonlySet<string> = commonWords;
export {
  dictionaryWords as DICTIONARY_WORDS,
  personNouns as PERSON_NOUNS,
  verbForms as VERB_FORMS,
} from './generated/words.js';
export * from './people-words.js';
