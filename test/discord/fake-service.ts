/**
 * A hand-written NewsbriefService for the Discord tests: canned answers about an invented story, and a
 * record of every call. `slowMs` delays `ask` so that a command must be deferred.
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

export const HARBOUR_POST: BriefingPost = {
  articleId: 'harbour-1',
  version: 1,
  url: 'https://news.example/harbour-bridge',
  briefing: {
    title: 'Harbour town votes to rebuild its old bridge',
    summary: 'Councillors in Port Ellery approved a plan to rebuild the 1890 swing bridge by 2027.',
    keyPoints: [
      { text: 'The council voted 7 to 2 for the rebuild.' },
      { text: 'The work is expected to cost 14 million pounds.' },
    ],
    quotes: [
      {
        text: 'This bridge is the heart of the town',
        speaker: 'Mara Quill',
        speakerRole: 'mayor of Port Ellery',
      },
      {
        text: 'We will keep a ferry running meanwhile',
        speaker: 'Tobias Venn',
        speakerRole: 'harbour master',
      },
    ],
    people: [
      { name: 'Mara Quill', role: 'mayor of Port Ellery', aliases: ['Ms Quill'], mentions: 4 },
      { name: 'Tobias Venn', role: 'harbour master', aliases: ['Venn'], mentions: 2 },
    ],
    organizations: [{ name: 'Port Ellery Council', mentions: 3 }],
    places: [{ name: 'Port Ellery', mentions: 5 }],
  },
};

const PEOPLE = ['Mara Quill', 'Tobias Venn', 'Marcus Reed'];

export class FakeService implements NewsbriefService {
  readonly calls: { method: string; args: unknown[] }[] = [];
  /** Delay of `ask` and `who` in milliseconds (a slow command). */
  slowMs = 0;
  /** Threads that belong to a briefing: thread id -> article id. */
  readonly threads = new Map<string, string>();

  #record(method: string, ...args: unknown[]) {
    this.calls.push({ method, args });
  }

  async brief(input: { url: string } | { text: string; title?: string }): Promise<BriefingPost> {
    this.#record('brief', input);
    if ('url' in input && input.url.includes('missing')) {
      throw new NewsbriefError('fetch_failed', 'Could not fetch that page (HTTP 404).');
    }
    const title = 'text' in input ? (input.title ?? 'Pasted article') : HARBOUR_POST.briefing.title;
    return { ...HARBOUR_POST, articleId: 'adhoc', briefing: { ...HARBOUR_POST.briefing, title } };
  }

  async who(name: string, context?: ThreadContext): Promise<WhoResult> {
    this.#record('who', name, context);
    if (this.slowMs) await new Promise((r) => setTimeout(r, this.slowMs));
    const hit = PEOPLE.find((p) => p.toLowerCase().includes(name.toLowerCase()));
    if (!hit || name.length < 3) {
      return { found: false, query: name, suggestions: ['Mara Quill', 'Marcus Reed'] };
    }
    return {
      found: true,
      name: hit,
      role: hit === 'Mara Quill' ? 'mayor of Port Ellery' : null,
      aliases: ['Ms Quill'],
      mentions: 4,
      articles: 1,
      quotes: [
        {
          text: 'This bridge is the heart of the town',
          title: HARBOUR_POST.briefing.title,
          url: HARBOUR_POST.url,
        },
      ],
      sentences: [`${hit} said the vote was a relief.`],
    };
  }

  async ask(question: string, context?: ThreadContext): Promise<AskResult> {
    this.#record('ask', question, context);
    if (this.slowMs) await new Promise((r) => setTimeout(r, this.slowMs));
    return {
      question,
      answers: [
        {
          text: 'The rebuild is expected to cost 14 million pounds.',
          title: 'Harbour bridge',
          url: HARBOUR_POST.url,
        },
      ],
    };
  }

  async quotes(name: string | null, context?: ThreadContext): Promise<QuotesResult> {
    this.#record('quotes', name, context);
    if (name && !PEOPLE.some((p) => p.toLowerCase().includes(name.toLowerCase()))) {
      return { query: name, quotes: [], suggestions: ['Mara Quill'] };
    }
    return {
      query: name,
      quotes: [
        {
          text: 'This bridge is the heart of the town',
          speaker: 'Mara Quill',
          title: 'Harbour bridge',
          url: null,
        },
      ],
      suggestions: [],
    };
  }

  async digest(channel: ChannelRef): Promise<DigestItem[]> {
    this.#record('digest', channel);
    return [
      { post: HARBOUR_POST, alsoReportedBy: [{ title: 'Ellery Gazette', url: 'https://gazette.example/b' }] },
    ];
  }

  async answerInThread(question: string, context: ThreadContext): Promise<ThreadAnswer> {
    this.#record('answerInThread', question, context);
    if (/^who/i.test(question)) return { kind: 'who', result: await this.who('Mara Quill', context) };
    return { kind: 'ask', result: await this.ask(question, context) };
  }

  async peopleNames(prefix: string, limit: number): Promise<string[]> {
    this.#record('peopleNames', prefix, limit);
    return PEOPLE.filter((p) => p.toLowerCase().startsWith(prefix.toLowerCase())).slice(0, limit);
  }

  async threadArticle(channel: ChannelRef, threadId: string): Promise<ThreadContext | null> {
    this.#record('threadArticle', channel, threadId);
    const articleId = this.threads.get(threadId);
    return articleId ? { articleId } : null;
  }
}
