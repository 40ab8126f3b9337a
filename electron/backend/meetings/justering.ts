import type { Ctx } from '../context';
import { today } from '../session/time-zone';
import { write } from '../audit/log';
import { currentActorName } from '../session/actor';
import type { Protocol } from '../../../shared/contract/meetings';
import { invalidField, invalidState } from './errors';
import { refuse } from '../capability';
import { paragraphRules, protocolRules } from './rules';
import { checkJusterarePresent, getMeeting } from './meetings';
import { attestersOf, getParagraph, requireProtocol } from './protocol';
import { meetingOfParagraph, paragraphState, protocolState } from './state';
import { sealCorrection, sealRecord } from '../records/seal';
import { extractContent, protocolContent } from '../records/snapshot';
import {
  freezeProtocol,
  frozenExtract,
  frozenProtocol,
  latestSignedPackage,
  recordSignatureOf,
} from './frozen-document';
import { signedPackageOf, withdrawFrozen, type DigitalProof } from '../signing/frozen/frozen-document';

/** The chair and the justerare must all be set and present before anyone attests. */
function attestersReady(ctx: Ctx, meetingId: number): void {
  const meeting = getMeeting(ctx, meetingId);
  if (!meeting.chair) throw invalidState('no_chair', 'The meeting has no chair');
  if (meeting.justerare.length === 0) throw invalidState('no_justerare', 'Choose at least one justerare first');
  checkJusterarePresent(
    ctx,
    meetingId,
    meeting.justerare.map((j) => j.id),
    true,
  );
  const chair = ctx.db
    .prepare('SELECT status FROM attendance WHERE meeting_id = ? AND person_id = ?')
    .pluck()
    .get(meetingId, meeting.chair.id);
  if (chair !== 'present') throw invalidField('chairId', 'chair_absent', `${meeting.chair.name} is not marked present`);
}

export function submitProtocol(ctx: Ctx, meetingId: number): Protocol {
  return write(ctx, (record) => {
    refuse(protocolRules.submit(protocolState(ctx, meetingId)));
    attestersReady(ctx, meetingId);
    ctx.db
      .prepare("UPDATE protocol SET status = 'ready_for_attestation', updated_at = ? WHERE meeting_id = ?")
      .run(ctx.clock.now().toISOString(), meetingId);
    const frozen = freezeProtocol(ctx, meetingId);
    record({
      action: 'submit_protocol',
      entity: 'meeting',
      entityId: meetingId,
      before: { status: 'draft' },
      after: { status: 'ready_for_attestation', frozenDocumentSha256: frozen.document_sha256 },
    });
    return requireProtocol(ctx, meetingId);
  });
}

export function reopenProtocol(ctx: Ctx, meetingId: number): Protocol {
  return write(ctx, (record) => {
    const protocol = requireProtocol(ctx, meetingId);
    refuse(protocolRules.reopen(protocolState(ctx, meetingId)));
    const withdrawn = ctx.db
      .prepare('DELETE FROM attestation WHERE meeting_id = ? AND paragraph_id IS NULL')
      .run(meetingId).changes;
    // the document sent for justering is withdrawn with its signatures: a changed protocol is sent again
    withdrawFrozen(ctx, { kind: 'protocol', meetingId });
    ctx.db
      .prepare("UPDATE protocol SET status = 'draft', updated_at = ? WHERE meeting_id = ?")
      .run(ctx.clock.now().toISOString(), meetingId);
    record({
      action: 'reopen_protocol',
      entity: 'meeting',
      entityId: meetingId,
      before: { status: 'ready_for_attestation', attestations: protocol.attestations },
      after: { status: 'draft', withdrawn },
    });
    return requireProtocol(ctx, meetingId);
  });
}

