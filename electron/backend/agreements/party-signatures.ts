import type { z } from 'zod';
import type { Ctx } from '../context';
import { today } from '../session/time-zone';
import { write } from '../audit/log';
import { notFound } from '../../../shared/errors';
import type { signingFields, VersionDetail } from '../../../shared/contract/agreements';
import { agreementErrors } from './errors';
import { refuse } from '../capability';
import { versionRules, type VersionState } from './rules';
import { getVersion, getVersionSummary, listVersions } from './read';
import { contentHash } from './canonical';
import { recordLanguage, sealRecord } from '../records/seal';
import { renderContent } from '../records/render';
import { agreementContent } from '../records/snapshot';
import { currentActorName } from '../session/actor';
import {
  assertStillNewest,
  frozenOf,
  insertSignature,
  signedPackageOf,
  storeFrozen,
  withdrawFrozen,
  type DigitalProof,
  type FrozenDocumentRow,
} from '../signing/frozen/frozen-document';

type SigningFields = z.output<typeof signingFields>;

function statusOf(ctx: Ctx, versionId: number): VersionState['status'] {
  const row = ctx.db.prepare('SELECT status FROM agreement_version WHERE id = ?').get(versionId) as
    { status: VersionState['status'] } | undefined;
  if (!row) throw notFound('agreement_version', versionId);
  return row.status;
}

/** A signed version of the same agreement whose period overlaps this one, if any. */
function overlappingSigned(ctx: Ctx, versionId: number) {
  const v = getVersionSummary(ctx, versionId);
  return listVersions(ctx, v.agreementId).find(
    (o) => o.id !== v.id && o.storedStatus === 'signed' && o.validFrom <= v.validTo && o.validTo >= v.validFrom,
  );
}

/** Copies today's names from the registers into the parties and priorities before freezing. */
function refreshNames(ctx: Ctx, versionId: number): void {
  ctx.db
    .prepare(
      `UPDATE agreement_party SET
         organisation_name = (SELECT o.name FROM organisation o WHERE o.id = organisation_id),
         signatory_name = (SELECT p.name FROM person p WHERE p.id = signatory_id),
         signatory_title = (SELECT p.title FROM person p WHERE p.id = signatory_id)
       WHERE version_id = ?`,
    )
    .run(versionId);
  ctx.db
    .prepare(
      `UPDATE agreement_priority_responsible SET organisation_name = (SELECT o.name FROM organisation o WHERE o.id = organisation_id)
       WHERE priority_id IN (SELECT id FROM agreement_priority WHERE version_id = ?)`,
    )
    .run(versionId);
}

/**
 * Renders the version as it is sent for signing and keeps those bytes: the document every
 * signatory signs digitally, and the sealed record once all have signed.
 */
function freezeAgreement(ctx: Ctx, versionId: number): FrozenDocumentRow {
  const content = agreementContent(ctx, versionId);
  const lang = recordLanguage(ctx, content);
  const rendered = renderContent(content, lang, { timestamp: ctx.clock.now() });
  return storeFrozen(ctx, { kind: 'agreement', versionId }, rendered, lang);
}

export function frozenAgreement(ctx: Ctx, versionId: number): FrozenDocumentRow | null {
  return frozenOf(ctx, { kind: 'agreement', versionId });
}

/**
 * Draft → under signing. The version must be complete (parties with signatories, some text)
 * and its period must not overlap a signed version, since it could never be signed then.
 */
export function sendForSigning(ctx: Ctx, versionId: number): VersionDetail {
  return write(ctx, (record) => {
    refuse(versionRules.sendForSigning({ status: statusOf(ctx, versionId), successorIds: [] }));
    const before = getVersion(ctx, versionId);
    if (before.parties.length === 0) throw agreementErrors.noParties();
    if (before.sections.length === 0) throw agreementErrors.noSections();
    const clash = overlappingSigned(ctx, versionId);
    if (clash) throw agreementErrors.overlap(clash);
    refreshNames(ctx, versionId);
    const now = ctx.clock.now().toISOString();
    ctx.db
      .prepare(
        "UPDATE agreement_version SET status = 'under_signing', sent_for_signing_at = ?, updated_at = ? WHERE id = ?",
      )
      .run(now, now, versionId);
    const frozen = freezeAgreement(ctx, versionId);
    const after = getVersion(ctx, versionId);
    record({
      action: 'signing.send',
      entity: 'agreement_version',
      entityId: versionId,
      before: { status: before.status },
      after: { status: after.status, frozenDocumentSha256: frozen.document_sha256 },
    });
    return after;
  });
}

/**
 * Records one party's signing: without a digital signature by the operator (recording it again
 * corrects it), or, with `proof`, digitally signed by the signatory's own certificate on the
 * frozen document (never corrected: withdrawing is the way back). When the last party has
 * signed, the version becomes signed and the SHA-256 of its canonical content is stored; when
 * anyone signed digitally, the sealed bytes are the frozen document with every signature (and
 * the organisation's seal over them).
 */
