import type { Ctx } from '../context';
import { logExport } from '../export/log-export';
import { signExport } from '../signing/sign-export';
import type { ExportedFile } from '../../../shared/contract/agreements';
import { agreementErrors } from './errors';
import { getVersionSummary } from './read';
import { agreementDocx } from './export-docx';
import { redlineDocx } from './redline-docx';

/**
 * Builds the Word file of a version for the user (or the CLI), optionally with a package
 * signature — only for a signed version — and logs the export in the version's history.
 */
export async function exportAgreement(ctx: Ctx, versionId: number, lang: 'sv' | 'en', sign: boolean): Promise<{ fileName: string; bytes: Uint8Array; sha256: string }> {
  const version = getVersionSummary(ctx, versionId);
  if (sign && version.storedStatus !== 'signed') throw agreementErrors.signOnlySigned();
  const exported = await agreementDocx(ctx, versionId, lang);
  const bytes = sign ? await signExport(ctx, exported.bytes) : exported.bytes;
  const sha256 = logExport(ctx, 'agreement_version', versionId, exported.fileName, bytes, { kind: 'agreement', lang, signed: sign });
  return { fileName: exported.fileName, bytes, sha256 };
}

export async function exportAgreementForUser(ctx: Ctx, versionId: number, lang: 'sv' | 'en', sign: boolean): Promise<ExportedFile> {
  const { fileName, bytes, sha256 } = await exportAgreement(ctx, versionId, lang, sign);
  return { fileName, base64: Buffer.from(bytes).toString('base64'), sha256 };
}

/** The redline as Word, logged in the newer version's history. */
export async function exportRedlineForUser(ctx: Ctx, fromId: number, toId: number, lang: 'sv' | 'en'): Promise<ExportedFile> {
  const { fileName, bytes } = await redlineDocx(ctx, fromId, toId, lang);
  const sha256 = logExport(ctx, 'agreement_version', toId, fileName, bytes, { kind: 'redline', lang, comparedWith: fromId });
  return { fileName, base64: Buffer.from(bytes).toString('base64'), sha256 };
}
