import type { Ctx } from '../context';
import { fieldError } from '../../../shared/errors';
import { DEFAULT_TIME_ZONE, isTimeZone, zonedDate } from '../../../shared/time/zoned-date';
import { getSetting, putSetting } from './settings';

/**
 * The zone every date rule uses: the organisation's setting (kept in the database, so every
 * computer working on the file agrees), else SAMRAD_TIME_ZONE, else Europe/Stockholm. Never
 * the zone of whichever process happens to ask.
 */
export function timeZoneOf(ctx: Ctx): string {
  const stored = getSetting(ctx.db, 'time_zone');
  if (stored && isTimeZone(stored)) return stored;
  const fromEnv = process.env.SAMRAD_TIME_ZONE;
  if (fromEnv && isTimeZone(fromEnv)) return fromEnv;
  return DEFAULT_TIME_ZONE;
}

export function setTimeZone(ctx: Ctx, timeZone: string): void {
  if (!isTimeZone(timeZone)) throw fieldError('timeZone', 'unknown_time_zone', `Unknown time zone ${timeZone}`);
  putSetting(ctx.db, 'time_zone', timeZone);
  ctx.emit('data.changed', { entity: 'session' });
}

/** Today's calendar date in the organisation's zone (Europe/Stockholm unless set): the one "today" of every date rule. */
export function today(ctx: Ctx): string {
  return zonedDate(ctx.clock.now(), timeZoneOf(ctx));
}
