import type { Ctx } from '../context';
import type { Party, VersionDetail } from '../../../shared/contract/agreements';
import { sha256Hex } from '../export/write-file';
import type { ExportedDocument } from '../export/document';
import { safeUnzip } from '../signing/opc/safe-unzip';
import type { SignatureStatement } from '../signing/opc/sign-package';
import { confirmPersonCertificate, personIdentity } from '../signing/personal/person-certificates';
import { currentPackage, type FrozenDocumentRow } from '../signing/frozen/frozen-document';
import {
  checkSignedCopy,
  matchFrozen,
  refused,
  signedOn,
  signerOfCopy,
  signFrozenHere,
} from '../signing/frozen/signed-copy';
import { refuse } from '../capability';
import { agreementErrors } from './errors';
import { versionRules } from './rules';
import { getVersion } from './read';
import { frozenAgreement, recordSigning } from './party-signatures';

/** What a signatory's signature says: for which party, proof of approval, and the act by name. */
function signingStatement(version: VersionDetail, party: Party, lang: 'sv' | 'en'): SignatureStatement {
  const act = `${version.title} ${version.validFrom}–${version.validTo}`;
  return lang === 'sv'
    ? {
        role: `Undertecknare för ${party.organisationName}`,
        commitment: 'approval',
        comment: `Undertecknar ${act}`,
      }
    : { role: `Signatory for ${party.organisationName}`, commitment: 'approval', comment: `Signs ${act}` };
}

/** A version whose state allows recording a signing (`versionRules`), with the document frozen when it was sent. */
function underSigning(ctx: Ctx, versionId: number): { version: VersionDetail; frozen: FrozenDocumentRow } {
  const version = getVersion(ctx, versionId);
  refuse(versionRules.recordSigning({ status: version.storedStatus, successorIds: version.successorIds }));
  const frozen = frozenAgreement(ctx, versionId);
  // sent for signing before migration 012, a version has no frozen document to sign digitally
  if (!frozen) throw agreementErrors.notUnderSigning();
  return { version, frozen };
}

/** A party whose signatory has not signed yet. */
function pendingParty(version: VersionDetail, partyId: number): Party {
  const party = version.parties.find((p) => p.id === partyId);
  if (!party) throw agreementErrors.partyNotInVersion();
  if (party.signing) throw agreementErrors.alreadySigned(party.signing.name);
  return party;
}

/**
 * Here: the party's signatory picks their own certificate and types its password; their
 * signature is added to the frozen document and the signing is recorded as digitally signed.
 */
export async function signVersionHere(
  ctx: Ctx,
  input: {
    versionId: number;
    partyId: number;
    certificateId: number;
    password: string;
    place: string;
    withoutTimestamp: boolean;
  },
): Promise<VersionDetail> {
  const { version, frozen } = underSigning(ctx, input.versionId);
  const party = pendingParty(version, input.partyId);
  const { identity, row } = personIdentity(ctx, party.signatoryId, input.certificateId, input.password);
  const proof = await signFrozenHere(
    ctx,
    frozen,
    identity,
    row.id,
    signingStatement(version, party, frozen.lang),
    input.withoutTimestamp,
  );
  return recordSigning(
    ctx,
    {
      versionId: input.versionId,
      partyId: party.id,
      name: null,
      title: null,
      organisation: null,
      signedOn: signedOn(ctx, proof),
      place: input.place,
    },
    proof,
  );
}

/** Away: the frozen document with the signatures given so far, to be signed elsewhere and imported. */
export function exportVersionForSigning(ctx: Ctx, versionId: number): ExportedDocument & { sha256: string } {
  const document = currentPackage(ctx, underSigning(ctx, versionId).frozen);
  return { ...document, sha256: sha256Hex(document.bytes) };
}

/** The versions out for signing, whose frozen documents a returned copy may be. */
function versionsUnderSigning(ctx: Ctx): FrozenDocumentRow[] {
  return ctx.db
    .prepare(
      "SELECT f.* FROM frozen_document f JOIN agreement_version v ON v.id = f.version_id WHERE f.kind = 'agreement' AND v.status = 'under_signing'",
    )
    .all() as FrozenDocumentRow[];
}

/**
 * A signed copy back from away: its content must be exactly the frozen document's, it must keep
 * every signature given so far and add one valid signature by the signatory of a party still to
 * sign (known by certificate, or confirmed now as `confirmPersonId`'s). Imported on a version's
 * page (`versionId`), it must be that version's. Anything wrong: refused, nothing recorded.
 */
export function importAgreementSignedCopy(
  ctx: Ctx,
  input: { bytes: Uint8Array; confirmPersonId: number | null; place: string | null; versionId: number | null },
): { versionId: number; partyId: number; name: string; version: VersionDetail } {
  const frozen = matchFrozen(versionsUnderSigning(ctx), safeUnzip(input.bytes));
  const versionId = frozen.version_id!;
  if (input.versionId !== null && input.versionId !== versionId) {
    const other = getVersion(ctx, versionId);
    throw refused(
      `This is the document sent for signing of another version (${other.title} ${other.validFrom}–${other.validTo}): import it on that version`,
      'signed_copy_other_version',
      { title: other.title, validFrom: other.validFrom, validTo: other.validTo },
    );
  }
  const copy = checkSignedCopy(ctx, frozen, input.bytes);
  const place = input.place;
  if (!place) throw agreementErrors.placeRequired();
  const { holder, personId } = signerOfCopy(ctx, copy, input.confirmPersonId);
  const version = getVersion(ctx, versionId);
  const parties = version.parties.filter((p) => p.signatoryId === personId);
  const party = parties.find((p) => p.signing === null);
  if (!party)
    throw parties.length > 0
      ? refused(
          'This signatory has already signed this version: a second signature is not recorded',
          'signed_copy_signatory_already_signed',
        )
      : refused(
          `The certificate ${copy.check.certificate.subject} belongs to a person who does not sign this version`,
          'signed_copy_not_a_signatory',
          { subject: copy.check.certificate.subject },
        );
  const day = signedOn(ctx, copy);
  return ctx.db.transaction(() => {
    const certificateId = holder ? holder.id : confirmPersonCertificate(ctx, personId, copy.signer, []).id;
    const after = recordSigning(
      ctx,
      { versionId, partyId: party.id, name: null, title: null, organisation: null, signedOn: day, place },
      copy.proof(certificateId),
    );
    return { versionId, partyId: party.id, name: party.signatoryName, version: after };
  })();
}
