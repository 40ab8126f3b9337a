import type { Ctx } from '../context';
import { attestedProtocols } from '../meetings/export-docx';
import type { ArchiveEntryMeta } from './entry';
import type { RenderJob } from './render-job';

export interface ArchiveFilter {
  from: string;
  to: string;
  bodyIds?: number[];
  includeAgreements: boolean;
  lang: 'sv' | 'en';
}

const ROLE_NAMES: Record<string, string> = { ordforande: 'ordförande', justerare: 'justerare', sekreterare: 'sekreterare' };

interface SignedVersionRow {
  id: number;
  agreement_name: string;
  dnr: string | null;
  signed_at: string;
  version: number;
}

/** Signed agreement versions whose signing date lies in the period. */
function signedAgreementVersions(ctx: Ctx, from: string, to: string): SignedVersionRow[] {
  return ctx.db
    .prepare(
      `SELECT v.id, a.name AS agreement_name, v.dnr, v.signed_at,
              (SELECT count(*) FROM agreement_version w WHERE w.agreement_id = v.agreement_id AND w.id <= v.id) AS version
       FROM agreement_version v JOIN agreement a ON a.id = v.agreement_id
       WHERE v.status = 'signed' AND substr(v.signed_at, 1, 10) BETWEEN ? AND ?
       ORDER BY v.signed_at, v.id`,
    )
    .all(from, to) as SignedVersionRow[];
}

export interface ArchiveDocument {
  meta: ArchiveEntryMeta;
  job: RenderJob;
}

/**
 * Every attested protocol (and, if asked, every signed agreement version) in the period:
 * what the index says of it, and the job that renders its signed .docx when its turn comes.
 */
export function archiveDocuments(ctx: Ctx, filter: ArchiveFilter): ArchiveDocument[] {
  const documents: ArchiveDocument[] = attestedProtocols(ctx, { from: filter.from, to: filter.to, bodyIds: filter.bodyIds }).map((p) => ({
    meta: {
      kind: 'protokoll',
      body: p.bodyName,
      date: p.date,
      paragraphs: p.paragraphRange[0] == null ? null : p.paragraphRange,
      dnr: p.dnrs,
      signers: [],
      attestations: p.attestations.map((a) => `${a.name} (${ROLE_NAMES[a.role] ?? a.role}, ${a.date})`),
    },
    job: { kind: 'protocol', meetingId: p.meetingId, lang: filter.lang },
  }));
  if (filter.includeAgreements) {
    const signersOf = ctx.db.prepare('SELECT name, organisation, signed_on FROM agreement_signing WHERE version_id = ? ORDER BY id');
    for (const v of signedAgreementVersions(ctx, filter.from, filter.to)) {
      documents.push({
        meta: {
          kind: 'avtal',
          body: v.agreement_name,
          date: v.signed_at.slice(0, 10),
          paragraphs: null,
          dnr: v.dnr ? [v.dnr] : [],
          signers: (signersOf.all(v.id) as Array<{ name: string; organisation: string; signed_on: string }>).map((s) => `${s.name} (${s.organisation}, ${s.signed_on})`),
          attestations: [],
          version: v.version,
        },
        job: { kind: 'agreement', versionId: v.id, lang: filter.lang },
      });
    }
  }
  return documents;
}
