/**
 * A hand-written NewsbriefService for the Slack tests: canned answers about a made-up local story, and
 * a record of every call so tests can check what the adapter asked for (and that it asked nothing).
 */
import type {
  AskResult,
  BriefingPost,
  ChannelRef,
  DigestItem,
  NewsbriefService,
  QuotesResult,
  ThreadAnswer,
  ThreadContext,
} from '../../src/contracts/index.js';
import type { WhoResult } from '../../src/core/types.js';
import { NewsbriefError } from '../../src/errors.js';

export const FERRY_POST: BriefingPost = {
  articleId: 'ferry-1',
  version: 1,
  url: 'https://news.example.org/harbour/ferry-route',
  briefing: {
    title: 'Harbour council approves night ferry to the islands',
    summary:
      'The harbour council voted 7-2 to run a night ferry to the outer islands from May, after a year of ' +
      'complaints from shift workers who could not get home.',
    keyPoints: [
      { text: 'The council voted 7-2 for a night ferry to the outer islands.' },
      { text: 'Sailings start in May and run until 2 a.m. on weekdays.' },
      { text: 'Fares stay at the daytime price for the first year.' },
    ],
    quotes: [
      {
        text: 'Nobody should have to sleep at the depot to keep their job',
        speaker: 'Maria Okafor',
        speakerRole: 'mayor of Westhaven',
      },
      { text: 'We have the boats; we needed the crews', speaker: 'Tomas Lindqvist', speakerRole: null },
    ],
    people: [
      { name: 'Maria Okafor', role: 'mayor of Westhaven', aliases: ['Okafor', 'the mayor'], mentions: 4 },
      { name: 'Tomas Lindqvist', role: 'head of Islands Ferries', aliases: ['Lindqvist'], mentions: 2 },
    ],
    organizations: [{ name: 'Islands Ferries', mentions: 2 }],
    places: [{ name: 'Westhaven', mentions: 3 }],
  },
};

export const MARKET_POST: BriefingPost = {
  articleId: 'market-2',
  version: 1,
  url: 'https://news.example.org/market-hall',
  briefing: {
    title: 'Old market hall to reopen as a food court',
    summary: 'The market hall closed since 2019 reopens in autumn with twenty stalls.',
    keyPoints: [{ text: 'Twenty stalls open in autumn.' }],
    quotes: [],
    people: [],
    organizations: [],
    places: [{ name: 'Westhaven', mentions: 1 }],
  },
};

const OKAFOR: WhoResult = {
  found: true,
  name: 'Maria Okafor',
  role: 'mayor of Westhaven',
  aliases: ['Okafor', 'the mayor'],
  mentions: 4,
  articles: 1,
  quotes: [
    {
      text: 'Nobody should have to sleep at the depot to keep their job',
      title: FERRY_POST.briefing.title,
      url: FERRY_POST.url,
    },
  ],
  sentences: ['Mayor Maria Okafor said the vote ended a year of complaints.'],
};

export type Call = { method: string; args: unknown[] };

export class FakeNewsbrief implements NewsbriefService {
  readonly calls: Call[] = [];
  /** Slack thread ts -> article id, as the store would record after a delivery. */
  readonly threads = new Map<string, string>();
  /** When set, the next call waits for this promise (to prove acks do not wait for the service). */
  gate: Promise<void> | null = null;

  private async record(method: string, ...args: unknown[]): Promise<void> {
    this.calls.push({ method, args });
    if (this.gate) await this.gate;
  }

  called(method: string): Call[] {
    return this.calls.filter((c) => c.method === method);
  }

  async brief(input: { url: string } | { text: string; title?: string }): Promise<BriefingPost> {
    await this.record('brief', input);
    if ('url' in input && input.url.includes('broken')) {
      throw new NewsbriefError('fetch_failed', 'Could not fetch that page (HTTP 404).');
    }
    return FERRY_POST;
  }

  async who(name: string, context?: ThreadContext): Promise<WhoResult> {
    await this.record('who', name, context);
    if (/okafor|mayor/i.test(name)) return OKAFOR;
    return { found: false, query: name, suggestions: ['Maria Okafor', 'Tomas Lindqvist'] };
  }

  async ask(question: string, context?: ThreadContext): Promise<AskResult> {
    await this.record('ask', question, context);
    return {
      question,
      answers: [
        {
          text: 'Sailings start in May and run until 2 a.m. on weekdays.',
          title: FERRY_POST.briefing.title,
          url: FERRY_POST.url,
        },
      ],
    };
  }

  async quotes(name: string | null, context?: ThreadContext): Promise<QuotesResult> {
    await this.record('quotes', name, context);
    if (name && !/okafor/i.test(name)) return { query: name, quotes: [], suggestions: ['Maria Okafor'] };
    return {
      query: name,
      quotes: [
        {
          text: 'Nobody should have to sleep at the depot to keep their job',
          speaker: 'Maria Okafor',
          title: FERRY_POST.briefing.title,
          url: FERRY_POST.url,
        },
      ],
      suggestions: [],
    };
  }

  async digest(channel: ChannelRef): Promise<DigestItem[]> {
    await this.record('digest', channel);
    return [
      {
        post: FERRY_POST,
        alsoReportedBy: [{ title: 'Night ferry approved', url: 'https://other.example.com/ferry' }],
      },
      { post: MARKET_POST, alsoReportedBy: [] },
    ];
  }

  async answerInThread(question: string, context: ThreadContext): Promise<ThreadAnswer> {
    await this.record('answerInThread', question, context);
    if (/^who/i.test(question))
      return { kind: 'who', result: await this.who(question.replace(/^who is /i, ''), context) };
    return { kind: 'ask', result: await this.ask(question, context) };
  }

  async peopleNames(prefix: string, limit: number): Promise<string[]> {
    await this.record('peopleNames', prefix, limit);
    return ['Maria Okafor', 'Tomas Lindqvist'].filter((n) => n.toLowerCase().includes(prefix.toLowerCase()));
  }

  async threadArticle(channel: ChannelRef, threadId: string): Promise<ThreadContext | null> {
    await this.record('threadArticle', channel, threadId);
    const articleId = this.threads.get(threadId);
    return articleId ? { articleId } : null;
  }
}
