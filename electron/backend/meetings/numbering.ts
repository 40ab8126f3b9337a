import type { Ctx } from '../context';
import { invalidState } from './errors';

/**
 * Far above any real § number: §§ are parked at number + PARKING_OFFSET while numbers move, so
 * UNIQUE (body, year, number) holds throughout. §§ moved into another year wait at twice the
 * offset, so the target year's own §§ can be parked by `renumber` without meeting them.
 */
const PARKING_OFFSET = 1_000_000;

/** Moves a meeting's §§ into `year` (its date changed year); the caller renumbers both years. */
export function moveParagraphsToYear(ctx: Ctx, meetingId: number, year: number): void {
  ctx.db
    .prepare('UPDATE paragraph SET year = ?, number = number + ? WHERE meeting_id = ?')
    .run(year, 2 * PARKING_OFFSET, meetingId);
}

/**
 * Gives the §§ of one body and calendar year the numbers 1, 2, 3, … in meeting order (date,
 * start time) and, within a meeting, in protocol order. Called inside the write transaction
 * (BEGIN IMMEDIATE) of every change that adds, removes or moves §§, so two writers can never
 * hand out the same number and the sequence stays gapless. A locked (attested) § never moves:
 * if keeping the sequence would renumber one, the change is refused.
 */
export function renumber(ctx: Ctx, bodyId: number, year: number): void {
  const rows = ctx.db
    .prepare(
      `SELECT p.id, p.number, l.locked
       FROM paragraph p
       JOIN meeting m ON m.id = p.meeting_id
       JOIN paragraph_lock l ON l.paragraph_id = p.id
       WHERE p.body_id = ? AND p.year = ?
       ORDER BY m.date, m.start_time, m.id, p.position, p.id`,
    )
    .all(bodyId, year) as Array<{ id: number; number: number; locked: number }>;
  const moves = rows.map((r, i) => ({ ...r, target: i + 1 })).filter((r) => r.number !== r.target);
  const blocked = moves.find((r) => r.locked === 1);
  if (blocked) {
    throw invalidState(
      'numbering_locked',
      `§ ${blocked.number} of ${year} is attested; this change would renumber it`,
      { number: blocked.number, year },
    );
  }
  const park = ctx.db.prepare('UPDATE paragraph SET number = number + ? WHERE id = ?');
  const place = ctx.db.prepare('UPDATE paragraph SET number = ? WHERE id = ?');
  for (const r of moves) park.run(PARKING_OFFSET, r.id);
  for (const r of moves) place.run(r.target, r.id);
}

/** Positions 1..n within a meeting's protocol, in the given order. */
export function setPositions(ctx: Ctx, table: 'paragraph' | 'agenda_item', ids: number[]): void {
  const update = ctx.db.prepare(`UPDATE ${table} SET position = ? WHERE id = ? AND position <> ?`);
  ids.forEach((id, index) => update.run(index + 1, id, index + 1));
}
