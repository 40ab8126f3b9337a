import type { Ctx } from '../context';
import { today } from '../session/time-zone';
import type { Protocol } from '../../../shared/contract/meetings';
import { sha256Hex } from '../export/write-file';
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
import { paragraphRangeText } from './export-texts';
import { invalidField } from './errors';
import { refuse } from '../capability';
import { paragraphRules, protocolRules } from './rules';
import { meetingOfParagraph, paragraphState, protocolState } from './state';
import { attestersOf, getParagraph, requireProtocol } from './protocol';
import { attestParagraph, attestProtocol, checkAttester } from './justering';
import { frozenExtractToSign, requireFrozenProtocol } from './frozen-document';
import type { ExportedDocument } from '../export/document';

/** What an attester's signature says: their role, proof of approval, and the act by name. */
function attestationStatement(
  protocol: Protocol,
  role: 'ordforande' | 'justerare',
  lang: 'sv' | 'en',
): SignatureStatement {
  const act = `${protocol.bodyName} ${protocol.meetingDate} ${paragraphRangeText(protocol.paragraphRange)}`;
  return lang === 'sv'
    ? {
        role: role === 'ordforande' ? 'Ordförande' : 'Justerare',
        commitment: 'approval',
        comment: `Justerar protokoll ${act}`,
      }
    : {
        role: role === 'ordforande' ? 'Chair' : 'Attester',
        commitment: 'approval',
        comment: `Attests the protocol ${act}`,
      };
}

/** The same for a § attested at once: "Justerar omedelbart Chefssamrådet 2017-03-14 § 3". */
function extractStatement(
  protocol: Protocol,
  number: number,
  role: 'ordforande' | 'justerare',
  lang: 'sv' | 'en',
): SignatureStatement {
  const act = `${protocol.bodyName} ${protocol.meetingDate} § ${number}`;
  const statement = attestationStatement(protocol, role, lang);
  return { ...statement, comment: lang === 'sv' ? `Justerar omedelbart ${act}` : `Attests at once ${act}` };
}

function pendingAttester(ctx: Ctx, protocol: Protocol, personId: number, date: string) {
  refuse(protocolRules.attest(protocolState(ctx, protocol.meetingId)));
  const attester = checkAttester(ctx, protocol.meetingId, personId, date);
  if (protocol.attestations.some((a) => a.personId === personId))
    throw invalidField('personId', 'already_attested', `${attester.name} has already attested`);
  return attester;
}

/**
 * Here: the attester picks their own certificate and types its password; their signature is
 * added to the frozen document (after the signatures given so far), timestamped when a TSA is
 * set, and the attestation is recorded as digitally signed. A TSA failure records nothing.
 */
export async function signAttestationHere(
  ctx: Ctx,
  input: {
    meetingId: number;
    personId: number;
    certificateId: number;
    password: string;
    place: string | null;
    withoutTimestamp: boolean;
  },
): Promise<Protocol> {
  const protocol = requireProtocol(ctx, input.meetingId);
  const attester = pendingAttester(ctx, protocol, input.personId, today(ctx));
  const frozen = requireFrozenProtocol(ctx, input.meetingId);
  const { identity, row } = personIdentity(ctx, input.personId, input.certificateId, input.password);
  const proof = await signFrozenHere(
    ctx,
    frozen,
    identity,
    row.id,
    attestationStatement(protocol, attester.role, frozen.lang),
    input.withoutTimestamp,
  );
  return attestProtocol(ctx, input.meetingId, input.personId, signedOn(ctx, proof), input.place, proof);
}

/** A § not yet attested, that the attester has not attested, and is finished: its meeting and number. */
function pendingParagraphAttester(ctx: Ctx, paragraphId: number, personId: number, date: string) {
  const meetingId = meetingOfParagraph(ctx, paragraphId);
  refuse(paragraphRules.attestImmediately(paragraphState(ctx, paragraphId)));
  const protocol = requireProtocol(ctx, meetingId);
  const paragraph = getParagraph(ctx, paragraphId);
  const attester = checkAttester(ctx, meetingId, personId, date);
  if (paragraph.attestations.some((a) => a.personId === personId))
    throw invalidField('personId', 'already_attested', `${attester.name} has already attested § ${paragraph.number}`);
  return { protocol, paragraph, attester, meetingId };
}

