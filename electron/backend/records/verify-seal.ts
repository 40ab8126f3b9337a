import type { Ctx } from '../context';
import type { RecordRef, SealProblem } from '../../../shared/contract/records';
import { sha256Hex } from '../export/write-file';
import { safeUnzip } from '../signing/opc/safe-unzip';
import { canonicalJson, sha256Text } from './canonical-json';
import {
  agreementContent,
  correctionContent,
  extractContent,
  protocolContent,
  type AgreementContent,
  type ExtractContent,
  type ParagraphContent,
  type ProtocolContent,
  type RecordContent,
} from './snapshot';
import { correctsRecord, recordLabel } from './seal';
import { allRecords, recordById, recordSignatures, refOf, type SealedRecordRow } from './store';

/**
 * Words for what differs, as the documents name them: the message reads like the record
 * ("Chefssamrådet 2017-03-14 § 3: Beslut differs from the sealed record"). The UI translates by key.
 */
export const FIELD_NAMES: Record<string, string> = {
  meeting: 'Plats och tid',
  attendance: 'Närvaro',
  attestations: 'Justering',
  attestation_place_time: 'Justeringens plats och tid',
  paragraphs: 'Paragrafer',
  number: '§-nummer',
  kind: 'Typ',
  title: 'Rubrik',
  dnr: 'Dnr',
  background: 'Bakgrund',
  decision: 'Beslut',
  notes: 'Reservationer och protokollsanteckningar',
  distribution: 'Expedieras till',
  recusals: 'Jäv',
  actions: 'Uppdrag',
  attachments: 'Beslutsunderlag',
  agreement_title: 'Titel',
  period: 'Giltighetstid',
  parties: 'Parter och underskrifter',
  sections: 'Avsnitt',
  priorities: 'Prioriterade områden',
};

/** One thing a record shows that the tables must still hold the same, whatever was renamed since. */
interface Facet {
  key: string;
  field: string;
  paragraph: number | null;
  value: unknown;
}

const ids = (list: Array<{ id: number }>) => list.map((x) => x.id);

function meetingFacets(c: ProtocolContent | ExtractContent): Facet[] {
  const m = c.meeting;
  return [
    {
      key: 'meeting',
      field: 'meeting',
      paragraph: null,
      value: [m.date, m.startTime, m.endTime, m.place, m.chair?.id ?? null, m.secretary?.id ?? null, ids(m.justerare)],
    },
    {
      key: 'attendance',
      field: 'attendance',
      paragraph: null,
      value: c.attendance.map((a) => [a.personId, a.role, a.status, a.substituteFor?.id ?? null, a.participatesIn]),
    },
  ];
}

function paragraphFacets(p: ParagraphContent): Facet[] {
  const facet = (field: string, value: unknown): Facet => ({
    key: `${field}:${p.id}`,
    field,
    paragraph: p.number,
    value,
  });
  return [
    facet('number', p.number),
    facet('kind', p.kind),
    facet('title', p.title),
    facet('dnr', p.dnr),
    facet('background', p.background),
    facet('decision', p.decision),
    facet('notes', p.notes),
    facet('distribution', p.distribution),
    facet(
      'recusals',
      p.recusals.map((r) => r.personId),
    ),
    facet(
      'actions',
      p.actions.map((a) => [a.id, a.description, a.ownerPersonId, a.ownerOrganisationId, a.dueDate]),
    ),
    // a record sealed before handlingar existed names none, and nothing is compared
    ...(p.attachments
      ? [
          facet(
            'attachments',
            p.attachments.map((a) => [a.id, a.sha256]),
          ),
        ]
      : []),
  ];
}

const attestationValue = (list: ProtocolContent['attestations']) =>
  list.map((a) => [a.personId, a.name, a.role, a.date, a.place]);

function facetsOf(content: RecordContent): Facet[] {
  switch (content.format) {
    case 'samrad-protocol/1':
      return [
        ...meetingFacets(content),
        { key: 'paragraphs', field: 'paragraphs', paragraph: null, value: ids(content.paragraphs) },
        ...content.paragraphs.flatMap(paragraphFacets),
        {
          key: 'attestation_place_time',
          field: 'attestation_place_time',
          paragraph: null,
          value: [content.attestationPlace, content.attestationDate],
        },
        { key: 'attestations', field: 'attestations', paragraph: null, value: attestationValue(content.attestations) },
      ];
    case 'samrad-extract/1':
      return [
        ...meetingFacets(content),
        ...paragraphFacets(content.paragraph),
        {
          key: 'attestations',
          field: 'attestations',
          paragraph: content.paragraph.number,
          value: attestationValue(content.attestations),
        },
      ];
    case 'samrad-agreement/1':
      return agreementFacets(content);
    case 'samrad-correction/1':
      return [
        {
          key: 'correction',
          field: 'correction',
          paragraph: content.paragraph?.number ?? null,
          value: [
            content.paragraph?.id ?? null,
            content.correction.date,
            content.correction.author,
            content.correction.text,
          ],
        },
        {
          key: 'corrects',
          field: 'corrects',
          paragraph: null,
          value: [content.corrects.recordId, content.corrects.documentSha256],
        },
      ];
  }
}

