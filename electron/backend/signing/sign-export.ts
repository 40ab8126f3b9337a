import type { Ctx } from '../context';
import { signingIdentity } from './certificates/store';
import { signOffThread } from './worker/sign-pool';

/**
 * Adds an ECMA-376 package signature to an exported .docx with the organisation's active
 * signing certificate. Callers check first that the record may be signed (a signed agreement
 * version, an attested protocol). Throws a clear INVALID_STATE error when no certificate is
 * chosen, it is expired or not yet valid, or the keystore is locked. The signing itself runs
 * in a worker thread (worker/sign-pool.ts), off the dispatcher's thread.
 */
export async function signExport(ctx: Ctx, bytes: Uint8Array): Promise<Uint8Array> {
  return signOffThread(bytes, signingIdentity(ctx), ctx.clock.now());
}
