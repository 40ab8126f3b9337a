import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackend, type TestBackend } from '../../../test/support/backend';
import { chefssamrad } from '../../../test/support/meetings';
import { everyPage } from '../../../test/support/paging';

/**
 * records.list pages the sealed records newest first: every record exactly once, with the
 * total, filtered by kind, over a real database file.
 */
let b: TestBackend;
const MEETINGS = 9;

beforeAll(async () => {
  b = await testBackend('2026-12-01T09:00:00Z');
  const f = await chefssamrad(b);
  for (let i = 0; i < MEETINGS; i++) {
    const meeting = await f.meeting(`2026-0${i + 1}-15`);
    await b.call('protocol.create', { meetingId: meeting.id });
    await b.call('protocol.addParagraph', {
      meetingId: meeting.id,
      fields: { title: `Lägesbild ${i + 1}`, decision: 'Noteras.', finished: true },
    });
    await f.attestAll(meeting.id, `2026-0${i + 1}-20`);
  }
}, 300_000);
afterAll(() => b.cleanup());

const storedIds = (kind?: string) =>
  b.ctx.db
    .prepare(`SELECT id FROM sealed_record ${kind ? 'WHERE kind = ?' : ''} ORDER BY id DESC`)
    .pluck()
    .all(...(kind ? [kind] : [])) as number[];

describe('records.list pages', () => {
  it('reach every sealed record once, newest first, with the total', async () => {
    const ids = storedIds();
    expect(ids.length).toBeGreaterThanOrEqual(MEETINGS);
    const whole = await b.call('records.list', { limit: 500 });
    expect(whole.items.map((r) => r.recordId)).toEqual(ids);
    expect([whole.total, whole.next]).toEqual([ids.length, null]);
    for (const limit of [1, 7]) {
      const paged = await everyPage((after) => b.call('records.list', { limit, after }), limit);
      expect(paged.rows).toEqual(whole.items);
      expect(paged.totals.every((t) => t === ids.length)).toBe(true);
    }
  });

  it('filter by kind with the filter’s total, and show what each record is', async () => {
    const protocols = storedIds('protocol');
    expect(protocols).toHaveLength(MEETINGS);
    const paged = await everyPage((after) => b.call('records.list', { kind: 'protocol', limit: 7, after }), 7);
    expect(paged.rows.map((r) => r.recordId)).toEqual(protocols);
    expect(paged.totals).toEqual([MEETINGS, MEETINGS]);
    expect(paged.rows.every((r) => r.kind === 'protocol' && r.label.includes('Chefssamrådet'))).toBe(true);
    expect(paged.rows[0].sealedAt >= paged.rows[MEETINGS - 1].sealedAt).toBe(true);
  });

  it('default to 50 a page and refuse a bad cursor or limit', async () => {
    expect((await b.call('records.list', {})).items).toHaveLength(storedIds().length);
    expect((await b.fail('records.list', { limit: 501 })).fields).toEqual({ limit: 'invalid_limit' });
    expect((await b.fail('records.list', { limit: 1.5 })).fields).toEqual({ limit: 'invalid_limit' });
    expect((await b.fail('records.list', { after: 'x' })).fields).toEqual({ after: 'invalid_cursor' });
    expect((await b.fail('records.list', { after: '[1, 2]' })).fields).toEqual({ after: 'invalid_cursor' });
  });
});
