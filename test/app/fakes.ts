/** A recording fake of our own Platform interface, articles written for the tests, and a channel helper. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import type { ChannelConfig } from '../../src/config/index.js';
import type {
  BriefingPost,
  Delivered,
  DigestItem,
  NewsbriefService,
  Platform,
  PlatformName,
} from '../../src/contracts/index.js';
import { PlatformError } from '../../src/errors.js';

export interface Call {
  kind: 'post' | 'digest' | 'update';
  channelId: string;
  articleId: string;
  version: number;
  title: string | null;
  key: string | null;
  at: number;
}

/** Decides the fate of each call: undefined for success, an error to throw, or a delay (ms) before answering. */
export type Fault = (call: Call, n: number) => { error?: Error; delayMs?: number } | undefined;

export class RecordingPlatform implements Platform {
  readonly calls: Call[] = [];
  /** Calls that were accepted (the platform "has" these messages). */
  readonly accepted: Call[] = [];
  private n = 0;
  constructor(
    readonly name: PlatformName = 'slack',
    private fault: Fault = () => undefined,
  ) {}
  async start(_service: NewsbriefService) {}
  async stop() {}
  private async handle(call: Call): Promise<Delivered> {
    this.calls.push(call);
    const f = this.fault(call, this.calls.length);
    if (f?.delayMs) await new Promise((r) => setTimeout(r, f.delayMs));
    if (f?.error) throw f.error;
    this.accepted.push(call);
    const id = `m${++this.n}`;
    return { messageId: id, threadId: `t-${id}` };
  }
  postBriefing(channelId: string, post: BriefingPost, key: string) {
    return this.handle(callOf('post', channelId, post, key));
  }
  postDigest(channelId: string, items: DigestItem[], key: string) {
    return Promise.all([]).then(async () => {
      const first = items[0];
      if (!first) throw new Error('empty digest');
      const d = await this.handle(callOf('digest', channelId, first.post, key));
      for (const it of items.slice(1)) this.accepted.push(callOf('digest', channelId, it.post, key));
      return d;
    });
  }
  updateBriefing(channelId: string, _previous: Delivered, post: BriefingPost) {
    return this.handle(callOf('update', channelId, post, null));
  }
  titles(channelId?: string): (string | null)[] {
    return this.accepted.filter((c) => !channelId || c.channelId === channelId).map((c) => c.title);
  }
}

function callOf(kind: Call['kind'], channelId: string, post: BriefingPost, key: string | null): Call {
  return {
    kind,
    channelId,
    articleId: post.articleId,
    version: post.version,
    title: post.briefing.title,
    key,
    at: Date.now(),
  };
}

export const rateLimited = (ms = 5) =>
  new PlatformError('slack', 'rate limited', { permanent: false, retryAfterMs: ms });
export const serverError = () => new PlatformError('slack', 'HTTP 500', { permanent: false });
export const channelGone = () => new PlatformError('slack', 'channel_not_found', { permanent: true });

const TOPICS = [
  'harbour',
  'railway',
  'library',
  'orchard',
  'bridge',
  'market',
  'museum',
  'stadium',
  'school',
  'hospital',
];
const TOWNS = [
  'Ashford',
  'Brackley',
  'Corbridge',
  'Dunmore',
  'Elgin',
  'Fenwick',
  'Garston',
  'Hexham',
  'Ilkley',
  'Jarrow',
];

/** A small distinct article: "Item 007: Ashford opens new harbour" with a quote and a named person. */
export function articleText(i: number, extra = ''): string {
  const topic = TOPICS[i % TOPICS.length] ?? 'harbour';
  const town = TOWNS[Math.floor(i / TOPICS.length) % TOWNS.length] ?? 'Ashford';
  const n = String(i).padStart(3, '0');
  return `Item ${n} ${town} opens new ${topic}

The council of ${town} opened a new ${topic} on Monday after ${i + 2} years of planning, officials said.
Council leader Maria Holt said: "This ${topic} will serve the town for decades and we are proud of it."
The project cost ${i + 1} million pounds and employed ${i * 3 + 10} local workers during construction.
Residents gathered at the ${topic} for the opening ceremony, which included music and speeches. ${extra}
`;
}

/** Write `count` articles (item-000.txt ...) into `dir`. */
export function writeArticles(dir: string, count: number, from = 0): string[] {
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (let i = from; i < from + count; i++) {
    const f = join(dir, `item-${String(i).padStart(3, '0')}.txt`);
    writeFileSync(f, articleText(i));
    files.push(f);
  }
  return files;
}

export function channel(over: Partial<ChannelConfig> & { channelId: string }): ChannelConfig {
  const platform = over.platform ?? 'slack';
  return {
    name: `${platform}:${over.channelId}`,
    platform,
    schedule: '0 8 * * *',
    timezone: 'UTC',
    sources: { folders: [], urls: [], feeds: [] },
    include: [],
    exclude: [],
    maxPerDigest: 100,
    style: 'per-briefing',
    ...over,
  };
}

export const silentLog = pino({ level: 'silent' });
