import type { Ctx } from '../context';
import { AppError } from '../../../shared/errors';
import { getSetting, putSetting } from '../session/settings';
import { loadParticipants } from './participants';
import { loadAgreements } from './agreements';
import { loadMeetings } from './meetings';
import { emptyRefs, type ExampleRefs } from './refs';

/**
 * The parts of the Södertälje example, in dependency order. Each part adds only what is
 * missing, so loading twice, or into a database with the user's own data, changes nothing
 * that is already there.
 */
const parts: Array<(ctx: Ctx, refs: ExampleRefs) => void> = [loadParticipants, loadAgreements, loadMeetings];

export function hasData(ctx: Ctx): boolean {
  return Boolean(
    ctx.db
      .prepare(
        'SELECT EXISTS (SELECT 1 FROM organisation UNION ALL SELECT 1 FROM person UNION ALL SELECT 1 FROM body) AS any',
      )
      .pluck()
      .get(),
  );
}

export function exampleStatus(ctx: Ctx): { loaded: boolean; hasData: boolean } {
  return { loaded: getSetting(ctx.db, 'example_loaded') === '1', hasData: hasData(ctx) };
}

export type ExamplePart = (ctx: Ctx, refs: ExampleRefs) => void;

/** All parts in one transaction: a part that fails leaves the database as it was. */
export function loadExample(
  ctx: Ctx,
  confirmed: boolean,
  only: ExamplePart[] = parts,
): { loaded: boolean; hasData: boolean } {
  if (hasData(ctx) && !confirmed) {
    throw new AppError(
      'CONFLICT',
      'The database already holds data. Confirm to add the example alongside it; nothing existing is changed.',
      {
        params: { reason: 'example_needs_confirmation' },
      },
    );
  }
  const refs = emptyRefs();
  ctx.db
    .transaction(() => {
      for (const part of only) part(ctx, refs);
      putSetting(ctx.db, 'example_loaded', '1');
    })
    .immediate();
  return exampleStatus(ctx);
}
