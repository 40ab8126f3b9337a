import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testBackend, type TestBackend } from '../../../test/support/backend';
import { chefssamrad } from '../../../test/support/meetings';
import { DESK_LIST } from '../../../shared/contract/desk';

/** The desk on the Södertälje example, read on 2018-11-20: the agreement ends soon, protocols wait. */
let b: TestBackend;
beforeEach(async () => void (b = await testBackend('2018-11-20T09:00:00Z')));
afterEach(() => b.cleanup());

describe('the secretary’s desk', () => {
  it('shows the agreement with days left, the deadlines from the settings and overdue uppdrag per priority', async () => {
    await b.call('example.load', { confirmed: true });
    const desk = await b.call('desk.get', {});
    expect(desk.today).toBe('2018-11-20');
    expect(desk.settings).toEqual({ justeringDays: 14, publicationDays: 2 });
    expect(desk.agreement).toMatchObject({ inForce: true, validTo: '2018-12-31', daysLeft: 41 });
    for (const p of desk.awaitingJustering.items) expect(p.due).toBe(addDaysIso(p.date, 14));
    for (const p of desk.publication.items) expect(p.due).toBe(addDaysIso(p.attestedOn, 2));
    const overdue = desk.overdueActions.reduce((n, a) => n + a.count, 0);
    const listed = (await b.call('actions.list', { overdue: true, limit: 500 })).total;
    expect(overdue).toBe(listed);

    // the deadlines are settings: good practice, not law
    await b.call('desk.updateSettings', { justeringDays: 21, publicationDays: 3 });
    const later = await b.call('desk.get', {});
    expect(later.settings).toEqual({ justeringDays: 21, publicationDays: 3 });
    for (const p of later.awaitingJustering.items) expect(p.due).toBe(addDaysIso(p.date, 21));
    const bad = await b.fail('desk.updateSettings', { justeringDays: -1, publicationDays: 2 });
    expect(bad.fields).toEqual({ justeringDays: 'desk_days_invalid' });
    expect((await b.call('desk.settings', {})).justeringDays).toBe(21);
  });

  it('names the oldest ten protocols awaiting justering and counts them all', async () => {
    const f = await chefssamrad(b);
    const dates = Array.from({ length: 13 }, (_, i) => addDaysIso('2018-06-05', i * 7)).reverse();
    const meetings = [];
    for (const date of dates) {
      const m = await f.meeting(date);
      await b.call('protocol.create', { meetingId: m.id });
      meetings.push({ id: m.id, date });
    }
    // one attested, so it leaves the list and shows under publication instead
    const attested = meetings[0];
    await f.attestAll(attested.id, '2018-11-19');
    const desk = await b.call('desk.get', {});
    const waiting = meetings.slice(1).sort((x, y) => x.date.localeCompare(y.date));
    expect(desk.awaitingJustering.total).toBe(12);
    expect(desk.awaitingJustering.items.map((p) => p.id)).toEqual(waiting.slice(0, DESK_LIST).map((m) => m.id));
    expect(desk.awaitingJustering.items.every((p) => p.overdue)).toBe(true);
    expect(desk.publication).toEqual({
      items: [expect.objectContaining({ id: attested.id, attestedOn: '2018-11-19', due: '2018-11-21' })],
      total: 1,
    });
  });

  it('names what the next meeting still lacks', async () => {
    const body = await b.call('bodies.create', { name: 'Chefssamrådet', kind: 'chefssamrad' });
    const meeting = await b.call('meetings.create', {
      bodyId: body.id,
      date: '2018-12-04',
      startTime: '09:00',
      endTime: '11:00',
      place: 'Stadshuset',
      justerareIds: [],
      applyTemplate: false,
    });
    expect((await b.call('desk.get', {})).nextMeeting).toEqual({
      id: meeting.id,
      bodyName: 'Chefssamrådet',
      date: '2018-12-04',
      startTime: '09:00',
      lacks: ['roster', 'agenda', 'notice'],
    });
    await b.call('meetings.exportAgenda', { meetingId: meeting.id, lang: 'sv' });
    expect((await b.call('desk.get', {})).nextMeeting?.lacks).toEqual(['roster', 'agenda']);
  });
});

function addDaysIso(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
