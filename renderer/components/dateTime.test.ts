import { describe, expect, it } from 'vitest';
import { formatDateAndTime, formatDateTime, formatTimeOfDay } from './dateTime';

describe('formatDateTime', () => {
  it('writes Swedish time the Swedish way, across daylight saving', () => {
    expect(formatDateTime('2017-03-20T09:15:00.000Z', 'sv')).toBe('2017-03-20 kl. 10.15');
    expect(formatDateTime('2017-07-01T22:30:00.000Z', 'sv')).toBe('2017-07-02 kl. 00.30');
    expect(formatDateTime('2017-07-01T22:30:00.000Z', 'en')).toBe('2 Jul 2017, 00:30');
  });

  it('leaves what is not a time as it is', () => {
    expect(formatDateTime('inte ett datum', 'sv')).toBe('inte ett datum');
  });
});

describe('formatDateAndTime', () => {
  it('writes a date with its time the Swedish way, and leaves a date alone', () => {
    expect(formatDateAndTime('2017-03-14', '09:00', 'sv')).toBe('2017-03-14 kl. 09.00');
    expect(formatDateAndTime('2017-03-14', '09:00', 'en')).toBe('2017-03-14, 09:00');
    expect(formatDateAndTime('2017-03-14', null, 'sv')).toBe('2017-03-14');
    expect(formatTimeOfDay('13:30', 'sv')).toBe('13.30');
  });
});
