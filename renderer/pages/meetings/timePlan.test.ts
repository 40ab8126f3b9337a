import { describe, expect, it } from 'vitest';
import { formatClock, parseClock, planOverrun, timePlan } from './timePlan';

describe('timePlan', () => {
  it('gives each item the clock times that follow from the start and the minutes before it', () => {
    expect(timePlan('09:00', [5, 10, 45, 15])).toEqual([
      { start: '09:00', end: '09:05' },
      { start: '09:05', end: '09:15' },
      { start: '09:15', end: '10:00' },
      { start: '10:00', end: '10:15' },
    ]);
  });

  it('lets items without planned minutes take no time', () => {
    expect(timePlan('13:30', [null, 20, undefined, 0, 10])).toEqual([
      { start: '13:30', end: '13:30' },
      { start: '13:30', end: '13:50' },
      { start: '13:50', end: '13:50' },
      { start: '13:50', end: '13:50' },
      { start: '13:50', end: '14:00' },
    ]);
  });

  it('has no plan without a valid start time', () => {
    expect(timePlan(null, [10])).toBeNull();
    expect(timePlan('25:00', [10])).toBeNull();
    expect(timePlan('9.00', [10])).toBeNull();
  });

  it('wraps past midnight', () => {
    expect(timePlan('23:50', [20])).toEqual([{ start: '23:50', end: '00:10' }]);
  });

  it('reads and writes clock times', () => {
    expect(parseClock('9:05')).toBe(545);
    expect(parseClock('09:60')).toBeNull();
    expect(formatClock(545)).toBe('09:05');
    expect(formatClock(-10)).toBe('23:50');
  });

  it('reports how far the plan runs past the end time', () => {
    expect(planOverrun('09:00', '11:00', [60, 45])).toEqual({ total: 105, overrunMinutes: 0 });
    expect(planOverrun('09:00', '10:00', [60, 45])).toEqual({ total: 105, overrunMinutes: 45 });
    expect(planOverrun('09:00', null, [30])).toEqual({ total: 30, overrunMinutes: 0 });
  });
});
