import { describe, expect, it } from 'vitest';
import { DEFAULT_TIME_ZONE, isTimeZone, todayIn, zonedDate, zonedTime } from './zoned-date';

const at = (iso: string) => new Date(iso);

describe('the zoned clock (issue 13, case 13)', () => {
  it('is Europe/Stockholm by default', () => {
    expect(DEFAULT_TIME_ZONE).toBe('Europe/Stockholm');
    expect(todayIn({ now: () => at('2026-12-01T23:30:00Z'), timeZone: DEFAULT_TIME_ZONE })).toBe('2026-12-02');
  });

  it('around midnight: the Swedish date, not the UTC date (winter UTC+1, summer UTC+2)', () => {
    expect(zonedDate(at('2026-12-01T22:59:59Z'))).toBe('2026-12-01');
    expect(zonedDate(at('2026-12-01T23:00:00Z'))).toBe('2026-12-02');
    expect(zonedDate(at('2026-06-30T21:59:59Z'))).toBe('2026-06-30');
    expect(zonedDate(at('2026-06-30T22:00:00Z'))).toBe('2026-07-01');
    expect(zonedDate(at('2026-12-31T23:00:00Z'))).toBe('2027-01-01');
    expect(zonedDate(at('2028-02-28T23:30:00Z'))).toBe('2028-02-29');
  });

  it('at the DST changes: the clock skips 02:00–03:00 in March and repeats it in October, the date never slips', () => {
    expect(zonedTime(at('2026-03-29T00:59:00Z'))).toBe('01:59');
    expect(zonedTime(at('2026-03-29T01:00:00Z'))).toBe('03:00');
    expect(zonedDate(at('2026-03-28T22:59:00Z'))).toBe('2026-03-28');
    expect(zonedDate(at('2026-03-28T23:00:00Z'))).toBe('2026-03-29');
    expect(zonedTime(at('2026-10-25T00:30:00Z'))).toBe('02:30');
    expect(zonedTime(at('2026-10-25T01:30:00Z'))).toBe('02:30');
    expect(zonedDate(at('2026-10-24T21:59:00Z'))).toBe('2026-10-24');
    expect(zonedDate(at('2026-10-24T22:00:00Z'))).toBe('2026-10-25');
    expect(zonedDate(at('2026-10-25T22:59:00Z'))).toBe('2026-10-25');
    expect(zonedDate(at('2026-10-25T23:00:00Z'))).toBe('2026-10-26');
  });

  it("is settable: another zone gives that zone's date; unknown zones are recognised as such", () => {
    expect(zonedDate(at('2026-12-01T23:30:00Z'), 'UTC')).toBe('2026-12-01');
    expect(zonedDate(at('2026-12-01T13:30:00Z'), 'Pacific/Kiritimati')).toBe('2026-12-02');
    expect(isTimeZone('Europe/Helsinki')).toBe(true);
    expect(isTimeZone('Europe/Södertälje')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
});
