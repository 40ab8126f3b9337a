import type { Ctx } from '../context';
import type { RecordInfo, RecordKind, RecordRef, RecordSummary } from '../../../shared/contract/records';
import { recordLabel } from './seal';
import type { RecordContent } from './snapshot';
import { findRecord, recordSignatures, refOf, type SealedRecordRow } from './store';
import { verifySeal } from './verify-seal';
import { verifyPackage } from '../signing/opc/verify-package';
import { keysetPage, mapPage } from '../paging';
import type { Page } from '../../../shared/contract/paging';

type OlderName = RecordInfo['olderNames'][number];

/** People and bodies a record names, by id, with the names it shows. */
function namesShown(content: RecordContent): {
  people: Map<number, string>;
  body: { id: number; name: string } | null;
  agreement: { id: number; name: string } | null;
} {
  const people = new Map<number, string>();
  const add = (id: number | null | undefined, name: string | null | undefined) => {
    if (id != null && name) people.set(id, name);
  };
  if (content.format === 'samrad-agreement/1') {
    for (const p of content.parties) add(p.signatoryId, p.signing?.name ?? p.signatoryName);
    return { people, body: null, agreement: { id: content.agreementId, name: content.agreementName } };
  }
  const { meeting } = content;
  for (const ref of [meeting.chair, meeting.secretary, ...meeting.justerare]) add(ref?.id, ref?.name);
  if (content.format === 'samrad-correction/1')
    return { people, body: { id: meeting.bodyId, name: meeting.bodyName }, agreement: null };
  for (const a of content.attendance) add(a.personId, a.personName);
  const paragraphs = content.format === 'samrad-protocol/1' ? content.paragraphs : [content.paragraph];
  for (const p of paragraphs) {
    for (const r of p.recusals) add(r.personId, r.personName);
    for (const a of p.actions) add(a.ownerPersonId, a.ownerName);
  }
  return { people, body: { id: meeting.bodyId, name: meeting.bodyName }, agreement: null };
}

/** Where a record shows a name that the registers have changed since: the record keeps its own. */
function olderNames(ctx: Ctx, content: RecordContent): OlderName[] {
  const shown = namesShown(content);
  const out: OlderName[] = [];
  const personName = ctx.db.prepare('SELECT name FROM person WHERE id = ?').pluck();
  for (const [id, sealed] of shown.people) {
    const now = personName.get(id) as string | undefined;
    if (now !== undefined && now !== sealed) out.push({ kind: 'person', sealed, now });
  }
  if (shown.body) {
    const now = ctx.db.prepare('SELECT name FROM body WHERE id = ?').pluck().get(shown.body.id) as string | undefined;
    if (now !== undefined && now !== shown.body.name) out.push({ kind: 'body', sealed: shown.body.name, now });
  }
  if (shown.agreement) {
    const now = ctx.db.prepare('SELECT name FROM agreement WHERE id = ?').pluck().get(shown.agreement.id) as
      string | undefined;
    if (now !== undefined && now !== shown.agreement.name)
      out.push({ kind: 'agreement', sealed: shown.agreement.name, now });
  }
  return out;
}

const awaitsTimestamp = (ctx: Ctx, recordId: number) =>
  Boolean(ctx.db.prepare('SELECT 1 FROM pending_seal WHERE record_id = ?').get(recordId));

/** The organisation's seal is the newest signature of the bytes a signed export hands out: the time it rests on. */
function sealTimeSource(signed: Uint8Array | null): RecordInfo['sealTimeSource'] {
  return signed ? (verifyPackage(signed).signatures.at(-1)?.timeSource ?? 'none') : 'none';
}

/** A record as its page shows it: when and how it was sealed, its seal re-checked, and names that changed since. */
export function recordInfo(ctx: Ctx, ref: RecordRef): RecordInfo | null {
  const row = findRecord(ctx.db, ref);
  if (!row) return null;
  const content = JSON.parse(row.snapshot) as RecordContent;
  const problems = verifySeal(ctx, row);
  const later = recordSignatures(ctx.db, row.id);
  return {
    recordId: row.id,
    kind: row.kind,
    label: recordLabel(content),
    lang: row.lang,
    fileName: row.file_name,
    sealedAt: row.sealed_at,
    snapshotSha256: row.snapshot_sha256,
    documentSha256: row.document_sha256,
    bytes: row.document.length,
    signedAtSealing: row.signed_with !== null,
    laterSignatures: later.map((s) => ({ signer: s.signer, signedAt: s.signed_at })),
    sealAwaitsTimestamp: awaitsTimestamp(ctx, row.id),
    sealTimeSource: sealTimeSource(later.at(-1)?.package ?? (row.signed_with ? row.document : null)),
    brokenAtMigration: row.broken_at_migration === 1,
    seal: { ok: problems.length === 0, problems },
    olderNames: olderNames(ctx, content),
  };
}

type ListedRow = Omit<SealedRecordRow, 'document'> & { later: number; awaits_timestamp: number };

/** The sealed records, newest first, without their bytes: what `samrad list records` prints. */
export function listRecords(
  ctx: Ctx,
  filter: { kind?: RecordKind; limit: number; after: Array<string | number> | null },
): Page<RecordSummary> {
  const rows = keysetPage<ListedRow>(ctx.db, {
    select: `r.id, r.kind, r.meeting_id, r.paragraph_id, r.version_id, r.correction_id, r.lang, r.snapshot, r.snapshot_sha256, r.file_name,
             r.document_sha256, r.signed_with, r.sealed_at, r.broken_at_migration,
             (SELECT count(*) FROM record_signature s WHERE s.record_id = r.id) AS later,
             EXISTS (SELECT 1 FROM pending_seal p WHERE p.record_id = r.id) AS awaits_timestamp`,
    from: 'sealed_record r',
    countFrom: 'sealed_record r',
    where: filter.kind ? ['r.kind = @kind'] : [],
    params: filter.kind ? { kind: filter.kind } : {},
    key: ['r.id'],
    direction: 'desc',
    limit: filter.limit,
    after: filter.after,
  });
  return mapPage(rows, (r) => ({
    recordId: r.id,
    kind: r.kind,
    id: refOf(r).id,
    label: recordLabel(JSON.parse(r.snapshot) as RecordContent),
    lang: r.lang,
    fileName: r.file_name,
    sealedAt: r.sealed_at,
    documentSha256: r.document_sha256,
    snapshotSha256: r.snapshot_sha256,
    signedAtSealing: r.signed_with !== null,
    laterSignatures: r.later,
    sealAwaitsTimestamp: r.awaits_timestamp === 1,
    brokenAtMigration: r.broken_at_migration === 1,
  }));
}
