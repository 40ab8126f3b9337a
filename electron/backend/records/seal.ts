import crypto from 'node:crypto';
import type { Ctx } from '../context';
import type { Change } from '../audit/log';
import { AppError } from '../../../shared/errors';
import type { RecordRef } from '../../../shared/contract/records';
import { sha256Hex } from '../export/write-file';
import { signingIdentity } from '../signing/certificates/store';
import { tsaUrlOf } from '../signing/timestamp/tsa-setting';
import {
  signPackage,
  withCompactRelationships,
  type SignatureStatement,
  type SigningIdentity,
} from '../signing/opc/sign-package';
import { paragraphRangeText } from '../meetings/export-texts';
import { canonicalJson, sha256Text } from './canonical-json';
import { renderContent } from './render';
import { correctionContent, type CorrectionContent, type RecordContent } from './snapshot';
import { findRecord, type SealedRecordRow } from './store';
import type { DocumentLanguage } from '../../../shared/contract/common';
import type { ExportedDocument } from '../export/document';
import type { AuditEntity } from '../audit/actions';

/**
 * The language a record is sealed in: a body's protocols, extracts and rättelser in the body's
 * own (Swedish unless it records in another), agreements in Swedish, the parties' common language.
 */
export function recordLanguage(ctx: Ctx, content: RecordContent): DocumentLanguage {
  if (content.format === 'samrad-agreement/1') return 'sv';
  return (
    (ctx.db.prepare('SELECT record_language FROM body WHERE id = ?').pluck().get(content.meeting.bodyId) as
      DocumentLanguage | undefined) ?? 'sv'
  );
}

/** "Chefssamrådet 2017-03-14 §§ 1–10", "Chefssamrådet 2017-03-14 § 37", "Samverkansöverenskommelse 2017-01-01 – 2018-12-31", "Chefssamrådet 2017-03-14 § 3: rättelse 2017-04-02" */
export function recordLabel(content: RecordContent): string {
  switch (content.format) {
    case 'samrad-protocol/1':
      return `${content.meeting.bodyName} ${content.meeting.date} ${paragraphRangeText(content.paragraphRange)}`;
    case 'samrad-extract/1':
      return `${content.meeting.bodyName} ${content.meeting.date} § ${content.paragraph.number}`;
    case 'samrad-agreement/1':
      return `${content.agreementName} ${content.validFrom} – ${content.validTo}`;
    case 'samrad-correction/1':
      return `${content.meeting.bodyName} ${content.meeting.date}${content.paragraph ? ` § ${content.paragraph.number}` : ''}: rättelse ${content.correction.date}`;
  }
}

/** How a correction names the record it corrects: by id, label and the SHA-256 of its sealed document. */
export function correctsRecord(row: SealedRecordRow | null, recordId: number): CorrectionContent['corrects'] {
  if (!row) return { recordId, label: '', documentSha256: '' };
  return {
    recordId: row.id,
    label: recordLabel(JSON.parse(row.snapshot) as RecordContent),
    documentSha256: row.document_sha256,
  };
}

/** Where a record's events go in the audit log: the meeting's or the version's history. */
export function auditEntityOf(ref: RecordRef, content: RecordContent): { entity: AuditEntity; entityId: number } {
  if (ref.kind === 'agreement') return { entity: 'agreement_version', entityId: ref.id };
  return {
    entity: 'meeting',
    entityId: (content as Exclude<RecordContent, { format: 'samrad-agreement/1' }>).meeting.id,
  };
}

/** The organisation's signing identity if it can sign right now; null when no certificate is active or its key is locked. */
export function identityIfReady(ctx: Ctx): SigningIdentity | null {
  try {
    return signingIdentity(ctx);
  } catch (error) {
    if (error instanceof AppError && error.code === 'INVALID_STATE') return null;
    throw error;
  }
}

export const certificateSha256 = (identity: SigningIdentity) =>
  crypto.createHash('sha256').update(identity.certificate.raw).digest('hex');

export interface SealOptions {
  /** the migration seals records of earlier acts; `broken` when the tables no longer match the hash stored at the act */
  migration?: { broken: boolean };
  /** the document the people signed (frozen when sent, with their signatures): sealed as it is, never re-rendered */
  document?: ExportedDocument | null;
}

/** The organisation's own signature on a record: its seal, proof of origin, never one of the people's approvals. */
export function sealStatement(content: RecordContent): SignatureStatement {
  return { role: 'Organisationens sigill', commitment: 'origin', comment: `Sigill över ${recordLabel(content)}` };
}

