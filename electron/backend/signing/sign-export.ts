import type { Ctx } from '../context';
import { signingIdentity } from './certificates/store';
import { addSignature } from './add-signature';
import { tsaUrlOf } from './timestamp/tsa-setting';

/**
 * Adds an ECMA-376 package signature to an exported .docx with the organisation's active
 * signing certificate. Callers check first that the record may be signed (a signed agreement
 * version, an attested protocol). Throws a clear INVALID_STATE error when no certificate is
 * chosen, it is expired or not yet valid, or the keystore is locked. The signing itself runs
 * in a worker thread (add-signature.ts), off the dispatcher's thread. With a TSA set, the
 * signature gets an RFC 3161 timestamp unless the user chose to sign without one after the
 * TSA failed (TIMESTAMP_FAILED, see timestamp/trusted-time.ts).
 */
export async function signExport(ctx: Ctx, bytes: Uint8Array, withoutTimestamp = false): Promise<Uint8Array> {
  const signed = await addSignature(
    bytes,
    signingIdentity(ctx),
    ctx.clock.now(),
    {},
    {
      tsaUrl: tsaUrlOf(ctx),
      withoutTimestamp,
    },
  );
  return signed.bytes;
}
