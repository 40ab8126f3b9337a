import type { Ctx } from '../context';
import { write } from '../audit/log';
import { AppError } from '../../../shared/errors';
import type { RecordRef } from '../../../shared/contract/records';
import type { ExportedDocument } from '../export/document';
import { sha256Hex } from '../export/write-file';
import { signingIdentity } from '../signing/certificates/store';
import { tsaUrlOf } from '../signing/timestamp/tsa-setting';
import { addSignature } from '../signing/add-signature';
import { renderContent } from './render';
import { auditEntityOf, certificateSha256, recordLabel, sealStatement } from './seal';
import type { RecordContent } from './snapshot';
import { recordSignatures, type SealedRecordRow } from './store';
import { verifySeal } from './verify-seal';
import type { DocumentLanguage } from '../../../shared/contract/common';

/** Refuses to hand out a record whose seal no longer holds, naming the record and what broke. */
export function assertSealIntact(ctx: Ctx, row: SealedRecordRow): void {
  const problems = verifySeal(ctx, row);
  if (problems.length > 0) {
    throw new AppError(
      'SEAL_BROKEN',
      `The sealed record is not handed out because its seal is broken: ${problems.map((p) => p.message).join('; ')}`,
      {
        params: {
          record: recordLabel(JSON.parse(row.snapshot) as RecordContent),
          problem: problems[0].message,
          field: problems[0].field ?? '',
        },
      },
    );
  }
}

const copy = (bytes: Buffer) =>
  new Uint8Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));

/**
 * The document of a sealed record, for every export path (UI, CLI, archive). In the record's
 * own language: the sealed bytes, bit for bit; signed: the bytes that carry a package
 * signature — the sealed ones when signed at sealing, else the package signed later, else the
 * sealed bytes signed now (kept, so every later signed export returns the same bytes). In
 * another language: a translation rendered from the snapshot, saying so on its first page.
 */
export async function recordDocument(
  ctx: Ctx,
  row: SealedRecordRow,
  ref: RecordRef,
  lang: DocumentLanguage,
  sign: boolean,
  withoutTimestamp = false,
): Promise<ExportedDocument> {
  assertSealIntact(ctx, row);
  const content = JSON.parse(row.snapshot) as RecordContent;
  if (lang !== row.lang) {
    if (sign) {
      throw new AppError('INVALID_STATE', 'Only the record itself can be signed, not a translation of it', {
        params: { reason: 'records.reasons.sign_translation' },
      });
    }
    return renderContent(content, lang, {
      timestamp: new Date(row.sealed_at),
      translationOf: { sealedAt: row.sealed_at.slice(0, 10), sha256: row.document_sha256 },
    });
  }
  if (!sign || row.signed_with) return { fileName: row.file_name, bytes: copy(row.document) };
  const later = recordSignatures(ctx.db, row.id).at(-1);
  if (later) return { fileName: row.file_name, bytes: copy(later.package) };
  return { fileName: row.file_name, bytes: await signSealedNow(ctx, row, ref, content, withoutTimestamp) };
}

/**
 * Adds the organisation's package signature to the sealed bytes, stating today as its time
 * (and a TSA's, when one is set), and keeps the result. The timestamp is asked for before
 * anything is written: a TSA failure records nothing.
 */
export async function signSealedNow(
  ctx: Ctx,
  row: SealedRecordRow,
  ref: RecordRef,
  content: RecordContent,
  withoutTimestamp: boolean,
): Promise<Uint8Array> {
  const identity = signingIdentity(ctx);
  const now = ctx.clock.now();
  const sealed = copy(row.document);
  const { bytes: signed } = await addSignature(sealed, identity, now, sealStatement(content), {
    tsaUrl: tsaUrlOf(ctx),
    withoutTimestamp,
  });
  const packageSha256 = sha256Hex(signed);
  const signer =
    identity.certificate.subject
      .split('\n')
      .find((l) => l.startsWith('CN='))
      ?.slice(3) ?? identity.certificate.subject;
  // while the TSA answered, another export may have signed the record: every signed export returns the same bytes
  const meanwhile = recordSignatures(ctx.db, row.id).at(-1);
  if (meanwhile) return copy(meanwhile.package);
  write(ctx, (record) => {
    ctx.db
      .prepare(
        'INSERT INTO record_signature (record_id, package, package_sha256, certificate_sha256, signer, signed_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(row.id, Buffer.from(signed), packageSha256, certificateSha256(identity), signer, now.toISOString());
    record({
      action: 'record_signed',
      ...auditEntityOf(ref, content),
      after: { recordId: row.id, label: recordLabel(content), packageSha256, signer },
    });
  });
  return signed;
}
