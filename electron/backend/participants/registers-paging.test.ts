import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackend, type TestBackend } from '../../../test/support/backend';
import { everyPage } from '../../../test/support/paging';
import type { Body, Organisation } from '../../../shared/contract/participants';
import { svCollator } from '../../../shared/text/collate';

/**
 * organisations.list and bodies.list page in SQL: every row exactly once, in Swedish name order
 * (the order svCollator gives, ties by id), archived ones only when asked for, a search on the
 * name (and an organisation's short name), the total the filter matches on every page.
 */
let b: TestBackend;
const WORDS = ['Åby', 'ärla', 'Östra', 'Alfa', 'alfons', 'Zeta', 'Émile', 'Ümeå', 'Øvre', 'Bro', 'Södertälje'];
let organisations: Organisation[];
let bodies: Body[];

beforeAll(async () => {
  b = await testBackend();
  organisations = [];
  bodies = [];
  for (let i = 0; i < 44; i++) {
    const word = WORDS[i % WORDS.length];
    const organisation = await b.call('organisations.create', {
      name: `${word} ${['kommun', 'polis', 'förbund', 'Räddning'][Math.floor(i / WORDS.length)]}`,
      kind: 'annan',
      shortName: i % 4 === 0 ? `KORT${i}` : null,
    });
    organisations.push(
      i % 5 === 0 ? await b.call('organisations.archive', { id: organisation.id, archived: true }) : organisation,
    );
  }
  for (let i = 0; i < 33; i++) {
    const body = await b.call('bodies.create', {
      name: `${WORDS[i % WORDS.length]} ${['samråd', 'Lägesmöte', 'arbetsgrupp'][Math.floor(i / WORDS.length)]}`,
      kind: 'annat',
    });
    bodies.push(i % 6 === 0 ? await b.call('bodies.archive', { id: body.id, archived: true }) : body);
  }
}, 120_000);
afterAll(() => b.cleanup());

const swedishOrder = <T extends { id: number; name: string }>(list: T[]) =>
  [...list].sort((x, y) => svCollator.compare(x.name, y.name) || x.id - y.id).map((r) => [r.name, r.id]);

describe('organisations.list, paged', () => {
  const page = (filter: { includeArchived?: boolean; search?: string }, limit: number) =>
    everyPage((after) => b.call('organisations.list', { ...filter, limit, after }), limit);

  it('reaches every organisation once, in Swedish name order, with the total on every page', async () => {
    const current = organisations.filter((o) => !o.archived);
    for (const [filter, expected] of [
      [{}, current],
      [{ includeArchived: true }, organisations],
    ] as const) {
      for (const limit of [1, 7]) {
        const { rows, totals } = await page(filter, limit);
        expect(new Set(totals)).toEqual(new Set([expected.length]));
        expect(new Set(rows.map((o) => o.id)).size).toBe(expected.length);
        expect(rows.map((o) => [o.name, o.id])).toEqual(swedishOrder(expected));
      }
    }
    const names = (await page({ includeArchived: true }, 500)).rows.map((o) => o.name);
    // å, ä, ö after z in that order; ø with ö, é with e; case does not split the list
    const at = (name: string) => names.indexOf(name);
    expect(at('Zeta kommun')).toBeLessThan(at('Åby kommun'));
    expect(at('Åby kommun')).toBeLessThan(at('ärla polis'));
    expect(at('ärla polis')).toBeLessThan(at('Östra kommun'));
    expect(at('Alfa kommun')).toBeLessThan(at('alfons polis'));
    expect(at('Émile kommun')).toBeLessThan(at('Södertälje kommun'));
  });

  it('pages a search on the name or the short name, case folded, å/ä/ö kept apart', async () => {
    const filters: Array<[{ includeArchived?: boolean; search: string }, (o: Organisation) => boolean]> = [
      [{ search: 'ÅBY' }, (o) => !o.archived && o.name.startsWith('Åby')],
      [{ search: 'aby' }, () => false],
      [{ search: 'räddning', includeArchived: true }, (o) => o.name.endsWith('Räddning')],
      [{ search: 'kort1' }, (o) => !o.archived && (o.shortName ?? '').startsWith('KORT1')],
      [{ search: 'östra polis', includeArchived: true }, (o) => o.name === 'Östra polis'],
    ];
    for (const [filter, matches] of filters) {
      const expected = organisations.filter(matches);
      const { rows, totals } = await page(filter, 2);
      expect(new Set(totals), JSON.stringify(filter)).toEqual(new Set([expected.length]));
      expect(
        rows.map((o) => [o.name, o.id]),
        JSON.stringify(filter),
      ).toEqual(swedishOrder(expected));
    }
  });

  it('gives each organisation its parent name and a default page of 50', async () => {
    const parent = organisations[1];
    const child = await b.call('organisations.create', {
      name: 'Åby kommun, socialtjänsten',
      kind: 'kommun',
      parentId: parent.id,
    });
    const found = await b.call('organisations.list', { search: 'socialtjänsten' });
    expect(found.items).toEqual([{ ...child, parentName: parent.name }]);
    const first = await b.call('organisations.list', { includeArchived: true });
    expect(first.items).toHaveLength(organisations.length + 1 > 50 ? 50 : organisations.length + 1);
    expect(first.total).toBe(organisations.length + 1);
  });
});

