import type { Ctx } from '../../context';
import type { ExportedDocument } from '../../export/document';
import { sha256Hex } from '../../export/write-file';
import { withCompactRelationships } from '../opc/sign-package';

/**
 * The document people sign for an act — a protocol sent for justering, a § attested at once,
 * an agreement version sent for signing — rendered once from the content at that moment and
 * never re-rendered (`frozen_document`, migrations 009 and 012). Each signatory adds their
 * signature to it; the last package is the sealed record.
 */
export type FrozenRef =
  | { kind: 'protocol'; meetingId: number }
  | { kind: 'extract'; meetingId: number; paragraphId: number }
  | { kind: 'agreement'; versionId: number };

export interface FrozenDocumentRow {
  id: number;
  kind: FrozenRef['kind'];
  meeting_id: number | null;
  paragraph_id: number | null;
  version_id: number | null;
  lang: 'sv' | 'en';
  file_name: string;
  document: Buffer;
  document_sha256: string;
  frozen_at: string;
}

/** What a digital signing brings: the frozen document with this person's signature added. */
export interface DigitalProof {
  frozenId: number;
  /** the package this signature was added to: still the newest when the act is recorded */
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

function whereOf(ref: FrozenRef): { sql: string; param: number } {
  switch (ref.kind) {
    case 'protocol':
      return { sql: "kind = 'protocol' AND meeting_id = ?", param: ref.meetingId };
    case 'extract':
      return { sql: "kind = 'extract' AND paragraph_id = ?", param: ref.paragraphId };
    case 'agreement':
      return { sql: "kind = 'agreement' AND version_id = ?", param: ref.versionId };
  }
}

export function frozenOf(ctx: Ctx, ref: FrozenRef): FrozenDocumentRow | null {
  const where = whereOf(ref);
  return (
    (ctx.db.prepare(`SELECT * FROM frozen_document WHERE ${where.sql}`).get(where.param) as
      FrozenDocumentRow | undefined) ?? null
  );
}

/**
 * Keeps the rendered document of an act as the one its signatories sign, in place of any
 * earlier one. Its relationships are put in the compact form a signature writes, so no
 * signature changes a part of it.
 */
export function storeFrozen(ctx: Ctx, ref: FrozenRef, rendered: ExportedDocument, lang: 'sv' | 'en') {
  const bytes = withCompactRelationships(rendered.bytes);
  withdrawFrozen(ctx, ref);
  ctx.db
    .prepare(
      'INSERT INTO frozen_document (kind, meeting_id, paragraph_id, version_id, lang, file_name, document, document_sha256, frozen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    )
    .run(
      ref.kind,
      ref.kind === 'agreement' ? null : ref.meetingId,
      ref.kind === 'extract' ? ref.paragraphId : null,
      ref.kind === 'agreement' ? ref.versionId : null,
      lang,
      rendered.fileName,
      Buffer.from(bytes),
      sha256Hex(bytes),
      ctx.clock.now().toISOString(),
    );
  return frozenOf(ctx, ref)!;
}

/** Throws the frozen document of an act away, with every signature on it (reopened, withdrawn). */
export function withdrawFrozen(ctx: Ctx, ref: FrozenRef): void {
  const where = whereOf(ref);
  ctx.db.prepare(`DELETE FROM frozen_document WHERE ${where.sql}`).run(where.param);
}

/** The frozen document with every signature given so far: what the next signatory signs. */
export function currentPackage(ctx: Ctx, frozen: FrozenDocumentRow): ExportedDocument {
  const latest = ctx.db
    .prepare('SELECT package FROM frozen_signature WHERE frozen_id = ? ORDER BY created_at DESC, id DESC LIMIT 1')
    .pluck()
    .get(frozen.id) as Buffer | undefined;
  return { fileName: frozen.file_name, bytes: copy(latest ?? frozen.document) };
}

/** The co-signed document to seal, when anyone signed it digitally; null when all acted on paper. */
export function signedPackageOf(ctx: Ctx, frozen: FrozenDocumentRow | null): ExportedDocument | null {
  if (!frozen) return null;
  const signed = ctx.db.prepare('SELECT 1 FROM frozen_signature WHERE frozen_id = ?').get(frozen.id);
  return signed ? currentPackage(ctx, frozen) : null;
}

/**
 * A signature may only be recorded on the package it was made on: refused when another was
 * added meanwhile (recording this one would drop it).
 */
export function assertStillNewest(
  ctx: Ctx,
  frozen: FrozenDocumentRow | null,
  proof: DigitalProof,
  refusal: () => Error,
): FrozenDocumentRow {
  if (!frozen || frozen.id !== proof.frozenId || sha256Hex(currentPackage(ctx, frozen).bytes) !== proof.basedOnSha256)
    throw refusal();
  return frozen;
}

/** Where an act keeps the proof of its digital signings (migrations 009 and 012). */
export type SignatureTable =
  | { table: 'attestation_signature'; column: 'attestation_id' }
  | { table: 'agreement_signing_signature'; column: 'signing_id' };

export interface RecordedSignature {
  certificateId: number;
  signaturePart: string;
  signingTime: string;
  timeSource: string;
  packageSha256: string;
}

/** Stores the proof of one digital signing of `actId`, inside the act's write transaction. */
export function insertSignature(
  ctx: Ctx,
  where: SignatureTable,
  actId: number,
  frozen: FrozenDocumentRow,
  proof: DigitalProof,
): RecordedSignature {
  const packageSha256 = sha256Hex(proof.package);
  ctx.db
    .prepare(
      `INSERT INTO ${where.table} (${where.column}, frozen_id, person_certificate_id, signature_part, signing_time, time_source, way, package, package_sha256, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      actId,
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
