import type { Ctx } from '../context';
import { today } from '../session/time-zone';
import type { Attendee, Attestation, Meeting, Paragraph, Protocol } from '../../../shared/contract/meetings';
import type { VersionDetail } from '../../../shared/contract/agreements';
import { getMeeting } from '../meetings/meetings';
import { listAttendance } from '../meetings/attendance';
import { getParagraph, requireProtocol } from '../meetings/protocol';
import { meetingOfParagraph } from '../meetings/state';
import { paragraphAttachments } from '../meetings/attachments';
import { getVersion } from '../agreements/read';
import { notFound } from '../../../shared/errors';

/*
 * What a document shows, as plain data: the renderers (meetings/export-docx.ts,
 * agreements/export-docx.ts) draw only from these, so a draft renders from the tables through
 * the same code that renders a translation of a sealed record from its stored snapshot.
 * Names, titles and organisations are the ones the document shows; the ids beside them let
 * `verifySeal` tell an allowed later rename from a change to what was attested.
 */

export type MeetingHeader = Pick<
  Meeting,
  'id' | 'bodyId' | 'bodyName' | 'date' | 'startTime' | 'endTime' | 'place' | 'chair' | 'secretary' | 'justerare'
>;
export type AttendeeLine = Pick<
  Attendee,
  | 'personId'
  | 'personName'
  | 'personTitle'
  | 'organisationName'
  | 'role'
  | 'status'
  | 'substituteFor'
  | 'participatesIn'
  | 'decisionMaker'
>;
/** `proof`: how the act was given (absent in records sealed before personal signatures) */
export type AttestationLine = Pick<Attestation, 'personId' | 'name' | 'role' | 'date' | 'place'> & {
  proof?: Attestation['proof'];
};
export interface ActionLine {
  id: number;
  description: string;
  ownerPersonId: number | null;
  ownerOrganisationId: number | null;
  ownerName: string;
  dueDate: string | null;
}
/** A handling in the §'s beslutsunderlag as the record names it: its file by name, type, size and SHA-256. */
export interface AttachmentLine {
  id: number;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
}
export interface CorrectionLine {
  date: string;
  author: string;
  text: string;
}
export type ParagraphContent = Pick<
  Paragraph,
  | 'id'
  | 'number'
  | 'kind'
  | 'title'
  | 'dnr'
  | 'background'
  | 'decision'
  | 'notes'
  | 'distribution'
  | 'immediatelyAttested'
  | 'recusals'
> & {
  actions: ActionLine[];
  attestations: AttestationLine[];
  corrections: CorrectionLine[];
  /** beslutsunderlag; absent in records sealed before handlingar existed */
  attachments?: AttachmentLine[];
};

export interface ProtocolContent {
  format: 'samrad-protocol/1';
  meeting: MeetingHeader;
  attendance: AttendeeLine[];
  paragraphRange: [number, number] | null;
  paragraphs: ParagraphContent[];
  attestationPlace: string | null;
  attestationDate: string | null;
  attestations: AttestationLine[];
  corrections: CorrectionLine[];
  attested: boolean;
  /** a tillkännagivande/anslagsbevis block; absent in records sealed before it could be chosen */
  announcement?: boolean;
}

export interface ExtractContent {
  format: 'samrad-extract/1';
  meeting: MeetingHeader;
  attendance: AttendeeLine[];
  paragraph: ParagraphContent;
  /** the §'s own attestations when attested at once, else the protocol's */
  attestations: AttestationLine[];
  /** the date of the secretary's utdragsbestyrkande; absent in extracts sealed before it was dated */
  certifiedOn?: string;
}

export type AgreementContent = { format: 'samrad-agreement/1' } & Pick<
  VersionDetail,
  | 'id'
  | 'agreementId'
  | 'agreementName'
  | 'title'
  | 'dnr'
  | 'validFrom'
  | 'validTo'
  | 'storedStatus'
  | 'contentHash'
  | 'parties'
  | 'sections'
  | 'priorities'
>;

/** A rättelse: its own record, naming the sealed record it corrects (whose bytes never change). */
export interface CorrectionContent {
  format: 'samrad-correction/1';
  meeting: MeetingHeader;
  paragraph: { id: number; number: number; title: string } | null;
  corrects: { recordId: number; label: string; documentSha256: string };
  correction: { id: number; date: string; author: string; text: string };
}

export type RecordContent = ProtocolContent | ExtractContent | AgreementContent | CorrectionContent;

const header = (m: Meeting): MeetingHeader => ({
  id: m.id,
  bodyId: m.bodyId,
  bodyName: m.bodyName,
  date: m.date,
  startTime: m.startTime,
  endTime: m.endTime,
  place: m.place,
  chair: m.chair,
  secretary: m.secretary,
  justerare: m.justerare,
});

const attendanceLines = (list: Attendee[]): AttendeeLine[] =>
  list.map((a) => ({
    personId: a.personId,
    personName: a.personName,
    personTitle: a.personTitle,
    organisationName: a.organisationName,
    role: a.role,
    status: a.status,
    substituteFor: a.substituteFor,
    participatesIn: a.participatesIn,
    decisionMaker: a.decisionMaker,
  }));

