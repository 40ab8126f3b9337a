import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackend, type TestBackend } from '../../../test/support/backend';
import { generateThroughContract, type GeneratedFacts } from '../../../bench/generate';
import type { ActionItem, Meeting } from '../../../shared/contract/meetings';
import { everyPage } from '../../../test/support/paging';

/**
 * The paged lists on a database built by the benchmarks' generator (small size): every row is
 * reached exactly once, in the documented order, with the right total, and the aggregates equal
 * counting by hand.
 */
let b: TestBackend;
let facts: GeneratedFacts;
const TODAY = '2026-12-01';

beforeAll(async () => {
  b = await testBackend(`${TODAY}T09:00:00Z`);
  facts = await generateThroughContract(b.dispatch, { paragraphs: 400, today: TODAY });
  // a quarter year later: some actions are past due, and a few are done
  b.clock.set('2027-03-01T09:00:00Z');
  const first = await b.call('actions.list', { limit: 500 });
  for (const a of first.items.filter((_, i) => i % 7 === 0))
    await b.call('actions.setStatus', { id: a.id, status: 'done', doneOn: '2027-02-01' });
}, 600_000);
afterAll(() => b.cleanup());

const actionKey = (a: ActionItem): [number, string, number] => [
  a.status === 'done' ? 1 : 0,
  a.dueDate ?? '9999-12-31',
  a.id,
];
const byKey =
  <T>(key: (x: T) => Array<string | number>) =>
  (x: T, y: T) => {
    const [kx, ky] = [key(x), key(y)];
    for (let i = 0; i < kx.length; i++) if (kx[i] !== ky[i]) return kx[i] < ky[i] ? -1 : 1;
    return 0;
  };

