import type { Ctx } from '../../context';
import type { ParsedInput } from '../../../../shared/contract';
import type { ActListItem } from '../../../../shared/contract/personal-signing';
import { keysetPage, mapPage } from '../../paging';
import { PROOF_COLUMNS, proofOf, type ProofColumns } from '../frozen/proof';

type Filter = ParsedInput<'attestations.list'>;

interface Row extends ProofColumns {
  act: ActListItem['act'];
  id: number;
  person_id: number;
  name: string;
  role: ActListItem['role'];
  date: string;
  place: string | null;
  recorded_at: string;
  meeting_id: number | null;
  body_name: string | null;
  meeting_date: string | null;
  paragraph_id: number | null;
  paragraph_number: number | null;
  version_id: number | null;
  agreement_title: string | null;
  valid_from: string | null;
  valid_to: string | null;
  organisation: string | null;
}

/**
 * Every act in one shape: attestations of a protocol or of a § attested at once, and agreement
 * signings, each with the columns `proofOf` reads from its own signature table (aliased `s`).
 */
const ACTS = `(
  SELECT CASE WHEN a.paragraph_id IS NULL THEN 'protocol' ELSE 'paragraph' END AS act, a.id, a.person_id, a.name,
         a.role, a.date, a.place, a.created_at AS recorded_at, a.meeting_id, b.name AS body_name, m.date AS meeting_date,
         a.paragraph_id, p.number AS paragraph_number, NULL AS version_id, NULL AS agreement_title, NULL AS valid_from,
         NULL AS valid_to, NULL AS organisation, a.recorded_by, ${PROOF_COLUMNS}
    FROM attestation a
    JOIN meeting m ON m.id = a.meeting_id
    JOIN body b ON b.id = m.body_id
    LEFT JOIN paragraph p ON p.id = a.paragraph_id
    LEFT JOIN attestation_signature s ON s.attestation_id = a.id
    LEFT JOIN person_certificate c ON c.id = s.person_certificate_id
  UNION ALL
  SELECT 'agreement', g.id, y.signatory_id, g.name, 'signatory', g.signed_on, g.place, g.recorded_at, NULL, NULL, NULL,
         NULL, NULL, g.version_id, v.title, v.valid_from, v.valid_to, g.organisation, g.recorded_by, ${PROOF_COLUMNS}
    FROM agreement_signing g
    JOIN agreement_party y ON y.id = g.party_id
    JOIN agreement_version v ON v.id = g.version_id
    LEFT JOIN agreement_signing_signature s ON s.signing_id = g.id
    LEFT JOIN person_certificate c ON c.id = s.person_certificate_id
) x`;

const toItem = (r: Row): ActListItem => ({
  act: r.act,
  id: r.id,
  personId: r.person_id,
  name: r.name,
  role: r.role,
  date: r.date,
  place: r.place,
  recordedAt: r.recorded_at,
  meetingId: r.meeting_id,
  bodyName: r.body_name,
  meetingDate: r.meeting_date,
  paragraphId: r.paragraph_id,
  paragraphNumber: r.paragraph_number,
  versionId: r.version_id,
  agreementTitle: r.agreement_title,
  validFrom: r.valid_from,
  validTo: r.valid_to,
  organisation: r.organisation,
  proof: proofOf(r),
});

/** The acts of attesting and signing, newest first (by day, then as recorded), a page at a time. */
export function pageActs(ctx: Ctx, filter: Filter) {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (filter.act) {
    where.push('x.act = @act');
    params.act = filter.act;
  }
  if (filter.proof) where.push(`x.certificate_id IS ${filter.proof === 'digital' ? 'NOT NULL' : 'NULL'}`);
  const page = keysetPage<Row>(ctx.db, {
    select: 'x.*',
    from: ACTS,
    countFrom: ACTS,
    where,
    params,
    key: ['x.date', 'x.recorded_at', 'x.act', 'x.id'],
    direction: 'desc',
    limit: filter.limit,
    after: filter.after,
  });
  return mapPage(page, toItem);
}
