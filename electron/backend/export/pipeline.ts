import fs from 'node:fs';
import path from 'node:path';
import type { Ctx } from '../context';
import { today } from '../session/time-zone';
import { AppError, notFound } from '../../../shared/errors';
import type { DocumentLanguage, ExportedFile } from '../../../shared/contract/common';
import type { RecordRef } from '../../../shared/contract/records';
import type { ExportSource } from '../../../shared/contract/exports';
import type { ExportedDocument } from './document';
import { logExport } from './log-export';
import { sha256Hex, writeExportFile } from './write-file';
import { signedFileName } from './signed-file-name';
import { assertCarriesAttachments, withAttachments } from './with-attachments';
import { agendaDocx, extractDocx, protocolDocx } from '../meetings/export-docx';
import { invalidState } from '../meetings/errors';
import { meetingOfParagraph, paragraphLocked, paragraphState, protocolState, protocolStatus } from '../meetings/state';
import { paragraphRules, protocolRules } from '../meetings/rules';
import { refuse } from '../capability';
import { agreementDocx } from '../agreements/export-docx';
import { redlineDocx } from '../agreements/redline-docx';
import { agreementErrors } from '../agreements/errors';
import { getVersionSummary } from '../agreements/read';
import { signExport } from '../signing/sign-export';
import { findRecord, type SealedRecordRow } from '../records/store';
import { assertSealIntact, recordDocument } from '../records/record-document';
import { recordErrors } from '../records/errors';
import { agreementContent, extractContent, protocolContent, type ProtocolContent } from '../records/snapshot';
import type { AuditEntity } from '../audit/actions';

export interface ExportRequest {
  source: ExportSource;
  lang: DocumentLanguage;
  sign: boolean;
  /** after the TSA failed, the user chose to sign without a timestamp */
  withoutTimestamp?: boolean;
  /** the document and its handlingar as one .zip (protocols, extracts, kallelser) */
  withAttachments?: boolean;
}

/** A document ready to hand out, and where its export is logged once it has been. */
interface Prepared {
  doc: ExportedDocument;
  entity: AuditEntity;
  entityId: number;
  details: Record<string, unknown>;
}

/**
 * The one export pipeline: a sealed record's bytes (or a draft rendered live) → signed if
 * asked → delivered → logged in the audit log only once delivered. Nothing of an attested or
 * signed record is ever rendered from the live tables again.
 */
async function prepare(ctx: Ctx, { source, lang, sign, withoutTimestamp = false }: ExportRequest): Promise<Prepared> {
  const details = { kind: source.kind, lang, signed: sign };
  switch (source.kind) {
    case 'protocol': {
      const ref: RecordRef = { kind: 'protocol', id: source.meetingId };
      const sealed = findRecord(ctx.db, ref);
      const doc = sealed
        ? await recordDocument(ctx, sealed, ref, lang, sign, withoutTimestamp)
        : draft(ctx, source.meetingId, lang, sign);
      return {
        doc,
        entity: 'meeting',
        entityId: source.meetingId,
        details: { ...details, ...recordDetails(sealed, lang) },
      };
    }
    case 'extract': {
      const meetingId = meetingOfParagraph(ctx, source.paragraphId);
      const ref: RecordRef = { kind: 'extract', id: source.paragraphId };
      const sealed = findRecord(ctx.db, ref);
      const doc = sealed
        ? await recordDocument(ctx, sealed, ref, lang, sign, withoutTimestamp)
        : await extractOf(ctx, source.paragraphId, meetingId, lang, sign, withoutTimestamp);
      return {
        doc,
        entity: 'meeting',
        entityId: meetingId,
        details: { ...details, paragraphId: source.paragraphId, ...recordDetails(sealed, lang) },
      };
    }
    case 'agenda': {
      if (sign)
        throw invalidState(
          'sign_needs_attested',
          'A notice of meeting is not signed; only attested protocols and §§ are',
        );
      return { doc: agendaDocx(ctx, source.meetingId, lang), entity: 'meeting', entityId: source.meetingId, details };
    }
    case 'agreement': {
      const ref: RecordRef = { kind: 'agreement', id: source.versionId };
      const sealed = findRecord(ctx.db, ref);
      const version = getVersionSummary(ctx, source.versionId);
      let doc: ExportedDocument;
      if (sealed) doc = await recordDocument(ctx, sealed, ref, lang, sign, withoutTimestamp);
      else if (version.storedStatus === 'signed')
        throw recordErrors.missing(`${version.agreementName} ${version.validFrom} – ${version.validTo}`);
      else if (sign) throw agreementErrors.signOnlySigned();
      else doc = agreementDocx(agreementContent(ctx, source.versionId), lang);
      return {
        doc,
        entity: 'agreement_version',
        entityId: source.versionId,
        details: { ...details, ...recordDetails(sealed, lang) },
      };
    }
    case 'correction': {
      const ref: RecordRef = { kind: 'correction', id: source.correctionId };
      const sealed = findRecord(ctx.db, ref);
      if (!sealed) throw notFound('correction', source.correctionId);
      return {
        doc: await recordDocument(ctx, sealed, ref, lang, sign, withoutTimestamp),
        entity: 'meeting',
        entityId: sealed.meeting_id!,
        details: { ...details, correctionId: source.correctionId, ...recordDetails(sealed, lang) },
      };
    }
    case 'redline': {
      if (sign) throw agreementErrors.signOnlySigned();
      return {
        doc: redlineDocx(ctx, source.fromId, source.toId, lang),
        entity: 'agreement_version',
        entityId: source.toId,
        details: { ...details, comparedWith: source.fromId },
      };
    }
  }
}

