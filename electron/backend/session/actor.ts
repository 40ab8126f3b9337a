import type { Ctx } from '../context';
import { getSetting } from './settings';

export interface Actor {
  name: string;
  personId: number | null;
}

export function currentActor(ctx: Ctx): Actor | null {
  const raw = getSetting(ctx.db, 'actor');
  return raw ? (JSON.parse(raw) as Actor) : null;
}

/** Who the audit log names: the chosen person, else the operating-system user. */
export function currentActorName(ctx: Ctx): string {
  return currentActor(ctx)?.name ?? ctx.osUserName;
}
