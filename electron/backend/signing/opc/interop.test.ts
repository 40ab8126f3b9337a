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

const signatureParts = (docx: Uint8Array) =>
  Object.keys(unzipSync(docx))
    .filter((p) => /^_xmlsignatures\/sig\d+\.xml$/.test(p))
    .sort();

/**
 * LibreOffice 7.4's verdict on the third and later of several signatures: it checks them against
 * the second signature's Objects. One mission (XSecController, one SAXEventKeeper, one
 * XMLDocumentWrapper under a virtual root) reads every sigN.xml; `collectToVerify(id)`
 * (xmlsecurity/source/helper/xsecverify.cxx) adds an element collector for every signature read
 * so far whose Reference has that URI, also for signatures already verified, whose collectors
 * SignatureEngine::clearUp never releases again. So sig1's collectors keep sig2's
 * `idPackageObject`, `idOfficeObject` and `idSignedProperties` in the shared DOM, and xmlsec
 * resolves sig3's `#idPackageObject` to sig2's Object: a digest mismatch unless both Objects are
 * byte-equal. The Ids are fixed by ECMA-376 Part 2 (`idPackageObject`) and MS-OFFCRYPTO
 * (`idOfficeObject`), and each signer's package Object carries its own SignatureTime, so no legal
 * package avoids it; a package signed by xmlsec1 alone shows the same (below).
 */
const libreOfficeFromThird = (count: number) => Array.from({ length: count }, (_, i) => i < 2);

/**
 * Every signature holds in Samråd and xmlsec1, trusting `anchors` (by default both
 * organisations' CAs and the TSA's root); LibreOffice gives `libreOffice` (by default: all valid).
 */
function allThreeVerify(
  docx: Uint8Array,
  count: number,
  anchors?: crypto.X509Certificate[],
  libreOffice: boolean[] = Array(count).fill(true),
) {
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
    expect(
      lo.map((s) => s.valid),
      JSON.stringify(lo),
    ).toEqual(libreOffice);
  }
  return report;
}

const minutesLater = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

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

  it('Samråd signs first, two xmlsec1 co-signatures follow: all three hold in Samråd and xmlsec1; LibreOffice 7.4 rejects the third', () => {
    const first = signPackage(
      unsigned,
      { certificate: signer.certificate, privateKey: signer.privateKey, chain: [ca.certificate] },
      NOW,
    );
    const second = xmlsecCoSign(first, keyPem(other.signer.privateKey), other.signer.certificate, minutesLater(1));
    const third = testCa(NOW, 'Södertälje lokalpolisområde');
    const all = xmlsecCoSign(second, keyPem(third.signer.privateKey), third.signer.certificate, minutesLater(2));
    allThreeVerify(all, 3, [ca.certificate, other.ca.certificate, third.ca.certificate], libreOfficeFromThird(3));
  });

  it('three signatures by xmlsec1 alone (no Samråd bytes): LibreOffice 7.4 checks the third against the second’s package Object', () => {
    const signers = [other, testCa(NOW, 'Södertälje lokalpolisområde'), testCa(NOW, 'Botkyrka kommun')];
    const anchors = signers.map((s) => s.ca.certificate);
    const signAll = (minutes: number[]) =>
      signers.reduce(
        (docx, s, i) => xmlsecCoSign(docx, keyPem(s.signer.privateKey), s.signer.certificate, minutesLater(minutes[i])),
        unsigned,
      );
    // each signer at their own time, as people sign: the third is "not valid" in LibreOffice only
    allThreeVerify(signAll([0, 1, 2]), 3, anchors, libreOfficeFromThird(3));
    // the third at the first one's time still differs from the second's Object: rejected
    allThreeVerify(signAll([1, 0, 1]), 3, anchors, libreOfficeFromThird(3));
    // the second and third in the same second: their package Objects are byte-equal, and LibreOffice accepts
    allThreeVerify(signAll([0, 1, 1]), 3, anchors);
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

  it('a protocol co-signed by three people (sig1–sig3) holds in Samråd and xmlsec1; LibreOffice 7.4 rejects the third (see libreOfficeFromThird)', async () => {
    const { ca: ca3, stages } = await coSignedProtocol(NOW);
    const report = allThreeVerify(stages[2], 3, [ca3.certificate], libreOfficeFromThird(3));
    expect(report.signatures.map((s) => s.role)).toEqual(['Ordförande', 'Justerare', 'Justerare']);
  });
});
