/**
 * Hand-written word lists that tell a person's name from a thing's by the words around it, and that
 * bound a role's noun phrase. Lowercase. Generated lists (person nouns, verb forms, dictionary words)
 * come from `npm run lexicons`.
 */

/** Verbs of saying and thinking: only a person (or an organisation) is their subject. */
// biome-ignore format: a word list reads best packed
export const SAYING_VERBS: ReadonlySet<string> = new Set([
  'said', 'says', 'say', 'told', 'tells', 'added', 'adds', 'asked', 'asks', 'wrote', 'writes', 'tweeted',
  'stated', 'declared', 'explained', 'argued', 'claimed', 'insisted', 'warned', 'noted', 'replied',
  'responded', 'recalled', 'admitted', 'conceded', 'suggested', 'predicted', 'promised', 'vowed',
  'complained', 'remarked', 'joked', 'testified', 'thinks', 'believes', 'believed', 'thought', 'hopes',
  'hoped', 'wants', 'wanted', 'knew', 'knows', 'felt', 'feels', 'died', 'married', 'smiled', 'laughed',
  'cried', 'urged', 'acknowledged', 'announced', 'confirmed', 'denied', 'revealed', 'agreed', 'spoke',
  'speaks', 'described', 'called', 'pleaded', 'resigned', 'retired', 'lives', 'lived', 'grew', 'born',
]);

/** Words that may stand between a name and its verb ("Smith also said", "Smith has said"). */
// biome-ignore format: a word list reads best packed
export const VERB_GAP: ReadonlySet<string> = new Set([
  'also', 'later', 'then', 'has', 'had', 'have', 'previously', 'once', 'recently', 'again', 'further',
  'earlier', 'reportedly', 'herself', 'himself', 'would', 'will', 'did', 'does', 'was', 'is', 'never',
  'often', 'still', 'first', 'just', 'quickly', 'simply', 'repeatedly', 'publicly', 'privately',
]);

/**
 * Determiners and possessive pronouns: written before a name, they make it a thing named after a
 * person ("a Stella McCartney coat", "her Apple Watch"), since a person's name takes no determiner.
 */
// biome-ignore format: a word list reads best packed
export const THING_DETERMINERS: ReadonlySet<string> = new Set([
  'a', 'an', 'this', 'these', 'those', 'its', 'their', 'our', 'my', 'your', 'his', 'her', 'every',
  'each', 'another', 'any', 'no', 'some',
]);

/** Prepositions of place: "in Santa Rosa", "near Medicine Bow" name a place, not a person. */
// biome-ignore format: a word list reads best packed
export const PLACE_ONLY_PREPOSITIONS: ReadonlySet<string> = new Set([
  'in', 'near', 'outside', 'inside', 'across', 'throughout', 'into', 'via', 'towards', 'toward',
]);

/** Relatives and companions: "his wife Audrey", "Trump's son Eric". */
// biome-ignore format: a word list reads best packed
export const KIN_WORDS: ReadonlySet<string> = new Set([
  'wife', 'husband', 'son', 'daughter', 'mother', 'father', 'brother', 'sister', 'uncle', 'aunt', 'cousin',
  'nephew', 'niece', 'grandson', 'granddaughter', 'grandmother', 'grandfather', 'mum', 'mom', 'dad',
  'boyfriend', 'girlfriend', 'fiance', 'fiancee', 'fiancé', 'fiancée', 'partner', 'widow', 'widower',
  'stepfather', 'stepmother', 'stepson', 'stepdaughter', 'friend', 'baby', 'child', 'twin', 'spouse',
]);

/**
 * Words that open the names of places and undertakings, never a person's: "Mount Holyoke", "Port Vale",
 * "Boulevard Montmartre", "Operation Olympian", "Project Jonah".
 */
// biome-ignore format: a word list reads best packed
export const LEADING_THING_WORDS: ReadonlySet<string> = new Set([
  'mount', 'mt', 'lake', 'loch', 'fort', 'port', 'cape', 'isle', 'boulevard', 'avenue', 'rue', 'camp',
  'operation', 'project', 'team', 'club', 'radio', 'planet', 'hurricane', 'storm', 'typhoon', 'cyclone',
  'san', 'santa',
]);

