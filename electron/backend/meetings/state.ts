import type { Ctx } from '../context';
import { notFound } from '../../../shared/errors';
import type { Protocol } from '../../../shared/contract/meetings';
import { refuse } from '../capability';
import { invalidState } from './errors';
import { meetingRules, paragraphRules, protocolRules, type MeetingState, type ParagraphState } from './rules';

type ProtocolStatus = Protocol['status'];

/** Whether a § of meeting `m` is attested at once (migration 006's extract lock), as a column. */
export const EXTRACT_LOCKED_COLUMN = `EXISTS (SELECT 1 FROM paragraph xp WHERE xp.meeting_id = m.id AND xp.immediately_attested_at IS NOT NULL)`;

export function protocolStatus(ctx: Ctx, meetingId: number): ProtocolStatus | null {
  return (
    (ctx.db.prepare('SELECT status FROM protocol WHERE meeting_id = ?').pluck().get(meetingId) as
      ProtocolStatus | undefined) ?? null
  );
}

export function meetingExists(ctx: Ctx, meetingId: number): void {
  if (!ctx.db.prepare('SELECT 1 FROM meeting WHERE id = ?').get(meetingId)) throw notFound('meeting', meetingId);
}

/** What the meeting rules are decided on. */
export function meetingState(ctx: Ctx, meetingId: number): MeetingState {
  const row = ctx.db
    .prepare(
      `SELECT m.status, pr.status AS protocol_status, ${EXTRACT_LOCKED_COLUMN} AS extract_locked
       FROM meeting m LEFT JOIN protocol pr ON pr.meeting_id = m.id WHERE m.id = ?`,
    )
    .get(meetingId) as
    { status: MeetingState['status']; protocol_status: ProtocolStatus | null; extract_locked: number } | undefined;
  if (!row) throw notFound('meeting', meetingId);
  return { status: row.status, protocolStatus: row.protocol_status, extractLocked: row.extract_locked === 1 };
}

/**
 * For § `p`: the first attested § after it in its body's year (see ParagraphState.fixedAfter), as
 * a column. It walks the year's §§ in number order and stops at the first attested one (usually
 * the next §), instead of reading every later § of the year as min() would.
 */
export const FIXED_AFTER_COLUMN = `(SELECT q.number FROM paragraph q JOIN paragraph_lock ql ON ql.paragraph_id = q.id
   WHERE q.body_id = p.body_id AND q.year = p.year AND q.number > p.number AND ql.locked = 1 ORDER BY q.number LIMIT 1)`;

const PARAGRAPH_STATE = `SELECT pr.status AS protocol_status, p.number, p.year, p.finished, l.locked,
    ${FIXED_AFTER_COLUMN} AS fixed_after
  FROM paragraph p JOIN paragraph_lock l ON l.paragraph_id = p.id JOIN protocol pr ON pr.meeting_id = p.meeting_id`;

interface ParagraphStateRow {
  protocol_status: ProtocolStatus;
  number: number;
  year: number;
  finished: number;
  locked: number;
  fixed_after: number | null;
}

const toParagraphState = (r: ParagraphStateRow): ParagraphState => ({
  protocolStatus: r.protocol_status,
  number: r.number,
  year: r.year,
  finished: r.finished === 1,
  locked: r.locked === 1,
  fixedAfter: r.fixed_after,
});

export function paragraphState(ctx: Ctx, paragraphId: number): ParagraphState {
  const row = ctx.db.prepare(`${PARAGRAPH_STATE} WHERE p.id = ?`).get(paragraphId) as ParagraphStateRow | undefined;
  if (!row) throw notFound('paragraph', paragraphId);
  return toParagraphState(row);
}

/** What the protocol rules are decided on; refused while the meeting has no protocol. */
export function protocolState(ctx: Ctx, meetingId: number) {
  meetingExists(ctx, meetingId);
  const status = protocolStatus(ctx, meetingId);
  if (status === null) throw invalidState('no_protocol', 'The meeting has no protocol yet');
  const paragraphs = (
    ctx.db
      .prepare(`${PARAGRAPH_STATE} WHERE p.meeting_id = ? ORDER BY p.position`)
      .all(meetingId) as ParagraphStateRow[]
  ).map(toParagraphState);
  return { status, paragraphs };
}

/** Meeting details may change while the protocol is a draft or not started, and the meeting takes place. */
export function assertMeetingEditable(ctx: Ctx, meetingId: number): void {
  refuse(meetingRules.edit(meetingState(ctx, meetingId)));
}

/** Agenda may change until the protocol is attested, on a meeting that takes place. */
export function assertAgendaEditable(ctx: Ctx, meetingId: number): void {
  refuse(meetingRules.editAgenda(meetingState(ctx, meetingId)));
}

export function assertAttendanceEditable(ctx: Ctx, meetingId: number): void {
  refuse(meetingRules.editAttendance(meetingState(ctx, meetingId)));
}

/** §§ may be added or moved while the protocol is a draft. */
export function assertProtocolEditable(ctx: Ctx, meetingId: number): void {
  refuse(protocolRules.edit(protocolState(ctx, meetingId)));
}

export function paragraphLocked(ctx: Ctx, paragraphId: number): boolean {
  return paragraphState(ctx, paragraphId).locked;
}

export function meetingOfParagraph(ctx: Ctx, paragraphId: number): number {
  const meetingId = ctx.db.prepare('SELECT meeting_id FROM paragraph WHERE id = ?').pluck().get(paragraphId) as
    number | undefined;
  if (meetingId === undefined) throw notFound('paragraph', paragraphId);
  return meetingId;
}

/** A § may change while its protocol is an editable draft and it is not attested on its own. */
export function assertParagraphEditable(ctx: Ctx, paragraphId: number): number {
  const meetingId = meetingOfParagraph(ctx, paragraphId);
  refuse(paragraphRules.edit(paragraphState(ctx, paragraphId)));
  return meetingId;
}
