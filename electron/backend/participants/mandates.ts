import type { Ctx } from '../context';
import { write, type Change } from '../audit/log';
import { fieldError } from '../../../shared/errors';
import type { MandateCoverage, Member } from '../../../shared/contract/participants';
import { addDays, followingPeriod } from '../agreements/period';
import { getBody, getMember } from './bodies';

/**
 * Mandates follow periods: a body's members sit for a period (usually the agreement's), and a
 * meeting after it has nobody to call. These functions say so at once and copy the last roster
 * into the next period in one step.
 */

/** The period to extend into: the agreement version covering `date`, else the last period's length repeated. */
function proposedPeriod(
  ctx: Ctx,
  date: string,
  last: { from: string; to: string },
): { validFrom: string; validTo: string } {
  const version = ctx.db
    .prepare(
      `SELECT valid_from, valid_to FROM agreement_version WHERE valid_from <= ? AND valid_to >= ?
       ORDER BY CASE status WHEN 'signed' THEN 0 WHEN 'under_signing' THEN 1 ELSE 2 END, valid_from DESC LIMIT 1`,
    )
    .get(date, date) as { valid_from: string; valid_to: string } | undefined;
  const start = addDays(last.to, 1);
  if (version && version.valid_to >= start) return { validFrom: start, validTo: version.valid_to };
  let period = followingPeriod(last.from, last.to);
  while (period.to < date) period = followingPeriod(period.from, period.to);
  return { validFrom: start, validTo: period.to };
}

export function mandateCoverage(ctx: Ctx, bodyId: number, date: string): MandateCoverage {
  getBody(ctx, bodyId);
  const { count } = ctx.db
    .prepare(
      `SELECT count(DISTINCT person_id) AS count FROM body_member
       WHERE body_id = ? AND valid_from <= ? AND coalesce(valid_to, '9999-12-31') >= ?`,
    )
    .get(bodyId, date, date) as { count: number };
  const ended = ctx.db
    .prepare(
      `SELECT valid_to AS lastEnded, min(valid_from) AS firstFrom, count(*) AS endedCount FROM body_member
       WHERE body_id = ? AND valid_to = (SELECT max(valid_to) FROM body_member WHERE body_id = ? AND valid_to < ?)`,
    )
    .get(bodyId, bodyId, date) as { lastEnded: string | null; firstFrom: string | null; endedCount: number };
  const lastEnded = ended.lastEnded;
  return {
    bodyId,
    date,
    membersOnDate: count,
    lastEnded,
    endedCount: lastEnded ? ended.endedCount : 0,
    proposal: count === 0 && lastEnded ? proposedPeriod(ctx, date, { from: ended.firstFrom!, to: lastEnded }) : null,
  };
}

/**
 * Every membership of the body that ended on `endedOn` gets a new one, same role and
 * substitute, for `validFrom`–`validTo`. Inside the caller's write; returns the new ids.
 */
export function copyMandates(
  ctx: Ctx,
  record: (change: Change) => void,
  bodyId: number,
  endedOn: string,
  period: { validFrom: string; validTo: string },
): number[] {
  const rows = ctx.db
    .prepare('SELECT person_id, role, substitute_for_id FROM body_member WHERE body_id = ? AND valid_to = ?')
    .all(bodyId, endedOn) as Array<{ person_id: number; role: string; substitute_for_id: number | null }>;
  // someone already given the role for (part of) the new period keeps what was recorded
  const insert = ctx.db.prepare(
    `INSERT INTO body_member (body_id, person_id, role, valid_from, valid_to, substitute_for_id)
     SELECT @body, @person, @role, @from, @to, @substitute WHERE NOT EXISTS (
       SELECT 1 FROM body_member WHERE body_id = @body AND person_id = @person AND role = @role
         AND valid_from <= @to AND coalesce(valid_to, '9999-12-31') >= @from)`,
  );
  return rows.flatMap((r) => {
    const result = insert.run({
      body: bodyId,
      person: r.person_id,
      role: r.role,
      from: period.validFrom,
      to: period.validTo,
      substitute: r.substitute_for_id,
    });
    if (!result.changes) return [];
    // each new membership has its own history, as one added by hand has
    const created = getMember(ctx, Number(result.lastInsertRowid));
    record({ action: 'create', entity: 'body_member', entityId: created.id, after: created });
    return [created.id];
  });
}

export function extendMandates(
  ctx: Ctx,
  bodyId: number,
  endedOn: string,
  period: { validFrom: string; validTo: string },
): { extended: Member[] } {
  return write(ctx, (record) => {
    getBody(ctx, bodyId);
    const ids = copyMandates(ctx, record, bodyId, endedOn, period);
    if (ids.length === 0)
      throw fieldError('endedOn', 'no_mandates_ended', `No membership of the body ended on ${endedOn}`);
    const extended = ids.map((id) => getMember(ctx, id));
    record({
      action: 'extend_mandates',
      entity: 'body',
      entityId: bodyId,
      after: { endedOn, ...period, members: extended.map((m) => ({ name: m.personName, role: m.role })) },
    });
    return { extended };
  });
}

/** The bodies whose memberships end on `date` (an agreement's last day), with how many. */
export function rostersEndingOn(ctx: Ctx, date: string): Array<{ bodyId: number; bodyName: string; members: number }> {
  return ctx.db
    .prepare(
      `SELECT b.id AS bodyId, b.name AS bodyName, count(*) AS members FROM body_member m JOIN body b ON b.id = m.body_id
       WHERE m.valid_to = ? AND b.archived = 0 GROUP BY b.id ORDER BY b.name`,
    )
    .all(date) as Array<{ bodyId: number; bodyName: string; members: number }>;
}
