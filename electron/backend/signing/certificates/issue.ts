import crypto from 'node:crypto';
import forge from 'node-forge';

export interface IssuedCertificate {
  certificate: crypto.X509Certificate;
  privateKey: crypto.KeyObject;
}

export interface IssueRequest {
  commonName: string;
  organisation: string;
  notBefore: Date;
  notAfter: Date;
  ca: boolean;
  /** the issuing CA; a CA certificate without it is self-signed */
  issuer?: IssuedCertificate;
}

function randomSerial(): string {
  const bytes = crypto.randomBytes(16);
  bytes[0] &= 0x7f; // positive
  bytes[0] |= 0x10; // no leading zero byte, so DER and hex agree
  return bytes.toString('hex');
}

/**
 * Issues an RSA-2048 X.509 certificate. The key pair comes from node:crypto (forge's
 * pure-JS key generation takes seconds); forge only builds and signs the certificate.
 */
export function issueCertificate(request: IssueRequest): IssuedCertificate {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }) as string);
  cert.serialNumber = randomSerial();
  cert.validity.notBefore = request.notBefore;
  cert.validity.notAfter = request.notAfter;
  const subject = [
    { shortName: 'C', value: 'SE' },
    { shortName: 'O', value: request.organisation },
    { shortName: 'CN', value: request.commonName },
  ];
  cert.setSubject(subject);
  const issuerForge = request.issuer ? forge.pki.certificateFromPem(request.issuer.certificate.toString()) : null;
  cert.setIssuer(issuerForge ? issuerForge.subject.attributes : subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: request.ca, critical: true },
    request.ca
      ? { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true }
      : { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    { name: 'subjectKeyIdentifier' },
    ...(issuerForge ? [{ name: 'authorityKeyIdentifier', keyIdentifier: issuerForge.generateSubjectKeyIdentifier().getBytes() }] : []),
  ]);
  const signer = request.issuer ? request.issuer.privateKey : privateKey;
  cert.sign(forge.pki.privateKeyFromPem(signer.export({ type: 'pkcs8', format: 'pem' }) as string) as forge.pki.rsa.PrivateKey, forge.md.sha256.create());
  return { certificate: new crypto.X509Certificate(forge.pki.certificateToPem(cert)), privateKey };
}
