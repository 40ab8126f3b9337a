import type { Ctx } from '../context';
import { today } from '../session/time-zone';
import { recordLanguage } from '../records/seal';
import { renderContent } from '../records/render';
import { extractContent, protocolContent } from '../records/snapshot';
import {
  assertStillNewest,
  frozenOf,
  insertSignature,
  signedPackageOf,
  storeFrozen,
  type DigitalProof,
  type FrozenDocumentRow,
  type RecordedSignature,
} from '../signing/frozen/frozen-document';
import type { ExportedDocument } from '../export/document';
import { invalidState } from './errors';

/**
 * Renders the protocol as it is sent for justering and keeps those bytes: the document every
 * attester signs, and the sealed record once all have attested.
 */
export function freezeProtocol(ctx: Ctx, meetingId: number): FrozenDocumentRow {
  const content = protocolContent(ctx, meetingId);
  const lang = recordLanguage(ctx, content);
  const rendered = renderContent(content, lang, { timestamp: ctx.clock.now(), sentForAttestation: today(ctx) });
  return storeFrozen(ctx, { kind: 'protocol', meetingId }, rendered, lang);
}

export function frozenProtocol(ctx: Ctx, meetingId: number): FrozenDocumentRow | null {
  return frozenOf(ctx, { kind: 'protocol', meetingId });
}

export function requireFrozenProtocol(ctx: Ctx, meetingId: number): FrozenDocumentRow {
  const frozen = frozenProtocol(ctx, meetingId);
  if (!frozen) throw invalidState('not_ready', 'Send the protocol for attestation first');
  return frozen;
}

/** The co-signed document to seal, when anyone attested digitally; null when all attested on paper. */
export function latestSignedPackage(ctx: Ctx, meetingId: number): ExportedDocument | null {
  return signedPackageOf(ctx, frozenProtocol(ctx, meetingId));
}

export function frozenExtract(ctx: Ctx, meetingId: number, paragraphId: number): FrozenDocumentRow | null {
  return frozenOf(ctx, { kind: 'extract', meetingId, paragraphId });
}

/**
 * The extract of a § attested at once, as its attesters sign it: rendered the first time one of
 * them signs or asks for it, and kept until the § is attested. Changing the § throws it away with
 * its attestations (updateParagraph), so it is always the § as it stands.
 */
export function frozenExtractToSign(ctx: Ctx, meetingId: number, paragraphId: number): FrozenDocumentRow {
  const kept = frozenExtract(ctx, meetingId, paragraphId);
  if (kept) return kept;
  const content = extractContent(ctx, paragraphId, true);
  const lang = recordLanguage(ctx, content);
  const rendered = renderContent(content, lang, { timestamp: ctx.clock.now() });
  return ctx.db.transaction(() => storeFrozen(ctx, { kind: 'extract', meetingId, paragraphId }, rendered, lang))();
}

/**
 * Stores the proof of a digital attestation inside its write transaction. Refused when another
 * signature was added meanwhile (this one was made on an older package and would drop it).
 */
export function recordSignatureOf(
  ctx: Ctx,
  frozen: FrozenDocumentRow | null,
  attestationId: number,
  proof: DigitalProof,
): RecordedSignature {
  const current = assertStillNewest(ctx, frozen, proof, () =>
    invalidState('signed_meanwhile', 'Someone else signed the document meanwhile: sign again'),
  );
  return insertSignature(
    ctx,
    { table: 'attestation_signature', column: 'attestation_id' },
    attestationId,
    current,
    proof,
  );
}