function agreementFacets(v: AgreementContent): Facet[] {
  const facet = (field: string, value: unknown): Facet => ({ key: field, field, paragraph: null, value });
  return [
    facet('agreement_title', [v.title, v.dnr]),
    facet('period', [v.validFrom, v.validTo]),
    facet(
      'parties',
      v.parties.map((p) => [
        p.id,
        p.organisationId,
        p.organisationName,
        p.signatoryId,
        p.signatoryName,
        p.signatoryTitle,
        // how a signing was given is shown, not compared: records sealed before 012 do not name it
        p.signing && { ...p.signing, recordedAt: undefined, proof: undefined },
      ]),
    ),
    facet(
      'sections',
      v.sections.map((s) => [s.id, s.heading, s.body]),
    ),
    facet(
      'priorities',
      v.priorities.map((p) => [p.id, p.title, p.description, p.source, p.sourceDate, p.responsible]),
    ),
  ];
}

/** What the tables hold now for a record, read the same way it was read at sealing (a correction: against the record it named). */
export function liveContent(ctx: Ctx, ref: RecordRef, sealed: RecordContent): RecordContent {
  switch (ref.kind) {
    case 'protocol':
      return protocolContent(ctx, ref.id, true);
    case 'extract':
      return extractContent(ctx, ref.id, true);
    case 'agreement':
      return agreementContent(ctx, ref.id);
    case 'correction': {
      const corrects = sealed.format === 'samrad-correction/1' ? sealed.corrects.recordId : -1;
      return correctionContent(ctx, ref.id, correctsRecord(recordById(ctx.db, corrects), corrects));
    }
  }
}

/**
 * A later signature must sit on the sealed document itself: every part of it byte for byte
 * (the content types and package relationships only gain the signature's entries). A package
 * with its own hash but other content, inserted behind the service, is caught here.
 */
function carriesSealedParts(sealed: Uint8Array, signed: Uint8Array): boolean {
  try {
    const before = safeUnzip(sealed);
    const after = safeUnzip(signed);
    for (const [name, data] of before) {
      if (name === '[Content_Types].xml' || name === '_rels/.rels') continue;
      const other = after.get(name);
      if (!other || !Buffer.from(other).equals(Buffer.from(data))) return false;
    }
    return true;
  } catch {
    return false;
  }
}

/** `label` names the record; a problem of one § names the meeting and that § ("Chefssamrådet 2017-03-14 § 3"). */
const problem = (
  label: string,
  code: SealProblem['code'],
  text: string,
  field: string | null = null,
  paragraph: number | null = null,
  meeting: string | null = null,
): SealProblem => ({
  code,
  field,
  paragraph,
  message: `${paragraph !== null && meeting ? `${meeting} § ${paragraph}` : label}: ${text}`,
});

/**
 * Re-checks one seal: the snapshot against its hash, the document bytes (and every later
 * signed package) against theirs, and what the tables hold now against what was sealed, for
 * everything that must never change after the act. Renamed people or bodies are no problem:
 * the record keeps the names it was sealed with.
 */
export function verifySeal(ctx: Ctx, row: SealedRecordRow): SealProblem[] {
  const problems: SealProblem[] = [];
  let sealed: RecordContent | null = null;
  try {
    sealed = JSON.parse(row.snapshot) as RecordContent;
  } catch {
    // the CHECK (json_valid) makes this unlikely; a damaged file could still hold it
  }
  const label = sealed ? recordLabel(sealed) : `${row.kind} record ${row.id}`;
  if (sha256Text(row.snapshot) !== row.snapshot_sha256)
    problems.push(problem(label, 'snapshot_hash', 'the sealed snapshot does not match its SHA-256'));
  if (sha256Hex(row.document) !== row.document_sha256)
    problems.push(problem(label, 'document_hash', 'the sealed document does not match its SHA-256'));
  for (const s of recordSignatures(ctx.db, row.id)) {
    if (sha256Hex(s.package) !== s.package_sha256)
      problems.push(
        problem(
          label,
          'signature_hash',
          `the package signed on ${s.signed_at.slice(0, 10)} does not match its SHA-256`,
        ),
      );
    else if (!carriesSealedParts(row.document, s.package))
      problems.push(
        problem(
          label,
          'signature_hash',
          `the package signed on ${s.signed_at.slice(0, 10)} is not the sealed document`,
        ),
      );
  }
  if (row.broken_at_migration)
    problems.push(
      problem(
        label,
        'broken_at_migration',
        'sealed at migration from tables that no longer matched the content hash stored at the act',
      ),
    );
  if (!sealed) return problems;
  let live: RecordContent;
  try {
    live = liveContent(ctx, refOf(row), sealed);
  } catch (error) {
    if (error instanceof Error && 'code' in error && (error as { code: string }).code === 'NOT_FOUND') {
      problems.push(problem(label, 'differs', 'what was sealed is missing from the database', 'paragraphs'));
      return problems;
    }
    throw error;
  }
  const now = new Map(facetsOf(live).map((f) => [f.key, canonicalJson(f.value)]));
  const meeting = sealed.format === 'samrad-agreement/1' ? null : `${sealed.meeting.bodyName} ${sealed.meeting.date}`;
  for (const facet of facetsOf(sealed)) {
    if (now.get(facet.key) !== canonicalJson(facet.value)) {
      problems.push(
        problem(
          label,
          'differs',
          `${FIELD_NAMES[facet.field] ?? facet.field} differs from the sealed record`,
          facet.field,
          facet.paragraph,
          meeting,
        ),
      );
    }
  }
  return problems;
}

