import type { Ctx } from '../context';
import type { Language, Session } from '../../../shared/contract/system';
import { fieldError } from '../../../shared/errors';
import { schemaVersion } from '../db/open';
import { currentActor, type Actor } from './actor';
import { getSetting, putSetting } from './settings';
import { setTimeZone, timeZoneOf } from './time-zone';

export function getSession(ctx: Ctx): Session {
  return {
    actor: currentActor(ctx),
    osUserName: ctx.osUserName,
    language: (getSetting(ctx.db, 'language') as Language | null) ?? 'sv',
    schemaVersion: schemaVersion(ctx.db),
    databasePath: ctx.dbPath,
    timeZone: timeZoneOf(ctx),
  };
}

/**
 * Chooses who is working. A person from the register is stored by id (their own name is
 * used, whatever name the caller sent); anyone else by the name given.
 */
export function setActor(ctx: Ctx, actor: Actor): Session {
  let chosen = actor;
  if (actor.personId !== null) {
    const name = ctx.db.prepare('SELECT name FROM person WHERE id = ?').pluck().get(actor.personId) as
      string | undefined;
    if (name === undefined) throw fieldError('personId', 'unknown_person', `Person ${actor.personId} does not exist`);
    chosen = { name, personId: actor.personId };
  }
  putSetting(ctx.db, 'actor', JSON.stringify(chosen));
  ctx.emit('data.changed', { entity: 'session' });
  return getSession(ctx);
}

export function setLanguage(ctx: Ctx, language: Language): Session {
  putSetting(ctx.db, 'language', language);
  ctx.emit('data.changed', { entity: 'session' });
  return getSession(ctx);
}

export function setSessionTimeZone(ctx: Ctx, timeZone: string): Session {
  setTimeZone(ctx, timeZone);
  return getSession(ctx);
}
