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
 * pure-JS key generation takes seconds); forge only lays out the certificate, and the
 * signature is made by node:crypto too (forge's JavaScript RSA is slow and blocks the thread).
 */
export function issueCertificate(request: IssueRequest): IssuedCertificate {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  return buildCertificate(request, privateKey, publicKey);
}

/**
 * The same, for the backend: the key pair is generated on libuv's thread pool, so the
 * dispatcher keeps answering other calls while a certificate is made.
 */
export async function issueCertificateAsync(request: IssueRequest): Promise<IssuedCertificate> {
  const { privateKey, publicKey } = await generateRsaKeyPair();
  return buildCertificate(request, privateKey, publicKey);
}

function generateRsaKeyPair(): Promise<{ privateKey: crypto.KeyObject; publicKey: crypto.KeyObject }> {
  return new Promise((resolve, reject) =>
    crypto.generateKeyPair('rsa', { modulusLength: 2048 }, (error, publicKey, privateKey) =>
      error ? reject(error) : resolve({ publicKey, privateKey }),
    ),
  );
}

/**
 * RFC 5280: a name that is not PrintableString (A–Z, a–z, 0–9 and a few marks) is a UTF8String.
 * forge writes PrintableString by default, with å, ä, ö, "–" or "Ł" as raw bytes that
 * LibreOffice shows as "S�dert�lje" and OpenSSL refuses.
 */
const PRINTABLE = /^[A-Za-z0-9 '()+,\-./:=?]*$/;
// forge's type definitions call the tag an asn1.Class; at run time it is the universal type number
const nameTag = (value: string) =>
  (PRINTABLE.test(value) ? forge.asn1.Type.PRINTABLESTRING : forge.asn1.Type.UTF8) as unknown as forge.asn1.Class;
const isUtf8 = (a: forge.pki.CertificateField) => (a.valueTagClass as unknown) === forge.asn1.Type.UTF8;

function buildCertificate(
  request: IssueRequest,
  privateKey: crypto.KeyObject,
  publicKey: crypto.KeyObject,
): IssuedCertificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }) as string);
  cert.serialNumber = randomSerial();
  cert.validity.notBefore = request.notBefore;
  cert.validity.notAfter = request.notAfter;
  const subject: forge.pki.CertificateField[] = [
    { shortName: 'C', value: 'SE' },
    { shortName: 'O', value: request.organisation, valueTagClass: nameTag(request.organisation) },
    { shortName: 'CN', value: request.commonName, valueTagClass: nameTag(request.commonName) },
  ];
  cert.setSubject(subject);
  const issuerForge = request.issuer ? forge.pki.certificateFromPem(request.issuer.certificate.toString()) : null;
  // forge reads a UTF8String as its UTF-8 bytes and would encode them again: the issuer must be the CA's subject, byte for byte
  const issuerName = issuerForge?.subject.attributes.map((a) =>
    isUtf8(a) ? { ...a, value: forge.util.decodeUtf8(a.value as string) } : a,
  );
  cert.setIssuer(issuerName ?? subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: request.ca, critical: true },
    request.ca
      ? { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true }
      : { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    { name: 'subjectKeyIdentifier' },
    ...(issuerForge
      ? [{ name: 'authorityKeyIdentifier', keyIdentifier: issuerForge.generateSubjectKeyIdentifier().getBytes() }]
      : []),
  ]);
  const signer = request.issuer ? request.issuer.privateKey : privateKey;
  // what cert.sign(key, sha256) does, with the RSA operation in native code
  const oid = forge.pki.oids.sha256WithRSAEncryption;
  cert.signatureOid = oid;
  cert.siginfo.algorithmOid = oid;
  cert.md = forge.md.sha256.create();
  // getTBSCertificate is part of forge's API (x509.js) but missing from its type definitions
  cert.tbsCertificate = (
    forge.pki as unknown as { getTBSCertificate(c: forge.pki.Certificate): forge.asn1.Asn1 }
  ).getTBSCertificate(cert);
  const tbs = Buffer.from(forge.asn1.toDer(cert.tbsCertificate).getBytes(), 'binary');
  cert.signature = crypto.sign('sha256', tbs, signer).toString('binary');
  return { certificate: new crypto.X509Certificate(forge.pki.certificateToPem(cert)), privateKey };
}
