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
  refuseLocked(
    year,
    moves.find((r) => r.locked === 1),
  );
  const park = ctx.db.prepare('UPDATE paragraph SET number = number + ? WHERE id = ?');
  const place = ctx.db.prepare('UPDATE paragraph SET number = ? WHERE id = ?');
  for (const r of moves) park.run(PARKING_OFFSET, r.id);
  for (const r of moves) place.run(r.target, r.id);
}

/** Refuses a change that would give an attested § another number. */
function refuseLocked(year: number, locked: { number: number } | undefined): void {
  if (locked)
    throw invalidState('numbering_locked', `§ ${locked.number} of ${year} is attested; this change would renumber it`, {
      number: locked.number,
      year,
    });
}

/**
 * Moves the numbers of a body's year from `from` on by `delta` (+k after k §§ are inserted
 * before them, -k after k are removed): the §§ after the change, and only they, are written.
 * The sequence 1..n before the change is what makes this right; refused if one of them is attested.
 */
export function shiftNumbers(ctx: Ctx, bodyId: number, year: number, from: number, delta: number): void {
  if (delta === 0) return;
  const params = { bodyId, year, from, parked: PARKING_OFFSET };
  refuseLocked(
    year,
    ctx.db
      .prepare(
        `SELECT p.number FROM paragraph p JOIN paragraph_lock l ON l.paragraph_id = p.id
         WHERE p.body_id = @bodyId AND p.year = @year AND p.number >= @from AND p.number < @parked AND l.locked = 1
         ORDER BY p.number LIMIT 1`,
      )
      .get(params) as { number: number } | undefined,
  );
  ctx.db
    .prepare(
      'UPDATE paragraph SET number = number + @parked WHERE body_id = @bodyId AND year = @year AND number >= @from AND number < @parked',
    )
    .run(params);
  ctx.db
    .prepare(
      'UPDATE paragraph SET number = number - @parked + @delta WHERE body_id = @bodyId AND year = @year AND number >= @parked AND number < 2 * @parked',
    )
    .run({ bodyId, year, parked: PARKING_OFFSET, delta });
}

/**
 * The number the first § at `position` of a meeting's protocol gets: that of the § there now
 * (it moves on), else one past the meeting's last, else one past the §§ of the body's earlier
 * meetings that year.
 */
export function numberAt(ctx: Ctx, meetingId: number, position: number): number {
  const here = ctx.db
    .prepare(
      'SELECT min(number) AS at, max(number) AS last FROM paragraph WHERE meeting_id = ? AND position >= ? AND number < ?',
    )
    .get(meetingId, position, PARKING_OFFSET) as { at: number | null; last: number | null };
  if (here.at !== null) return here.at;
  const mine = ctx.db
    .prepare('SELECT max(number) FROM paragraph WHERE meeting_id = ? AND number < ?')
    .pluck()
    .get(meetingId, PARKING_OFFSET) as number | null;
  if (mine !== null) return mine + 1;
  const earlier = ctx.db
    .prepare(
      `SELECT max(p.number) FROM meeting this
       JOIN meeting m ON m.body_id = this.body_id AND (m.date, m.start_time, m.id) < (this.date, this.start_time, this.id)
         AND substr(m.date, 1, 4) = substr(this.date, 1, 4)
       JOIN paragraph p ON p.meeting_id = m.id
       WHERE this.id = ? AND p.number < ?`,
    )
    .pluck()
    .get(meetingId, PARKING_OFFSET) as number | null;
  return (earlier ?? 0) + 1;
}

/**
 * Gives a meeting's §§ the numbers `first`, `first`+1, … in the order of `ids`, writing only
 * those whose number changes (after a reorder, or after §§ were inserted parked).
 */
export function numberInOrder(ctx: Ctx, year: number, ids: number[], first: number): void {
  const current = ctx.db.prepare(
    'SELECT p.number, l.locked FROM paragraph p JOIN paragraph_lock l ON l.paragraph_id = p.id WHERE p.id = ?',
  );
  const moves = ids
    .map((id, i) => ({ id, target: first + i, ...(current.get(id) as { number: number; locked: number }) }))
    .filter((r) => r.number !== r.target);
  refuseLocked(
    year,
    moves.find((r) => r.locked === 1),
  );
  const park = ctx.db.prepare('UPDATE paragraph SET number = number + ? WHERE id = ?');
  const place = ctx.db.prepare('UPDATE paragraph SET number = ? WHERE id = ?');
  for (const r of moves) if (r.number < PARKING_OFFSET) park.run(PARKING_OFFSET, r.id);
  for (const r of moves) place.run(r.target, r.id);
}

/** Positions 1..n within a meeting's protocol, in the given order. */
export function setPositions(ctx: Ctx, table: 'paragraph' | 'agenda_item', ids: number[]): void {
  const update = ctx.db.prepare(`UPDATE ${table} SET position = ? WHERE id = ? AND position <> ?`);
  ids.forEach((id, index) => update.run(index + 1, id, index + 1));
}
