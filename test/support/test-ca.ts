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

/** A certificate for `commonName` that expired some weeks ago, from a CA that has expired too. */
export function expiredCertificate(commonName: string): IssuedCertificate {
  const now = Date.now();
  const ca = issueCertificate({
    commonName: 'Gammal CA',
    organisation: 'X',
    notBefore: new Date(now - 9e10),
    notAfter: new Date(now - 1e9),
    ca: true,
  });
  return issueCertificate({
    commonName,
    organisation: 'X',
    notBefore: new Date(now - 8e10),
    notAfter: new Date(now - 2e9),
    ca: false,
    issuer: ca,
  });
}
