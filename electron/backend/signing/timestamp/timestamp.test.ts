import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Document, Paragraph, TextRun } from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { packDocx } from '../../export/pack';
import { AppError } from '../../../../shared/errors';
import { testCa } from '../../../../test/support/test-ca';
import { deadTsaUrl, opensslVerifiesToken, startLocalTsa, type LocalTsa } from '../../../../test/support/local-tsa';
import { xmlsecVerify } from '../../../../test/support/xmlsec';
import { signPackage } from '../opc/sign-package';
import { verifyPackage } from '../opc/verify-package';
import { parseXml } from '../opc/package';
import { requestTimestamp } from './tsa-client';
import { signatureValueToTime, timestampPackageSignature } from './signature-timestamp';

// the local TSA stamps with the real clock, so the signer's certificate is valid around it
const NOW = new Date();
const { ca, signer } = testCa(NOW);
const SIG = '_xmlsignatures/sig1.xml';
let tsa: LocalTsa;
let signed: Uint8Array;

beforeAll(async () => {
  tsa = await startLocalTsa();
  const document = new Document({
    sections: [{ children: [new Paragraph({ children: [new TextRun('§ 1 Chefssamrådet godkänner dagordningen.')] })] }],
  });
  signed = signPackage(
    await packDocx(document),
    { certificate: signer.certificate, privateKey: signer.privateKey, chain: [ca.certificate] },
    NOW,
  );
});
afterAll(() => tsa.close());

