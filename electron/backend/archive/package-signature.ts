import crypto from 'node:crypto';
import forge from 'node-forge';
import type { SigningIdentity } from '../signing/opc/sign-package';
import { archiveFindings, type ArchiveFindings } from './problems';

/*
 * The package's own signature: a detached CMS (PKCS#7) SignedData over SHA256SUMS by the
 * organisation's certificate, DER, as `SHA256SUMS.p7s`. CMS because every archive toolbox has
 * a checker for it (`openssl cms -verify`), decades from now as today. forge lays out the
 * structure; the RSA signature itself is made by node:crypto (forge's JavaScript RSA is slow).
 */

/** DigestInfo prefix for SHA-256 (RFC 8017 §9.2): RSASSA-PKCS1-v1_5 signs prefix ‖ hash. */
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

type Node = forge.asn1.Asn1;
const kids = (n: Node | undefined): Node[] => (n && Array.isArray(n.value) ? (n.value as Node[]) : []);
const toForge = (certificate: crypto.X509Certificate) => forge.pki.certificateFromPem(certificate.toString());

export function signSums(sums: Uint8Array, identity: SigningIdentity, at: Date): Uint8Array {
  const p7 = forge.pkcs7.createSignedData();
  p7.content = forge.util.createBuffer(Buffer.from(sums).toString('binary'));
  const signer = toForge(identity.certificate);
  p7.addCertificate(signer);
  for (const c of identity.chain ?? []) p7.addCertificate(toForge(c));
  const key = {
    sign(md: forge.md.MessageDigest) {
      const hash = Buffer.from(md.digest().getBytes(), 'binary');
      const signature = crypto.privateEncrypt(
        { key: identity.privateKey, padding: crypto.constants.RSA_PKCS1_PADDING },
        Buffer.concat([SHA256_DIGEST_INFO, hash]),
      );
      return signature.toString('binary');
    },
  };
  p7.addSigner({
    key: key as unknown as forge.pki.rsa.PrivateKey,
    certificate: signer,
    digestAlgorithm: forge.pki.oids.sha256,
    authenticatedAttributes: [
      { type: forge.pki.oids.contentType, value: forge.pki.oids.data },
      { type: forge.pki.oids.messageDigest },
      { type: forge.pki.oids.signingTime, value: at as unknown as string },
    ],
  });
  p7.sign({ detached: true });
  const asn1 = p7.toAsn1();
  // forge writes the signer's issuer name anew from its parsed attributes, which changes a
  // UTF8String name into another string type; openssl then finds no certificate matching
  // issuer+serial. The name is put back exactly as the certificate holds it (it is not signed).
  const signerInfo = kids(kids(kids(asn1)[1])[0]).at(-1)!;
  const issuerAndSerial = kids(kids(signerInfo)[0])[1];
  (issuerAndSerial.value as Node[])[0] = issuerName(identity.certificate);
  return new Uint8Array(Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary'));
}

/** The issuer Name of a certificate, as its DER holds it (tbsCertificate: [0] version, serial, algorithm, issuer). */
function issuerName(certificate: crypto.X509Certificate): Node {
  const tbs = kids(kids(forge.asn1.fromDer(forge.util.createBuffer(certificate.raw.toString('binary'))))[0]);
  const offset = tbs[0].tagClass === forge.asn1.Class.CONTEXT_SPECIFIC ? 1 : 0;
  return tbs[offset + 2];
}
const derOf = (n: Node) => Buffer.from(forge.asn1.toDer(n).getBytes(), 'binary');

export interface SumsSignatureCheck {
  /** the signature value holds over the signed attributes, and their message digest is SHA256SUMS's */
  valid: boolean;
  signer: crypto.X509Certificate | null;
  /** certificates the signature carries (the signer's and its issuers) */
  certificates: crypto.X509Certificate[];
  signingTime: string | null;
  found: ArchiveFindings;
}

const bytesOf = (n: Node | undefined) => Buffer.from(typeof n?.value === 'string' ? n.value : '', 'binary');
const oidOf = (n: Node | undefined) => (n && typeof n.value === 'string' ? forge.asn1.derToOid(n.value) : '');

/** Reads and checks a detached CMS signature over `sums`. Throws nothing: a problem is reported. */
export function checkSumsSignature(signature: Uint8Array, sums: Uint8Array): SumsSignatureCheck {
  const result: SumsSignatureCheck = {
    valid: false,
    signer: null,
    certificates: [],
    signingTime: null,
    found: archiveFindings(),
  };
  try {
    const root = forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(signature).toString('binary')), true);
    const [type, wrapped] = kids(root);
    if (oidOf(type) !== forge.pki.oids.signedData) throw new Error('not a CMS SignedData');
    const signedData = kids(kids(wrapped)[0]);
    const certificatesNode = signedData.find((n) => n.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && n.type === 0);
    result.certificates = kids(certificatesNode).map(
      (c) => new crypto.X509Certificate(Buffer.from(forge.asn1.toDer(c).getBytes(), 'binary')),
    );
    const signerInfos = kids(signedData.at(-1));
    if (signerInfos.length !== 1) throw new Error(`expected one signer, found ${signerInfos.length}`);
    const info = kids(signerInfos[0]);
    const serial = bytesOf(kids(info[1])[1]).toString('hex').replace(/^0+/, '').toUpperCase();
    const issuer = derOf(kids(info[1])[0]);
    // the signer is named by issuer and serial number (RFC 5652 §5.3), both exactly as the certificate holds them
    result.signer =
      result.certificates.find(
        (c) => c.serialNumber.replace(/^0+/, '').toUpperCase() === serial && derOf(issuerName(c)).equals(issuer),
      ) ?? null;
    if (!result.signer) throw new Error('the signer certificate is not in the signature');
    if (oidOf(kids(info[2])[0]) !== forge.pki.oids.sha256) throw new Error('the digest algorithm is not SHA-256');
    const attrs = info.find((n) => n.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && n.type === 0);
    if (!attrs) throw new Error('the signature has no signed attributes');
    let digest: Buffer | null = null;
    for (const attr of kids(attrs)) {
      const [oid, values] = kids(attr);
      const value = kids(values)[0];
      if (oidOf(oid) === forge.pki.oids.messageDigest) digest = bytesOf(value);
      if (oidOf(oid) === forge.pki.oids.signingTime && value) {
        const text = String(value.value);
        result.signingTime = (
          value.type === forge.asn1.Type.UTCTIME
            ? forge.asn1.utcTimeToDate(text)
            : forge.asn1.generalizedTimeToDate(text)
        ).toISOString();
      }
    }
    const expected = crypto.createHash('sha256').update(sums).digest();
    if (!digest || !digest.equals(expected)) result.found.add('sums_signature_digest_mismatch');
    // the signature is over the DER of the attributes as a SET (RFC 5652 §5.4), not the [0] IMPLICIT tag they are stored under
    const set = forge.asn1.create(forge.asn1.Class.UNIVERSAL, forge.asn1.Type.SET, true, kids(attrs));
    const signedBytes = Buffer.from(forge.asn1.toDer(set).getBytes(), 'binary');
    const value = bytesOf(info.at(-1));
    if (!crypto.verify('sha256', signedBytes, result.signer.publicKey, value))
      result.found.add('sums_signature_value_mismatch');
    result.valid = result.found.issues.length === 0;
  } catch (error) {
    result.found.add('sums_signature_unreadable', { detail: (error as Error).message });
  }
  return result;
}
