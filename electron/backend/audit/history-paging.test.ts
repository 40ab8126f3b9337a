import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackend, type TestBackend } from '../../../test/support/backend';
import { everyPage } from '../../../test/support/paging';
import type { AuditEntry } from '../../../shared/contract/common';
import { COALESCE_WINDOW_MS } from './log';

/**
 * history.forRecord pages a record's events newest first: every event exactly once, with the
 * total, and each page's before and after rebuilt from the deltas even when its bases lie on a
 * later page.
 */
let b: TestBackend;
let orgId: number;
let otherId: number;
const tick = () => b.clock.set(new Date(b.clock.now().getTime() + COALESCE_WINDOW_MS + 1_000).toISOString());

beforeAll(async () => {
  b = await testBackend();
  orgId = (await b.call('organisations.create', { name: 'Södertälje kommun', kind: 'kommun' })).id;
  otherId = (await b.call('organisations.create', { name: 'Polisen Syd', kind: 'polis' })).id;
  for (let i = 0; i < 120; i++) {
    tick();
    if (i % 10 === 9) await b.call('organisations.archive', { id: orgId, archived: i % 20 === 9 });
    else
      await b.call('organisations.update', {
        id: orgId,
        fields: { name: 'Södertälje kommun', kind: 'kommun', shortName: `SK${i}` },
      });
    if (i % 30 === 0)
      await b.call('organisations.update', {
        id: otherId,
        fields: { name: 'Polisen Syd', kind: 'polis', shortName: `P${i}` },
      });
  }
}, 120_000);
afterAll(() => b.cleanup());

const whole = async () =>
  (await b.call('history.forRecord', { entity: 'organisation', entityId: orgId, limit: 500 })).items;

describe('history.forRecord pages', () => {
  it('reach every event of the record once, newest first, rebuilt as the whole history is', async () => {
    const all = await whole();
    expect(all).toHaveLength(121);
    expect(all.every((e) => e.entityId === String(orgId))).toBe(true);
    expect(all.map((e) => e.id)).toEqual([...all.map((e) => e.id)].sort((x, y) => y - x));
    expect(all[all.length - 1].action).toBe('create');
    expect(all[0].after).toMatchObject({ shortName: 'SK118', archived: false });
    for (const limit of [1, 7, 50]) {
      const paged = await everyPage(
        (after) => b.call('history.forRecord', { entity: 'organisation', entityId: orgId, limit, after }),
        limit,
      );
      expect(paged.totals.every((t) => t === 121)).toBe(true);
      expect(paged.rows).toEqual(all);
    }
  });

  it('default to 50 a page and filter by action, with the filter’s total', async () => {
    const first = await b.call('history.forRecord', { entity: 'organisation', entityId: orgId });
    expect(first.items).toHaveLength(50);
    expect(first.total).toBe(121);
    const archives = await everyPage(
      (after) =>
        b.call('history.forRecord', { entity: 'organisation', entityId: orgId, action: 'archive', limit: 5, after }),
      5,
    );
    const byHand = (await whole()).filter((e) => e.action === 'archive');
    expect(byHand).toHaveLength(6);
    expect(archives.rows).toEqual(byHand);
    expect(archives.totals).toEqual([6, 6]);
  });

  it('continue after the cursor when new events arrive between pages', async () => {
    const first = await b.call('history.forRecord', { entity: 'organisation', entityId: otherId, limit: 2 });
    expect(first.total).toBe(5);
    tick();
    await b.call('organisations.update', {
      id: otherId,
      fields: { name: 'Polisen Syd', kind: 'polis', shortName: 'PS' },
    });
    const rest = await everyPage(
      (after) => b.call('history.forRecord', { entity: 'organisation', entityId: otherId, limit: 2, after }),
      2,
    );
    const seen: AuditEntry[] = [];
    let after = first.next;
    while (after) {
      const page = await b.call('history.forRecord', { entity: 'organisation', entityId: otherId, limit: 2, after });
      expect(page.total).toBe(6);
      seen.push(...page.items);
      after = page.next;
    }
    expect([...first.items, ...seen]).toEqual(rest.rows.slice(1));
  });

  it('refuse a bad cursor or limit with a field error', async () => {
    const badCursor = await b.fail('history.forRecord', { entity: 'organisation', entityId: orgId, after: 'x' });
    expect(badCursor).toMatchObject({ code: 'VALIDATION', fields: { after: 'invalid_cursor' } });
    const twoKeys = await b.fail('history.forRecord', {
      entity: 'organisation',
      entityId: orgId,
      after: JSON.stringify([5, 1]),
    });
    expect(twoKeys).toMatchObject({ code: 'VALIDATION', fields: { after: 'invalid_cursor' } });
    const tooMany = await b.fail('history.forRecord', { entity: 'organisation', entityId: orgId, limit: 501 });
    expect(tooMany).toMatchObject({ code: 'VALIDATION', fields: { limit: 'invalid_limit' } });
  });
});
