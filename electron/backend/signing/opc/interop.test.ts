import { spawnSync } from 'node:child_process';
import type crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Document, Paragraph, TextRun } from 'docx';
import { unzipSync } from 'fflate';
import { packDocx } from '../../export/pack';
import { testCa } from '../../../../test/support/test-ca';
import { coSignedProtocol } from '../../../../test/support/co-signed-package';
import { xmlsecVerify } from '../../../../test/support/xmlsec';
import { xmlsecCoSign } from '../../../../test/support/xmlsec-sign';
import { libreOfficeMissing, libreOfficeSignatures } from '../../../../test/support/libreoffice-signatures';
import { startLocalTsa, type LocalTsa } from '../../../../test/support/local-tsa';
import { requestTimestamp } from '../timestamp/tsa-client';
import { timestampPackageSignature } from '../timestamp/signature-timestamp';
import { signPackage } from './sign-package';
import { verifyPackage } from './verify-package';

/**
 * Interoperability: packages co-signed by Samråd and by an independent signer (stock
 * `xmlsec1 --sign`) verify in all three verifiers — Samråd, xmlsec1 (each signature's
 * "References (ok/all)") and LibreOffice (UNO SignatureIsValid per signature).
 */
const xmlsecMissing =
  spawnSync('xmlsec1', ['--version'], { encoding: 'utf8' }).status === 0 ? null : 'xmlsec1 is not installed';
const loMissing = libreOfficeMissing();
if (xmlsecMissing) console.warn(`[interop] skipped: ${xmlsecMissing}`);
else if (loMissing) console.warn(`[interop] LibreOffice checks skipped: ${loMissing}`);

// the local TSA stamps with the real clock
const NOW = new Date();
const { ca, signer } = testCa(NOW, 'Södertälje kommun');
const other = testCa(NOW, 'Södertörns brandförsvarsförbund');
const keyPem = (k: typeof signer.privateKey) => k.export({ type: 'pkcs8', format: 'pem' }) as string;
let unsigned: Uint8Array;
let tsa: LocalTsa;
/** set while checking a package of three Samråd signatures: LibreOffice's known result for the third and later */
let libreOfficeThirdFails: boolean | undefined;

const signatureParts = (docx: Uint8Array) =>
  Object.keys(unzipSync(docx))
    .filter((p) => /^_xmlsignatures\/sig\d+\.xml$/.test(p))
    .sort();

/** Every signature holds in every verifier, trusting `anchors` (by default both organisations' CAs and the TSA's root). */
function allThreeVerify(docx: Uint8Array, count: number, anchors?: crypto.X509Certificate[]) {
  const trusted = anchors ?? [ca.certificate, other.ca.certificate, tsa.root];
  const report = verifyPackage(docx, { trusted });
  expect(report.signatures.map((s) => [s.part, s.valid, s.trusted])).toEqual(
    signatureParts(docx).map((p) => [p, true, true]),
  );
  expect(report.verdict).toBe('trusted');
  expect(signatureParts(docx)).toHaveLength(count);
  for (const part of signatureParts(docx)) {
    const result = trusted.map((anchor) => xmlsecVerify(docx, anchor.toString(), NOW, part)).find((r) => r.valid);
    expect(result, `${part} in xmlsec1`).toBeDefined();
    expect(result!.manifests!.ok).toBe(result!.manifests!.all);
    expect(result!.signedInfo!.ok).toBe(result!.signedInfo!.all);
  }
  if (!loMissing) {
    const lo = libreOfficeSignatures(docx);
    if (libreOfficeThirdFails !== undefined && count >= 3) {
      // LibreOffice 7.4 marks the third of several signatures that share the Ids ECMA-376 and
      // MS-OFFCRYPTO fix (idPackageObject, idOfficeObject) as not valid, although Samråd and
      // xmlsec1 find every reference intact; an xmlsec1 co-signature without idOfficeObject passes.
      // Tried (issue 10): unique idPackageSignature, idSignatureTime, idOfficeV1Details and
      // idSignedProperties per signature change nothing; only unique idPackageObject *and*
      // idOfficeObject make LibreOffice accept the third, and ECMA-376 Part 2 requires the
      // package-specific Object element's Id to be "idPackageObject", as Word writes it: kept
      expect(
        lo.map((s) => s.valid),
        JSON.stringify(lo),
      ).toEqual([true, true, ...Array(count - 2).fill(libreOfficeThirdFails)]);
      return report;
    }
    expect(
      lo.map((s) => s.valid),
      JSON.stringify(lo),
    ).toEqual(Array(count).fill(true));
  }
  return report;
}

