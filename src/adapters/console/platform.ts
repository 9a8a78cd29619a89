/**
 * The console platform: the embedded default. Prints each briefing, rendered for a terminal, to a stream
 * (stdout by default). A terminal keeps no history, so `run` shows the console channel's current
 * briefings at every start; an update is printed again under an "Updated" banner.
 */
import type {
  BriefingPost,
  Delivered,
  DigestItem,
  NewsbriefService,
  Platform,
  Views,
} from '../../contracts/index.js';
import { PlatformError } from '../../errors.js';
import { renderBriefingText, renderDigestText, type TextStyle } from './render.js';

export interface ConsolePlatformOptions {
  stream?: NodeJS.WritableStream;
  color?: boolean;
}

export function createConsolePlatform(options: ConsolePlatformOptions = {}): Platform {
  const stream = options.stream ?? process.stdout;
  const style: TextStyle = { color: options.color ?? false };
  let views: Views | null = null;
  let n = 0;
  const rule = '─'.repeat(60);
  const print = (banner: string | null, text: string) => {
    stream.write(`${rule}\n${banner ? `${banner}\n\n` : ''}${text}\n\n`);
  };
  const view = (): Views => {
    if (!views) throw new PlatformError('console', 'not started', { permanent: true });
    return views;
  };
  const id = (): Delivered => ({ messageId: `console-${++n}`, threadId: null });
  return {
    name: 'console',
    async start(_service: NewsbriefService, chosenViews: Views) {
      views = chosenViews;
    },
    async stop() {},
    async postBriefing(_channelId: string, post: BriefingPost) {
      print(null, renderBriefingText(view().briefing(post), style));
      return id();
    },
    async postDigest(_channelId: string, items: DigestItem[]) {
      for (const [banner, text] of renderDigestText(view().digest(items), style)) print(banner, text);
      return id();
    },
    async updateBriefing(_channelId: string, _previous: Delivered, post: BriefingPost) {
      print(`Updated (version ${post.version})`, renderBriefingText(view().briefing(post), style));
      return id();
    },
  };
}