/**
 * Seals a record inside the caller's write transaction, as the act completes: stores the
 * canonical snapshot and its SHA-256, renders the Word document from that snapshot (never
 * from the tables again), signs it with the organisation's certificate when one is active and
 * unlocked — or, when a TSA is set, leaves that seal to be made after the commit with a trusted
 * timestamp (`pending_seal`) — and stores those bytes and their SHA-256. The seal's hashes go into the audit chain.
 */
export function sealRecord(
  ctx: Ctx,
  ref: RecordRef,
  content: RecordContent,
  record: (change: Change) => void,
  options: SealOptions = {},
): SealedRecordRow {
  const snapshot = canonicalJson(content);
  const snapshotSha256 = sha256Text(snapshot);
  const now = ctx.clock.now();
  const lang = recordLanguage(ctx, content);
  const rendered = options.document ?? renderContent(content, lang, { timestamp: now });
  const prepared = options.document ? options.document.bytes : withCompactRelationships(rendered.bytes);
  // a migration seals what was attested long ago: a signature made now would claim otherwise
  const ready = options.migration ? null : identityIfReady(ctx);
  // with a TSA set, the seal is made after the commit with a trusted timestamp (pending-seal.ts):
  // the act never waits inside its transaction for the TSA, nor fails when it is down
  const awaitsTimestamp = ready !== null && tsaUrlOf(ctx) !== null;
  const identity = awaitsTimestamp ? null : ready;
  const bytes = identity ? signPackage(prepared, identity, now, sealStatement(content)) : prepared;
  const documentSha256 = sha256Hex(bytes);
  const sealedAt = now.toISOString();
  ctx.db
    .prepare(
      `INSERT INTO sealed_record (kind, meeting_id, paragraph_id, version_id, correction_id, lang, snapshot, snapshot_sha256, file_name, document, document_sha256, signed_with, sealed_at, broken_at_migration)
       VALUES (@kind, @meeting_id, @paragraph_id, @version_id, @correction_id, @lang, @snapshot, @snapshot_sha256, @file_name, @document, @document_sha256, @signed_with, @sealed_at, @broken_at_migration)`,
    )
    .run({
      kind: ref.kind,
      meeting_id: ref.kind === 'agreement' ? null : (content as { meeting: { id: number } }).meeting.id,
      paragraph_id:
        ref.kind === 'extract'
          ? ref.id
          : content.format === 'samrad-correction/1'
            ? (content.paragraph?.id ?? null)
            : null,
      version_id: ref.kind === 'agreement' ? ref.id : null,
      correction_id: ref.kind === 'correction' ? ref.id : null,
      lang,
      snapshot,
      snapshot_sha256: snapshotSha256,
      file_name: rendered.fileName,
      document: Buffer.from(bytes),
      document_sha256: documentSha256,
      signed_with: identity ? certificateSha256(identity) : null,
      sealed_at: sealedAt,
      broken_at_migration: options.migration?.broken ? 1 : 0,
    });
  const row = findRecord(ctx.db, ref)!;
  if (awaitsTimestamp)
    ctx.db.prepare('INSERT INTO pending_seal (record_id, since) VALUES (?, ?)').run(row.id, sealedAt);
  record({
    action: options.migration?.broken ? 'record_sealed_broken' : 'record_sealed',
    ...auditEntityOf(ref, content),
    after: {
      recordId: row.id,
      kind: ref.kind,
      label: recordLabel(content),
      snapshotSha256,
      documentSha256,
      signed: identity !== null,
      ...(awaitsTimestamp ? { sealAwaitsTimestamp: true } : {}),
      ...(options.migration ? { byMigration: true } : {}),
    },
  });
  return row;
}

/**
 * A rättelse is sealed as its own record when it is written, naming the record it corrects: the
 * protocol once attested, else the § attested at once. The corrected record's bytes never change.
 */
export function sealCorrection(
  ctx: Ctx,
  correctionId: number,
  record: (change: Change) => void,
  options: SealOptions = {},
): SealedRecordRow {
  const note = ctx.db
    .prepare('SELECT meeting_id, paragraph_id FROM correction_note WHERE id = ?')
    .get(correctionId) as { meeting_id: number; paragraph_id: number | null };
  const corrected =
    findRecord(ctx.db, { kind: 'protocol', id: note.meeting_id }) ??
    (note.paragraph_id !== null ? findRecord(ctx.db, { kind: 'extract', id: note.paragraph_id }) : null);
  if (!corrected)
    throw new AppError('SEAL_BROKEN', 'The record this correction concerns has no seal; run "samrad check"', {
      params: { record: `meeting ${note.meeting_id}`, problem: 'missing', field: '' },
    });
  return sealRecord(
    ctx,
    { kind: 'correction', id: correctionId },
    correctionContent(ctx, correctionId, correctsRecord(corrected, corrected.id)),
    record,
    options,
  );
}
