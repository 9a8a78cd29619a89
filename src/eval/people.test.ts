import { describe, expect, it } from 'vitest';
import type { Person } from '../core/index.js';
import { evaluatePeople, type GoldPerson, isRoleRight, matchPeople, scoreArticlePeople } from './people.js';

const gold = (name: string, role: string | null, aliases: string[] = []): GoldPerson => ({
  name,
  aliases,
  descriptions: [],
  role,
  mentions: 1,
  quoted: false,
});
const person = (name: string, role: string | null = null): Person => ({
  name,
  role,
  aliases: [],
  mentions: 1,
});

describe('matchPeople', () => {
  it('matches equal tokens, an alias, or the same last and first tokens', () => {
    const golds = [gold('Ana Ruiz', null), gold('Tom Baxter', null, ['Tommy']), gold('Li Wen', null)];
    expect(matchPeople(golds, [person('Ruiz'), person('Tommy'), person('Li Wen')])).toEqual([0, 1, 2]);
  });

  it('keeps two people who share a surname apart', () => {
    const golds = [gold('Ana Ruiz', null)];
    expect(matchPeople(golds, [person('Marco Ruiz')])).toEqual([-1]);
  });

  it('lets each gold person take one system person, so a split person is an extra', () => {
    const scored = scoreArticlePeople({ id: 'a', people: [gold('Ana Ruiz', null)] }, [
      person('Ana Ruiz'),
      person('Ruiz'),
    ]);
    expect(scored.counts).toMatchObject({ matched: 1, systemPeople: 2 });
    expect(scored.errors).toEqual([
      { kind: 'extra', id: 'a', system: 'Ruiz', systemRole: null, mentions: 1 },
    ]);
  });

  it('prefers an exact match over a looser one for the same gold person', () => {
    const golds = [gold('Ana Ruiz', null), gold('Ruiz', null)];
    expect(matchPeople(golds, [person('Ruiz'), person('Ana Ruiz')])).toEqual([1, 0]);
  });
});

describe('isRoleRight', () => {
  it('needs half of the gold content words, without stop words', () => {
    expect(isRoleRight("the mayor of Lakeview's council", 'Lakeview mayor')).toBe(true);
    expect(isRoleRight('chief harbour engineer', 'engineer')).toBe(false);
    expect(isRoleRight('chief harbour engineer', 'harbour engineer')).toBe(true);
    expect(isRoleRight('mayor', null)).toBe(false);
  });
});

describe('evaluatePeople', () => {
  it('micro-averages precision, recall and role accuracy and lists the errors', () => {
    const articles = [
      { id: 'x', people: [gold('Ana Ruiz', 'harbour master'), gold('Tom Baxter', 'baker')] },
      { id: 'y', people: [gold('Li Wen', null)] },
    ];
    const system: Record<string, Person[]> = {
      x: [
        person('Ana Ruiz', 'the harbour master'),
        person('Baxter', 'a ferry pilot'),
        person('Harbour Street'),
      ],
      y: [],
    };
    const { result, errors } = evaluatePeople(articles, (id) => system[id] ?? []);
    expect(result.counts).toEqual({
      goldPeople: 3,
      systemPeople: 3,
      matched: 2,
      matchedWithRole: 2,
      rolesRight: 1,
    });
    expect(result.precision).toBeCloseTo(2 / 3);
    expect(result.recall).toBeCloseTo(2 / 3);
    expect(result.roleAccuracy).toBeCloseTo(0.5);
    expect(errors.map((e) => e.kind).sort()).toEqual(['extra', 'missed', 'wrong-role']);
  });
});
