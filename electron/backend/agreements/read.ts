import type { Ctx } from '../context';
import { today } from '../session/time-zone';
import { notFound } from '../../../shared/errors';
import { richTextDoc } from '../../../shared/richtext';
import { PROOF_COLUMNS, proofOf, type ProofColumns } from '../signing/frozen/proof';
import { sealsAwaitingTimestamp } from '../records/awaiting-seal';
import { capabilitiesOf } from '../capability';
import { versionRules } from './rules';
import { keysetPage, mapPage } from '../paging';
import type { Page } from '../../../shared/contract/paging';
import type {
  Party,
  Priority,
  Section,
  Signing,
  SigningWarning,
  VersionDetail,
  VersionStatus,
  VersionSummary,
} from '../../../shared/contract/agreements';

type StoredStatus = VersionSummary['storedStatus'];

interface VersionRow {
  id: number;
  agreement_id: number;
  agreement_name: string;
  predecessor_id: number | null;
  title: string;
  dnr: string | null;
  valid_from: string;
  valid_to: string;
  status: StoredStatus;
  content_hash: string | null;
  sent_for_signing_at: string | null;
  signed_at: string | null;
  created_at: string;
  updated_at: string;
  successor_ids: string | null;
  /** a later signed version of the same agreement has begun */
  replaced: number;
}

/**
 * What the user sees. A signed version stays `signed` through its period; once a later signed
 * version of the same agreement has begun it is `superseded`; when its period has passed
 * without one it is `expired`. Drafts and versions under signing are what they are.
 */
export function displayStatus(stored: StoredStatus, validTo: string, replaced: boolean, on: string): VersionStatus {
  if (stored !== 'signed') return stored;
  if (replaced) return 'superseded';
  if (validTo < on) return 'expired';
  return 'signed';
}

const VERSION_COLUMNS = /* sql */ `
  v.*, a.name AS agreement_name,
    (SELECT group_concat(s.id) FROM agreement_version s WHERE s.predecessor_id = v.id) AS successor_ids,
    EXISTS (SELECT 1 FROM agreement_version l
            WHERE l.agreement_id = v.agreement_id AND l.id <> v.id AND l.status = 'signed'
              AND l.valid_from > v.valid_from AND l.valid_from <= @today) AS replaced`;
const VERSION_FROM = 'agreement_version v JOIN agreement a ON a.id = v.agreement_id';
const SELECT_VERSIONS = `SELECT ${VERSION_COLUMNS} FROM ${VERSION_FROM}`;

