import type { Ctx } from '../context';
import type { Language, Session } from '../../../shared/contract/system';
import { fieldError } from '../../../shared/errors';
import { schemaVersion } from '../db/open';
import { currentActor, type Actor } from './actor';
import { getSetting, putSetting } from './settings';

export function getSession(ctx: Ctx): Session {
  return {
    actor: currentActor(ctx),
    osUserName: ctx.osUserName,
    language: (getSetting(ctx.db, 'language') as Language | null) ?? 'sv',
    schemaVersion: schemaVersion(ctx.db),
    databasePath: ctx.dbPath,
  };
}

export function setActor(ctx: Ctx, actor: Actor): Session {
  if (actor.personId !== null && !ctx.db.prepare('SELECT 1 FROM person WHERE id = ?').get(actor.personId)) {
    throw fieldError('personId', 'unknown_person', `Person ${actor.personId} does not exist`);
  }
  putSetting(ctx.db, 'actor', JSON.stringify(actor));
  ctx.emit('data.changed', { entity: 'session' });
  return getSession(ctx);
}

export function setLanguage(ctx: Ctx, language: Language): Session {
  putSetting(ctx.db, 'language', language);
  ctx.emit('data.changed', { entity: 'session' });
  return getSession(ctx);
}