export function recordSigning(ctx: Ctx, fields: SigningFields, proof: DigitalProof | null = null): VersionDetail {
  return write(ctx, (record) => {
    refuse(versionRules.recordSigning({ status: statusOf(ctx, fields.versionId), successorIds: [] }));
    const party = getVersion(ctx, fields.versionId).parties.find((p) => p.id === fields.partyId);
    if (!party) throw agreementErrors.partyNotInVersion();
    if (party.signing?.proof.kind === 'digital') throw agreementErrors.signedDigitally(party.signing.name);
    if (proof && party.signing) throw agreementErrors.alreadySigned(party.signing.name);
    if (fields.signedOn > today(ctx)) throw agreementErrors.signedOnFuture();
    const signing = {
      name: fields.name ?? party.signatoryName,
      title: fields.title ?? party.signatoryTitle,
      organisation: fields.organisation ?? party.organisationName,
      signedOn: fields.signedOn,
      place: fields.place,
    };
    const recordedBy = proof ? null : currentActorName(ctx);
    const now = ctx.clock.now().toISOString();
    ctx.db
      .prepare(
        `INSERT INTO agreement_signing (version_id, party_id, name, title, organisation, signed_on, place, recorded_at, recorded_by)
         VALUES (@versionId, @partyId, @name, @title, @organisation, @signedOn, @place, @now, @recordedBy)
         ON CONFLICT (party_id) DO UPDATE SET name = excluded.name, title = excluded.title, organisation = excluded.organisation,
           signed_on = excluded.signed_on, place = excluded.place, recorded_at = excluded.recorded_at, recorded_by = excluded.recorded_by`,
      )
      .run({ versionId: fields.versionId, partyId: fields.partyId, ...signing, now, recordedBy });
    const signature = proof
      ? insertSignature(
          ctx,
          { table: 'agreement_signing_signature', column: 'signing_id' },
          ctx.db.prepare('SELECT id FROM agreement_signing WHERE party_id = ?').pluck().get(fields.partyId) as number,
          assertStillNewest(ctx, frozenAgreement(ctx, fields.versionId), proof, agreementErrors.signedMeanwhile),
          proof,
        )
      : null;
    record({
      action: 'signing.record',
      entity: 'agreement_version',
      entityId: fields.versionId,
      before: party.signing,
      after: {
        partyId: party.id,
        ...signing,
        ...(signature ? { digitallySigned: signature } : { recordedWithoutDigitalSignatureBy: recordedBy }),
      },
    });

    const current = getVersion(ctx, fields.versionId);
    if (current.allSigned) {
      const clash = overlappingSigned(ctx, fields.versionId);
      if (clash) throw agreementErrors.overlap(clash);
      const hash = contentHash(ctx, fields.versionId);
      const signedAt = current.parties
        .map((p) => p.signing!.signedOn)
        .sort()
        .at(-1)!;
      // the record is sealed with the act, showing the version as signed: it cannot become signed without it (SQL)
      sealRecord(
        ctx,
        { kind: 'agreement', id: fields.versionId },
        { ...agreementContent(ctx, fields.versionId), storedStatus: 'signed', contentHash: hash },
        record,
        { document: signedPackageOf(ctx, frozenAgreement(ctx, fields.versionId)) },
      );
      ctx.db
        .prepare(
          "UPDATE agreement_version SET status = 'signed', content_hash = ?, signed_at = ?, updated_at = ? WHERE id = ?",
        )
        .run(hash, signedAt, now, fields.versionId);
      record({
        action: 'signing.complete',
        entity: 'agreement_version',
        entityId: fields.versionId,
        before: { status: 'under_signing' },
        after: { status: 'signed', contentHash: hash, signedAt },
      });
    }
    return getVersion(ctx, fields.versionId);
  });
}

/**
 * Under signing → draft; the recorded signings are cleared (by the trigger, whatever the path)
 * and the frozen document is thrown away with every signature on it: a changed version is sent again.
 */
export function withdrawFromSigning(ctx: Ctx, versionId: number): VersionDetail {
  return write(ctx, (record) => {
    refuse(versionRules.withdraw({ status: statusOf(ctx, versionId), successorIds: [] }));
    const before = getVersion(ctx, versionId);
    ctx.db
      .prepare("UPDATE agreement_version SET status = 'draft', sent_for_signing_at = NULL, updated_at = ? WHERE id = ?")
      .run(ctx.clock.now().toISOString(), versionId);
    withdrawFrozen(ctx, { kind: 'agreement', versionId });
    record({
      action: 'signing.withdraw',
      entity: 'agreement_version',
      entityId: versionId,
      before: { status: before.status, signings: before.parties.flatMap((p) => (p.signing ? [p.signing] : [])) },
      after: { status: 'draft' },
    });
    return getVersion(ctx, versionId);
  });
}