export function checkAttester(ctx: Ctx, meetingId: number, personId: number, date: string) {
  const attester = attestersOf(ctx, meetingId).find((a) => a.personId === personId);
  if (!attester) throw invalidField('personId', 'not_attester', 'Only the chair and the justerare attest the protocol');
  const meetingDate = ctx.db.prepare('SELECT date FROM meeting WHERE id = ?').pluck().get(meetingId) as string;
  if (date < meetingDate)
    throw invalidField('date', 'attest_before_meeting', 'The protocol cannot be attested before the meeting');
  if (date > today(ctx)) throw invalidField('date', 'attest_in_future', 'An attestation cannot be dated in the future');
  return attester;
}

/**
 * The chair or a justerare attests: recorded without a digital signature by the operator, or,
 * with `proof`, digitally signed by the person's own certificate on the frozen document. The
 * last attestation seals the record; when anyone signed digitally, the sealed bytes are the
 * frozen document with every signature (and the organisation's seal over them).
 */
export function attestProtocol(
  ctx: Ctx,
  meetingId: number,
  personId: number,
  date: string,
  place: string | null,
  proof: DigitalProof | null = null,
): Protocol {
  return write(ctx, (record) => {
    const protocol = requireProtocol(ctx, meetingId);
    refuse(protocolRules.attest(protocolState(ctx, meetingId)));
    attestersReady(ctx, meetingId);
    const attester = checkAttester(ctx, meetingId, personId, date);
    if (protocol.attestations.some((a) => a.personId === personId))
      throw invalidField('personId', 'already_attested', `${attester.name} has already attested`);
    const recordedBy = proof ? null : currentActorName(ctx);
    const attestationId = Number(
      ctx.db
        .prepare(
          'INSERT INTO attestation (meeting_id, paragraph_id, person_id, name, role, date, place, created_at, recorded_by) VALUES (?, NULL, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(meetingId, personId, attester.name, attester.role, date, place, ctx.clock.now().toISOString(), recordedBy)
        .lastInsertRowid,
    );
    const signature = proof ? recordSignatureOf(ctx, frozenProtocol(ctx, meetingId), attestationId, proof) : null;
    record({
      action: 'attest',
      entity: 'meeting',
      entityId: meetingId,
      after: {
        name: attester.name,
        role: attester.role,
        date,
        place,
        ...(signature ? { digitallySigned: signature } : { recordedWithoutDigitalSignatureBy: recordedBy }),
      },
    });
    const after = requireProtocol(ctx, meetingId);
    if (after.pendingAttesters.length === 0) {
      // Justeringens plats och tid default to the last attestation when not written beforehand.
      const attestationPlace =
        after.attestationPlace ?? place ?? [...after.attestations].reverse().find((a) => a.place)?.place ?? null;
      const attestationDate = after.attestationDate ?? date;
      ctx.db
        .prepare('UPDATE protocol SET attestation_place = ?, attestation_date = ? WHERE meeting_id = ?')
        .run(attestationPlace, attestationDate, meetingId);
      // the record is sealed with the act: the protocol cannot become attested without it (SQL)
      const sealed = sealRecord(
        ctx,
        { kind: 'protocol', id: meetingId },
        protocolContent(ctx, meetingId, true),
        record,
        {
          document: latestSignedPackage(ctx, meetingId),
        },
      );
      const hash = sealed.snapshot_sha256;
      const now = ctx.clock.now().toISOString();
      ctx.db
        .prepare(
          "UPDATE protocol SET status = 'attested', attested_at = ?, content_hash = ?, updated_at = ? WHERE meeting_id = ?",
        )
        .run(now, hash, now, meetingId);
      record({
        action: 'protocol_attested',
        entity: 'meeting',
        entityId: meetingId,
        after: { contentHash: hash, attestedAt: now },
      });
      return requireProtocol(ctx, meetingId);
    }
    return after;
  });
}

/**
 * Omedelbar justering: the chair and the justerare attest one finished § on its own — recorded
 * without a digital signature by the operator, or, with `proof`, digitally signed on the §'s
 * frozen extract. The last attestation locks the § and seals its extract; when anyone signed
 * digitally, the sealed bytes are that extract with every signature (and the seal over them).
 */
export function attestParagraph(
  ctx: Ctx,
  paragraphId: number,
  personId: number,
  date: string,
  place: string | null,
  proof: DigitalProof | null = null,
): Protocol {
  return write(ctx, (record) => {
    const meetingId = meetingOfParagraph(ctx, paragraphId);
    refuse(paragraphRules.attestImmediately(paragraphState(ctx, paragraphId)));
    const paragraph = getParagraph(ctx, paragraphId);
    attestersReady(ctx, meetingId);
    const attester = checkAttester(ctx, meetingId, personId, date);
    if (paragraph.attestations.some((a) => a.personId === personId))
      throw invalidField('personId', 'already_attested', `${attester.name} has already attested § ${paragraph.number}`);
    const recordedBy = proof ? null : currentActorName(ctx);
    const attestationId = Number(
      ctx.db
        .prepare(
          'INSERT INTO attestation (meeting_id, paragraph_id, person_id, name, role, date, place, created_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(
          meetingId,
          paragraphId,
          personId,
          attester.name,
          attester.role,
          date,
          place,
          ctx.clock.now().toISOString(),
          recordedBy,
        ).lastInsertRowid,
    );
    const signature = proof
      ? recordSignatureOf(ctx, frozenExtract(ctx, meetingId, paragraphId), attestationId, proof)
      : null;
    record({
      action: 'attest_paragraph',
      entity: 'paragraph',
      entityId: paragraphId,
      after: {
        number: paragraph.number,
        name: attester.name,
        role: attester.role,
        date,
        place,
        ...(signature ? { digitallySigned: signature } : { recordedWithoutDigitalSignatureBy: recordedBy }),
      },
    });
    const signed = new Set([...paragraph.attestations.map((a) => a.personId), personId]);
    if (attestersOf(ctx, meetingId).every((a) => signed.has(a.personId))) {
      sealRecord(ctx, { kind: 'extract', id: paragraphId }, extractContent(ctx, paragraphId, true), record, {
        document: signedPackageOf(ctx, frozenExtract(ctx, meetingId, paragraphId)),
      });
      ctx.db
        .prepare('UPDATE paragraph SET immediately_attested_at = ? WHERE id = ?')
        .run(ctx.clock.now().toISOString(), paragraphId);
      record({
        action: 'paragraph_attested',
        entity: 'meeting',
        entityId: meetingId,
        after: { paragraphId, number: paragraph.number },
      });
    }
    return requireProtocol(ctx, meetingId);
  });
}

export function addCorrection(
  ctx: Ctx,
  meetingId: number,
  paragraphId: number | null,
  date: string,
  text: string,
): Protocol {
  return write(ctx, (record) => {
    const protocol = requireProtocol(ctx, meetingId);
    if (paragraphId !== null) {
      if (meetingOfParagraph(ctx, paragraphId) !== meetingId)
        throw invalidField('paragraphId', 'paragraph_elsewhere', 'The § belongs to another meeting');
      refuse(paragraphRules.correct(paragraphState(ctx, paragraphId)));
    } else refuse(protocolRules.correct(protocolState(ctx, meetingId)));
    if (date < protocol.meetingDate)
      throw invalidField('date', 'correction_before_meeting', 'A correction cannot be dated before the meeting');
    const author = currentActorName(ctx);
    const { lastInsertRowid } = ctx.db
      .prepare(
        'INSERT INTO correction_note (meeting_id, paragraph_id, date, text, author, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(meetingId, paragraphId, date, text, author, ctx.clock.now().toISOString());
    const correctionId = Number(lastInsertRowid);
    record({
      action: 'add_correction',
      entity: 'meeting',
      entityId: meetingId,
      after: { id: correctionId, paragraphId, date, text, author },
    });
    sealCorrection(ctx, correctionId, record);
    return requireProtocol(ctx, meetingId);
  });
}
