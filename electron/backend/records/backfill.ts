import crypto from 'node:crypto';
import type { Ctx } from '../context';
import { write } from '../audit/log';
import { getMeeting } from '../meetings/meetings';
import { listAttendance } from '../meetings/attendance';
import { requireProtocol } from '../meetings/protocol';
import { contentHash } from '../agreements/canonical';
import { sealCorrection, sealRecord } from './seal';
import { agreementContent, extractContent, protocolContent } from './snapshot';
import { hasRecords } from './store';

/**
 * The content hash Samråd stored at justering before records were sealed (schema ≤ 5): kept
 * exactly as it was computed then, so the migration can tell whether a protocol's tables still
 * hold what was attested. Names are the live ones: a rename since then shows as a difference.
 */
function legacyProtocolHash(ctx: Ctx, meetingId: number): string {
  const meeting = getMeeting(ctx, meetingId);
  const protocol = requireProtocol(ctx, meetingId);
  const canonical = {
    body: meeting.bodyName,
    date: meeting.date,
    time: [meeting.startTime, meeting.endTime],
    place: meeting.place,
    chair: meeting.chair?.name ?? null,
    secretary: meeting.secretary?.name ?? null,
    justerare: meeting.justerare.map((j) => j.name),
    attendance: listAttendance(ctx, meetingId).map((a) => [
      a.personName,
      a.role,
      a.status,
      a.substituteFor?.name ?? null,
      a.participatesIn,
    ]),
    paragraphs: protocol.paragraphs.map((p) => ({
      number: p.number,
      title: p.title,
      dnr: p.dnr,
      background: p.background,
      decision: p.decision,
      notes: p.notes,
      distribution: p.distribution,
      recusals: p.recusals.map((r) => r.personName),
      actions: p.actions.map((a) => [a.description, a.ownerName, a.dueDate]),
    })),
    attestation: { place: protocol.attestationPlace, date: protocol.attestationDate },
    attestations: protocol.attestations.map((a) => [a.name, a.role, a.date]),
  };
  return crypto.createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

export interface BackfillResult {
  sealed: number;
  broken: string[];
}

/**
 * Seals the records of acts completed before records existed (migration 006 leaves a row in
 * `record_backfill` for this): every attested protocol, § attested at once, signed version and
 * rättelse, rendered from its tables as they are. Where the tables no longer give the content hash stored
 * at the act, the record is sealed and marked broken at migration, and `samrad check` reports it.
 * One transaction: all earlier acts are sealed, or none and the row stays for the next start.
 */
export function sealEarlierActs(ctx: Ctx): BackfillResult | null {
  if (!hasRecords(ctx.db) || !ctx.db.prepare('SELECT 1 FROM record_backfill').get()) return null;
  return write(ctx, (record) => {
    const result: BackfillResult = { sealed: 0, broken: [] };
    const protocols = ctx.db
      .prepare(
        "SELECT meeting_id, content_hash FROM protocol WHERE status = 'attested' AND meeting_id NOT IN (SELECT meeting_id FROM sealed_record WHERE kind = 'protocol') ORDER BY meeting_id",
      )
      .all() as Array<{ meeting_id: number; content_hash: string }>;
    for (const p of protocols) {
      const broken = legacyProtocolHash(ctx, p.meeting_id) !== p.content_hash;
      const row = sealRecord(
        ctx,
        { kind: 'protocol', id: p.meeting_id },
        protocolContent(ctx, p.meeting_id, true),
        record,
        { migration: { broken } },
      );
      if (broken) result.broken.push(`protocol of meeting ${p.meeting_id} (record ${row.id})`);
      result.sealed++;
    }
    // no hash was stored for a § attested at once: its tables are sealed as they are
    const extracts = ctx.db
      .prepare(
        "SELECT id FROM paragraph WHERE immediately_attested_at IS NOT NULL AND id NOT IN (SELECT paragraph_id FROM sealed_record WHERE kind = 'extract') ORDER BY id",
      )
      .pluck()
      .all() as number[];
    for (const id of extracts) {
      sealRecord(ctx, { kind: 'extract', id }, extractContent(ctx, id, true), record, { migration: { broken: false } });
      result.sealed++;
    }
    const versions = ctx.db
      .prepare(
        "SELECT id, content_hash FROM agreement_version WHERE status = 'signed' AND id NOT IN (SELECT version_id FROM sealed_record WHERE kind = 'agreement') ORDER BY id",
      )
      .all() as Array<{ id: number; content_hash: string }>;
    for (const v of versions) {
      const broken = contentHash(ctx, v.id) !== v.content_hash;
      const row = sealRecord(ctx, { kind: 'agreement', id: v.id }, agreementContent(ctx, v.id), record, {
        migration: { broken },
      });
      if (broken) result.broken.push(`agreement version ${v.id} (record ${row.id})`);
      result.sealed++;
    }
    // rättelser come last: each names the sealed record it corrects
    const corrections = ctx.db
      .prepare(
        "SELECT id FROM correction_note WHERE id NOT IN (SELECT correction_id FROM sealed_record WHERE kind = 'correction') ORDER BY id",
      )
      .pluck()
      .all() as number[];
    for (const id of corrections) {
      sealCorrection(ctx, id, record, { migration: { broken: false } });
      result.sealed++;
    }
    ctx.db.prepare('DELETE FROM record_backfill').run();
    return result;
  });
}
