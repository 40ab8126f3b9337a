import type { Ctx } from '../context';
import type { ArchiveEntryMeta, ArchiveSource } from './entry';
import type { AgreementContent, ExtractContent, ProtocolContent, RecordContent } from '../records/snapshot';
import { assertSealIntact } from '../records/record-document';
import { recordSignatures, type SealedRecordRow } from '../records/store';

export interface ArchiveFilter {
  from: string;
  to: string;
  bodyIds?: number[];
  includeAgreements: boolean;
}

const ROLE_NAMES: Record<string, string> = { ordforande: 'ordförande', justerare: 'justerare', sekreterare: 'sekreterare' };

/**
 * The sealed records of the period: protocols, §§ attested at once and rättelser by meeting
 * date (per body if asked), and, if asked, every agreement version in force at any time in the period.
 * Ordered by date. Only sealed records: nothing is rendered for an archive.
 */
function recordsOf(ctx: Ctx, filter: ArchiveFilter): SealedRecordRow[] {
  const bodies = filter.bodyIds?.length ? filter.bodyIds : null;
  const meetings = (
    ctx.db
      .prepare(
        `SELECT r.*, m.body_id AS body_id FROM sealed_record r JOIN meeting m ON m.id = r.meeting_id
         WHERE r.kind IN ('protocol', 'extract', 'correction') AND m.date >= ? AND m.date <= ?
         ORDER BY m.date, m.start_time, m.id, r.id`,
      )
      .all(filter.from, filter.to) as Array<SealedRecordRow & { body_id: number }>
  ).filter((r) => !bodies || bodies.includes(r.body_id));
  if (!filter.includeAgreements) return meetings;
  const agreements = ctx.db
    .prepare(
      `SELECT r.* FROM sealed_record r JOIN agreement_version v ON v.id = r.version_id
       WHERE r.kind = 'agreement' AND v.valid_from <= ? AND v.valid_to >= ?
       ORDER BY v.valid_from, v.id`,
    )
    .all(filter.to, filter.from) as SealedRecordRow[];
  return [...agreements, ...meetings];
}

function metaOf(content: RecordContent, version: number | undefined): ArchiveEntryMeta {
  switch (content.format) {
    case 'samrad-protocol/1':
    case 'samrad-extract/1': {
      const paragraphs = content.format === 'samrad-protocol/1' ? content.paragraphs : [content.paragraph];
      const range: [number, number] | null = content.format === 'samrad-protocol/1' ? content.paragraphRange : [content.paragraph.number, content.paragraph.number];
      return {
        kind: 'protokoll',
        body: content.meeting.bodyName,
        date: content.meeting.date,
        paragraphs: range,
        dnr: [...new Set(paragraphs.map((p) => p.dnr).filter((d): d is string => Boolean(d)))],
        signers: [],
        attestations: (content as ProtocolContent | ExtractContent).attestations.map((a) => `${a.name} (${ROLE_NAMES[a.role] ?? a.role}, ${a.date})`),
      };
    }
    case 'samrad-correction/1':
      return {
        kind: 'rattelse',
        body: content.meeting.bodyName,
        date: content.meeting.date,
        paragraphs: content.paragraph ? [content.paragraph.number, content.paragraph.number] : null,
        dnr: [],
        signers: [],
        attestations: [],
        correctionDate: content.correction.date,
      };
    case 'samrad-agreement/1': {
      const v = content as AgreementContent;
      const signedOn = v.parties.map((p) => p.signing?.signedOn ?? '').sort().at(-1) ?? v.validFrom;
      return {
        kind: 'avtal',
        body: v.agreementName,
        date: signedOn,
        paragraphs: null,
        dnr: v.dnr ? [v.dnr] : [],
        signers: v.parties.flatMap((p) => (p.signing ? [`${p.signing.name} (${p.signing.organisation}, ${p.signing.signedOn})`] : [])),
        attestations: [],
        version,
      };
    }
  }
}

/**
 * Every record of the period, seal re-checked before anything is written (a broken seal
 * refuses the whole archive, naming the record); each hands out its sealed bytes, or the
 * package signed later where one was, byte for byte.
 */
export function archiveSources(ctx: Ctx, filter: ArchiveFilter): ArchiveSource[] {
  const rows = recordsOf(ctx, filter);
  for (const row of rows) assertSealIntact(ctx, row);
  const versionNumber = ctx.db.prepare('SELECT count(*) FROM agreement_version w WHERE w.agreement_id = (SELECT agreement_id FROM agreement_version WHERE id = ?) AND w.id <= ?').pluck();
  return rows.map((row) => {
    const content = JSON.parse(row.snapshot) as RecordContent;
    const version = row.version_id !== null ? (versionNumber.get(row.version_id, row.version_id) as number) : undefined;
    const signed = recordSignatures(ctx.db, row.id).at(-1);
    const bytes = new Uint8Array(signed ? signed.package : row.document);
    return { meta: metaOf(content, version), produce: async () => bytes };
  });
}
