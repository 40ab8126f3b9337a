import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackend, type TestBackend } from '../../../test/support/backend';
import { everyPage } from '../../../test/support/paging';
import { svCollator } from '../../../shared/text/collate';

/**
 * agreements.list pages the agreements by name in Swedish order, agreements.versions.list the
 * versions newest period first: every row exactly once, with the total, over a real database file.
 */
let b: TestBackend;
const NAMES = [
  'Samverkansöverenskommelse Södertälje',
  'Överenskommelse om trygghet i Hovsjö',
  'avtal om lägesbild',
  'Ärendesamverkan med Telge Bostäder',
  'Åtgärdsplan Ronna',
  'Brottsförebyggande avtal',
  'Zonavtal centrum',
  'Avtal om kameraövervakning',
  'Effektiv samordning för trygghet',
];
let firstAgreement: number;

beforeAll(async () => {
  b = await testBackend('2026-12-01T09:00:00Z');
  for (const name of NAMES) {
    const created = await b.call('agreements.create', {
      name,
      version: { title: `${name} 2017–2018`, dnr: null, validFrom: '2017-01-01', validTo: '2018-12-31' },
    });
    firstAgreement ??= created.id;
  }
  // six more versions of the first agreement, not created in period order
  for (const year of [2023, 2019, 2025, 2021, 2019, 2027])
    await b.call('agreements.versions.create', {
      agreementId: firstAgreement,
      fields: { title: `Samverkan ${year}`, dnr: null, validFrom: `${year}-01-01`, validTo: `${year + 1}-12-31` },
    });
}, 120_000);
afterAll(() => b.cleanup());

describe('agreements.list pages', () => {
  it('reach every agreement once, by name as Swedes sort it, with the total', async () => {
    const byName = [...NAMES].sort(svCollator.compare);
    expect(byName.slice(-3)).toEqual([
      'Åtgärdsplan Ronna',
      'Ärendesamverkan med Telge Bostäder',
      'Överenskommelse om trygghet i Hovsjö',
    ]);
    const whole = await b.call('agreements.list', { limit: 500 });
    expect(whole.items.map((a) => a.name)).toEqual(byName);
    expect([whole.total, whole.next]).toEqual([9, null]);
    for (const limit of [1, 7]) {
      const paged = await everyPage((after) => b.call('agreements.list', { limit, after }), limit);
      expect(paged.rows).toEqual(whole.items);
      expect(paged.totals.every((t) => t === 9)).toBe(true);
    }
  });

  it('summarise each agreement from its own versions and default to 50 a page', async () => {
    const first = await b.call('agreements.list', {});
    expect(first.items).toHaveLength(9);
    const samverkan = first.items.find((a) => a.id === firstAgreement)!;
    expect(samverkan.versionCount).toBe(7);
    expect(samverkan.latest?.title).toBe('Samverkan 2027');
    expect(first.items.filter((a) => a.id !== firstAgreement).every((a) => a.versionCount === 1)).toBe(true);
  });

  it('refuse a bad cursor or limit', async () => {
    expect((await b.fail('agreements.list', { limit: 501 })).fields).toEqual({ limit: 'invalid_limit' });
    expect((await b.fail('agreements.list', { limit: 0 })).fields).toEqual({ limit: 'invalid_limit' });
    expect((await b.fail('agreements.list', { after: 'not json' })).fields).toEqual({ after: 'invalid_cursor' });
    expect((await b.fail('agreements.list', { after: '[1]' })).fields).toEqual({ after: 'invalid_cursor' });
  });
});

