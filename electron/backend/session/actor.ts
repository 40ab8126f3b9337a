import type { Ctx } from '../context';
import { getSetting } from './settings';

export interface Actor {
  name: string;
  personId: number | null;
}

/**
 * Who is working, as chosen at first start. When the choice is one of the people, their
 * current name is used, so a later correction of the name shows in new log entries too.
 */
export function currentActor(ctx: Ctx): Actor | null {
  const raw = getSetting(ctx.db, 'actor');
  if (!raw) return null;
  const actor = JSON.parse(raw) as Actor;
  if (actor.personId === null) return actor;
  const name = ctx.db.prepare('SELECT name FROM person WHERE id = ?').pluck().get(actor.personId) as string | undefined;
  return { name: name ?? actor.name, personId: actor.personId };
}

/** Who the audit log names: the chosen person, else the operating-system user. */
export function currentActorName(ctx: Ctx): string {
  return currentActor(ctx)?.name ?? ctx.osUserName;
}
