import type { Ctx } from '../../electron/backend/context';

/**
 * What a hostile user with the database file can do: drop the lock trigger, edit an attested
 * § and put the trigger back, so nothing in the schema shows it. Picks the first § of the
 * earliest attested protocol (or the § given).
 */
export function editSealedDecisionAroundTriggers(
  ctx: Ctx,
  paragraphId?: number,
): { paragraphId: number; meetingId: number; label: string } {
  const row = ctx.db
    .prepare(
      `SELECT p.id, p.meeting_id, p.number, m.date, b.name AS body FROM paragraph p JOIN meeting m ON m.id = p.meeting_id JOIN body b ON b.id = m.body_id
       JOIN protocol pr ON pr.meeting_id = p.meeting_id
       WHERE ${paragraphId ? 'p.id = ?' : "pr.status = 'attested'"} ORDER BY m.date, p.number LIMIT 1`,
    )
    .get(...(paragraphId ? [paragraphId] : [])) as {
    id: number;
    meeting_id: number;
    number: number;
    date: string;
    body: string;
  };
  const trigger = ctx.db
    .prepare("SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = 'paragraph_locked_update'")
    .pluck()
    .get() as string;
  ctx.db.exec('DROP TRIGGER paragraph_locked_update');
  ctx.db.prepare("UPDATE paragraph SET decision = 'Ett annat beslut än det som justerades.' WHERE id = ?").run(row.id);
  ctx.db.exec(trigger);
  return { paragraphId: row.id, meetingId: row.meeting_id, label: `${row.body} ${row.date}` };
}
