import type { Ctx } from '../context';
import type { RecordKind } from '../../../shared/contract/records';

export interface AwaitingSeal {
  kind: RecordKind;
  /** the § of an extract (or the § a correction concerns), else null */
  paragraphId: number | null;
  /** the correction of a correction's record, else null */
  correctionId: number | null;
}

/**
 * The records of a meeting (its protocol, each § attested at once, its corrections) or of an
 * agreement version whose organisation's seal still waits for its trusted timestamp
 * (pending-seal.ts): what the protocol and the version say about their seal.
 */
export function sealsAwaitingTimestamp(ctx: Ctx, of: { meetingId: number } | { versionId: number }): AwaitingSeal[] {
  const [column, id] =
    'meetingId' in of ? (['meeting_id', of.meetingId] as const) : (['version_id', of.versionId] as const);
  // CROSS JOIN keeps pending_seal (nearly always empty) the outer loop: left to itself SQLite
  // reads every sealed record, documents and all, looking for the meeting's
  return (
    ctx.db
      .prepare(
        `SELECT r.kind, r.paragraph_id, r.correction_id FROM pending_seal p CROSS JOIN sealed_record r ON r.id = p.record_id WHERE r.${column} = ?`,
      )
      .all(id) as Array<{ kind: RecordKind; paragraph_id: number | null; correction_id: number | null }>
  ).map((r) => ({ kind: r.kind, paragraphId: r.paragraph_id, correctionId: r.correction_id }));
}
