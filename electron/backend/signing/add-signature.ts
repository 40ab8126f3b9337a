import type { SignatureStatement, SigningIdentity } from './opc/sign-package';
import { signOffThread } from './worker/sign-pool';
import { withTrustedTime, type TimedSignature, type TrustedTimeRequest } from './timestamp/trusted-time';

/**
 * The one way every signing flow adds a signature: the organisation's signed exports and seal,
 * a person signing here, and a co-signature with a PKCS#12 file (`samrad sign`, "Sign a
 * document"). The signature is made off the dispatcher's thread, then timestamped by the TSA
 * when one is asked for; a TSA failure throws TIMESTAMP_FAILED before the caller records anything.
 */
export async function addSignature(
  bytes: Uint8Array,
  identity: SigningIdentity,
  now: Date,
  statement: SignatureStatement,
  trustedTime: TrustedTimeRequest,
): Promise<TimedSignature> {
  const signed = await signOffThread(bytes, identity, now, statement);
  return withTrustedTime(bytes, signed, now, trustedTime);
}
