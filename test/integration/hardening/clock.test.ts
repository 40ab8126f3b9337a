import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { chefssamrad } from '../../support/meetings';
import { todayIso } from '../../../renderer/pages/meetings/localDate';
import { testBackend, type TestBackend } from '../../support/backend';

// this computer's clock set to Swedish time, as the users' are (Node applies TZ at once)
const machineZone = process.env.TZ;
process.env.TZ = 'Europe/Stockholm';
let b: TestBackend;
afterEach(() => b?.cleanup());
afterAll(() => {
  if (machineZone === undefined) delete process.env.TZ;
  else process.env.TZ = machineZone;
});

/**
 * The attestation dialog's default date is the renderer's todayIso(); the backend refuses a
 * date after its today(). Both must be the same date at every moment of the day, wherever the
 * computer's own clock is set.
 */
describe('one "today" for renderer and backend (issue 13, case 13)', () => {
  for (const [label, instant] of [
    ['00:30 Swedish winter time (23:30 UTC the day before)', '2017-03-20T23:30:00Z'],
    ['01:30 Swedish summer time (23:30 UTC the day before)', '2017-06-20T23:30:00Z'],
    ['the night the clocks go forward', '2017-03-26T00:30:00Z'],
    ['the night the clocks go back', '2017-10-28T23:30:00Z'],
    ['midday', '2017-03-21T11:00:00Z'],
  ] as const) {
    it(`the dialog's default date is accepted at ${label}`, async () => {
      b = await testBackend(instant);
      const f = await chefssamrad(b);
      const m = await f.meeting('2017-03-14');
      await b.call('protocol.create', { meetingId: m.id });
      const dialogDefault = todayIso(b.clock.now());
      const attested = await f.attestAll(m.id, dialogDefault);
      expect(attested.status).toBe('attested');
      // and the day after is still "in the future"
      const next = new Date(Date.parse(`${dialogDefault}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
      const m2 = await f.meeting('2017-03-15');
      await b.call('protocol.create', { meetingId: m2.id });
      await expect(f.attestAll(m2.id, next)).rejects.toThrow(/attest_in_future/);
    });
  }

  it('the zone is settable: with UTC the UTC date is today', async () => {
    b = await testBackend('2017-03-20T23:30:00Z');
    const session = await b.call('session.setTimeZone', { timeZone: 'UTC' });
    expect(session.timeZone).toBe('UTC');
    const f = await chefssamrad(b);
    const m = await f.meeting('2017-03-14');
    await b.call('protocol.create', { meetingId: m.id });
    await expect(f.attestAll(m.id, '2017-03-21')).rejects.toThrow(/attest_in_future/);
    const m2 = await f.meeting('2017-03-15');
    await b.call('protocol.create', { meetingId: m2.id });
    expect((await f.attestAll(m2.id, todayIso(b.clock.now(), session.timeZone))).status).toBe('attested');
    expect((await b.fail('session.setTimeZone', { timeZone: 'Europe/Södertälje' })).fields).toEqual({
      timeZone: 'unknown_time_zone',
    });
    expect((await b.call('session.get', {})).timeZone).toBe('UTC');
  });
});
