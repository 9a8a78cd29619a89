/**
 * Discord's message and embed limits, as documented for API v10 ("Embed Limits", "Create Message").
 * Every renderer in this folder measures against these names, never against bare numbers.
 */

/** Characters in an embed title. */
export const EMBED_TITLE_MAX = 256;
/** Characters in an embed description. */
export const EMBED_DESCRIPTION_MAX = 4096;
/** Fields in one embed. */
export const EMBED_FIELDS_MAX = 25;
/** Characters in a field name. */
export const EMBED_FIELD_NAME_MAX = 256;
/** Characters in a field value. */
export const EMBED_FIELD_VALUE_MAX = 1024;
/** Characters in an embed footer's text. */
export const EMBED_FOOTER_MAX = 2048;
/** Characters in an embed author's name. */
export const EMBED_AUTHOR_NAME_MAX = 256;
/** Characters summed over every title, description, field name and value, footer and author of a message's embeds. */
export const EMBEDS_TOTAL_MAX = 6000;
/** Embeds in one message. */
export const EMBEDS_PER_MESSAGE_MAX = 10;
/** Characters of a message's plain `content`. */
export const CONTENT_MAX = 2000;

/** Characters in a thread (channel) name. */
export const THREAD_NAME_MAX = 100;
/** A message nonce: an integer or a string of at most 25 characters. */
export const NONCE_MAX = 25;
/** Choices in one autocomplete answer. */
export const AUTOCOMPLETE_CHOICES_MAX = 25;
/** Characters in an autocomplete choice's name and value. */
export const AUTOCOMPLETE_CHOICE_MAX = 100;
/** Characters in a string option of a slash command (Discord's own ceiling for `max_length`). */
export const STRING_OPTION_MAX = 6000;
/** An interaction must be answered (or deferred) within this many milliseconds. */
export const INTERACTION_ANSWER_MS = 3000;
