import crypto from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import forge from 'node-forge';
import { testBackend, type TestBackend } from '../../../../test/support/backend';
import { issueCertificate } from './issue';

let b: TestBackend;
beforeEach(async () => void (b = await testBackend('2026-03-14T10:00:00Z')));
afterEach(() => b.cleanup());

/** The ASN.1 string type and text of each attribute of a certificate's subject, read from its DER. */
function subjectTypes(certificate: crypto.X509Certificate): Array<[string, number, string]> {
  const parsed = forge.pki.certificateFromAsn1(forge.asn1.fromDer(certificate.raw.toString('binary')));
  return parsed.subject.attributes.map((a) => {
    const type = a.valueTagClass as unknown as number;
    return [
      a.shortName!,
      type,
      type === forge.asn1.Type.UTF8 ? forge.util.decodeUtf8(a.value as string) : (a.value as string),
    ];
  });
}

describe('certificate names (RFC 5280)', () => {
  it('writes names with å, ä, ö, dashes, curly quotes or Ł as UTF8String, plain ones as PrintableString', () => {
    const now = new Date('2026-03-14T10:00:00Z');
    const until = new Date('2028-03-14T10:00:00Z');
    const ca = issueCertificate({
      commonName: 'Södertälje kommun – lokal CA',
      organisation: 'Södertälje kommun',
      notBefore: now,
      notAfter: until,
      ca: true,
    });
    const signer = issueCertificate({
      commonName: 'Łukasz O’Brien',
      organisation: 'Sodertalje kommun',
      notBefore: now,
      notAfter: until,
      ca: false,
      issuer: ca,
    });
    expect(subjectTypes(ca.certificate)).toEqual([
      ['C', forge.asn1.Type.PRINTABLESTRING, 'SE'],
      ['O', forge.asn1.Type.UTF8, 'Södertälje kommun'],
      ['CN', forge.asn1.Type.UTF8, 'Södertälje kommun – lokal CA'],
    ]);
    expect(subjectTypes(signer.certificate)).toEqual([
      ['C', forge.asn1.Type.PRINTABLESTRING, 'SE'],
      ['O', forge.asn1.Type.PRINTABLESTRING, 'Sodertalje kommun'],
      ['CN', forge.asn1.Type.UTF8, 'Łukasz O’Brien'],
    ]);
    // the issuer is the CA's subject byte for byte, so chains are built by name
    expect(signer.certificate.issuer).toBe(ca.certificate.subject);
    expect(signer.certificate.checkIssued(ca.certificate)).toBe(true);
    expect(signer.certificate.verify(ca.certificate.publicKey)).toBe(true);
  });

  it('creates a local certificate for any Unicode organisation name', async () => {
    const created = await b.call('certificates.createLocal', {
      organisation: 'Ängelholms räddningstjänst – Łódź’s vänort',
      passphrase: 'en lång lösenfras',
    });
    expect(created.subject).toContain('Ängelholms räddningstjänst – Łódź’s vänort');
  });
});

describe('trust anchors', () => {
  it('refuses an end-entity certificate (CA:FALSE) as a trust anchor, accepts a CA', async () => {
    const now = new Date('2026-03-14T10:00:00Z');
    const until = new Date('2028-03-14T10:00:00Z');
    const ca = issueCertificate({
      commonName: 'Polisen Syd CA',
      organisation: 'Polisen',
      notBefore: now,
      notAfter: until,
      ca: true,
    });
    const signer = issueCertificate({
      commonName: 'Polisen Syd signering',
      organisation: 'Polisen',
      notBefore: now,
      notAfter: until,
      ca: false,
      issuer: ca,
    });
    const asFile = (c: crypto.X509Certificate) => Buffer.from(c.toString()).toString('base64');
    expect(await b.fail('certificates.importTrusted', { fileBase64: asFile(signer.certificate) })).toMatchObject({
      code: 'VALIDATION',
      params: { reason: 'signing.errors.not_a_ca' },
    });
    expect(await b.call('certificates.list', {})).toEqual([]);
    expect(await b.call('certificates.importTrusted', { fileBase64: asFile(ca.certificate) })).toMatchObject({
      role: 'ca',
      trusted: true,
    });
  });
});
