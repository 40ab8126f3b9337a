import crypto from 'node:crypto';
import type { Ctx } from '../context';
import { today } from '../session/time-zone';
import type { Protocol } from '../../../shared/contract/meetings';
import { AppError } from '../../../shared/errors';
import { sha256Hex } from '../export/write-file';
import { zonedDate } from '../../../shared/time/zoned-date';
import { timeZoneOf } from '../session/time-zone';
import { safeUnzip } from '../signing/opc/safe-unzip';
import { OPC, contentTypeOf, parseContentTypes, parseRelationships } from '../signing/opc/package';
import { SIGNATURE_FOLDER, type SignatureStatement } from '../signing/opc/sign-package';
import { verifyPackage } from '../signing/opc/verify-package';
import { trustedCertificates } from '../signing/certificates/store';
import { addSignature } from '../signing/add-signature';
import { tsaUrlOf } from '../signing/timestamp/tsa-setting';
import { certificateHolder, confirmPersonCertificate, personIdentity } from '../signing/personal/person-certificates';
import { paragraphRangeText } from './export-texts';
import { invalidField } from './errors';
import { refuse } from '../capability';
import { protocolRules } from './rules';
import { protocolState } from './state';
import { requireProtocol } from './protocol';
import { attestProtocol, checkAttester } from './justering';
import { currentPackage, requireFrozenProtocol, type FrozenDocumentRow } from './frozen-document';
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

function pendingAttester(ctx: Ctx, protocol: Protocol, personId: number, date: string) {
  refuse(protocolRules.attest(protocolState(ctx, protocol.meetingId)));
  const attester = checkAttester(ctx, protocol.meetingId, personId, date);
  if (protocol.attestations.some((a) => a.personId === personId))
    throw invalidField('personId', 'already_attested', `${attester.name} has already attested`);
  return attester;
}

const signatureParts = (parts: Map<string, Uint8Array>) =>
  [...parts.keys()].filter((p) => p.startsWith(SIGNATURE_FOLDER) && /\/sig[^/]*\.xml$/.test(p)).sort();

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
  const base = currentPackage(ctx, frozen).bytes;
  const signed = await addSignature(
    base,
    identity,
    ctx.clock.now(),
    attestationStatement(protocol, attester.role, frozen.lang),
    { tsaUrl: tsaUrlOf(ctx), withoutTimestamp: input.withoutTimestamp },
  );
  const date = zonedDate(new Date(signed.signingTime), timeZoneOf(ctx));
  return attestProtocol(ctx, input.meetingId, input.personId, date, input.place, {
    frozenId: frozen.id,
    basedOnSha256: sha256Hex(base),
    certificateId: row.id,
    package: signed.bytes,
    signaturePart: signed.signaturePart,
    signingTime: signed.signingTime,
    timeSource: signed.timeSource,
    way: 'here',
  });
}

/** Away: the frozen document with the signatures given so far, to be signed elsewhere and imported. */
export function exportForSigning(ctx: Ctx, meetingId: number): ExportedDocument & { sha256: string } {
  refuse(protocolRules.exportForSigning(protocolState(ctx, meetingId)));
  const document = currentPackage(ctx, requireFrozenProtocol(ctx, meetingId));
  return { ...document, sha256: sha256Hex(document.bytes) };
}

function refused(message: string, key: string, params: Record<string, string | number> = {}): AppError {
  return new AppError('VALIDATION', message, { params: { reason: `meetings.reasons.${key}`, ...params } });
}

/** Relationships as they mean something, without the signature origin a signer adds. */
function relationshipsWithoutOrigin(bytes: Uint8Array, part: string): string {
  return JSON.stringify(
    parseRelationships(bytes, part)
      .filter((r) => r.type !== OPC.originRel)
      .map((r) => [r.id, r.type, r.target, r.targetMode])
      .sort(),
  );
}

/**
 * Every part of the frozen document must come back byte for byte (the package relationships
 * may only gain the signature origin, the content types only the signature parts); nothing may
 * be added but signature parts. The first difference is named.
 */
function assertSameContent(frozen: Map<string, Uint8Array>, returned: Map<string, Uint8Array>): void {
  const frozenTypes = parseContentTypes(frozen);
  const returnedTypes = parseContentTypes(returned);
  for (const [part, bytes] of frozen) {
    const back = returned.get(part);
    if (!back) throw refused(`The returned document lacks the part ${part}`, 'signed_copy_part_missing', { part });
    if (part === '[Content_Types].xml') continue;
    const same =
      part === '_rels/.rels'
        ? relationshipsWithoutOrigin(bytes, part) === relationshipsWithoutOrigin(back, part)
        : Buffer.from(bytes).equals(Buffer.from(back));
    if (!same || contentTypeOf(frozenTypes, part) !== contentTypeOf(returnedTypes, part))
      throw refused(`The returned document differs from the one sent for signing in ${part}`, 'signed_copy_changed', {
        part,
      });
  }
  for (const part of returned.keys()) {
    if (frozen.has(part) || part === '[Content_Types].xml') continue;
    const isSignature = contentTypeOf(returnedTypes, part) === OPC.signatureContentType;
    const isOrigin =
      contentTypeOf(returnedTypes, part) === OPC.originContentType || /_rels\/[^/]*\.sigs\.rels$/.test(part);
    if (!isSignature && !isOrigin)
      throw refused(
        `The returned document has a part that was not sent for signing: ${part}`,
        'signed_copy_extra_part',
        {
          part,
        },
      );
  }
}

