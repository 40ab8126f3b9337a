import type { Ctx } from '../context';
import { logExport } from '../export/log-export';
import { signExport } from '../signing/sign-export';
import type { ExportedDocument } from '../export/document';
import { agendaDocx, extractDocx, protocolDocx } from './export-docx';
import { invalidState } from './errors';
import { meetingOfParagraph, paragraphLocked, protocolStatus } from './state';

export interface ExportedFile {
  fileName: string;
  base64: string;
  sha256: string;
}

/** Signs when asked, audit-logs the export on the meeting, and encodes it for the contract. */
async function deliver(ctx: Ctx, doc: ExportedDocument, entity: string, entityId: number, sign: boolean, details: Record<string, unknown>): Promise<ExportedDocument & { sha256: string }> {
  const bytes = sign ? await signExport(ctx, doc.bytes) : doc.bytes;
  const sha256 = logExport(ctx, entity, entityId, doc.fileName, bytes, { ...details, signed: sign });
  return { fileName: doc.fileName, bytes, sha256 };
}

const encoded = (d: ExportedDocument & { sha256: string }): ExportedFile => ({ fileName: d.fileName, base64: Buffer.from(d.bytes).toString('base64'), sha256: d.sha256 });

export async function exportProtocolDocument(ctx: Ctx, meetingId: number, lang: 'sv' | 'en', sign: boolean) {
  if (sign && protocolStatus(ctx, meetingId) !== 'attested') {
    throw invalidState('sign_needs_attested', 'Only an attested protocol can be signed');
  }
  return deliver(ctx, await protocolDocx(ctx, meetingId, lang), 'meeting', meetingId, sign, { kind: 'protocol', lang });
}

export async function exportExtractDocument(ctx: Ctx, paragraphId: number, lang: 'sv' | 'en', sign: boolean) {
  const meetingId = meetingOfParagraph(ctx, paragraphId);
  if (sign && !paragraphLocked(ctx, paragraphId)) {
    throw invalidState('sign_needs_attested', 'Only an attested § can be signed');
  }
  return deliver(ctx, await extractDocx(ctx, paragraphId, lang), 'meeting', meetingId, sign, { kind: 'extract', paragraphId, lang });
}

export async function exportAgendaDocument(ctx: Ctx, meetingId: number, lang: 'sv' | 'en') {
  return deliver(ctx, await agendaDocx(ctx, meetingId, lang), 'meeting', meetingId, false, { kind: 'agenda', lang });
}

export const exportProtocol = async (ctx: Ctx, meetingId: number, lang: 'sv' | 'en', sign: boolean) => encoded(await exportProtocolDocument(ctx, meetingId, lang, sign));
export const exportExtract = async (ctx: Ctx, paragraphId: number, lang: 'sv' | 'en', sign: boolean) => encoded(await exportExtractDocument(ctx, paragraphId, lang, sign));
export const exportAgenda = async (ctx: Ctx, meetingId: number, lang: 'sv' | 'en') => encoded(await exportAgendaDocument(ctx, meetingId, lang));
