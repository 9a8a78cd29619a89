import { input, person } from './fixtures.js';

export const SENTENCES = 30;
export const PEOPLE = 3;
export const QUOTES = 2;

/** Article i; every 7th article changes in later rounds (a new version), the rest stay the same. */
export function crashArticle(i: number, round: number) {
  const edition = i % 7 === 0 ? round : 0;
  return input({
    key: `https://crash.test/${i}`,
    title: `Story ${i} edition ${edition}`,
    sentences: Array.from(
      { length: SENTENCES },
      (_, j) =>
        `Sentence ${j} of story ${i} edition ${edition} says Ann Lee${i} met Bo Park${i} and Cy Diaz${i}.`,
    ),
    people: [person(`Ann Lee${i}`, 'mayor'), person(`Bo Park${i}`, 'judge'), person(`Cy Diaz${i}`, null)],
    quotes: [
      { text: `First quote ${i}`, speaker: `Ann Lee${i}`, speakerRole: 'mayor' },
      { text: `Second quote ${i}`, speaker: `Bo Park${i}`, speakerRole: 'judge' },
    ],
  });
}