const attestationLines = (list: Attestation[]): AttestationLine[] =>
  list.map((a) => ({ personId: a.personId, name: a.name, role: a.role, date: a.date, place: a.place, proof: a.proof }));

const correctionLines = (list: Protocol['corrections']): CorrectionLine[] =>
  list.map((c) => ({ date: c.date, author: c.author, text: c.text }));

const attachmentLines = (ctx: Ctx, paragraphId: number): AttachmentLine[] =>
  paragraphAttachments(ctx, paragraphId).map((a) => ({
    id: a.id,
    fileName: a.fileName,
    mediaType: a.mediaType,
    size: a.size,
    sha256: a.sha256,
  }));

function paragraphContent(ctx: Ctx, p: Paragraph): ParagraphContent {
  return {
    id: p.id,
    number: p.number,
    kind: p.kind,
    title: p.title,
    dnr: p.dnr,
    background: p.background,
    decision: p.decision,
    notes: p.notes,
    distribution: p.distribution,
    immediatelyAttested: p.immediatelyAttested,
    recusals: p.recusals,
    actions: p.actions.map((a) => ({
      id: a.id,
      description: a.description,
      ownerPersonId: a.ownerPersonId,
      ownerOrganisationId: a.ownerOrganisationId,
      ownerName: a.ownerName,
      dueDate: a.dueDate,
    })),
    attestations: attestationLines(p.attestations),
    corrections: correctionLines(p.corrections),
    attachments: attachmentLines(ctx, p.id),
  };
}

/** The protocol as the tables hold it now; `attested` says whether it is rendered as the attested record. */
export function protocolContent(ctx: Ctx, meetingId: number, attested = false): ProtocolContent {
  const protocol = requireProtocol(ctx, meetingId);
  return {
    format: 'samrad-protocol/1',
    meeting: header(getMeeting(ctx, meetingId)),
    attendance: attendanceLines(listAttendance(ctx, meetingId)),
    paragraphRange: protocol.paragraphRange,
    paragraphs: protocol.paragraphs.map((p) => paragraphContent(ctx, p)),
    attestationPlace: protocol.attestationPlace,
    attestationDate: protocol.attestationDate,
    attestations: attestationLines(protocol.attestations),
    corrections: correctionLines(protocol.corrections),
    attested: attested || protocol.status === 'attested',
    announcement: protocol.announcement,
  };
}

/** One § with the meeting's header; `attestedAtOnce` while sealing the § attested at once (not yet marked so in the tables). */
export function extractContent(ctx: Ctx, paragraphId: number, attestedAtOnce = false): ExtractContent {
  const meetingId = meetingOfParagraph(ctx, paragraphId);
  const protocol = requireProtocol(ctx, meetingId);
  const paragraph = getParagraph(ctx, paragraphId);
  const atOnce = attestedAtOnce || paragraph.immediatelyAttested;
  return {
    format: 'samrad-extract/1',
    meeting: header(getMeeting(ctx, meetingId)),
    attendance: attendanceLines(listAttendance(ctx, meetingId)),
    paragraph: { ...paragraphContent(ctx, paragraph), immediatelyAttested: atOnce },
    attestations: attestationLines(atOnce ? paragraph.attestations : protocol.attestations),
    certifiedOn: today(ctx),
  };
}

export function agreementContent(ctx: Ctx, versionId: number): AgreementContent {
  const v = getVersion(ctx, versionId);
  return {
    format: 'samrad-agreement/1',
    id: v.id,
    agreementId: v.agreementId,
    agreementName: v.agreementName,
    title: v.title,
    dnr: v.dnr,
    validFrom: v.validFrom,
    validTo: v.validTo,
    storedStatus: v.storedStatus,
    contentHash: v.contentHash,
    parties: v.parties,
    sections: v.sections,
    priorities: v.priorities,
  };
}

/** A correction note with the meeting it belongs to and the sealed record it corrects. */
export function correctionContent(
  ctx: Ctx,
  correctionId: number,
  corrects: CorrectionContent['corrects'],
): CorrectionContent {
  const row = ctx.db
    .prepare('SELECT id, meeting_id, paragraph_id, date, author, text FROM correction_note WHERE id = ?')
    .get(correctionId) as
    | { id: number; meeting_id: number; paragraph_id: number | null; date: string; author: string; text: string }
    | undefined;
  if (!row) throw notFound('correction', correctionId);
  const paragraph = row.paragraph_id === null ? null : getParagraph(ctx, row.paragraph_id);
  return {
    format: 'samrad-correction/1',
    meeting: header(getMeeting(ctx, row.meeting_id)),
    paragraph: paragraph && { id: paragraph.id, number: paragraph.number, title: paragraph.title },
    corrects,
    correction: { id: row.id, date: row.date, author: row.author, text: row.text },
  };
}
