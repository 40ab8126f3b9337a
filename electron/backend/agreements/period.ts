/** Calendar arithmetic on ISO dates (YYYY-MM-DD), in UTC so no time zone shifts a day. */

const DAY = 86_400_000;

const toTime = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const fromTime = (time: number) => new Date(time).toISOString().slice(0, 10);

export function addDays(iso: string, days: number): string {
  return fromTime(toTime(iso) + days * DAY);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toTime(to) - toTime(from)) / DAY);
}

/** Adds calendar months; the day of month must exist in the target month (else null). */
function addMonths(iso: string, months: number): string | null {
  const [y, m, d] = iso.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const date = new Date(Date.UTC(Math.floor(total / 12), total % 12, d));
  return date.getUTCDate() === d ? fromTime(date.getTime()) : null;
}

/**
 * The period that follows `from`–`to`: it starts the day after `to` and has the same length.
 * A period of whole months (2017-01-01 – 2018-12-31) is followed by the same number of months
 * (2019-01-01 – 2020-12-31, leap day or not); any other period by the same number of days.
 */
export function followingPeriod(from: string, to: string): { from: string; to: string } {
  const start = addDays(to, 1);
  const [fy, fm, fd] = from.split('-').map(Number);
  const [sy, sm, sd] = start.split('-').map(Number);
  if (fd === sd) {
    const months = (sy - fy) * 12 + (sm - fm);
    const end = addMonths(start, months);
    if (months > 0 && end) return { from: start, to: addDays(end, -1) };
  }
  return { from: start, to: addDays(start, daysBetween(from, to)) };
}

/** "2017–2018" in a title becomes "2019–2020" when the period moves from 2017–2018 to 2019–2020. */
export function renewTitle(
  title: string,
  old: { from: string; to: string },
  next: { from: string; to: string },
): string {
  const [oldFrom, oldTo, newFrom, newTo] = [old.from, old.to, next.from, next.to].map((d) => d.slice(0, 4));
  const range = new RegExp(`\\b${oldFrom}(\\s*[–—-]\\s*)${oldTo}\\b`, 'g');
  if (oldFrom !== oldTo && range.test(title)) return title.replace(range, `${newFrom}$1${newTo}`);
  if (oldFrom === oldTo && newFrom === newTo) return title.replace(new RegExp(`\\b${oldFrom}\\b`, 'g'), newFrom);
  return title;
}
