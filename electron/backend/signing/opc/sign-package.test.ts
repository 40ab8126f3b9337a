import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Document, Paragraph, TextRun } from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { packDocx } from '../../export/pack';
import { readPkcs12 } from '../certificates/pkcs12';
import { testCa } from '../../../../test/support/test-ca';
import { xmlsecVerify } from '../../../../test/support/xmlsec';
import { coSignedProtocol } from '../../../../test/support/co-signed-package';
import { signPackage } from './sign-package';
import { verifyPackage } from './verify-package';

const NOW = new Date('2026-03-14T10:15:00Z');
const { ca, signer } = testCa(NOW);
const trusted = [ca.certificate];
const caPem = ca.certificate.toString();

let unsigned: Uint8Array;
let signed: Uint8Array;

beforeAll(async () => {
  const document = new Document({
    sections: [
      {
        children: [
          new Paragraph({ children: [new TextRun({ text: 'Protokoll Chefssamrådet', bold: true })] }),
          new Paragraph({ children: [new TextRun('§ 1 Chefssamrådet beslutar att godkänna dagordningen.')] }),
        ],
      },
    ],
  });
  unsigned = await packDocx(document);
  signed = signPackage(
    unsigned,
    { certificate: signer.certificate, privateKey: signer.privateKey, chain: [ca.certificate] },
    NOW,
  );
});

/** Unzips, changes one part (null removes it), zips again. */
function tamper(bytes: Uint8Array, part: string, change: ((text: string) => string) | null): Uint8Array {
  const parts = unzipSync(bytes);
  expect(parts[part], `${part} exists`).toBeDefined();
  if (change === null) delete parts[part];
  else {
    const before = strFromU8(parts[part]);
    const after = change(before);
    expect(after, `tamper changed ${part}`).not.toBe(before);
    parts[part] = strToU8(after);
  }
  return zipSync(parts);
}

