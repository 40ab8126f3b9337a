import type { Ctx } from '../context';
import { agreementDocx } from '../agreements/export-docx';
import { protocolDocx } from '../meetings/export-docx';
import { signPackage, type SigningIdentity } from '../signing/opc/sign-package';

/** One archive document to render, in a form that can cross to a worker thread. */
export type RenderJob =
  | { kind: 'protocol'; meetingId: number; lang: 'sv' | 'en' }
  | { kind: 'agreement'; versionId: number; lang: 'sv' | 'en' };

/** The signed .docx of one archive document; reads the database only. */
export async function renderSigned(ctx: Ctx, job: RenderJob, identity: SigningIdentity): Promise<Uint8Array> {
  const document = job.kind === 'protocol' ? await protocolDocx(ctx, job.meetingId, job.lang) : await agreementDocx(ctx, job.versionId, job.lang);
  return signPackage(document.bytes, identity, ctx.clock.now());
}
