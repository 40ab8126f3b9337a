import type { Ctx } from '../context';
import type { ArchiveAct, ArchiveAttachmentSource, ArchiveEntryMeta, ArchiveEvent, ArchiveSource } from './entry';
import { attachmentBytesAsNamed } from '../meetings/attachments';
import type { AgreementContent, AttestationLine, RecordContent } from '../records/snapshot';
import { assertSealIntact } from '../records/record-document';
import { recordLabel } from '../records/seal';
import { recordSignatures, type SealedRecordRow } from '../records/store';
import type { AuditRow } from '../audit/row';
import { recordEvents } from '../audit/record-events';

export interface ArchiveFilter {
  from: string;
  to: string;
  bodyIds?: number[];
  includeAgreements: boolean;
  /** rättelser are their own records; on by default */
  includeCorrections?: boolean;
}

/** Something of the period that is not in the archive, and why (the export report lists these). */
export interface LeftOut {
  kind: 'protocol' | 'agreement';
  label: string;
  why: 'protocol_not_attested' | 'agreement_not_signed' | 'meeting_cancelled';
}

const ROLE_NAMES: Record<string, string> = {
  ordforande: 'ordförande',
  justerare: 'justerare',
  sekreterare: 'sekreterare',
};

/**
 * The sealed records of the period: protocols, §§ attested at once and (unless left out)
 * rättelser by meeting date, per body if asked; and, if asked, every agreement version in force at
 * any time in the period (valid_from ≤ end and valid_to ≥ start — not the signing date, which
 * for the 2017–2018 agreement lies in December 2016). Only sealed records: nothing is rendered.
 */