describe.skipIf(xmlsecMissing)('interoperability of co-signatures', { timeout: 600_000 }, () => {
  beforeAll(async () => {
    tsa = await startLocalTsa();
    unsigned = await packDocx(
      new Document({
        sections: [
          {
            children: [
              new Paragraph({ children: [new TextRun({ text: 'Protokoll Chefssamrådet 2017-03-14', bold: true })] }),
              new Paragraph('§ 1 Chefssamrådet beslutar att godkänna dagordningen.'),
            ],
          },
        ],
      }),
    );
  });
  afterAll(() => tsa.close());

  it('Samråd signs first (XAdES-T), xmlsec1 co-signs: both signatures hold in Samråd, xmlsec1 and LibreOffice', async () => {
    const first = await timestampPackageSignature(
      signPackage(
        unsigned,
        { certificate: signer.certificate, privateKey: signer.privateKey, chain: [ca.certificate] },
        NOW,
        {
          role: 'Ordförande',
          commitment: 'approval',
          comment: 'Justerar protokoll Chefssamrådet 2017-03-14 § 1',
        },
      ),
      '_xmlsignatures/sig1.xml',
      (data) => requestTimestamp(tsa.url, data),
    );
    const both = xmlsecCoSign(first, keyPem(other.signer.privateKey), other.signer.certificate, NOW);
    const report = allThreeVerify(both, 2);
    expect(report.signatures.map((s) => s.level)).toEqual(['XAdES-T', 'XAdES-BES']);
    expect(report.signatures[1].certificate!.subject).toContain('Södertörns brandförsvarsförbund');
  });

  it('Samråd signs first, two xmlsec1 co-signatures follow: all three hold in all three verifiers', () => {
    const first = signPackage(
      unsigned,
      { certificate: signer.certificate, privateKey: signer.privateKey, chain: [ca.certificate] },
      NOW,
    );
    const second = xmlsecCoSign(first, keyPem(other.signer.privateKey), other.signer.certificate, NOW);
    const third = testCa(NOW, 'Södertälje lokalpolisområde');
    const all = xmlsecCoSign(second, keyPem(third.signer.privateKey), third.signer.certificate, NOW);
    allThreeVerify(all, 3, [ca.certificate, other.ca.certificate, third.ca.certificate]);
  });

  it('xmlsec1 signs first, Samråd co-signs: both hold in all three verifiers', () => {
    const first = xmlsecCoSign(unsigned, keyPem(other.signer.privateKey), other.signer.certificate, NOW);
    // the independent signature alone already holds everywhere
    allThreeVerify(first, 1);
    const both = signPackage(
      first,
      { certificate: signer.certificate, privateKey: signer.privateKey, chain: [ca.certificate] },
      NOW,
      {
        role: 'Justerare',
        commitment: 'approval',
      },
    );
    allThreeVerify(both, 2);
  });

  it('a protocol co-signed by three people (sig1–sig3) holds in Samråd and xmlsec1; LibreOffice 7.4 accepts the first two', async () => {
    const { ca: ca3, stages } = await coSignedProtocol(NOW);
    libreOfficeThirdFails = false;
    const report = allThreeVerify(stages[2], 3, [ca3.certificate]);
    libreOfficeThirdFails = undefined;
    expect(report.signatures.map((s) => s.role)).toEqual(['Ordförande', 'Justerare', 'Justerare']);
  });
});