describe('agreements.versions.list pages', () => {
  it('reach every version once, newest period first, with the total', async () => {
    const whole = await b.call('agreements.versions.list', { limit: 500 });
    expect(whole.total).toBe(15);
    expect(whole.items).toHaveLength(15);
    const key = whole.items.map((v) => [v.validFrom, v.id] as const);
    const sorted = [...key].sort((x, y) => y[0].localeCompare(x[0]) || y[1] - x[1]);
    expect(key).toEqual(sorted);
    expect(whole.items[0].title).toBe('Samverkan 2027');
    for (const limit of [1, 7]) {
      const paged = await everyPage((after) => b.call('agreements.versions.list', { limit, after }), limit);
      expect(paged.rows).toEqual(whole.items);
      expect(paged.totals.every((t) => t === 15)).toBe(true);
    }
  });

  it('page one agreement’s versions with its own total; two versions on the same day keep their id order', async () => {
    const paged = await everyPage(
      (after) => b.call('agreements.versions.list', { agreementId: firstAgreement, limit: 1, after }),
      1,
    );
    expect(paged.totals.every((t) => t === 7)).toBe(true);
    expect(paged.rows.map((v) => v.validFrom)).toEqual([
      '2027-01-01',
      '2025-01-01',
      '2023-01-01',
      '2021-01-01',
      '2019-01-01',
      '2019-01-01',
      '2017-01-01',
    ]);
    expect(paged.rows[4].id).toBeGreaterThan(paged.rows[5].id);
    expect(paged.rows.every((v) => v.agreementId === firstAgreement)).toBe(true);
    expect((await b.call('agreements.versions.list', {})).items).toHaveLength(15);
  });

  it('refuse a bad cursor or limit', async () => {
    expect((await b.fail('agreements.versions.list', { limit: 501 })).fields).toEqual({ limit: 'invalid_limit' });
    expect((await b.fail('agreements.versions.list', { after: '{"a":1}' })).fields).toEqual({
      after: 'invalid_cursor',
    });
    expect((await b.fail('agreements.versions.list', { after: '[3]' })).fields).toEqual({ after: 'invalid_cursor' });
  });
});

// last in the file: it adds an agreement with many versions
describe('agreements.overview and agreements.get are bounded', () => {
  it('the overview pages the agreements as agreements.list does, with today and the warning days on every page', async () => {
    const whole = await b.call('agreements.list', { limit: 500 });
    for (const limit of [1, 7]) {
      const overviews: Array<{ today: string; warningDays: number }> = [];
      const paged = await everyPage(async (after) => {
        const overview = await b.call('agreements.overview', { limit, after });
        overviews.push({ today: overview.today, warningDays: overview.warningDays });
        return overview.agreements;
      }, limit);
      expect(paged.rows).toEqual(whole.items);
      expect(paged.totals.every((t) => t === 9)).toBe(true);
      expect(overviews.every((o) => o.today === '2026-12-01' && o.warningDays === overviews[0].warningDays)).toBe(true);
    }
    expect((await b.call('agreements.overview', {})).agreements.items).toHaveLength(9);
    expect((await b.fail('agreements.overview', { limit: 101 })).fields).toEqual({ limit: 'invalid_limit' });
    expect((await b.fail('agreements.overview', { after: '[1]' })).fields).toEqual({ after: 'invalid_cursor' });
  });

  it('agreements.get gives the newest 20 versions in period order, counts them all, and summarises from all', async () => {
    const created = await b.call('agreements.create', {
      name: 'Långt samarbete',
      version: { title: 'Långt 2000', dnr: null, validFrom: '2000-01-01', validTo: '2001-12-31' },
    });
    for (let year = 2002; year <= 2050; year += 2)
      await b.call('agreements.versions.create', {
        agreementId: created.id,
        fields: { title: `Långt ${year}`, dnr: null, validFrom: `${year}-01-01`, validTo: `${year + 1}-12-31` },
      });
    const detail = await b.call('agreements.get', { id: created.id });
    expect(detail.versionCount).toBe(26);
    expect(detail.versions.map((v) => v.title)).toEqual(Array.from({ length: 20 }, (_, i) => `Långt ${2012 + 2 * i}`));
    expect(detail.latest?.title).toBe('Långt 2050');
    const all = await everyPage(
      (after) => b.call('agreements.versions.list', { agreementId: created.id, limit: 7, after }),
      7,
    );
    expect(all.rows).toHaveLength(26);
    expect(all.rows.slice(0, 20).reverse()).toEqual(detail.versions);
  });
});
