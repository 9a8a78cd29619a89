/**
 * Reading what users type. Slack sends command and message text with `&`, `<`, `>` escaped and may
 * format links and mentions as `<https://x|label>`, `<@U123|name>`, `<#C123|name>`, `<!here>`.
 * These functions turn that back into plain text for the service.
 */

/** Plain text from Slack-formatted text: links become their URL, mentions their label, entities decoded. */
export function slackTextToPlain(text: string): string {
  return text
    .replace(/<((?:https?|mailto):[^|>]+)(?:\|[^>]*)?>/g, '$1')
    .replace(/<[@#][A-Z0-9]+\|([^>]*)>/g, '$1')
    .replace(/<[@#]([A-Z0-9]+)>/g, '')
    .replace(/<![^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .trim();
}

/** A question from a message that mentions the bot: the bot's mention removed, the rest as plain text. */
export function questionFromMention(text: string, botUserId: string | undefined): string {
  const withoutBot = botUserId ? text.split(`<@${botUserId}>`).join(' ') : text;
  return slackTextToPlain(withoutBot).replace(/\s+/g, ' ').trim();
}

/** `/brief`'s argument: a single http(s) URL, or pasted article text. */
export function briefInput(text: string): { url: string } | { text: string } {
  const plain = slackTextToPlain(text);
  if (/^https?:\/\/\S+$/i.test(plain)) return { url: plain };
  return { text: plain };
}
