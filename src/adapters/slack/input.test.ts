import { describe, expect, it } from 'vitest';
import { briefInput, questionFromMention, slackTextToPlain } from './input.js';

describe('reading what users type', () => {
  it('turns Slack-formatted text back into plain text', () => {
    expect(slackTextToPlain('<https://a.example/x?y=1&amp;z=2|a.example>')).toBe(
      'https://a.example/x?y=1&z=2',
    );
    expect(slackTextToPlain('who is <@U123|maria>?')).toBe('who is maria?');
    expect(slackTextToPlain('in <#C1|news> <!here> &lt;b&gt;')).toBe('in news  <b>');
  });

  it('takes a lone http(s) link as a URL to brief and anything else as pasted text', () => {
    expect(briefInput('<https://news.example/a>')).toEqual({ url: 'https://news.example/a' });
    expect(briefInput('https://news.example/a')).toEqual({ url: 'https://news.example/a' });
    expect(briefInput('ftp://x.example/a')).toEqual({ text: 'ftp://x.example/a' });
    expect(briefInput('Read https://news.example/a today')).toEqual({
      text: 'Read https://news.example/a today',
    });
  });

  it('removes only the bot’s own mention from a question', () => {
    expect(questionFromMention('<@UBOT> who is <@U2|Rutte>?', 'UBOT')).toBe('who is Rutte?');
    expect(questionFromMention('hey <@UBOT>   what did he say?', 'UBOT')).toBe('hey what did he say?');
  });
});
