export interface PlannedSlot {
  /** clock time the item starts, HH:MM */
  start: string;
  /** clock time the item ends, HH:MM (same as start for an item without planned minutes) */
  end: string;
}

const MINUTES_PER_DAY = 24 * 60;

/** "09:05" → 545; null for anything that is not a real clock time. */
export function parseClock(value: string | null | undefined): number | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec((value ?? '').trim());
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 23 || minutes > 59) return null;
  return hours * 60 + minutes;
}

/** 545 → "09:05"; wraps past midnight so a long evening meeting still reads as clock times. */
export function formatClock(totalMinutes: number): string {
  const wrapped = ((totalMinutes % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  return `${String(Math.floor(wrapped / 60)).padStart(2, '0')}:${String(wrapped % 60).padStart(2, '0')}`;
}

/**
 * The running time plan of an agenda: each item starts when the previous one ends. Items
 * without planned minutes take no time. Returns one slot per item, in order, or null when
 * the meeting has no valid start time (nothing to anchor the plan to).
 */
export function timePlan(
  startTime: string | null | undefined,
  plannedMinutes: ReadonlyArray<number | null | undefined>,
): PlannedSlot[] | null {
  const start = parseClock(startTime);
  if (start === null) return null;
  let clock = start;
  return plannedMinutes.map((minutes) => {
    const length = minutes && minutes > 0 ? Math.round(minutes) : 0;
    const slot = { start: formatClock(clock), end: formatClock(clock + length) };
    clock += length;
    return slot;
  });
}

/** Total planned minutes, and whether the plan runs past the meeting's end time. */
export function planOverrun(
  startTime: string | null | undefined,
  endTime: string | null | undefined,
  plannedMinutes: ReadonlyArray<number | null | undefined>,
): { total: number; overrunMinutes: number } {
  const total = plannedMinutes.reduce<number>((sum, m) => sum + (m && m > 0 ? Math.round(m) : 0), 0);
  const start = parseClock(startTime);
  const end = parseClock(endTime);
  if (start === null || end === null || end <= start) return { total, overrunMinutes: 0 };
  return { total, overrunMinutes: Math.max(0, total - (end - start)) };
}