/** Which record an export handed out, whether as a translation, and whether its bytes carry a signature made at sealing. */
const recordDetails = (sealed: SealedRecordRow | null, lang: DocumentLanguage) => {
  if (!sealed) return {};
  if (lang !== sealed.lang) return { record: sealed.id, translation: true };
  return { record: sealed.id, ...(sealed.signed_with ? { signed: true } : {}) };
};

/** A protocol not yet attested, rendered from the tables as it stands. */
function draft(ctx: Ctx, meetingId: number, lang: DocumentLanguage, sign: boolean): ExportedDocument {
  const content = protocolContent(ctx, meetingId);
  if (protocolStatus(ctx, meetingId) === 'attested')
    throw recordErrors.missing(`${content.meeting.bodyName} ${content.meeting.date}`);
  if (sign) refuse(protocolRules.sign(protocolState(ctx, meetingId)));
  return protocolDocx(content, lang);
}

/**
 * A protokollsutdrag of a § not attested on its own: from the protocol's sealed snapshot once
 * the protocol is attested (so it shows what was attested), else live as a draft.
 */
async function extractOf(
  ctx: Ctx,
  paragraphId: number,
  meetingId: number,
  lang: DocumentLanguage,
  sign: boolean,
  withoutTimestamp: boolean,
): Promise<ExportedDocument> {
  if (!paragraphLocked(ctx, paragraphId)) {
    if (sign) refuse(paragraphRules.sign(paragraphState(ctx, paragraphId)));
    return extractDocx(extractContent(ctx, paragraphId), lang);
  }
  const protocol = findRecord(ctx.db, { kind: 'protocol', id: meetingId });
  if (!protocol) {
    const { meeting } = extractContent(ctx, paragraphId);
    throw recordErrors.missing(`${meeting.bodyName} ${meeting.date}`);
  }
  assertSealIntact(ctx, protocol);
  const sealed = JSON.parse(protocol.snapshot) as ProtocolContent;
  const paragraph = sealed.paragraphs.find((p) => p.id === paragraphId)!;
  const doc = extractDocx(
    {
      format: 'samrad-extract/1',
      meeting: sealed.meeting,
      attendance: sealed.attendance,
      paragraph,
      attestations: sealed.attestations,
      certifiedOn: today(ctx),
    },
    lang,
    {
      timestamp: new Date(protocol.sealed_at),
      translationOf:
        lang !== protocol.lang
          ? { sealedAt: protocol.sealed_at.slice(0, 10), sha256: protocol.document_sha256 }
          : undefined,
    },
  );
  return sign ? { fileName: doc.fileName, bytes: await signExport(ctx, doc.bytes, withoutTimestamp) } : doc;
}

/**
 * The document with its final name: a file that carries a package signature is named so
 * (`…_signerad.docx`, `…_signed.docx` in English), so a signed and an unsigned export of the same
 * record never overwrite or pass for each other in a folder. Asked for with its handlingar, it
 * goes into a .zip beside them, byte for byte the same document.
 */
async function prepareNamed(ctx: Ctx, request: ExportRequest): Promise<Prepared> {
  if (request.withAttachments) assertCarriesAttachments(request.source);
  const prepared = await prepare(ctx, request);
  const named = prepared.details.signed
    ? { ...prepared, doc: { ...prepared.doc, fileName: signedFileName(prepared.doc.fileName, request.lang) } }
    : prepared;
  if (!request.withAttachments) return named;
  const { attachments, ...bundle } = withAttachments(ctx, request.source, request.lang, named.doc);
  return {
    ...named,
    doc: bundle,
    details: {
      ...named.details,
      document: named.doc.fileName,
      documentSha256: sha256Hex(named.doc.bytes),
      attachments,
    },
  };
}

/** For the contract: the document as base64, logged in its record's history. */
export async function exportForUser(ctx: Ctx, request: ExportRequest): Promise<ExportedFile> {
  const { doc, entity, entityId, details } = await prepareNamed(ctx, request);
  const sha256 = logExport(ctx, entity, entityId, doc.fileName, doc.bytes, details);
  return { fileName: doc.fileName, base64: Buffer.from(doc.bytes).toString('base64'), sha256 };
}

/**
 * For the CLI: refuses an existing target before any work, writes under a temporary name and
 * renames, and logs only once the file exists. A refused or failed export logs nothing.
 */
export async function exportToFile(
  ctx: Ctx,
  request: ExportRequest,
  target: string,
  overwrite: boolean,
): Promise<{ path: string; sha256: string; fileName: string }> {
  const file = path.resolve(target);
  if (fs.existsSync(file) && !overwrite) {
    throw new AppError('FILE_EXISTS', `${file} already exists; choose another name or add --overwrite`, {
      params: { path: file },
    });
  }
  const { doc, entity, entityId, details } = await prepareNamed(ctx, request);
  const written = writeExportFile(file, doc.bytes, { overwrite });
  logExport(ctx, entity, entityId, doc.fileName, doc.bytes, { ...details, path: written.path });
  return { path: written.path, sha256: sha256Hex(doc.bytes), fileName: doc.fileName };
}
