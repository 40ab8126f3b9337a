import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testBackend, type TestBackend } from '../../../test/support/backend';
import { seedAgreement, signAll } from '../../../test/support/agreements';

/** Rosters follow the period: a meeting after every mandate is warned about and the roster extended in one step. */
let b: TestBackend;
beforeEach(async () => void (b = await testBackend('2018-11-01T09:00:00Z')));
afterEach(() => b.cleanup());

async function bodyWithMandates() {
  const seeded = await seedAgreement(b);
  const body = await b.call('bodies.create', { name: 'Chefssamrådet', kind: 'chefssamrad' });
  const { broo, nylind, uddholm } = seeded.people;
  for (const [person, role] of [
    [broo, 'ordforande'],
    [nylind, 'ledamot'],
    [uddholm, 'ledamot'],
  ] as const)
    await b.call('bodies.addMember', {
      bodyId: body.id,
      personId: person.id,
      role,
      from: '2017-01-01',
      to: '2018-12-31',
    });
  return { ...seeded, body };
}

describe('mandates', () => {
  it('says when nobody holds a mandate on a date, when the last ended and proposes the agreement’s period', async () => {
    const { body, versionId } = await bodyWithMandates();
    expect(await b.call('bodies.mandates', { bodyId: body.id, date: '2018-06-12' })).toMatchObject({
      membersOnDate: 3,
      proposal: null,
    });
    // no agreement covers 2019 yet: periods as long as the last one
    expect(await b.call('bodies.mandates', { bodyId: body.id, date: '2019-03-12' })).toEqual({
      bodyId: body.id,
      date: '2019-03-12',
      membersOnDate: 0,
      lastEnded: '2018-12-31',
      endedCount: 3,
      proposal: { validFrom: '2019-01-01', validTo: '2020-12-31' },
    });
    // the renewal for 2019–2021 is what the proposal follows once it exists
    await signAll(b, versionId, '2016-11-30');
    await b.call('agreements.versions.renew', { id: versionId, validFrom: '2019-01-01', validTo: '2021-12-31' });
    expect((await b.call('bodies.mandates', { bodyId: body.id, date: '2019-03-12' })).proposal).toEqual({
      validFrom: '2019-01-01',
      validTo: '2021-12-31',
    });
  });

  it('a meeting planned after the mandates has no roster and no chair; one step extends them and fetching fills the list', async () => {
    const { body } = await bodyWithMandates();
    const meeting = await b.call('meetings.create', {
      bodyId: body.id,
      date: '2019-03-12',
      startTime: '09:00',
      endTime: '11:00',
      place: 'Stadshuset',
      justerareIds: [],
    });
    expect(meeting.chair).toBeNull();
    const nothing = await b.call('attendance.prefill', { meetingId: meeting.id });
    expect([nothing.added, nothing.roleSet, nothing.attendance]).toEqual([0, 0, []]);
    expect(nothing.mandates).toMatchObject({ membersOnDate: 0, lastEnded: '2018-12-31' });

    const { extended } = await b.call('bodies.extendMandates', {
      bodyId: body.id,
      endedOn: '2018-12-31',
      validFrom: '2019-01-01',
      validTo: '2020-12-31',
    });
    expect(extended.map((m) => [m.personName, m.role, m.from, m.to])).toEqual([
      ['Camilla Broo', 'ordforande', '2019-01-01', '2020-12-31'],
      ['Peter Nylind', 'ledamot', '2019-01-01', '2020-12-31'],
      ['Lars-Göran Uddholm', 'ledamot', '2019-01-01', '2020-12-31'],
    ]);
    const filled = await b.call('attendance.prefill', { meetingId: meeting.id });
    expect(filled.added).toBe(3);
    expect(filled.attendance.filter((a) => a.decisionMaker)).toHaveLength(3);
    // a second fetch says everyone is already there
    const again = await b.call('attendance.prefill', { meetingId: meeting.id });
    expect([again.added, again.roleSet, again.mandates.membersOnDate]).toEqual([0, 0, 3]);
    const history = (await b.call('history.forRecord', { entity: 'body', entityId: body.id })).items;
    expect(history.some((e) => e.action === 'extend_mandates')).toBe(true);
  });

  it('refuses an extension that overlaps, runs backwards or has nothing to extend, changing nothing', async () => {
    const { body } = await bodyWithMandates();
    const before = await b.call('bodies.members', { bodyId: body.id });
    const overlap = await b.fail('bodies.extendMandates', {
      bodyId: body.id,
      endedOn: '2018-12-31',
      validFrom: '2018-12-01',
      validTo: '2020-12-31',
    });
    expect(overlap.fields).toEqual({ validFrom: 'mandate_overlaps' });
    const backwards = await b.fail('bodies.extendMandates', {
      bodyId: body.id,
      endedOn: '2018-12-31',
      validFrom: '2019-01-01',
      validTo: '2018-12-31',
    });
    expect(backwards.fields).toMatchObject({ validTo: 'end_before_start' });
    const none = await b.fail('bodies.extendMandates', {
      bodyId: body.id,
      endedOn: '2017-06-30',
      validFrom: '2019-01-01',
      validTo: '2020-12-31',
    });
    expect(none.fields).toEqual({ endedOn: 'no_mandates_ended' });
    expect(await b.call('bodies.members', { bodyId: body.id })).toEqual(before);
  });

  it('renewing the agreement can extend the rosters that end with it', async () => {
    const { body, versionId } = await bodyWithMandates();
    await b.call('agreements.versions.update', {
      id: versionId,
      fields: {
        title: 'Samverkansöverenskommelse 2017–2018',
        dnr: null,
        validFrom: '2017-01-01',
        validTo: '2018-12-31',
      },
    });
    await signAll(b, versionId, '2016-11-30');
    expect((await b.call('agreements.versions.nextPeriod', { id: versionId })).rosters).toEqual([
      { bodyId: body.id, bodyName: 'Chefssamrådet', members: 3 },
    ]);
    await b.call('agreements.versions.renew', { id: versionId, extendMandates: true });
    expect((await b.call('bodies.members', { bodyId: body.id, on: '2020-06-01' })).map((m) => m.personName)).toEqual([
      'Camilla Broo',
      'Lars-Göran Uddholm',
      'Peter Nylind',
    ]);
  });
});