const stampWith = (url: string, timeoutMs?: number) => (data: Uint8Array) => requestTimestamp(url, data, timeoutMs);
const signatureXml = (bytes: Uint8Array) => strFromU8(unzipSync(bytes)[SIG]);
const timedData = (bytes: Uint8Array) => signatureValueToTime(parseXml(signatureXml(bytes), SIG).documentElement!)!;

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('RFC 3161 timestamps (XAdES-T)', () => {
  it('gets a token over the SignatureValue that openssl ts -verify accepts', async () => {
    tsa.behaviour = 'ok';
    const data = timedData(signed);
    expect(strFromU8(data)).toMatch(
      /^<SignatureValue xmlns="http:\/\/www.w3.org\/2000\/09\/xmldsig#">[A-Za-z0-9+/=]+<\/SignatureValue>$/,
    );
    const token = await requestTimestamp(tsa.url, data);
    const check = opensslVerifiesToken(tsa, token, data);
    expect(check.ok, check.output).toBe(true);
    // and the same token over other data is refused by openssl too: the cross-check can fail
    expect(opensslVerifiesToken(tsa, token, strToU8('other')).ok).toBe(false);
  });

  it('adds the timestamp as an unsigned property: XAdES-T, time from the TSA, trusted with its root', async () => {
    tsa.behaviour = 'ok';
    const stamped = await timestampPackageSignature(signed, SIG, stampWith(tsa.url));
    const xml = signatureXml(stamped);
    expect(xml).toMatch(
      /<xd:UnsignedProperties><xd:UnsignedSignatureProperties><xd:SignatureTimeStamp Id="idSignatureTimeStamp"><CanonicalizationMethod xmlns="http:\/\/www.w3.org\/2000\/09\/xmldsig#" Algorithm="http:\/\/www.w3.org\/TR\/2001\/REC-xml-c14n-20010315"\/><xd:EncapsulatedTimeStamp>[A-Za-z0-9+/=]+<\/xd:EncapsulatedTimeStamp><\/xd:SignatureTimeStamp><\/xd:UnsignedSignatureProperties><\/xd:UnsignedProperties><\/xd:QualifyingProperties>/,
    );
    // every other part byte for byte as signed
    const before = unzipSync(signed);
    const after = unzipSync(stamped);
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    for (const part of Object.keys(before).filter((p) => p !== SIG)) expect(after[part], part).toEqual(before[part]);

    const report = verifyPackage(stamped, { trusted: [ca.certificate, tsa.root] });
    expect(report.verdict).toBe('trusted');
    const [s] = report.signatures;
    expect(s).toMatchObject({ valid: true, level: 'XAdES-T', timeSource: 'timestamp' });
    expect(s.timestamp).toMatchObject({ imprintOk: true, signatureOk: true, trusted: true, problems: [] });
    expect(s.timestamp!.authority!.subject).toBe('CN=Test TSA, O=Test, C=SE');
    expect(s.timestamp!.trustedBy).toBe('CN=Test TSA Root, O=Test, C=SE');
    expect(Math.abs(new Date(s.timestamp!.time!).getTime() - Date.now())).toBeLessThan(10 * 60e3);
    // xmlsec1 still finds every reference of the signature intact
    const xmlsec = xmlsecVerify(stamped, ca.certificate.toString(), NOW);
    expect(xmlsec.valid, xmlsec.output).toBe(true);

    // without the TSA's root: the signature is intact, the time is not trusted → untrusted, not valid-and-trusted
    const untrustedTime = verifyPackage(stamped, { trusted: [ca.certificate] });
    expect(untrustedTime.verdict).toBe('untrusted');
    expect(untrustedTime.signatures[0].timestamp).toMatchObject({ imprintOk: true, signatureOk: true, trusted: false });
  });

  it('a plain signature is XAdES-BES with the signer’s clock as its time source', () => {
    const [s] = verifyPackage(signed, { trusted: [ca.certificate] }).signatures;
    expect(s).toMatchObject({ level: 'XAdES-BES', timeSource: 'signer_clock', timestamp: null });
  });

  it('a timestamp moved from another signature, or with a broken TSA signature, makes the document invalid', async () => {
    tsa.behaviour = 'ok';
    const other = signPackage(
      await packDocx(new Document({ sections: [{ children: [new Paragraph('Annat dokument')] }] })),
      { certificate: signer.certificate, privateKey: signer.privateKey },
      NOW,
    );
    const stampedOther = signatureXml(await timestampPackageSignature(other, SIG, stampWith(tsa.url)));
    const foreignToken = /<xd:UnsignedProperties>.*<\/xd:UnsignedProperties>/.exec(stampedOther)![0];
    const parts = unzipSync(signed);
    parts[SIG] = strToU8(
      signatureXml(signed).replace('</xd:QualifyingProperties>', `${foreignToken}</xd:QualifyingProperties>`),
    );
    const moved = verifyPackage(zipSync(parts), { trusted: [ca.certificate, tsa.root] });
    expect(moved.verdict).toBe('invalid');
    expect(moved.signatures[0].timestamp).toMatchObject({ imprintOk: false });
    expect(moved.signatures[0].problems).toContain('The timestamp is for other data than this signature value');

    const stamped = await timestampPackageSignature(signed, SIG, stampWith(tsa.url));
    const xml = signatureXml(stamped);
    const token = Buffer.from(/<xd:EncapsulatedTimeStamp>([^<]+)</.exec(xml)![1], 'base64');
    token[token.length - 5] ^= 0xff; // inside the TSA's signature value, the last field of the token
    const broken = unzipSync(stamped);
    broken[SIG] = strToU8(
      xml.replace(/<xd:EncapsulatedTimeStamp>[^<]+</, `<xd:EncapsulatedTimeStamp>${token.toString('base64')}<`),
    );
    const report = verifyPackage(zipSync(broken), { trusted: [ca.certificate, tsa.root] });
    expect(report.verdict).toBe('invalid');
    expect(report.signatures[0].timestamp).toMatchObject({ imprintOk: true, signatureOk: false });
  });

  it.each([
    ['garbage', 'tsa_bad_answer'],
    ['http-error', 'tsa_refused'],
    ['silent', 'tsa_slow'],
  ] as const)('a TSA that answers %s gives TIMESTAMP_FAILED (%s) and no package', async (behaviour, reason) => {
    tsa.behaviour = behaviour;
    const error = await failure(timestampPackageSignature(signed, SIG, stampWith(tsa.url, 500)));
    expect(error.code).toBe('TIMESTAMP_FAILED');
    expect(error.params).toMatchObject({ reason: `signing.errors.${reason}`, url: tsa.url });
    tsa.behaviour = 'ok';
  });

  it('a TSA that is down gives TIMESTAMP_FAILED (tsa_unreachable)', async () => {
    const url = await deadTsaUrl();
    const error = await failure(requestTimestamp(url, strToU8('x'), 2000));
    expect(error).toMatchObject({ code: 'TIMESTAMP_FAILED', params: { reason: 'signing.errors.tsa_unreachable' } });
  });
});
