/**
 * Slack's limits, as named constants, and the budgets this adapter keeps inside them.
 *
 * Hard limits come from Slack's Block Kit and Web API reference. Budgets are our own, set below the hard
 * limits: Slack has been seen to refuse messages whose blocks add up to about 13,000 characters
 * (`msg_blocks_too_long`) although each block was within its own limit.
 */

/** Most blocks one message may carry. */
export const MAX_BLOCKS_PER_MESSAGE = 50;
/** Most characters in a section block's text. */
export const MAX_SECTION_TEXT = 3000;
/** Most characters in a header block's plain text. */
export const MAX_HEADER_TEXT = 150;
/** Most elements in a context block. */
export const MAX_CONTEXT_ELEMENTS = 10;
/** Most characters in one context element's text (Slack: 3,000 for a text object). */
export const MAX_CONTEXT_TEXT = 3000;
/** Most characters in a message's top-level `text` (Slack truncates past this). */
export const MAX_MESSAGE_TEXT = 40_000;
/** Most characters in a URL that Slack accepts in a link. */
export const MAX_URL_LENGTH = 3000;

/** Our budget for all block text of one message together: well under Slack's ~13,000 refusal point. */
export const MESSAGE_BLOCKS_BUDGET = 11_000;
/** Our budget for the plain-text fallback (`text`): it is what notifications and screen readers show. */
export const FALLBACK_TEXT_BUDGET = 3000;
/** Most messages one briefing's thread gets (quotes, then people); the rest is counted, not shown. */
export const MAX_THREAD_MESSAGES = 4;
/** Longest single line (a key point, a quote, a person) before it is shortened with an ellipsis. */
export const MAX_LINE_CHARS = 1000;

/** Slack's time limit for acknowledging a slash command or an event. */
export const ACK_DEADLINE_MS = 3000;
/** How far a request's timestamp may be from our clock, in either direction. */
export const MAX_REQUEST_AGE_SECONDS = 5 * 60;
/** How many times one `response_url` may be used (Slack: 5 times within 30 minutes). */
export const MAX_RESPONSE_URL_USES = 5;