describe('OPC package signature', () => {
  it('writes the signature parts, relationships and content types', () => {
    const parts = unzipSync(signed);
    expect(Object.keys(parts)).toEqual(
      expect.arrayContaining([
        '_xmlsignatures/origin.sigs',
        '_xmlsignatures/sig1.xml',
        '_xmlsignatures/_rels/origin.sigs.rels',
      ]),
    );
    expect(strFromU8(parts['_rels/.rels'])).toContain(
      'relationships/digital-signature/origin" Target="_xmlsignatures/origin.sigs"',
    );
    expect(strFromU8(parts['_xmlsignatures/_rels/origin.sigs.rels'])).toContain(
      'digital-signature/signature" Target="sig1.xml"',
    );
    const types = strFromU8(parts['[Content_Types].xml']);
    expect(types).toContain(
      'Extension="sigs" ContentType="application/vnd.openxmlformats-package.digital-signature-origin"',
    );
    expect(types).toContain(
      'PartName="/_xmlsignatures/sig1.xml" ContentType="application/vnd.openxmlformats-package.digital-signature-xmlsignature+xml"',
    );
    for (const rels of Object.keys(parts).filter((p) => p.endsWith('.rels')))
      expect(strFromU8(parts[rels]).replace(/^<\?xml[^>]*>\s*/, ''), rels).not.toMatch(/>\s+</);
    const sig = strFromU8(parts['_xmlsignatures/sig1.xml']);
    expect(sig).toContain('http://www.w3.org/2001/04/xmldsig-more#rsa-sha256');
    expect(sig).toContain('http://schemas.openxmlformats.org/package/2006/RelationshipTransform');
    expect(sig).toContain('<mdssi:Value>2026-03-14T10:15:00Z</mdssi:Value>');
    expect(sig).toContain('<xd:SigningTime>2026-03-14T10:15:00Z</xd:SigningTime>');
    expect(sig).toContain(
      `<X509SerialNumber>${BigInt(`0x${signer.certificate.serialNumber}`).toString(10)}</X509SerialNumber>`,
    );
    expect(sig).toContain(crypto.createHash('sha256').update(signer.certificate.raw).digest('base64'));
    expect(sig).not.toContain('URI="/docProps/core.xml');
    expect(sig).not.toContain('URI="/docProps/app.xml');
    expect(sig).toContain(
      'URI="/word/document.xml?ContentType=application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"',
    );
  });

  it('verifies with Samråd and with xmlsec1, every reference counted', () => {
    const report = verifyPackage(signed, { trusted });
    expect(report.signed).toBe(true);
    expect(report.valid).toBe(true);
    const [signature] = report.signatures;
    expect(signature.problems).toEqual([]);
    expect(signature.signatureValueOk).toBe(true);
    expect(signature.trusted).toBe(true);
    expect(signature.certificate?.subject).toBe('CN=Testkommunen signerare, O=Testkommunen, C=SE');
    expect(signature.certificate?.issuer).toBe('CN=Testkommunen test-CA, O=Testkommunen, C=SE');
    expect(signature.signingTime).toBe('2026-03-14T10:15:00Z');
    expect(signature.signingCertificateOk).toBe(true);
    expect(signature.references.every((r) => r.ok)).toBe(true);
    expect(signature.references.map((r) => r.part)).toContain('word/document.xml');

    const xmlsec = xmlsecVerify(signed, caPem, NOW);
    expect(xmlsec.output).toMatch(/^OK$/m);
    expect(xmlsec.signedInfo).toEqual({ ok: 3, all: 3 });
    expect(xmlsec.manifests?.ok).toBe(xmlsec.manifests?.all);
    expect(xmlsec.manifests?.all).toBe(signature.references.filter((r) => r.part !== null).length);
    expect(xmlsec.valid).toBe(true);
  });

  it('is not trusted without the CA, but still intact', () => {
    const report = verifyPackage(signed, { trusted: [] });
    expect(report.valid).toBe(true);
    expect(report.signatures[0].trusted).toBe(false);
  });

  const cases: Array<[string, string, ((t: string) => string) | null, RegExp]> = [
    [
      'body text',
      'word/document.xml',
      (t) => t.replace('beslutar att godkänna', 'beslutar att avslå'),
      /word\/document\.xml: changed after signing/,
    ],
    [
      'a relationship target',
      'word/_rels/document.xml.rels',
      (t) => t.replace('Target="styles.xml"', 'Target="numbering.xml"'),
      /word\/_rels\/document\.xml\.rels: changed after signing/,
    ],
    [
      'the XAdES signing time',
      '_xmlsignatures/sig1.xml',
      (t) => t.replace('<xd:SigningTime>2026-03-14T10:15:00Z', '<xd:SigningTime>2026-03-01T10:15:00Z'),
      /#idSignedProperties/,
    ],
    [
      'the package signature time',
      '_xmlsignatures/sig1.xml',
      (t) => t.replace('<mdssi:Value>2026-03-14T10:15:00Z', '<mdssi:Value>2026-03-01T10:15:00Z'),
      /#idPackageObject/,
    ],
    ['a removed part', 'word/styles.xml', null, /word\/styles\.xml: the signed part has been removed/],
  ];
  for (const [what, part, change, problem] of cases) {
    it(`reports ${what} changed after signing as invalid (Samråd and xmlsec1)`, () => {
      const changed = tamper(signed, part, change);
      const report = verifyPackage(changed, { trusted });
      expect(report.signed).toBe(true);
      expect(report.valid).toBe(false);
      expect(report.signatures[0].problems.join('\n')).toMatch(problem);
      const xmlsec = xmlsecVerify(changed, caPem, NOW);
      expect(xmlsec.valid, xmlsec.output.slice(0, 400)).toBe(false);
    });
  }

  it('stays valid when only the core properties change (Samråd and xmlsec1)', () => {
    const changed = tamper(signed, 'docProps/core.xml', (t) =>
      t
        .replace(/<dc:creator>[^<]*<\/dc:creator>|<dc:creator\/>/, '<dc:creator>Någon annan</dc:creator>')
        .replace('</cp:coreProperties>', '<dc:title>Ny titel</dc:title></cp:coreProperties>'),
    );
    expect(verifyPackage(changed, { trusted }).valid).toBe(true);
    expect(xmlsecVerify(changed, caPem, NOW).valid).toBe(true);
  });

  it('reports a part added after signing as not covered', () => {
    const parts = unzipSync(signed);
    parts['word/media/extra.png'] = new Uint8Array([1, 2, 3]);
    const report = verifyPackage(zipSync(parts), { trusted });
    expect(report.valid).toBe(false);
    expect(report.signatures[0].uncoveredParts).toEqual(['word/media/extra.png']);
  });

  it('says unsigned for a document without a signature', () => {
    const report = verifyPackage(unsigned);
    expect(report).toMatchObject({ signed: false, valid: false, signatures: [] });
  });

  it('refuses a second signature by the same certificate and a key that is not the certificate’s', () => {
    expect(() => signPackage(signed, { certificate: signer.certificate, privateKey: signer.privateKey }, NOW)).toThrow(
      /already carries a signature by this certificate/,
    );
    expect(() => signPackage(unsigned, { certificate: signer.certificate, privateKey: ca.privateKey }, NOW)).toThrow(
      /does not belong/,
    );
  });

  it('signs with ECDSA P-256 from a PKCS#12 made by OpenSSL; both verifiers agree', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samrad-ec-'));
    try {
      const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
      run('ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'ca.key');
      run(
        'req',
        '-x509',
        '-new',
        '-key',
        'ca.key',
        '-subj',
        '/C=SE/O=EC-test/CN=EC test-CA',
        '-days',
        '3650',
        '-out',
        'ca.pem',
        '-addext',
        'basicConstraints=critical,CA:TRUE',
        '-addext',
        'keyUsage=critical,keyCertSign,cRLSign',
      );
      run('ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'ee.key');
      run('req', '-new', '-key', 'ee.key', '-subj', '/C=SE/O=EC-test/CN=EC signerare', '-out', 'ee.csr');
      fs.writeFileSync(
        path.join(dir, 'ee.ext'),
        'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n',
      );
      run(
        'x509',
        '-req',
        '-in',
        'ee.csr',
        '-CA',
        'ca.pem',
        '-CAkey',
        'ca.key',
        '-CAcreateserial',
        '-days',
        '3650',
        '-extfile',
        'ee.ext',
        '-out',
        'ee.pem',
      );
      run(
        'pkcs12',
        '-export',
        '-inkey',
        'ee.key',
        '-in',
        'ee.pem',
        '-certfile',
        'ca.pem',
        '-passout',
        'pass:hemligt',
        '-out',
        'ee.p12',
      );
      const p12 = readPkcs12(fs.readFileSync(path.join(dir, 'ee.p12')), 'hemligt');
      expect(p12.privateKey.asymmetricKeyType).toBe('ec');
      expect(p12.chain).toHaveLength(1);
      const now = new Date();
      const ecSigned = signPackage(unsigned, p12, now);
      expect(strFromU8(unzipSync(ecSigned)['_xmlsignatures/sig1.xml'])).toContain('xmldsig-more#ecdsa-sha256');
      const ecCa = new crypto.X509Certificate(fs.readFileSync(path.join(dir, 'ca.pem')));
      const report = verifyPackage(ecSigned, { trusted: [ecCa] });
      expect(report.signatures[0].problems).toEqual([]);
      expect(report.signatures[0].trusted).toBe(true);
      const xmlsec = xmlsecVerify(ecSigned, ecCa.toString(), now);
      expect(xmlsec.valid, xmlsec.output.slice(0, 400)).toBe(true);
      const tampered = tamper(ecSigned, 'word/document.xml', (t) => t.replace('godkänna', 'avslå'));
      expect(verifyPackage(tampered, { trusted: [ecCa] }).valid).toBe(false);
      expect(xmlsecVerify(tampered, ecCa.toString(), now).valid).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('co-signatures', () => {
  it('three people sign the same package: sig1–sig3 each cover the same parts, no signed part changes, all verify in Samråd and xmlsec1', async () => {
    const { ca: ca3, signers, unsigned: frozen, stages, comment } = await coSignedProtocol(NOW);
    const final = unzipSync(stages[2]);
    expect(
      Object.keys(final)
        .filter((p) => /^_xmlsignatures\/sig\d+\.xml$/.test(p))
        .sort(),
    ).toEqual(['_xmlsignatures/sig1.xml', '_xmlsignatures/sig2.xml', '_xmlsignatures/sig3.xml']);
    // every part the first signature covers stays byte for byte as it was
    const first = unzipSync(stages[0]);
    for (const [name, data] of Object.entries(first)) {
      if (name === '[Content_Types].xml' || name === '_xmlsignatures/_rels/origin.sigs.rels') continue;
      expect(Buffer.from(final[name]).equals(Buffer.from(data)), name).toBe(true);
    }
    // and the frozen document's parts too (the package relationships gain only the origin)
    for (const [name, data] of Object.entries(unzipSync(frozen))) {
      if (name === '[Content_Types].xml' || name === '_rels/.rels') continue;
      expect(Buffer.from(final[name]).equals(Buffer.from(data)), name).toBe(true);
    }
    expect(strFromU8(final['_xmlsignatures/_rels/origin.sigs.rels'])).toContain('Target="sig3.xml"');
    expect(strFromU8(final['[Content_Types].xml'])).toContain('PartName="/_xmlsignatures/sig3.xml"');

    const report = verifyPackage(stages[2], { trusted: [ca3.certificate] });
    expect(report.signatures.map((s) => s.problems)).toEqual([[], [], []]);
    expect(report.verdict).toBe('trusted');
    expect(report.signatures.map((s) => s.certificate?.subject)).toEqual(
      signers.map((s) => expect.stringContaining(s.name)),
    );
    const manifests = report.signatures.map((s) =>
      s.references
        .filter((r) => r.part !== null)
        .map((r) => r.part)
        .sort(),
    );
    expect(manifests[1]).toEqual(manifests[0]);
    expect(manifests[2]).toEqual(manifests[0]);

    for (const [i, s] of signers.entries()) {
      const xml = strFromU8(final[`_xmlsignatures/sig${i + 1}.xml`]);
      expect(xml).toContain(`<xd:ClaimedRole>${s.role}</xd:ClaimedRole>`);
      expect(xml).toContain('<xd:Identifier>http://uri.etsi.org/01903/v1.2.2#ProofOfApproval</xd:Identifier>');
      expect(xml).toContain(`<xd:CommitmentTypeQualifier>${comment}</xd:CommitmentTypeQualifier>`);
      const xmlsec = xmlsecVerify(stages[2], ca3.certificate.toString(), NOW, `_xmlsignatures/sig${i + 1}.xml`);
      expect(xmlsec.valid, xmlsec.output.slice(0, 400)).toBe(true);
    }
  });

  it('a co-signature never hides a change: a part changed after the first signature fails every signature', async () => {
    const { ca: ca3, stages } = await coSignedProtocol(NOW);
    const tampered = tamper(stages[1], 'word/document.xml', (t) => t.replace('godkänna', 'avslå'));
    const report = verifyPackage(tampered, { trusted: [ca3.certificate] });
    expect(report.verdict).toBe('invalid');
    expect(report.signatures.map((s) => s.valid)).toEqual([false, false]);
  });

  it('co-signs with a certificate from another CA: both signatures verify, each against its own anchor', async () => {
    const { ca: ca3, signers, stages } = await coSignedProtocol(NOW, [{ name: 'Anna Ordförande', role: 'Ordförande' }]);
    const other = signPackage(
      stages[0],
      { certificate: signer.certificate, privateKey: signer.privateKey, chain: [ca.certificate] },
      NOW,
      { role: 'Justerare', commitment: 'approval' },
    );
    const report = verifyPackage(other, { trusted: [ca3.certificate, ca.certificate] });
    expect(report.signatures.map((s) => s.problems)).toEqual([[], []]);
    expect(report.signatures[0].certificate?.subject).toContain(signers[0].name);
  });
});
