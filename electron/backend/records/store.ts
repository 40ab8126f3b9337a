import type { Db } from '../db/open';
import type { RecordKind, RecordRef } from '../../../shared/contract/records';
import type { DocumentLanguage } from '../../../shared/contract/common';

/** A row of `sealed_record` (migration 006). */
export interface SealedRecordRow {
  id: number;
  kind: RecordKind;
  meeting_id: number | null;
  paragraph_id: number | null;
  version_id: number | null;
  correction_id: number | null;
  lang: DocumentLanguage;
  snapshot: string;
  snapshot_sha256: string;
  file_name: string;
  document: Buffer;
  document_sha256: string;
  signed_with: string | null;
  sealed_at: string;
  broken_at_migration: number;
}

export interface RecordSignatureRow {
  id: number;
  record_id: number;
  package: Buffer;
  package_sha256: string;
  certificate_sha256: string;
  signer: string;
  signed_at: string;
}

const COLUMN: Record<RecordKind, string> = {
  protocol: 'meeting_id',
  extract: 'paragraph_id',
  agreement: 'version_id',
  correction: 'correction_id',
};

export function findRecord(db: Db, ref: RecordRef): SealedRecordRow | null {
  return (
    (db.prepare(`SELECT * FROM sealed_record WHERE kind = ? AND ${COLUMN[ref.kind]} = ?`).get(ref.kind, ref.id) as
      SealedRecordRow | undefined) ?? null
  );
}

export function refOf(
  row: Pick<SealedRecordRow, 'kind' | 'meeting_id' | 'paragraph_id' | 'version_id' | 'correction_id'>,
): RecordRef {
  return {
    kind: row.kind,
    id: row[COLUMN[row.kind] as 'meeting_id' | 'paragraph_id' | 'version_id' | 'correction_id']!,
  };
}

/** Later signatures of a record, oldest first; the newest is what a signed export hands out. */
export function recordSignatures(db: Db, recordId: number): RecordSignatureRow[] {
  return db
    .prepare('SELECT * FROM record_signature WHERE record_id = ? ORDER BY id')
    .all(recordId) as RecordSignatureRow[];
}

export function allRecords(db: Db): IterableIterator<SealedRecordRow> {
  return db.prepare('SELECT * FROM sealed_record ORDER BY id').iterate() as IterableIterator<SealedRecordRow>;
}

/** Whether this database has the records tables (a database opened without migrating may not). */
export function hasRecords(db: Db): boolean {
  return Boolean(db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'sealed_record'").get());
}

export function recordById(db: Db, id: number): SealedRecordRow | null {
  return (db.prepare('SELECT * FROM sealed_record WHERE id = ?').get(id) as SealedRecordRow | undefined) ?? null;
}

/** How many records wait for the organisation's seal with a trusted timestamp (0 before migration 013). */
export function sealsAwaitingTimestamp(db: Db): number {
  if (!db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'pending_seal'").get()) return 0;
  return db.prepare('SELECT count(*) FROM pending_seal').pluck().get() as number;
}
