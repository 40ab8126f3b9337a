import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testBackend, type TestBackend } from '../../../test/support/backend';
import { chefssamrad } from '../../../test/support/meetings';

let b: TestBackend;
let f: Awaited<ReturnType<typeof chefssamrad>>;
beforeEach(async () => {
  b = await testBackend('2017-04-01T09:00:00Z');
  f = await chefssamrad(b);
});
afterEach(() => b.cleanup());

/** The agenda's time plan is worked out in the backend only; the renderer shows `agenda.plan`. */
describe('agenda.plan', () => {
  const only = async (meetingId: number, minutes: number[]) => {
    for (const item of await b.call('agenda.list', { meetingId })) await b.call('agenda.remove', { id: item.id });
    for (const [n, plannedMinutes] of minutes.entries())
      await b.call('agenda.add', {
        meetingId,
        fields: { kind: 'information', title: `Punkt ${n + 1}`, plannedMinutes },
      });
  };

  it('runs each item on from the one before, from the start time; an item of no minutes takes none', async () => {
    const m = await f.meeting('2017-03-14', '13:30', '15:00');
    await only(m.id, [5, 0, 45, 15]);
    const plan = await b.call('agenda.plan', { meetingId: m.id });
    expect(plan.items.map((i) => `${i.startsAt}–${i.endsAt}`)).toEqual([
      '13:30–13:35',
      '13:35–13:35',
      '13:35–14:20',
      '14:20–14:35',
    ]);
    expect(plan).toMatchObject({ totalMinutes: 65, overrunMinutes: 0 });
    expect(plan.items).toEqual(await b.call('agenda.list', { meetingId: m.id }));
  });

  it('says how far the plan runs past the end time, and follows a reorder', async () => {
    const m = await f.meeting('2017-03-14', '09:00', '10:00');
    await only(m.id, [60, 45]);
    expect(await b.call('agenda.plan', { meetingId: m.id })).toMatchObject({ totalMinutes: 105, overrunMinutes: 45 });
    const [first, second] = await b.call('agenda.list', { meetingId: m.id });
    await b.call('agenda.reorder', { meetingId: m.id, itemIds: [second.id, first.id] });
    const plan = await b.call('agenda.plan', { meetingId: m.id });
    expect(plan.items.map((i) => `${i.title} ${i.startsAt}–${i.endsAt}`)).toEqual([
      'Punkt 2 09:00–09:45',
      'Punkt 1 09:45–10:45',
    ]);
  });

  it('reads clock times past midnight as clock times', async () => {
    const m = await f.meeting('2017-03-14', '22:00', '23:50');
    await only(m.id, [100, 20]);
    const plan = await b.call('agenda.plan', { meetingId: m.id });
    expect(plan.items.map((i) => `${i.startsAt}–${i.endsAt}`)).toEqual(['22:00–23:40', '23:40–00:00']);
    expect(plan).toMatchObject({ totalMinutes: 120, overrunMinutes: 10 });
  });

  it('refuses a meeting that does not exist', async () => {
    expect((await b.fail('agenda.plan', { meetingId: 9999 })).code).toBe('NOT_FOUND');
  });
});
