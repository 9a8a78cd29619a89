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
} from '../../contracts/index.js';
import { renderBriefingText, type TextStyle } from './render.js';

export interface ConsolePlatformOptions {
  stream?: NodeJS.WritableStream;
  color?: boolean;
}

export function createConsolePlatform(options: ConsolePlatformOptions = {}): Platform {
  const stream = options.stream ?? process.stdout;
  const style: TextStyle = { color: options.color ?? false };
  let n = 0;
  const rule = '─'.repeat(60);
  const print = (banner: string | null, text: string) => {
    stream.write(`${rule}\n${banner ? `${banner}\n\n` : ''}${text}\n\n`);
  };
  const id = (): Delivered => ({ messageId: `console-${++n}`, threadId: null });
  return {
    name: 'console',
    async start(_service: NewsbriefService) {},
    async stop() {},
    async postBriefing(_channelId: string, post: BriefingPost) {
      print(null, renderBriefingText(post.briefing, style, post.url));
      return id();
    },
    async postDigest(_channelId: string, items: DigestItem[]) {
      const list = items
        .map((it, i) => `  ${i + 1}. ${it.post.briefing.title ?? 'Untitled article'}`)
        .join('\n');
      print(`Digest: ${items.length} briefing${items.length === 1 ? '' : 's'}`, list);
      for (const it of items) print(null, renderBriefingText(it.post.briefing, style, it.post.url));
      return id();
    },
    async updateBriefing(_channelId: string, _previous: Delivered, post: BriefingPost) {
      print(`Updated (version ${post.version})`, renderBriefingText(post.briefing, style, post.url));
      return id();
    },
  };
}