describe('paged lists on a generated database', () => {
  it('was generated as asked: ten bodies, 20 §§ a meeting, actions and meetings to come', () => {
    expect(facts).toMatchObject({ paragraphs: 400, meetings: 10 * (2 + 2), actions: 100 });
  });

  it('actions.list: every action once, open before done by due date, totals right, for each filter', async () => {
    const all = await everyPage((after) => b.call('actions.list', { limit: 9, after }), 9);
    expect(all.totals.every((t) => t === facts.actions)).toBe(true);
    expect(all.rows).toHaveLength(facts.actions);
    expect(new Set(all.rows.map((a) => a.id)).size).toBe(facts.actions);
    expect(all.rows).toEqual([...all.rows].sort(byKey(actionKey)));
    expect(all.rows.findIndex((a) => a.status === 'done')).toBe(all.rows.filter((a) => a.status === 'open').length);

    const filters = [
      { status: 'open' as const },
      { status: 'done' as const },
      { overdue: true },
      { overdue: false },
      { bodyId: facts.bodyIds[3] },
      { priorityId: facts.priorityIds[1] },
      { withoutPriority: true },
      { status: 'open' as const, priorityId: facts.priorityIds[0], bodyId: facts.bodyIds[0] },
      { status: 'done' as const, withoutPriority: true, bodyId: facts.bodyIds[2] },
      { status: 'open' as const, overdue: true, bodyId: facts.bodyIds[2] },
    ];
    for (const filter of filters) {
      const paged = await everyPage((after) => b.call('actions.list', { ...filter, limit: 4, after }), 4);
      const byHand = all.rows.filter(
        (a) =>
          (filter.status === undefined || a.status === filter.status) &&
          ('overdue' in filter ? a.overdue === filter.overdue : true) &&
          ('bodyId' in filter ? a.bodyId === filter.bodyId : true) &&
          ('priorityId' in filter ? a.priorityId === filter.priorityId : true) &&
          ('withoutPriority' in filter ? a.priorityId === null : true),
      );
      expect(
        paged.rows.map((a) => a.id),
        JSON.stringify(filter),
      ).toEqual(byHand.map((a) => a.id));
      expect(paged.totals.every((t) => t === byHand.length)).toBe(true);
    }
  });

  it('actions.list: a tick between pages moves that one action and no other is lost or repeated', async () => {
    const first = await b.call('actions.list', { status: 'open', limit: 10 });
    const ticked = first.items[3];
    await b.call('actions.setStatus', { id: ticked.id, status: 'done', doneOn: '2027-02-15' });
    const rest = await everyPage(
      (after) => b.call('actions.list', { status: 'open', limit: 10, after: after ?? first.next }),
      10,
    );
    const seen = [...first.items, ...rest.rows].map((a) => a.id);
    expect(new Set(seen).size).toBe(seen.length);
    expect(rest.totals[0]).toBe(first.total - 1);
    const done = await everyPage((after) => b.call('actions.list', { status: 'done', limit: 50, after }), 50);
    expect(done.rows.map((a) => a.id)).toContain(ticked.id);
    await b.call('actions.setStatus', { id: ticked.id, status: 'open' });
  });

  it('actions.stats equals counting the actions by hand, per priority area', async () => {
    const all = await everyPage((after) => b.call('actions.list', { limit: 500, after }), 500);
    const byHand = new Map<number | null, { open: number; overdue: number; done: number }>();
    for (const a of all.rows) {
      const entry = byHand.get(a.priorityId) ?? { open: 0, overdue: 0, done: 0 };
      if (a.status === 'done') entry.done++;
      else if (a.overdue) entry.overdue++;
      else entry.open++;
      byHand.set(a.priorityId, entry);
    }
    const stats = await b.call('actions.stats', {});
    expect(new Map(stats.map((s) => [s.priorityId, { open: s.open, overdue: s.overdue, done: s.done }]))).toEqual(
      byHand,
    );
    expect(stats[stats.length - 1].priorityId).toBeNull();
    const overdue = stats.reduce((n, s) => n + s.overdue, 0);
    expect(overdue).toBeGreaterThan(0);
    expect(overdue).toBe((await b.call('actions.list', { overdue: true, limit: 1 })).total);

    const body = facts.bodyIds[5];
    const ofBody = await b.call('actions.stats', { bodyId: body });
    expect(ofBody.reduce((n, s) => n + s.open + s.overdue + s.done, 0)).toBe(
      all.rows.filter((a) => a.bodyId === body).length,
    );
  });

  it('meetings.list: upcoming oldest first, past newest first, each once, totals right', async () => {
    const body = facts.bodyIds[2];
    const key = (m: Meeting) => [m.date, m.startTime, m.id];
    const upcoming = await everyPage(
      (after) => b.call('meetings.list', { bodyId: body, from: TODAY, order: 'asc', limit: 1, after }),
      1,
    );
    const past = await everyPage(
      (after) => b.call('meetings.list', { bodyId: body, before: TODAY, order: 'desc', limit: 1, after }),
      1,
    );
    expect(upcoming.rows.concat(past.rows).every((m) => m.bodyId === body)).toBe(true);
    expect(past.rows).toEqual([...past.rows].sort(byKey(key)).reverse());
    expect(upcoming.rows).toEqual([...upcoming.rows].sort(byKey(key)));
    expect(upcoming.rows.length + past.rows.length).toBe(4);
    expect(past.rows.every((m) => m.paragraphRange !== null)).toBe(true);

    const everything = await everyPage((after) => b.call('meetings.list', { limit: 7, after }), 7);
    expect(everything.rows).toHaveLength(facts.meetings);
    expect(new Set(everything.rows.map((m) => m.id)).size).toBe(facts.meetings);
  });

  it('paragraphs.list: every § once by body, year and number; the § range of each meeting from the index', async () => {
    const all = await everyPage((after) => b.call('paragraphs.list', { limit: 33, after }), 33);
    expect(all.rows).toHaveLength(facts.paragraphs);
    expect(new Set(all.rows.map((p) => p.id)).size).toBe(facts.paragraphs);
    expect(all.rows).toEqual([...all.rows].sort(byKey((p) => [p.bodyId, p.year, p.number])));
    const meetings = await everyPage((after) => b.call('meetings.list', { limit: 100, after }), 100);
    for (const m of meetings.rows.filter((x) => x.paragraphRange)) {
      const numbers = all.rows.filter((p) => p.meetingId === m.id).map((p) => p.number);
      expect(m.paragraphRange).toEqual([Math.min(...numbers), Math.max(...numbers)]);
    }
  });

  it('refuses a cursor that is not one, or a limit out of range, at the field', async () => {
    expect((await b.fail('actions.list', { after: 'nonsense' })).fields).toEqual({ after: 'invalid_cursor' });
    expect((await b.fail('meetings.list', { after: '["2027-01-01"]' })).fields).toEqual({ after: 'invalid_cursor' });
    expect((await b.fail('paragraphs.list', { limit: 5000 })).fields).toEqual({ limit: 'invalid_limit' });
    expect((await b.fail('actions.list', { limit: 0 })).fields).toEqual({ limit: 'invalid_limit' });
  });

  it('agenda.suggestions offers at most 30 open actions, the previous meeting’s first, with the total', async () => {
    const upcoming = await b.call('meetings.list', { bodyId: facts.bodyIds[0], from: TODAY, limit: 1 });
    const suggestions = await b.call('agenda.suggestions', { meetingId: upcoming.items[0].id });
    const open = await b.call('actions.list', { bodyId: facts.bodyIds[0], status: 'open', limit: 500 });
    expect(suggestions.openActionsTotal).toBe(open.total);
    expect(suggestions.openActions.length).toBe(Math.min(30, open.total));
    const previous = suggestions.previousMeeting!.id;
    const fromPrevious = suggestions.openActions.findIndex((a) => a.meetingId !== previous);
    expect(suggestions.openActions.slice(fromPrevious).every((a) => a.meetingId !== previous)).toBe(true);
  });
});
