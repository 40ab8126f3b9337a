import type { Ctx } from '../context';
import { today } from '../session/time-zone';
import type { ExportedDocument } from '../export/document';
import { sha256Hex } from '../export/write-file';
import { recordLanguage } from '../records/seal';
import { renderContent } from '../records/render';
import { protocolContent } from '../records/snapshot';
import { withCompactRelationships } from '../signing/opc/sign-package';
import { invalidState } from './errors';

/** A row of `frozen_document` (migration 009). */
export interface FrozenDocumentRow {
  id: number;
  kind: 'protocol' | 'extract';
  meeting_id: number;
  paragraph_id: number | null;
  lang: 'sv' | 'en';
  file_name: string;
  document: Buffer;
  document_sha256: string;
  frozen_at: string;
}

/** What a digital attestation brings: the frozen document with this person's signature added. */
export interface DigitalProof {
  frozenId: number;
  /** the package this signature was added to: still the newest when the attestation is recorded */
  basedOnSha256: string;
  certificateId: number;
  package: Uint8Array;
  signaturePart: string;
  signingTime: string;
  timeSource: 'signer_clock' | 'tsa';
  way: 'here' | 'imported';
}

const copy = (bytes: Buffer) =>
  new Uint8Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));

/**
 * Renders the protocol as it is sent for justering and keeps those bytes: the document every
 * attester signs, and the sealed record once all have attested. Its relationships are already in
 * the compact form a signature writes, so no signature changes a part of it.
 */
export function freezeProtocol(ctx: Ctx, meetingId: number): FrozenDocumentRow {
  const content = protocolContent(ctx, meetingId);
  const lang = recordLanguage(ctx, content);
  const now = ctx.clock.now();
  const rendered = renderContent(content, lang, { timestamp: now, sentForAttestation: today(ctx) });
  const bytes = withCompactRelationships(rendered.bytes);
  ctx.db.prepare("DELETE FROM frozen_document WHERE kind = 'protocol' AND meeting_id = ?").run(meetingId);
  ctx.db
    .prepare(
      "INSERT INTO frozen_document (kind, meeting_id, paragraph_id, lang, file_name, document, document_sha256, frozen_at) VALUES ('protocol', ?, NULL, ?, ?, ?, ?, ?)",
    )
    .run(meetingId, lang, rendered.fileName, Buffer.from(bytes), sha256Hex(bytes), now.toISOString());
  return frozenProtocol(ctx, meetingId)!;
}

export function frozenProtocol(ctx: Ctx, meetingId: number): FrozenDocumentRow | null {
  return (
    (ctx.db.prepare("SELECT * FROM frozen_document WHERE kind = 'protocol' AND meeting_id = ?").get(meetingId) as
      FrozenDocumentRow | undefined) ?? null
  );
}

export function requireFrozenProtocol(ctx: Ctx, meetingId: number): FrozenDocumentRow {
  const frozen = frozenProtocol(ctx, meetingId);
  if (!frozen) throw invalidState('not_ready', 'Send the protocol for attestation first');
  return frozen;
}

/** The frozen document with every signature given so far: what the next attester signs. */
export function currentPackage(ctx: Ctx, frozen: FrozenDocumentRow): ExportedDocument {
  const latest = ctx.db
    .prepare('SELECT package FROM attestation_signature WHERE frozen_id = ? ORDER BY id DESC LIMIT 1')
    .pluck()
    .get(frozen.id) as Buffer | undefined;
  return { fileName: frozen.file_name, bytes: copy(latest ?? frozen.document) };
}

/** The co-signed document to seal, when anyone attested digitally; null when all attested on paper. */
export function latestSignedPackage(ctx: Ctx, meetingId: number): ExportedDocument | null {
  const frozen = frozenProtocol(ctx, meetingId);
  if (!frozen) return null;
  const signed = ctx.db.prepare('SELECT 1 FROM attestation_signature WHERE frozen_id = ?').get(frozen.id);
  return signed ? currentPackage(ctx, frozen) : null;
}

/**
 * Stores the proof of a digital attestation inside its write transaction. Refused when another
 * signature was added meanwhile (this one was made on an older package and would drop it).
 */
export function recordSignatureOf(
  ctx: Ctx,
  meetingId: number,
  attestationId: number,
  proof: DigitalProof,
): { certificateId: number; signaturePart: string; signingTime: string; timeSource: string; packageSha256: string } {
  const frozen = requireFrozenProtocol(ctx, meetingId);
  if (frozen.id !== proof.frozenId || sha256Hex(currentPackage(ctx, frozen).bytes) !== proof.basedOnSha256) {
    throw invalidState('signed_meanwhile', 'Someone else signed the document meanwhile: sign again');
  }
  const packageSha256 = sha256Hex(proof.package);
  ctx.db
    .prepare(
      `INSERT INTO attestation_signature (attestation_id, frozen_id, person_certificate_id, signature_part, signing_time, time_source, way, package, package_sha256, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      attestationId,
      frozen.id,
      proof.certificateId,
      proof.signaturePart,
      proof.signingTime,
      proof.timeSource,
      proof.way,
      Buffer.from(proof.package),
      packageSha256,
      ctx.clock.now().toISOString(),
    );
  return {
    certificateId: proof.certificateId,
    signaturePart: proof.signaturePart,
    signingTime: proof.signingTime,
    timeSource: proof.timeSource,
    packageSha256,
  };
}
