import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackend, type TestBackend } from '../../../test/support/backend';
import type { Person } from '../../../shared/contract/participants';
import type { Page } from '../../../shared/contract/paging';
import { svCollator } from '../../../shared/text/collate';

/**
 * people.list pages in SQL: every person comes exactly once, in Swedish name order (the order
 * svCollator gives, ties by id), with the total the filter matches, whatever the page size.
 */
let b: TestBackend;
const FIRST = [
  'Åsa',
  'Ärla',
  'Östen',
  'Anna',
  'anna',
  'Zacharias',
  'Émile',
  'Ümit',
  'Örjan',
  'Bo',
  'Lars-Göran',
  'Øyvind',
];
const LAST = ['Andersson', 'Öberg', 'Åkesson', 'Zetterlund', 'Ekström'];
let organisations: number[];
let people: Person[];

beforeAll(async () => {
  b = await testBackend();
  organisations = [
    (await b.call('organisations.create', { name: 'Södertälje kommun', kind: 'kommun' })).id,
    (await b.call('organisations.create', { name: 'Polisen Syd', kind: 'polis' })).id,
  ];
  people = [];
  for (let i = 0; i < 130; i++)
    people.push(
      await b.call('people.create', {
        name: `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]}`,
        title: i % 5 === 0 ? 'Räddningschef' : null,
        organisationId: i % 3 === 0 ? null : organisations[i % 2],
        email: i % 4 === 0 ? `person${i}@sodertalje.se` : null,
      }),
    );
}, 120_000);
afterAll(() => b.cleanup());

type Filter = { search?: string; organisationId?: number };

async function everyPage(filter: Filter, limit: number) {
  const rows: Person[] = [];
  const totals = new Set<number>();
  let after: string | null = null;
  for (let guard = 0; guard < 500; guard++) {
    const page: Page<Person> = await b.call('people.list', { ...filter, limit, after });
    totals.add(page.total);
    rows.push(...page.items);
    if (page.next === null) break;
    expect(page.items).toHaveLength(limit);
    after = page.next;
  }
  return { rows, totals: [...totals] };
}

const swedishOrder = (list: Person[]) => [...list].sort((x, y) => svCollator.compare(x.name, y.name) || x.id - y.id);

describe('people.list, paged', () => {
  it('reaches every person once, in Swedish name order, with the total on every page', async () => {
    for (const limit of [1, 7, 50, 500]) {
      const { rows, totals } = await everyPage({}, limit);
      expect(totals).toEqual([people.length]);
      expect(new Set(rows.map((p) => p.id)).size).toBe(people.length);
      expect(rows.map((p) => [p.name, p.id])).toEqual(swedishOrder(people).map((p) => [p.name, p.id]));
    }
    const names = (await everyPage({}, 500)).rows.map((p) => p.name.split(' ')[0]);
    const firstOf = (name: string) => names.indexOf(name);
    // å, ä, ö after z in that order; ø with ö, ü with y, é with e; case does not split the list
    expect(firstOf('Zacharias')).toBeLessThan(firstOf('Åsa'));
    expect(firstOf('Åsa')).toBeLessThan(firstOf('Ärla'));
    expect(firstOf('Ärla')).toBeLessThan(firstOf('Östen'));
    expect(firstOf('Émile')).toBeLessThan(firstOf('Lars-Göran'));
    expect(firstOf('Ümit')).toBeLessThan(firstOf('Zacharias'));
  });

  it('pages each filter on its own: by organisation, by a search in any field, both', async () => {
    const filters: Array<[Filter, (p: Person) => boolean]> = [
      [{ organisationId: organisations[0] }, (p) => p.organisationId === organisations[0]],
      [{ search: 'ÅKESSON' }, (p) => p.name.includes('Åkesson')],
      [{ search: 'räddningschef' }, (p) => p.title === 'Räddningschef'],
      [{ search: 'polisen' }, (p) => p.organisationId === organisations[1]],
      [{ search: '@sodertalje' }, (p) => p.email !== null],
      [{ search: 'akesson' }, () => false],
      [
        { search: 'öberg', organisationId: organisations[1] },
        (p) => p.name.includes('Öberg') && p.organisationId === organisations[1],
      ],
    ];
    for (const [filter, matches] of filters) {
      const expected = swedishOrder(people.filter(matches));
      const { rows, totals } = await everyPage(filter, 6);
      expect(totals, JSON.stringify(filter)).toEqual([expected.length]);
      expect(
        rows.map((p) => p.id),
        JSON.stringify(filter),
      ).toEqual(expected.map((p) => p.id));
    }
  });

  it('keeps its place when a person is added or renamed between pages', async () => {
    const first = await b.call('people.list', { limit: 40 });
    const added = await b.call('people.create', { name: 'Aaron Aalto', organisationId: null });
    const rest: Person[] = [];
    for (let after = first.next; after !== null;) {
      const page: Page<Person> = await b.call('people.list', { limit: 40, after });
      rest.push(...page.items);
      after = page.next;
    }
    const seen = [...first.items, ...rest].map((p) => p.id);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toHaveLength(people.length);
    expect(seen).not.toContain(added.id); // it sorts before the cursor: on the first page when asked again
    expect((await b.call('people.list', { limit: 1 })).items[0].id).toBe(added.id);
  });

  it('names the people a picker has chosen by `ids`, within the other filters, at most 100 ids', async () => {
    // far down the register, first in it, and one of another organisation
    const ordered = swedishOrder(people);
    const last = ordered.findLast((p) => p.organisationId === organisations[0])!;
    const chosen = [
      last,
      ordered.find((p) => p.organisationId === null)!,
      ordered.find((p) => p.organisationId === organisations[1])!,
    ];
    const named = await b.call('people.list', { ids: chosen.map((p) => p.id), limit: 3 });
    expect(named.items.map((p) => p.id)).toEqual(swedishOrder(chosen).map((p) => p.id));
    expect(named.total).toBe(3);
    const within = await b.call('people.list', { ids: chosen.map((p) => p.id), organisationId: organisations[0] });
    expect(within.items.map((p) => p.id)).toEqual([last.id]);
    expect((await b.fail('people.list', { ids: [] })).code).toBe('VALIDATION');
    expect((await b.fail('people.list', { ids: Array.from({ length: 101 }, (_, i) => i + 1) })).code).toBe(
      'VALIDATION',
    );
  });

  it('refuses a cursor that is not one, or a limit out of range, at the field, and the default is a page', async () => {
    expect((await b.fail('people.list', { after: 'nonsense' })).fields).toEqual({ after: 'invalid_cursor' });
    expect((await b.fail('people.list', { after: '["a"]' })).fields).toEqual({ after: 'invalid_cursor' });
    expect((await b.fail('people.list', { limit: 501 })).fields).toEqual({ limit: 'invalid_limit' });
    expect((await b.fail('people.list', { limit: 0 })).fields).toEqual({ limit: 'invalid_limit' });
    const page = await b.call('people.list', {});
    expect(page.items).toHaveLength(100);
    expect(page.total).toBeGreaterThan(100);
  });
});
