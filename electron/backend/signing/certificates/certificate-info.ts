import type crypto from 'node:crypto';
import type { CertificateInfo } from '../../../../shared/contract/signing';

/** Node prints names one attribute a line, most general first; people read them most specific first. */
export function readableName(name: string): string {
  return name.split('\n').filter(Boolean).reverse().join(', ');
}

export function certificateInfo(cert: crypto.X509Certificate): CertificateInfo {
  return {
    subject: readableName(cert.subject),
    issuer: readableName(cert.issuer),
    validFrom: new Date(cert.validFrom).toISOString(),
    validTo: new Date(cert.validTo).toISOString(),
    fingerprint: cert.fingerprint256,
    serialNumber: cert.serialNumber,
  };
}
