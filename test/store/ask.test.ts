/**
 * /ask over stories written for these tests, analysed by the real core, stored in SQLite and asked
 * through the service (the path the CLI, Slack and Discord share).
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createService } from '../../src/app/service.js';
import { analyse } from '../../src/core/index.js';
import type { Article } from '../../src/core/types.js';
import { contentHash } from '../../src/store/hash.js';
import { createSqliteStore } from '../../src/store/index.js';
import type { BriefingStore } from '../../src/store/types.js';

/** Several stories about one president (the name every story shares) and a few others. */
const STORIES: { title: string; text: string }[] = [
  {
    title: 'President Harlan signs the budget',
    text: 'President Tomas Harlan signed the budget on Monday after weeks of talks.\nHarlan said the budget would cut waiting lists in hospitals.\nThe opposition called the plan too timid.',
  },
  {
    title: 'Harlan visits the border',
    text: 'President Tomas Harlan visited the northern border on Thursday.\nHarlan promised more money for border towns.\nLocal mayors welcomed the visit.',
  },
  {
    title: 'Harlan family gets a dog',
    text: 'The president kept a promise to his daughters this week.\nTomas Harlan told reporters the family had adopted a spaniel puppy named Biscuit for his children.\nThe puppy came from a shelter in the capital.',
  },
  {
    title: 'Harlan answers critics on taxes',
    text: 'President Tomas Harlan defended his tax plan in a speech on Friday.\nHarlan said his children would inherit a fairer system.\nCritics said the plan favoured the rich.',
  },
  {
    title: 'Leftist wins the presidency in Valdoria',
    text: 'Marco Ilves, a former radio host, won the presidential election in Valdoria on Sunday.\nHe is the first leftist president of Valdoria.\nIlves defeated the ruling party candidate by nine points.\nCNN’s Petra Lind contributed to this story.',
  },
  {
    title: 'Model tops the earnings list',
    text: 'The fashion world published its annual earnings list on Tuesday.\nMarta Varga was named the best-paid model for the fourth year.\nVarga, 31, earned more than any actress on the list.\nShe plans to open a school in her home town.',
  },
];

let store: BriefingStore;
const ids = new Map<string, string>();
beforeAll(async () => {
  store = createSqliteStore(':memory:');
  for (const [i, s] of STORIES.entries()) {
    const article: Article = {
      title: s.title,
      text: s.text,
      url: `https://t.test/${i}`,
      byline: null,
      publishedAt: null,
    };
    const r = await store.ingest({
      key: article.url ?? '',
      article,
      analysis: analyse(article),
      contentHash: contentHash(article),
      now: `2025-09-0${i + 1}T00:00:00.000Z`,
    });
    ids.set(s.title, r.articleId);
  }
});
afterAll(() => store.close());

const first = async (q: string, articleId?: string) =>
  (await createService({ store }).ask(q, articleId ? { articleId } : undefined)).answers[0];

test('the question’s content words outweigh a name every story shares', async () => {
  const answer = await first('What pet did Harlan promise his children?');
  expect(answer?.title).toBe('Harlan family gets a dog');
  expect(answer?.text).toContain('spaniel puppy');
});

test('a who-question is answered by a sentence naming a person, the pronoun shown with its referent', async () => {
  const answer = await first('Who is the first leftist president of Valdoria?');
  expect(answer?.text).toBe('He [Marco Ilves] is the first leftist president of Valdoria.');
});

test('a credit line is never an answer', async () => {
  const service = createService({ store });
  const answers = (await service.ask('Who is Petra Lind?')).answers;
  expect(answers.map((a) => a.text).join('\n')).not.toMatch(/contributed to this story/);
});

test('a how-old question is answered by the sentence with the age, the surname given its first name', async () => {
  const answer = await first('How old is Varga?');
  expect(answer?.text).toBe('[Marta] Varga, 31, earned more than any actress on the list.');
});

test('in a thread, the thread’s article answers first', async () => {
  const plain = await first('What did Harlan say?');
  const thread = ids.get('Harlan answers critics on taxes') ?? '';
  const inThread = await first('What did Harlan say?', thread);
  expect(inThread?.title).toBe('Harlan answers critics on taxes');
  expect(plain?.title).not.toBe('Harlan answers critics on taxes');
});