export interface SealsReport {
  ok: boolean;
  /** sealed records in the database */
  records: number;
  /** records re-checked: all, or (incremental) those sealed since `since` and a random sample of the older ones */
  checked: number;
  /** incremental: the time of the audit checkpoint the check started from (null: every record was checked) */
  since: string | null;
  /** incremental: how many of the checked records were older ones, sampled */
  sampled: number;
  problems: SealProblem[];
}

/** Older records re-checked by each incremental check, chosen at random so that, over many checks, all are. */
export const SEAL_SAMPLE = 20;

/**
 * The seals in the database, re-checked (for `samrad check`): with `since` (the time of the
 * newest verified audit checkpoint) the records sealed after it and SEAL_SAMPLE older ones
 * picked at random; without it, every record.
 */
export function verifyAllSeals(ctx: Ctx, since: string | null = null): SealsReport {
  const records = ctx.db.prepare('SELECT count(*) FROM sealed_record').pluck().get() as number;
  // chosen by id and time alone (an index), then read: the rows hold the sealed documents
  const chosen =
    since === null
      ? null
      : [
          ...(ctx.db.prepare('SELECT id FROM sealed_record WHERE sealed_at > ?').pluck().all(since) as number[]),
          ...(ctx.db
            .prepare('SELECT id FROM sealed_record WHERE sealed_at <= ? ORDER BY random() LIMIT ?')
            .pluck()
            .all(since, SEAL_SAMPLE) as number[]),
        ];
  const rows =
    chosen === null
      ? [...allRecords(ctx.db)]
      : (ctx.db
          .prepare('SELECT * FROM sealed_record WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id')
          .all(JSON.stringify(chosen)) as SealedRecordRow[]);
  const problems: SealProblem[] = rows.flatMap((row) => verifySeal(ctx, row));
  problems.push(...unsealedActs(ctx));
  const sampled = since === null ? 0 : rows.filter((r) => r.sealed_at <= since).length;
  return { ok: problems.length === 0, records, checked: rows.length, since, sampled, problems };
}

/** Completed acts without their record: the SQL rule makes this impossible unless someone went around it. */
function unsealedActs(ctx: Ctx): SealProblem[] {
  const missing = ctx.db
    .prepare(
      `SELECT 'protocol' AS kind, b.name || ' ' || m.date AS label FROM protocol pr JOIN meeting m ON m.id = pr.meeting_id JOIN body b ON b.id = m.body_id
         WHERE pr.status = 'attested' AND NOT EXISTS (SELECT 1 FROM sealed_record r WHERE r.kind = 'protocol' AND r.meeting_id = pr.meeting_id)
       UNION ALL
       SELECT 'extract', b.name || ' ' || m.date || ' § ' || p.number FROM paragraph p JOIN meeting m ON m.id = p.meeting_id JOIN body b ON b.id = m.body_id
         WHERE p.immediately_attested_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sealed_record r WHERE r.kind = 'extract' AND r.paragraph_id = p.id)
       UNION ALL
       SELECT 'agreement', a.name || ' ' || v.valid_from || ' – ' || v.valid_to FROM agreement_version v JOIN agreement a ON a.id = v.agreement_id
         WHERE v.status = 'signed' AND NOT EXISTS (SELECT 1 FROM sealed_record r WHERE r.kind = 'agreement' AND r.version_id = v.id)
       UNION ALL
       SELECT 'correction', b.name || ' ' || m.date || ': rättelse ' || c.date FROM correction_note c JOIN meeting m ON m.id = c.meeting_id JOIN body b ON b.id = m.body_id
         WHERE NOT EXISTS (SELECT 1 FROM sealed_record r WHERE r.kind = 'correction' AND r.correction_id = c.id)`,
    )
    .all() as Array<{ kind: string; label: string }>;
  const pending = Boolean(ctx.db.prepare('SELECT 1 FROM record_backfill').get());
  return missing.map((m) =>
    problem(
      m.label,
      'missing',
      pending
        ? 'not sealed yet: open the database with Samråd once to seal records of earlier acts'
        : 'attested or signed, but no sealed record exists',
    ),
  );
}
