import crypto from 'node:crypto';
import type { Ctx } from '../../context';
import { AppError } from '../../../../shared/errors';
import type { SignatureCheck } from '../../../../shared/contract/signing';
import { sha256Hex } from '../../export/write-file';
import { safeUnzip } from '../opc/safe-unzip';
import { OPC, contentTypeOf, parseContentTypes, parseRelationships } from '../opc/package';
import { SIGNATURE_FOLDER, type SignatureStatement, type SigningIdentity } from '../opc/sign-package';
import { verifyPackage } from '../opc/verify-package';
import { trustedCertificates } from '../certificates/store';
import { addSignature } from '../add-signature';
import { tsaUrlOf } from '../timestamp/tsa-setting';
import { zonedDate } from '../../../../shared/time/zoned-date';
import { timeZoneOf } from '../../session/time-zone';
import { currentPackage, type DigitalProof, type FrozenDocumentRow } from './frozen-document';
import { certificateHolder, type PersonCertificateRow } from '../personal/person-certificates';

/**
 * Signing a frozen document, for any act: here (the signatory's own key adds the next
 * signature) or away (a returned signed copy is checked part by part against the frozen
 * document). Either gives the proof the act records.
 */

export const signatureParts = (parts: Map<string, Uint8Array>) =>
  [...parts.keys()].filter((p) => p.startsWith(SIGNATURE_FOLDER) && /\/sig[^/]*\.xml$/.test(p)).sort();

/**
 * Here: the signatory's signature added after the signatures given so far, timestamped when a
 * TSA is set (a TSA failure throws TIMESTAMP_FAILED and nothing is recorded).
 */
export async function signFrozenHere(
  ctx: Ctx,
  frozen: FrozenDocumentRow,
  identity: SigningIdentity,
  certificateId: number,
  statement: SignatureStatement,
  withoutTimestamp: boolean,
): Promise<DigitalProof> {
  const base = currentPackage(ctx, frozen).bytes;
  const signed = await addSignature(base, identity, ctx.clock.now(), statement, {
    tsaUrl: tsaUrlOf(ctx),
    withoutTimestamp,
  });
  return {
    frozenId: frozen.id,
    basedOnSha256: sha256Hex(base),
    certificateId,
    package: signed.bytes,
    signaturePart: signed.signaturePart,
    signingTime: signed.signingTime,
    timeSource: signed.timeSource,
    way: 'here',
  };
}

/** The day an act was signed, in the organisation's time zone, from the time its proof rests on. */
export const signedOn = (ctx: Ctx, signed: { signingTime: string }) =>
  zonedDate(new Date(signed.signingTime), timeZoneOf(ctx));

export function refused(message: string, key: string, params: Record<string, string | number> = {}): AppError {
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

/** Which of the documents out for signing a returned copy is: the one whose parts it shares most. */
export function matchFrozen(candidates: FrozenDocumentRow[], returned: Map<string, Uint8Array>): FrozenDocumentRow {
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
      'This document is not one Samråd sent for justering or signing, or its content was changed',
      'signed_copy_unknown',
    );
  return best.row;
}

export interface CheckedCopy {
  /** the new signature: valid, with its certificate */
  check: SignatureCheck & { certificate: NonNullable<SignatureCheck['certificate']> };
  signer: crypto.X509Certificate;
  /** the time the new signature's proof rests on: its timestamp's when one holds, else the signer's clock */
  signingTime: string;
  /** the proof to record, once the signer is known to be the one expected */
  proof(certificateId: number): DigitalProof;
}

/**
 * A signed copy back from away: its content must be exactly the frozen document's, it must
 * still carry every signature given so far, and add exactly one new, valid signature.
 */
export function checkSignedCopy(ctx: Ctx, frozen: FrozenDocumentRow, bytes: Uint8Array): CheckedCopy {
  const returned = safeUnzip(bytes);
  assertSameContent(safeUnzip(new Uint8Array(frozen.document)), returned);
  const baseBytes = currentPackage(ctx, frozen).bytes;
  const base = safeUnzip(baseBytes);
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
  const report = verifyPackage(bytes, { trusted: trustedCertificates(ctx) });
  const check = report.signatures.find((s) => s.part === added[0]);
  if (!check || !check.valid || !check.certificate)
    throw refused(
      `The new signature ${added[0]} does not hold: ${check?.problems.join('; ') ?? 'unreadable'}`,
      'signed_copy_invalid',
      { part: added[0] },
    );
  const basedOnSha256 = sha256Hex(baseBytes);
  // a timestamp that holds proves the time; otherwise the signature rests on the signer's clock
  const timeSource = check.timeSource === 'timestamp' ? 'tsa' : 'signer_clock';
  const signingTime = timeSource === 'tsa' ? check.timestamp!.time! : check.signingTime!;
  return {
    check: check as CheckedCopy['check'],
    signer: new crypto.X509Certificate(signerCertificateOf(returned.get(added[0])!)),
    signingTime,
    proof: (certificateId) => ({
      frozenId: frozen.id,
      basedOnSha256,
      certificateId,
      package: bytes,
      signaturePart: added[0],
      signingTime,
      timeSource,
      way: 'imported',
    }),
  };
}

function signerCertificateOf(xml: Uint8Array): Buffer {
  const match = /<(?:\w+:)?X509Certificate>([^<]+)</.exec(new TextDecoder().decode(xml));
  return Buffer.from((match?.[1] ?? '').replace(/\s+/g, ''), 'base64');
}

/**
 * Whose the new signature is: the person holding its certificate (by fingerprint), else the
 * person the user confirms it as — asked for with CONFLICT when not given.
 */
export function signerOfCopy(
  ctx: Ctx,
  copy: CheckedCopy,
  confirmPersonId: number | null,
): { holder: PersonCertificateRow | null; personId: number } {
  const { certificate } = copy.check;
  const holder = certificateHolder(ctx, certificate.fingerprint);
  if (holder) return { holder, personId: holder.person_id };
  if (confirmPersonId === null)
    throw new AppError('CONFLICT', `Samråd does not know the certificate ${certificate.subject}: confirm whose it is`, {
      params: {
        reason: 'meetings.reasons.signed_copy_unknown_certificate',
        subject: certificate.subject,
        fingerprint: certificate.fingerprint,
      },
    });
  return { holder: null, personId: confirmPersonId };
}
