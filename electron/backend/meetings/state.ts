import type { Ctx } from '../context';
import { notFound } from '../../../shared/errors';
import type { Protocol } from '../../../shared/contract/meetings';
import { invalidState, locked } from './errors';

type ProtocolStatus = Protocol['status'];

export function protocolStatus(ctx: Ctx, meetingId: number): ProtocolStatus | null {
  return (
    (ctx.db.prepare('SELECT status FROM protocol WHERE meeting_id = ?').pluck().get(meetingId) as
      ProtocolStatus | undefined) ?? null
  );
}

export function meetingExists(ctx: Ctx, meetingId: number): void {
  if (!ctx.db.prepare('SELECT 1 FROM meeting WHERE id = ?').get(meetingId)) throw notFound('meeting', meetingId);
}

/** Agenda may change until the protocol is attested. */
export function assertAgendaEditable(ctx: Ctx, meetingId: number): void {
  meetingExists(ctx, meetingId);
  if (protocolStatus(ctx, meetingId) === 'attested') throw locked();
}

/**
 * Meeting details, attendance and §§ may change while there is no protocol or it is a
 * draft; once sent for attestation it must be reopened first, once attested never.
 */
export function assertProtocolEditable(ctx: Ctx, meetingId: number): void {
  meetingExists(ctx, meetingId);
  const status = protocolStatus(ctx, meetingId);
  if (status === 'attested') throw locked();
  if (status === 'ready_for_attestation') {
    throw invalidState('awaiting_attestation', 'The protocol is waiting for attestation; reopen it to make changes');
  }
}

export function paragraphLocked(ctx: Ctx, paragraphId: number): boolean {
  const row = ctx.db.prepare('SELECT locked FROM paragraph_lock WHERE paragraph_id = ?').get(paragraphId) as
    { locked: number } | undefined;
  if (!row) throw notFound('paragraph', paragraphId);
  return row.locked === 1;
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
  assertProtocolEditable(ctx, meetingId);
  if (paragraphLocked(ctx, paragraphId))
    throw locked('The § is attested and can no longer be changed; add a correction note instead');
  return meetingId;
}
