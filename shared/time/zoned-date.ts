/**
 * The one clock for every date rule: "today", "in the future", a justering deadline, an
 * overdue action, the version in force. Dates are calendar dates in one named time zone —
 * Europe/Stockholm unless the organisation sets another — never the UTC date in one layer and
 * the computer's own date in another (between midnight and 01:00/02:00 Swedish time these
 * differ, and the attestation dialog's default date was refused as "in the future").
 *
 * Pure ECMAScript (Intl), so backend and renderer use the very same function.
 */
export const DEFAULT_TIME_ZONE = 'Europe/Stockholm';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True for an IANA zone name this runtime knows ("Europe/Stockholm", "UTC"). */
export function isTimeZone(name: string): boolean {
  if (typeof name !== 'string' || name.length === 0 || name.length > 64) return false;
  try {
    formatter(name);
    return true;
  } catch {
    return false;
  }
}

function parts(instant: Date, timeZone: string): Record<'year' | 'month' | 'day' | 'hour' | 'minute', string> {
  const out: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) out[p.type] = p.value;
  return out as Record<'year' | 'month' | 'day' | 'hour' | 'minute', string>;
}

/** The calendar date (YYYY-MM-DD) at `instant` in `timeZone`. */
export function zonedDate(instant: Date, timeZone: string = DEFAULT_TIME_ZONE): string {
  const p = parts(instant, timeZone);
  return `${p.year.padStart(4, '0')}-${p.month}-${p.day}`;
}

/** The wall-clock time (HH:MM) at `instant` in `timeZone`. */
export function zonedTime(instant: Date, timeZone: string = DEFAULT_TIME_ZONE): string {
  const p = parts(instant, timeZone);
  return `${p.hour}:${p.minute}`;
}

/** A clock that knows its zone: what backend and renderer both ask for "today". */
export interface ZonedClock {
  now(): Date;
  timeZone: string;
}

export function todayIn(clock: ZonedClock): string {
  return zonedDate(clock.now(), clock.timeZone);
}