/**
 * Words that end the names of newspapers, websites and sports clubs, never a person's: "Mail Online",
 * "Charlotte Observer", "Burton Albion", "Sheff Utd".
 */
// biome-ignore format: a word list reads best packed
export const TRAILING_ORG_WORDS: ReadonlySet<string> = new Set([
  'online', 'observer', 'herald', 'gazette', 'tribune', 'chronicle', 'journal', 'times', 'telegraph',
  'utd', 'united', 'albion', 'rovers', 'wanderers', 'athletic', 'hotspur', 'rangers', 'multimedia', 'tech',
]);

/**
 * Short forms of English given names and the name they shorten ("Joe Biden" is "Joseph R. Biden
 * Jr."): common hypocorisms, as listed in any dictionary of first names.
 */
export const SHORT_GIVEN_NAMES: ReadonlyMap<string, string> = new Map(
  (
    'Joe:Joseph Joey:Joseph Bill:William Billy:William Will:William Willie:William Bob:Robert Bobby:Robert ' +
    'Rob:Robert Bert:Robert Jim:James Jimmy:James Jamie:James Mike:Michael Mick:Michael Tom:Thomas ' +
    'Tommy:Thomas Tony:Anthony Dick:Richard Rick:Richard Ricky:Richard Rich:Richard Dave:David ' +
    'Dan:Daniel Danny:Daniel Chris:Christopher Steve:Steven Ted:Edward Ed:Edward Eddie:Edward ' +
    'Ben:Benjamin Sam:Samuel Nick:Nicholas Pat:Patrick Matt:Matthew Andy:Andrew Drew:Andrew ' +
    'Alex:Alexander Greg:Gregory Jeff:Jeffrey Jerry:Gerald Larry:Lawrence Chuck:Charles Charlie:Charles ' +
    'Hank:Henry Harry:Henry Jack:John Johnny:John Fred:Frederick Freddie:Frederick Ron:Ronald ' +
    'Don:Donald Doug:Douglas Ken:Kenneth Tim:Timothy Phil:Phillip Pete:Peter Ray:Raymond Russ:Russell ' +
    'Walt:Walter Wally:Walter Nate:Nathaniel Zach:Zachary Liz:Elizabeth Beth:Elizabeth Betty:Elizabeth ' +
    'Kate:Katherine Katie:Katherine Kathy:Katherine Cathy:Catherine Sue:Susan Susie:Susan Jen:Jennifer ' +
    'Jenny:Jennifer Meg:Margaret Peggy:Margaret Maggie:Margaret Barb:Barbara Pam:Pamela Debbie:Deborah ' +
    'Deb:Deborah Vicky:Victoria Abby:Abigail Mandy:Amanda Becky:Rebecca Chrissy:Christine ' +
    'Cindy:Cynthia Patty:Patricia Trish:Patricia Sandy:Sandra Terry:Teresa Nan:Nancy'
  )
    .split(' ')
    .map((pair) => pair.split(':') as [string, string]),
);

/**
 * Religions and their followers: a name ending in one is a group ("Rohingya Muslim minority", "Coptic
 * Christians"), and the religion alone is no person ("radical Islam"). Capitalised as written.
 */
// biome-ignore format: a word list reads best packed
export const RELIGION_WORDS: ReadonlySet<string> = new Set([
  'Islam', 'Christianity', 'Judaism', 'Hinduism', 'Buddhism', 'Sikhism', 'Catholicism', 'Muslim',
  'Muslims', 'Christians', 'Jew', 'Jews', 'Hindu', 'Hindus', 'Buddhist', 'Buddhists', 'Sikh', 'Sikhs',
  'Catholics', 'Protestants', 'Mormons', 'Sunni', 'Sunnis', 'Shia', 'Shiite', 'Shiites', 'Evangelicals',
]);
