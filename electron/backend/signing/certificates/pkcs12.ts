import crypto from 'node:crypto';
import forge from 'node-forge';
import { AppError } from '../../../../shared/errors';

export interface Pkcs12Contents {
  certificate: crypto.X509Certificate;
  privateKey: crypto.KeyObject;
  /** the other certificates in the file: issuers, nearest first where they can be ordered */
  chain: crypto.X509Certificate[];
}

function invalid(field: string, key: string, message: string): AppError {
  return new AppError('VALIDATION', message, { fields: { [field]: key } });
}

function bagCertificate(bag: forge.pkcs12.Bag): crypto.X509Certificate | null {
  // forge cannot read certificates with EC keys, but keeps their ASN.1; node reads both.
  const asn1 = bag.cert ? forge.pki.certificateToAsn1(bag.cert) : (bag as unknown as { asn1?: forge.asn1.Asn1 }).asn1;
  if (!asn1) return null;
  return new crypto.X509Certificate(Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary'));
}

function bagKey(bag: forge.pkcs12.Bag): crypto.KeyObject | null {
  if (bag.key) return crypto.createPrivateKey(forge.pki.privateKeyToPem(bag.key));
  // forge only turns RSA keys into objects; for others it leaves the PrivateKeyInfo ASN.1
  const asn1 = (bag as unknown as { asn1?: forge.asn1.Asn1 }).asn1;
  if (!asn1) return null;
  return crypto.createPrivateKey({
    key: Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary'),
    format: 'der',
    type: 'pkcs8',
  });
}

/**
 * Reads a PKCS#12 (.p12/.pfx) file: the one certificate that has its private key in the
 * file, and any issuer certificates. Wrong password, no key, several keys → clear errors.
 */
const wrongPassword = (error: unknown) =>
  /MAC could not be verified|Invalid password|decrypt/i.test((error as Error).message);

/**
 * Opens the PFX with a password typed as Unicode text. PKCS#12 uses the password twice, in two
 * encodings: its MAC and its PKCS#12 PBE ciphers (3DES, RC2) derive keys from the BMPString
 * (UTF-16) of the characters, which forge builds from a JS string correctly; PBES2 ciphers
 * (OpenSSL 3's default, AES with PBKDF2) take the password's UTF-8 bytes, while forge takes a
 * string as bytes one per char. So a password like "lösen" opens the MAC and fails the cipher:
 * then the file is opened again with the UTF-8 bytes, its MAC (already checked) left out.
 */
function openPfx(der: string, password: string): forge.pkcs12.Pkcs12Pfx {
  const asn1 = () => forge.asn1.fromDer(forge.util.createBuffer(der));
  try {
    return forge.pkcs12.pkcs12FromAsn1(asn1(), false, password);
  } catch (error) {
    const ascii = [...password].every((c) => c.charCodeAt(0) < 0x80);
    if (ascii || /MAC could not be verified/.test((error as Error).message)) throw error;
  }
  const pfx = asn1();
  const checked = { ...pfx, value: (pfx.value as forge.asn1.Asn1[]).slice(0, 2) };
  return forge.pkcs12.pkcs12FromAsn1(checked, false, forge.util.encodeUtf8(password));
}

export function readPkcs12(bytes: Uint8Array, password: string): Pkcs12Contents {
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    try {
      p12 = openPfx(Buffer.from(bytes).toString('binary'), password);
    } catch (error) {
      if (wrongPassword(error))
        throw invalid('password', 'signing.validation.wrong_p12_password', 'The PKCS#12 password is not correct');
      throw error;
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw invalid(
      'fileBase64',
      'signing.validation.not_pkcs12',
      `The file is not a readable PKCS#12 file: ${(error as Error).message}`,
    );
  }
  const certificates: crypto.X509Certificate[] = [];
  const keys: crypto.KeyObject[] = [];
  for (const content of p12.safeContents) {
    for (const bag of content.safeBags) {
      try {
        if (bag.type === forge.pki.oids.certBag) {
          const cert = bagCertificate(bag);
          if (cert) certificates.push(cert);
        } else if (bag.type === forge.pki.oids.pkcs8ShroudedKeyBag || bag.type === forge.pki.oids.keyBag) {
          const key = bagKey(bag);
          if (key) keys.push(key);
        }
      } catch (error) {
        throw invalid(
          'fileBase64',
          'signing.validation.not_pkcs12',
          `A part of the PKCS#12 file cannot be read: ${(error as Error).message}`,
        );
      }
    }
  }
  if (keys.length === 0)
    throw invalid(
      'fileBase64',
      'signing.validation.no_private_key',
      'The PKCS#12 file holds no private key: a signing certificate needs one',
    );
  const pairs = certificates.flatMap((certificate) =>
    keys.filter((k) => certificate.checkPrivateKey(k)).map((privateKey) => ({ certificate, privateKey })),
  );
  if (pairs.length === 0)
    throw invalid(
      'fileBase64',
      'signing.validation.no_private_key',
      'No certificate in the PKCS#12 file matches its private key',
    );
  const { certificate, privateKey } = pairs[0];
  const others = certificates.filter((c) => c.fingerprint256 !== certificate.fingerprint256);
  const chain: crypto.X509Certificate[] = [];
  let current = certificate;
  while (chain.length < others.length) {
    const issuer = others.find(
      (c) => !chain.includes(c) && current.checkIssued(c) && c.fingerprint256 !== current.fingerprint256,
    );
    if (!issuer) break;
    chain.push(issuer);
    current = issuer;
  }
  return { certificate, privateKey, chain: [...chain, ...others.filter((c) => !chain.includes(c))] };
}

/** A CA certificate file, PEM or DER. */
export function readCertificateFile(bytes: Uint8Array, field = 'fileBase64'): crypto.X509Certificate {
  try {
    return new crypto.X509Certificate(Buffer.from(bytes));
  } catch {
    throw invalid(field, 'signing.validation.not_certificate', 'The file is not an X.509 certificate (PEM or DER)');
  }
}
