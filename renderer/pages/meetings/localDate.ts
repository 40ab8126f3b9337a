import { DEFAULT_TIME_ZONE, isTimeZone, zonedDate } from '../../../shared/time/zoned-date';

/**
 * The zone of every date rule, as the backend reports it in the session (Europe/Stockholm
 * unless the organisation set another): the renderer's "today" is the backend's "today",
 * whatever zone this computer is set to.
 */
let appTimeZone = DEFAULT_TIME_ZONE;

export function setAppTimeZone(timeZone: string | undefined): void {
  if (timeZone && isTimeZone(timeZone)) appTimeZone = timeZone;
}

export function appTimeZoneName(): string {
  return appTimeZone;
}

/** Today as YYYY-MM-DD in the app's zone: the same function the backend's date rules use. */
export function todayIso(now: Date = new Date(), timeZone: string = appTimeZone): string {
  return zonedDate(now, timeZone);
}
