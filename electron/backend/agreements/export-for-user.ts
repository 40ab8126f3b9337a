import type { Ctx } from '../context';
import { logExport } from '../export/log-export';
import { signExport } from '../signing/sign-export';
import type { ExportedDocument } from '../export/document';
import type { ExportedFile } from '../../../shared/contract/agreements';
import { agreementErrors } from './errors';
import { getVersionSummary } from './read';
import { agreementDocx } from './export-docx';
import { redlineDocx } from './redline-docx';

/**
 * The Word file of a version, optionally with a package signature — only for a signed version,
 * checked before anything is built. Not yet logged: the caller logs once the file is delivered.
 */
export async function buildAgreementExport(ctx: Ctx, versionId: number, lang: 'sv' | 'en', sign: boolean): Promise<ExportedDocument> {
  const version = getVersionSummary(ctx, versionId);
  if (sign && version.storedStatus !== 'signed') throw agreementErrors.signOnlySigned();
  const exported = await agreementDocx(ctx, versionId, lang);
  return sign ? { fileName: exported.fileName, bytes: await signExport(ctx, exported.bytes) } : exported;
}

/** Records the export in the version's history (file name, SHA-256, time); returns the SHA-256. */
export function logAgreementExport(ctx: Ctx, versionId: number, doc: ExportedDocument, lang: 'sv' | 'en', sign: boolean): string {
  return logExport(ctx, 'agreement_version', versionId, doc.fileName, doc.bytes, { kind: 'agreement', lang, signed: sign });
}

const toFile = (doc: ExportedDocument, sha256: string): ExportedFile => ({ fileName: doc.fileName, base64: Buffer.from(doc.bytes).toString('base64'), sha256 });

export async function exportAgreementForUser(ctx: Ctx, versionId: number, lang: 'sv' | 'en', sign: boolean): Promise<ExportedFile> {
  const doc = await buildAgreementExport(ctx, versionId, lang, sign);
  return toFile(doc, logAgreementExport(ctx, versionId, doc, lang, sign));
}

/** The redline as Word, logged in the newer version's history. */
export async function exportRedlineForUser(ctx: Ctx, fromId: number, toId: number, lang: 'sv' | 'en'): Promise<ExportedFile> {
  const doc = await redlineDocx(ctx, fromId, toId, lang);
  return toFile(doc, logExport(ctx, 'agreement_version', toId, doc.fileName, doc.bytes, { kind: 'redline', lang, comparedWith: fromId }));
}