function recordsOf(ctx: Ctx, filter: ArchiveFilter): SealedRecordRow[] {
  const bodies = filter.bodyIds?.length ? filter.bodyIds : null;
  const kinds =
    filter.includeCorrections === false ? "('protocol', 'extract')" : "('protocol', 'extract', 'correction')";
  const meetings = (
    ctx.db
      .prepare(
        `SELECT r.*, m.body_id AS body_id FROM sealed_record r JOIN meeting m ON m.id = r.meeting_id
         WHERE r.kind IN ${kinds} AND m.date >= ? AND m.date <= ?
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

/** Meetings and agreement versions of the period without a sealed record: listed in the report as left out. */
export function leftOut(ctx: Ctx, filter: ArchiveFilter): LeftOut[] {
  const bodies = filter.bodyIds?.length ? filter.bodyIds : null;
  const out: LeftOut[] = [];
  const meetings = ctx.db
    .prepare(
      `SELECT m.id, m.date, m.status, m.body_id, b.name AS body, p.status AS protocol FROM meeting m JOIN body b ON b.id = m.body_id
       LEFT JOIN protocol p ON p.meeting_id = m.id
       WHERE m.date >= ? AND m.date <= ? AND NOT EXISTS (SELECT 1 FROM sealed_record r WHERE r.kind = 'protocol' AND r.meeting_id = m.id)
       ORDER BY m.date, m.id`,
    )
    .all(filter.from, filter.to) as Array<{
    id: number;
    date: string;
    status: string;
    body_id: number;
    body: string;
    protocol: string | null;
  }>;
  for (const m of meetings) {
    if (bodies && !bodies.includes(m.body_id)) continue;
    out.push({
      kind: 'protocol',
      label: `${m.body} ${m.date}`,
      why: m.status === 'cancelled' ? 'meeting_cancelled' : 'protocol_not_attested',
    });
  }
  if (filter.includeAgreements) {
    const versions = ctx.db
      .prepare(
        `SELECT v.title, v.valid_from, v.valid_to FROM agreement_version v
         WHERE v.valid_from <= ? AND v.valid_to >= ? AND NOT EXISTS (SELECT 1 FROM sealed_record r WHERE r.kind = 'agreement' AND r.version_id = v.id)
         ORDER BY v.valid_from, v.id`,
      )
      .all(filter.to, filter.from) as Array<{ title: string; valid_from: string; valid_to: string }>;
    for (const v of versions)
      out.push({ kind: 'agreement', label: `${v.title} ${v.valid_from} – ${v.valid_to}`, why: 'agreement_not_signed' });
  }
  return out;
}

/** When Samråd recorded each act, from the audit chain (the act's own date is what the operator entered). */
function recordedAt(
  ctx: Ctx,
  entity: string,
  entityId: number,
  actions: string[],
): Array<Pick<AuditRow, 'at' | 'action' | 'after'>> {
  return recordEvents(ctx.db, entity, entityId, actions);
}

function attestationActs(ctx: Ctx, lines: AttestationLine[], entity: string, entityId: number): ArchiveAct[] {
  const audit = recordedAt(ctx, entity, entityId, ['attest', 'attest_paragraph']).map((r) => ({
    at: r.at,
    after: r.after ? (JSON.parse(r.after) as { name?: string; role?: string }) : {},
  }));
  return lines.map((a) => ({
    name: a.name,
    role: ROLE_NAMES[a.role] ?? a.role,
    organisation: null,
    date: a.date,
    recordedAt: audit.filter((e) => e.after.name === a.name && e.after.role === a.role).at(-1)?.at ?? null,
    ...(a.proof?.kind === 'digital'
      ? {
          timeSource:
            a.proof.timeSource === 'tsa' ? ('timestamp (RFC 3161)' as const) : ("the signer's own clock" as const),
          certificateFingerprint: a.proof.fingerprint,
          recorded: 'digitally signed' as const,
        }
      : {
          timeSource: 'entered by the operator' as const,
          certificateFingerprint: null,
          recorded: 'recorded without digital signature' as const,
          recordedBy: a.proof?.operator ?? null,
        }),
  }));
}

function metaOf(ctx: Ctx, row: SealedRecordRow, content: RecordContent): ArchiveEntryMeta {
  const common = {
    recordId: row.id,
    snapshotSha256: row.snapshot_sha256,
    sealedAt: row.sealed_at,
    title: recordLabel(content),
    correctsSha256: null,
  };
  switch (content.format) {
    case 'samrad-protocol/1':
    case 'samrad-extract/1': {
      const protocol = content.format === 'samrad-protocol/1';
      const paragraphs = protocol ? content.paragraphs : [content.paragraph];
      const atOnce = !protocol && content.paragraph.immediatelyAttested;
      return {
        ...common,
        kind: protocol ? 'protokoll' : 'protokollsutdrag',
        body: content.meeting.bodyName,
        parties: [],
        date: content.meeting.date,
        validFrom: null,
        validTo: null,
        paragraphs: protocol ? content.paragraphRange : [content.paragraph.number, content.paragraph.number],
        dnr: [...new Set(paragraphs.map((p) => p.dnr).filter((d): d is string => Boolean(d)))],
        acts: atOnce
          ? attestationActs(ctx, content.attestations, 'paragraph', content.paragraph.id)
          : attestationActs(ctx, content.attestations, 'meeting', content.meeting.id),
      };
    }
    case 'samrad-correction/1':
      return {
        ...common,
        kind: 'rattelse',
        body: content.meeting.bodyName,
        parties: [],
        date: content.meeting.date,
        validFrom: null,
        validTo: null,
        paragraphs: content.paragraph ? [content.paragraph.number, content.paragraph.number] : null,
        dnr: [],
        acts: [],
        correctsSha256: content.corrects.documentSha256 || null,
        correctionDate: content.correction.date,
      };
    case 'samrad-agreement/1': {
      const v = content as AgreementContent;
      const signedOn =
        v.parties
          .map((p) => p.signing?.signedOn ?? '')
          .sort()
          .at(-1) || v.validFrom;
      return {
        ...common,
        title: v.title,
        kind: 'avtal',
        body: null,
        parties: v.parties.map((p) => p.organisationName),
        date: signedOn,
        validFrom: v.validFrom,
        validTo: v.validTo,
        paragraphs: null,
        dnr: v.dnr ? [v.dnr] : [],
        acts: v.parties.flatMap((p): ArchiveAct[] =>
          p.signing
            ? [
                {
                  name: p.signing.name,
                  role: 'undertecknare',
                  organisation: p.signing.organisation,
                  date: p.signing.signedOn,
                  recordedAt: p.signing.recordedAt ?? null,
                  timeSource: 'entered by the operator',
                  certificateFingerprint: null,
                  recorded: 'recorded without digital signature',
                },
              ]
            : [],
        ),
      };
    }
  }
}

type AuditEventRow = Pick<AuditRow, 'id' | 'at' | 'actor' | 'action' | 'entity' | 'entity_id' | 'after' | 'hash'>;

/**
 * A record's events from the audit chain: its sealing, the attestations or signings that
 * completed it, the rättelse it is, and any package signature added later.
 */
function eventsOf(ctx: Ctx, row: SealedRecordRow, content: RecordContent): ArchiveEvent[] {
  const query = (entity: string, entityId: number, actions: string[]): AuditEventRow[] =>
    recordEvents(ctx.db, entity, entityId, actions);
  const parse = (e: AuditEventRow) => (e.after ? (JSON.parse(e.after) as Record<string, unknown>) : {});
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  const event = (
    e: AuditEventRow,
    type: ArchiveEvent['type'],
    detail: string,
    person: string | null = null,
    organisation: string | null = null,
  ): ArchiveEvent => ({
    id: `audit-${e.id}`,
    type,
    at: e.at,
    auditHash: e.hash,
    actor: e.actor,
    person,
    organisation,
    detail,
  });
  const events: ArchiveEvent[] = [];
  const ownerEntity = content.format === 'samrad-agreement/1' ? 'agreement_version' : 'meeting';
  const ownerId = content.format === 'samrad-agreement/1' ? content.id : content.meeting.id;
  const ofThisRecord = (e: AuditEventRow) => parse(e).recordId === row.id;
  if (content.format === 'samrad-protocol/1') {
    for (const e of query('meeting', ownerId, ['attest'])) {
      const a = parse(e);
      events.push(
        event(
          e,
          'attestation',
          `${ROLE_NAMES[str(a.role) ?? ''] ?? a.role} ${a.date}, recorded without digital signature`,
          str(a.name),
        ),
      );
    }
  } else if (content.format === 'samrad-extract/1') {
    const entity = content.paragraph.immediatelyAttested ? 'paragraph' : 'meeting';
    const id = content.paragraph.immediatelyAttested ? content.paragraph.id : ownerId;
    for (const e of query(entity, id, ['attest', 'attest_paragraph'])) {
      const a = parse(e);
      events.push(
        event(
          e,
          'attestation',
          `${ROLE_NAMES[str(a.role) ?? ''] ?? a.role} ${a.date}, recorded without digital signature`,
          str(a.name),
        ),
      );
    }
  } else if (content.format === 'samrad-agreement/1') {
    for (const e of query('agreement_version', ownerId, ['signing.record'])) {
      const a = parse(e);
      events.push(
        event(
          e,
          'signing',
          `signed ${a.signedOn}${a.place ? ` in ${a.place}` : ''}, recorded without digital signature`,
          str(a.name),
          str(a.organisation),
        ),
      );
    }
  } else {
    for (const e of query('meeting', ownerId, ['add_correction']).filter(
      (e) => parse(e).id === content.correction.id,
    )) {
      events.push(
        event(
          e,
          'correction',
          `rättelse ${content.correction.date} of ${content.corrects.label} (document SHA-256 ${content.corrects.documentSha256})`,
          content.correction.author,
        ),
      );
    }
  }
  for (const e of query(ownerEntity, ownerId, ['record_sealed', 'record_sealed_broken']).filter(ofThisRecord)) {
    const a = parse(e);
    events.push(
      event(
        e,
        'sealing',
        `sealed: snapshot SHA-256 ${a.snapshotSha256}, document SHA-256 ${a.documentSha256}${a.signed ? ", with the organisation's package signature" : ''}`,
      ),
    );
  }
  for (const e of query(ownerEntity, ownerId, ['record_signed']).filter(ofThisRecord)) {
    const a = parse(e);
    events.push(
      event(
        e,
        'digital signature generation',
        `package signature added by ${a.signer}: package SHA-256 ${a.packageSha256}`,
        null,
        str(a.signer),
      ),
    );
  }
  return events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

/** The handlingar a sealed protocol or extract names, each produced from the database and checked against the hash sealed. */
function attachmentsOf(ctx: Ctx, content: RecordContent): ArchiveAttachmentSource[] {
  if (content.format !== 'samrad-protocol/1' && content.format !== 'samrad-extract/1') return [];
  const paragraphs = content.format === 'samrad-protocol/1' ? content.paragraphs : [content.paragraph];
  const meeting = `${content.meeting.bodyName} ${content.meeting.date}`;
  return paragraphs.flatMap((p) =>
    (p.attachments ?? []).map((line) => ({
      paragraph: p.number,
      fileName: line.fileName,
      mediaType: line.mediaType,
      sha256: line.sha256,
      produce: () => new Uint8Array(attachmentBytesAsNamed(ctx, line, `${meeting} § ${p.number}`)),
    })),
  );
}

/**
 * Every record of the period, seal re-checked before anything is written (a broken seal
 * refuses the whole archive, naming the record); each hands out its sealed bytes, or the
 * package signed later where one was, byte for byte.
 */
export function archiveSources(ctx: Ctx, filter: ArchiveFilter): ArchiveSource[] {
  const rows = recordsOf(ctx, filter);
  for (const row of rows) assertSealIntact(ctx, row);
  return rows.map((row) => {
    const content = JSON.parse(row.snapshot) as RecordContent;
    const signed = recordSignatures(ctx.db, row.id).at(-1);
    const bytes = new Uint8Array(signed ? signed.package : row.document);
    return {
      meta: metaOf(ctx, row, content),
      originalName: row.file_name,
      events: eventsOf(ctx, row, content),
      signed: Boolean(signed || row.signed_with),
      produce: async () => bytes,
      attachments: attachmentsOf(ctx, content),
    };
  });
}
