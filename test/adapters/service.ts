/**
 * A hand-written NewsbriefService for the adapter contract suite: canned answers, one known person, and
 * two ways to fail (a page that cannot be fetched, a store that is down). It records nothing: the suite
 * checks what each platform shows, not what it asks.
 */
import type {
  AskResult,
  BriefingPost,
  DigestItem,
  NewsbriefService,
  QuotesResult,
  ThreadAnswer,
} from '../../src/contracts/index.js';
import type { Briefing, WhoResult } from '../../src/core/types.js';
import { NewsbriefError } from '../../src/errors.js';

export const MISSING_URL = 'https://news.example/missing';
export const STORE_DOWN_URL = 'https://news.example/store-down';
export const STORE_DOWN_DETAIL = 'SQLITE_BUSY: database is locked (/srv/newsbrief/store.db)';

export function briefingPost(id: string, briefing: Partial<Briefing> = {}): BriefingPost {
  return {
    articleId: id,
    version: 1,
    url: `https://news.example/${id}`,
    briefing: {
      title: `Story ${id}`,
      summary: `The summary of story ${id}.`,
      keyPoints: [{ text: `The first point of story ${id}.` }],
      quotes: [],
      people: [],
      organizations: [],
      places: [],
      ...briefing,
    },
  };
}

export const BRIDGE_POST = briefingPost('bridge', {
  title: 'Harbour town votes to rebuild its old bridge',
  summary: 'Councillors in Port Ellery approved a plan to rebuild the 1890 swing bridge by 2027.',
  keyPoints: [
    { text: 'The council voted 7 to 2 for the rebuild.' },
    { text: 'The work is expected to cost 14 million pounds.' },
  ],
  quotes: [{ text: 'This bridge is the heart of the town', speaker: 'Mara Quill', speakerRole: 'mayor' }],
  people: [{ name: 'Mara Quill', role: 'mayor of Port Ellery', aliases: ['Quill'], mentions: 3 }],
  organizations: [{ name: 'Port Ellery Council', mentions: 2 }],
  places: [{ name: 'Port Ellery', mentions: 4 }],
});

export class ContractService implements NewsbriefService {
  async brief(input: { url: string } | { text: string; title?: string }): Promise<BriefingPost> {
    if ('url' in input && input.url === MISSING_URL)
      throw new NewsbriefError('fetch_failed', 'Could not fetch that page (HTTP 404).');
    if ('url' in input && input.url === STORE_DOWN_URL) throw new NewsbriefError('store', STORE_DOWN_DETAIL);
    return BRIDGE_POST;
  }

  async who(name: string): Promise<WhoResult> {
    if (name !== 'Mara Quill')
      return { found: false, query: name, suggestions: ['Mara Quill', 'Marcus Reed'] };
    return {
      found: true,
      name: 'Mara Quill',
      role: 'mayor of Port Ellery',
      aliases: ['Quill'],
      mentions: 3,
      articles: 1,
      quotes: [{ text: 'This bridge is the heart of the town', title: null, url: null }],
      sentences: ['Mara Quill backed the rebuild.'],
    };
  }

  async ask(question: string): Promise<AskResult> {
    return { question, answers: [] };
  }

  async quotes(name: string | null): Promise<QuotesResult> {
    return { query: name, quotes: [], suggestions: [] };
  }

  async digest(): Promise<DigestItem[]> {
    return [];
  }

  async answerInThread(question: string): Promise<ThreadAnswer> {
    return { kind: 'ask', result: await this.ask(question) };
  }

  async peopleNames(): Promise<string[]> {
    return ['Mara Quill'];
  }

  async threadArticle(): Promise<null> {
    return null;
  }
}