describe('bodies.list, paged', () => {
  const page = (filter: { includeArchived?: boolean; search?: string }, limit: number) =>
    everyPage((after) => b.call('bodies.list', { ...filter, limit, after }), limit);

  it('reaches every body once, in Swedish name order, with the total on every page', async () => {
    const current = bodies.filter((x) => !x.archived);
    for (const [filter, expected] of [
      [{}, current],
      [{ includeArchived: true }, bodies],
    ] as const) {
      for (const limit of [1, 7]) {
        const { rows, totals } = await page(filter, limit);
        expect(new Set(totals)).toEqual(new Set([expected.length]));
        expect(new Set(rows.map((x) => x.id)).size).toBe(expected.length);
        expect(rows.map((x) => [x.name, x.id])).toEqual(swedishOrder(expected));
      }
    }
  });

  it('pages a search on the name and counts members', async () => {
    const expected = bodies.filter((x) => !x.archived && x.name.toLocaleLowerCase('sv').includes('lägesmöte'));
    const { rows, totals } = await page({ search: 'LÄGESMÖTE' }, 3);
    expect(new Set(totals)).toEqual(new Set([expected.length]));
    expect(rows.map((x) => [x.name, x.id])).toEqual(swedishOrder(expected));
    expect((await b.call('bodies.list', { search: 'lagesmote' })).total).toBe(0);

    const person = await b.call('people.create', { name: 'Östen Zetterlund', organisationId: null });
    const body = bodies[1];
    await b.call('bodies.addMember', { bodyId: body.id, personId: person.id, role: 'ledamot', from: '2017-01-01' });
    const listed = await b.call('bodies.list', { search: body.name });
    expect(listed.items.map((x) => [x.id, x.memberCount])).toEqual([[body.id, 1]]);
  });

  it('names the rows a picker has chosen by `ids`: those and no more, archived or not, at most 100 ids', async () => {
    for (const [method, rows] of [
      ['organisations.list', organisations],
      ['bodies.list', bodies],
    ] as const) {
      const chosen = [rows[rows.length - 1], rows[0], rows[3]];
      expect(chosen.some((row) => row.archived)).toBe(true);
      const named = await b.call(method, { ids: chosen.map((row) => row.id), limit: 3 });
      expect(named.items.map((row) => [row.name, row.id])).toEqual(swedishOrder(chosen));
      expect(named.total).toBe(3);
      const searched = await b.call(method, { ids: chosen.map((row) => row.id), search: chosen[1].name });
      expect(searched.items.map((row) => row.id)).toEqual([chosen[1].id]);
      expect((await b.call(method, { ids: [999_999] })).items).toEqual([]);
      expect((await b.fail(method, { ids: [] })).code).toBe('VALIDATION');
      expect((await b.fail(method, { ids: Array.from({ length: 101 }, (_, i) => i + 1) })).code).toBe('VALIDATION');
    }
  });

  it('refuses a cursor that is not one, or a limit out of range, at the field, and changes nothing', async () => {
    for (const method of ['bodies.list', 'organisations.list'] as const) {
      expect((await b.fail(method, { after: 'nonsense' })).fields).toEqual({ after: 'invalid_cursor' });
      expect((await b.fail(method, { after: '["a"]' })).fields).toEqual({ after: 'invalid_cursor' });
      expect((await b.fail(method, { limit: 501 })).fields).toEqual({ limit: 'invalid_limit' });
      expect((await b.fail(method, { limit: 0 })).fields).toEqual({ limit: 'invalid_limit' });
      expect((await b.fail(method, { search: 'x'.repeat(201) })).code).toBe('VALIDATION');
    }
    expect((await b.call('bodies.list', { includeArchived: true, limit: 500 })).total).toBe(bodies.length);
  });
});
