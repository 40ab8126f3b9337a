import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, followingPeriod, renewTitle } from './period';

describe('period arithmetic', () => {
  it('follows a period of whole months with the same number of months, leap years or not', () => {
    expect(followingPeriod('2017-01-01', '2018-12-31')).toEqual({ from: '2019-01-01', to: '2020-12-31' });
    expect(followingPeriod('2014-01-01', '2016-12-31')).toEqual({ from: '2017-01-01', to: '2019-12-31' });
    expect(followingPeriod('2019-07-01', '2020-06-30')).toEqual({ from: '2020-07-01', to: '2021-06-30' });
  });

  it('follows any other period with the same number of days', () => {
    expect(followingPeriod('2017-01-10', '2017-01-19')).toEqual({ from: '2017-01-20', to: '2017-01-29' });
  });

  it('counts days across month and year ends', () => {
    expect(addDays('2016-12-31', 1)).toBe('2017-01-01');
    expect(daysBetween('2018-09-02', '2018-12-31')).toBe(120);
  });

  it('moves the years of the period in a title', () => {
    const old = { from: '2017-01-01', to: '2018-12-31' };
    const next = { from: '2019-01-01', to: '2020-12-31' };
    expect(renewTitle('Samverkansöverenskommelse 2017–2018', old, next)).toBe('Samverkansöverenskommelse 2019–2020');
    expect(renewTitle('Samverkansöverenskommelse 2017-2018', old, next)).toBe('Samverkansöverenskommelse 2019-2020');
    expect(renewTitle('Samverkansöverenskommelse', old, next)).toBe('Samverkansöverenskommelse');
  });
});