/** Omedelbar justering, here: the attester signs the §'s extract with their own certificate. */
export async function signParagraphHere(
  ctx: Ctx,
  input: {
    paragraphId: number;
    personId: number;
    certificateId: number;
    password: string;
    place: string | null;
    withoutTimestamp: boolean;
  },
): Promise<Protocol> {
  const { protocol, paragraph, attester, meetingId } = pendingParagraphAttester(
    ctx,
    input.paragraphId,
    input.personId,
    today(ctx),
  );
  const { identity, row } = personIdentity(ctx, input.personId, input.certificateId, input.password);
  const frozen = frozenExtractToSign(ctx, meetingId, input.paragraphId);
  const statement = extractStatement(protocol, paragraph.number, attester.role, frozen.lang);
  const proof = await signFrozenHere(ctx, frozen, identity, row.id, statement, input.withoutTimestamp);
  return attestParagraph(ctx, input.paragraphId, input.personId, signedOn(ctx, proof), input.place, proof);
}

/** Omedelbar justering, away: the §'s extract with the signatures given so far. */
export function exportParagraphForSigning(ctx: Ctx, paragraphId: number): ExportedDocument & { sha256: string } {
  const meetingId = meetingOfParagraph(ctx, paragraphId);
  refuse(paragraphRules.attestImmediately(paragraphState(ctx, paragraphId)));
  const document = currentPackage(ctx, frozenExtractToSign(ctx, meetingId, paragraphId));
  return { ...document, sha256: sha256Hex(document.bytes) };
}

/** Away: the frozen document with the signatures given so far, to be signed elsewhere and imported. */
export function exportForSigning(ctx: Ctx, meetingId: number): ExportedDocument & { sha256: string } {
  refuse(protocolRules.exportForSigning(protocolState(ctx, meetingId)));
  const document = currentPackage(ctx, requireFrozenProtocol(ctx, meetingId));
  return { ...document, sha256: sha256Hex(document.bytes) };
}

/**
 * The documents a returned copy may be: the protocols waiting for justering, and the extracts of
 * §§ being attested at once (frozen, not yet attested).
 */
function waitingDocuments(ctx: Ctx): FrozenDocumentRow[] {
  return ctx.db
    .prepare(
      `SELECT f.* FROM frozen_document f JOIN protocol p ON p.meeting_id = f.meeting_id
       WHERE (f.kind = 'protocol' AND p.status = 'ready_for_attestation')
          OR (f.kind = 'extract' AND p.status <> 'attested'
              AND (SELECT immediately_attested_at FROM paragraph WHERE id = f.paragraph_id) IS NULL)`,
    )
    .all() as FrozenDocumentRow[];
}

/**
 * A signed copy back from away: checks that its content is exactly the frozen document's, that
 * it still carries every signature given so far, and that each new signature is valid and by a
 * pending attester's certificate (known by fingerprint, or confirmed now as `confirmPersonId`'s).
 * Then records each such attestation as digitally signed. Anything wrong: refused, nothing recorded.
 */
export function importSignedCopy(
  ctx: Ctx,
  input: { bytes: Uint8Array; confirmPersonId: number | null; place: string | null },
): { meetingId: number; paragraphId: number | null; personId: number; name: string; protocol: Protocol } {
  const frozen = matchFrozen(waitingDocuments(ctx), safeUnzip(input.bytes));
  const copy = checkSignedCopy(ctx, frozen, input.bytes);
  const { check } = copy;
  const meetingId = frozen.meeting_id!;
  const protocol = requireProtocol(ctx, meetingId);
  const date = signedOn(ctx, copy);
  // a § attested at once is attested on its own extract; else the whole protocol
  const paragraphId = frozen.kind === 'extract' ? frozen.paragraph_id! : null;
  const { holder, personId } = signerOfCopy(ctx, copy, input.confirmPersonId);
  const given = paragraphId === null ? protocol.attestations : getParagraph(ctx, paragraphId).attestations;
  const attestedAlready = given.some((a) => a.personId === personId);
  if (holder && (attestedAlready || !attestersOf(ctx, meetingId).some((a) => a.personId === personId)))
    throw attestedAlready
      ? refused(
          'This person has already attested this: a second signature is not recorded',
          'signed_copy_second_signature',
        )
      : refused(
          `The certificate ${check.certificate.subject} belongs to a person who does not attest this protocol`,
          'signed_copy_other_person',
          { subject: check.certificate.subject },
        );
  const attester =
    paragraphId === null
      ? pendingAttester(ctx, protocol, personId, date)
      : pendingParagraphAttester(ctx, paragraphId, personId, date).attester;
  return ctx.db.transaction(() => {
    const certificateId = holder ? holder.id : confirmPersonCertificate(ctx, personId, copy.signer, []).id;
    const proof = copy.proof(certificateId);
    const after =
      paragraphId === null
        ? attestProtocol(ctx, meetingId, personId, date, input.place, proof)
        : attestParagraph(ctx, paragraphId, personId, date, input.place, proof);
    return { meetingId, paragraphId, personId, name: attester.name, protocol: after };
  })();
}