/** Which protocol sent for justering a returned document is: the one whose parts it shares most. */
function matchFrozen(ctx: Ctx, returned: Map<string, Uint8Array>): FrozenDocumentRow {
  const candidates = ctx.db
    .prepare(
      "SELECT f.* FROM frozen_document f JOIN protocol p ON p.meeting_id = f.meeting_id WHERE f.kind = 'protocol' AND p.status = 'ready_for_attestation'",
    )
    .all() as FrozenDocumentRow[];
  let best: { row: FrozenDocumentRow; shared: number; total: number } | null = null;
  for (const row of candidates) {
    const parts = safeUnzip(new Uint8Array(row.document));
    const shared = [...parts].filter(
      ([p, b]) => returned.has(p) && Buffer.from(b).equals(Buffer.from(returned.get(p)!)),
    ).length;
    if (!best || shared > best.shared) best = { row, shared, total: parts.size };
  }
  // a copy of the frozen document shares its styles, numbering, settings…; another document shares next to nothing
  if (!best || best.shared * 2 < best.total)
    throw refused(
      'This document is not one Samråd sent for justering, or its content was changed',
      'signed_copy_unknown',
    );
  return best.row;
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
): { meetingId: number; personId: number; name: string; protocol: Protocol } {
  const returned = safeUnzip(input.bytes);
  const frozen = matchFrozen(ctx, returned);
  const frozenParts = safeUnzip(new Uint8Array(frozen.document));
  assertSameContent(frozenParts, returned);
  const base = safeUnzip(currentPackage(ctx, frozen).bytes);
  for (const part of signatureParts(base)) {
    if (!returned.has(part) || !Buffer.from(returned.get(part)!).equals(Buffer.from(base.get(part)!)))
      throw refused(`The returned document lacks the signature ${part} given before`, 'signed_copy_signature_lost', {
        part,
      });
  }
  const added = signatureParts(returned).filter((p) => !base.has(p));
  if (added.length === 0) throw refused('The returned document carries no new signature', 'signed_copy_no_signature');
  if (added.length > 1)
    throw refused('Import one new signature at a time: this copy carries several', 'signed_copy_several', {
      count: added.length,
    });
  const report = verifyPackage(input.bytes, { trusted: trustedCertificates(ctx) });
  const check = report.signatures.find((s) => s.part === added[0]);
  if (!check || !check.valid || !check.certificate)
    throw refused(
      `The new signature ${added[0]} does not hold: ${check?.problems.join('; ') ?? 'unreadable'}`,
      'signed_copy_invalid',
      { part: added[0] },
    );
  const protocol = requireProtocol(ctx, frozen.meeting_id);
  // a timestamp that holds proves the time; otherwise the signature rests on the signer's clock
  const timeSource = check.timeSource === 'timestamp' ? 'tsa' : 'signer_clock';
  const signingTime = timeSource === 'tsa' ? check.timestamp!.time! : check.signingTime!;
  const date = zonedDate(new Date(signingTime), timeZoneOf(ctx));
  const holder = certificateHolder(ctx, check.certificate.fingerprint);
  let personId: number;
  if (holder) {
    if (!protocol.pendingAttesters.some((a) => a.personId === holder.person_id)) {
      const attested = protocol.attestations.some((a) => a.personId === holder.person_id);
      throw attested
        ? refused(
            'This person has already attested this protocol: a second signature is not recorded',
            'signed_copy_second_signature',
          )
        : refused(
            `The certificate ${check.certificate.subject} belongs to a person who does not attest this protocol`,
            'signed_copy_other_person',
            {
              subject: check.certificate.subject,
            },
          );
    }
    personId = holder.person_id;
  } else {
    if (input.confirmPersonId === null)
      throw new AppError(
        'CONFLICT',
        `Samråd does not know the certificate ${check.certificate.subject}: confirm whose it is`,
        {
          params: {
            reason: 'meetings.reasons.signed_copy_unknown_certificate',
            subject: check.certificate.subject,
            fingerprint: check.certificate.fingerprint,
          },
        },
      );
    personId = input.confirmPersonId;
  }
  const attester = pendingAttester(ctx, protocol, personId, date);
  const signer = new crypto.X509Certificate(extractSignerCertificate(returned.get(added[0])!));
  return ctx.db.transaction(() => {
    const certificateId = holder ? holder.id : confirmPersonCertificate(ctx, personId, signer, []).id;
    const after = attestProtocol(ctx, frozen.meeting_id, personId, date, input.place, {
      frozenId: frozen.id,
      basedOnSha256: sha256Hex(currentPackage(ctx, frozen).bytes),
      certificateId,
      package: input.bytes,
      signaturePart: added[0],
      signingTime,
      timeSource,
      way: 'imported',
    });
    return { meetingId: frozen.meeting_id, personId, name: attester.name, protocol: after };
  })();
}

function extractSignerCertificate(xml: Uint8Array): Buffer {
  const match = /<(?:\w+:)?X509Certificate>([^<]+)</.exec(new TextDecoder().decode(xml));
  return Buffer.from((match?.[1] ?? '').replace(/\s+/g, ''), 'base64');
}