function toSummary(r: VersionRow, on: string): VersionSummary {
  const successorIds = r.successor_ids
    ? r.successor_ids
        .split(',')
        .map(Number)
        .sort((a, b) => a - b)
    : [];
  return {
    id: r.id,
    agreementId: r.agreement_id,
    agreementName: r.agreement_name,
    title: r.title,
    dnr: r.dnr,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    status: displayStatus(r.status, r.valid_to, r.replaced === 1, on),
    storedStatus: r.status,
    inForce: r.status === 'signed' && r.valid_from <= on && on <= r.valid_to,
    predecessorId: r.predecessor_id,
    successorIds,
    contentHash: r.content_hash,
    sentForSigningAt: r.sent_for_signing_at,
    signedAt: r.signed_at,
    can: capabilitiesOf(versionRules, { status: r.status, successorIds }),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Versions ordered by agreement and period start; all, or those of one agreement. */
export function listVersions(ctx: Ctx, agreementId?: number): VersionSummary[] {
  const on = today(ctx);
  const where = agreementId === undefined ? '' : 'WHERE v.agreement_id = @agreementId';
  const rows = ctx.db
    .prepare(`${SELECT_VERSIONS} ${where} ORDER BY v.agreement_id, v.valid_from, v.id`)
    .all({ today: on, agreementId }) as VersionRow[];
  return rows.map((r) => toSummary(r, on));
}

/** The versions the list shows, newest period first (the index on agreement and start serves one agreement's). */
export function pageVersions(
  ctx: Ctx,
  filter: { agreementId?: number; limit: number; after: Array<string | number> | null },
): Page<VersionSummary> {
  const on = today(ctx);
  const where = filter.agreementId === undefined ? [] : ['v.agreement_id = @agreementId'];
  const rows = keysetPage<VersionRow>(ctx.db, {
    select: VERSION_COLUMNS,
    from: VERSION_FROM,
    countFrom: 'agreement_version v',
    where,
    params: { today: on, ...(filter.agreementId === undefined ? {} : { agreementId: filter.agreementId }) },
    key: ['v.valid_from', 'v.id'],
    direction: 'desc',
    limit: filter.limit,
    after: filter.after,
  });
  return mapPage(rows, (r) => toSummary(r, on));
}

export function getVersionSummary(ctx: Ctx, id: number): VersionSummary {
  const on = today(ctx);
  const row = ctx.db.prepare(`${SELECT_VERSIONS} WHERE v.id = @id`).get({ today: on, id }) as VersionRow | undefined;
  if (!row) throw notFound('agreement_version', id);
  return toSummary(row, on);
}

interface PartyRow {
  id: number;
  version_id: number;
  position: number;
  organisation_id: number;
  organisation_name: string;
  signatory_id: number;
  signatory_name: string;
  signatory_title: string | null;
}

interface SigningRow extends ProofColumns {
  id: number;
  party_id: number;
  name: string;
  title: string | null;
  organisation: string;
  signed_on: string;
  place: string;
  recorded_at: string;
}

interface SectionRow {
  id: number;
  version_id: number;
  key: string;
  position: number;
  heading: string;
  body: string;
}

interface PriorityRow {
  id: number;
  version_id: number;
  key: string;
  position: number;
  title: string;
  description: string | null;
  source: string | null;
  source_date: string | null;
}

/** Signings with the proof behind each: the signatory's digital signature, else who recorded it. */
const SIGNINGS = `SELECT g.*, ${PROOF_COLUMNS}
  FROM agreement_signing g LEFT JOIN agreement_signing_signature s ON s.signing_id = g.id
  LEFT JOIN person_certificate c ON c.id = s.person_certificate_id
  WHERE g.version_id = ?`;

export function partiesOf(ctx: Ctx, versionId: number): Party[] {
  const signings = new Map(
    (ctx.db.prepare(SIGNINGS).all(versionId) as SigningRow[]).map((s): [number, Signing] => [
      s.party_id,
      {
        id: s.id,
        partyId: s.party_id,
        name: s.name,
        title: s.title,
        organisation: s.organisation,
        signedOn: s.signed_on,
        place: s.place,
        recordedAt: s.recorded_at,
        proof: proofOf(s),
      },
    ]),
  );
  const rows = ctx.db
    .prepare('SELECT * FROM agreement_party WHERE version_id = ? ORDER BY position, id')
    .all(versionId) as PartyRow[];
  return rows.map((p) => ({
    id: p.id,
    versionId: p.version_id,
    position: p.position,
    organisationId: p.organisation_id,
    organisationName: p.organisation_name,
    signatoryId: p.signatory_id,
    signatoryName: p.signatory_name,
    signatoryTitle: p.signatory_title,
    signing: signings.get(p.id) ?? null,
  }));
}

export function sectionsOf(ctx: Ctx, versionId: number): Section[] {
  const rows = ctx.db
    .prepare('SELECT * FROM agreement_section WHERE version_id = ? ORDER BY position, id')
    .all(versionId) as SectionRow[];
  return rows.map((s) => ({
    id: s.id,
    versionId: s.version_id,
    key: s.key,
    position: s.position,
    heading: s.heading,
    body: richTextDoc.parse(JSON.parse(s.body)),
  }));
}

export function prioritiesOf(ctx: Ctx, versionId: number): Priority[] {
  const rows = ctx.db
    .prepare('SELECT * FROM agreement_priority WHERE version_id = ? ORDER BY position, id')
    .all(versionId) as PriorityRow[];
  const responsible = ctx.db.prepare(
    'SELECT organisation_id, organisation_name FROM agreement_priority_responsible WHERE priority_id = ? ORDER BY position, organisation_id',
  );
  return rows.map((p) => ({
    id: p.id,
    versionId: p.version_id,
    key: p.key,
    position: p.position,
    title: p.title,
    description: p.description,
    source: p.source,
    sourceDate: p.source_date,
    responsible: (responsible.all(p.id) as Array<{ organisation_id: number; organisation_name: string }>).map((r) => ({
      organisationId: r.organisation_id,
      organisationName: r.organisation_name,
    })),
  }));
}

export function getVersion(ctx: Ctx, id: number): VersionDetail {
  const summary = getVersionSummary(ctx, id);
  const parties = partiesOf(ctx, id);
  return {
    ...summary,
    parties,
    signingWarnings: signingWarningsOf(summary.validTo, parties),
    sections: sectionsOf(ctx, id),
    priorities: prioritiesOf(ctx, id),
    predecessor: summary.predecessorId === null ? null : getVersionSummary(ctx, summary.predecessorId),
    editable: summary.can.edit.allowed,
    allSigned: parties.length > 0 && parties.every((p) => p.signing !== null),
    sealAwaitsTimestamp: sealsAwaitingTimestamp(ctx, { versionId: id }).length > 0,
  };
}

/** ISO dates compare as text. */
function signingWarningsOf(validTo: string, parties: Party[]): SigningWarning[] {
  return parties.flatMap((p) =>
    p.signing && p.signing.signedOn > validTo
      ? [
          {
            partyId: p.id,
            key: 'agreements.warnings.signed_after_period' as const,
            signedOn: p.signing.signedOn,
            validTo,
          },
        ]
      : [],
  );
}

/** The version a child row belongs to, or NOT_FOUND under the child's own name. */
export function versionIdOf(
  ctx: Ctx,
  table: 'agreement_party' | 'agreement_section' | 'agreement_priority',
  id: number,
): number {
  const row = ctx.db.prepare(`SELECT version_id FROM ${table} WHERE id = ?`).get(id) as
    { version_id: number } | undefined;
  if (!row) throw notFound(table, id);
  return row.version_id;
}
