import { issueCertificate, type IssuedCertificate } from '../../electron/backend/signing/certificates/issue';

/** A CA and a signing certificate it issued, valid a year around `now`: made fresh in each test. */
export function testCa(now: Date, organisation = 'Testkommunen'): { ca: IssuedCertificate; signer: IssuedCertificate } {
  const from = new Date(now.getTime() - 30 * 86400e3);
  const to = new Date(now.getTime() + 365 * 86400e3);
  const ca = issueCertificate({
    commonName: `${organisation} test-CA`,
    organisation,
    notBefore: from,
    notAfter: to,
    ca: true,
  });
  const signer = issueCertificate({
    commonName: `${organisation} signerare`,
    organisation,
    notBefore: from,
    notAfter: to,
    ca: false,
    issuer: ca,
  });
  return { ca, signer };
}
