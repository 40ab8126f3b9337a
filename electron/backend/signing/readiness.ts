import type { Ctx } from '../context';
import type { SigningReadiness } from '../../../shared/contract/signing';
import { keystoreStatus, listCertificates } from './certificates/store';

/**
 * Whether the organisation can sign now and, if not, the first thing in the way, in the order
 * the user fixes them: choose a certificate, one valid on this backend's clock, then unlock the
 * keystore that holds its key. The export refuses on the same facts.
 */
export function signingReadiness(ctx: Ctx): SigningReadiness {
  const status = keystoreStatus(ctx);
  const certificate = listCertificates(ctx).find((c) => c.id === status.activeCertificateId) ?? null;
  const passphraseSet = status.passphraseSet;
  if (!certificate) return { state: 'noCertificate', passphraseSet };
  const state = certificate.validity !== 'valid' ? certificate.validity : status.unlocked ? 'ready' : 'locked';
  return { state, certificate, passphraseSet };
}
