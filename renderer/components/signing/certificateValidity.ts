import type { StoredCertificate } from '../../../shared/contract/signing';

export type CertificateValidity = 'valid' | 'expired' | 'notYetValid';

/** Whether a certificate can sign at `now` (ISO time); the backend refuses outside its validity. */
export function certificateValidity(
  c: Pick<StoredCertificate, 'validFrom' | 'validTo'>,
  now: string,
): CertificateValidity {
  return now < c.validFrom ? 'notYetValid' : now > c.validTo ? 'expired' : 'valid';
}
