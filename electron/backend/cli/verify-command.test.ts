import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Document, Paragraph } from 'docx';
import { strToU8 } from 'fflate';
import { packDocx } from '../export/pack';
import { testCa } from '../../../test/support/test-ca';
import { startLocalTsa, type LocalTsa } from '../../../test/support/local-tsa';
import { signPackage } from '../signing/opc/sign-package';
import { timestampPackageSignature } from '../signing/timestamp/signature-timestamp';
import { requestTimestamp } from '../signing/timestamp/tsa-client';
import { runCli } from './main';

// the TSA stamps with the real clock
const NOW = new Date();
const { ca, signer } = testCa(NOW);
const lookAlike = testCa(NOW); // same names, other keys: a forgery of the organisation's signature
let dir: string;
let tsa: LocalTsa;
const file = (name: string, bytes: Uint8Array) => {
  const at = path.join(dir, name);
  fs.writeFileSync(at, bytes);
  return at;
};

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samrad-verify-'));
  tsa = await startLocalTsa();
  const unsigned = await packDocx(new Document({ sections: [{ children: [new Paragraph('§ 1 Beslut')] }] }));
  const statement = { role: 'Justerare', commitment: 'approval' as const, comment: 'Justerar protokoll Chefssamrådet' };
  const signed = signPackage(
    unsigned,
    { certificate: signer.certificate, privateKey: signer.privateKey, chain: [ca.certificate] },
    NOW,
    statement,
  );
  file('plain.docx', signed);
  file(
    'stamped.docx',
    await timestampPackageSignature(signed, '_xmlsignatures/sig1.xml', (d) => requestTimestamp(tsa.url, d)),
  );
  file(
    'forged.docx',
    signPackage(unsigned, { certificate: lookAlike.signer.certificate, privateKey: lookAlike.signer.privateKey }, NOW),
  );
  file('junk.docx', new Uint8Array([...signed, ...strToU8('PK trailing')]));
  file('unsigned.docx', unsigned);
  file('ca.pem', strToU8(ca.certificate.toString()));
}, 60_000);
afterAll(async () => {
  await tsa.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
}
const verify = async (...args: string[]) => {
  const r = io();
  const code = await runCli(['verify', ...args, '--db', path.join(dir, 'none.sqlite')], r.io);
  return { code, out: r.out.join('\n'), err: r.err.join('\n') };
};

describe('samrad verify', { timeout: 120_000 }, () => {
  it('valid and trusted: exit 0, every detail per signature', async () => {
    const r = await verify(path.join(dir, 'plain.docx'), '--trusted', path.join(dir, 'ca.pem'));
    expect(r.code, r.err).toBe(0);
    expect(r.out.split('\n')[0]).toMatch(/^VALID AND TRUSTED: 1 signature\(s\)/);
    expect(r.out).toContain('  role:        Justerare');
    expect(r.out).toContain('  commitment:  proof of approval (the signer approves the content)');
    expect(r.out).toContain('  comment:     Justerar protokoll Chefssamrådet');
    expect(r.out).toMatch(
      / {2}time: {8}\d{4}-\d\d-\d\d kl\. \d\d\.\d\d \(Europe\/Stockholm; .*\), from the signer's own clock/,
    );
    expect(r.out).toContain('  level:       XAdES-BES');
    expect(r.out).toContain('  person:      no one in this database holds this certificate');
    expect(r.out).toMatch(/ {2}covers: {6}\d+ part\(s\): .*word\/document\.xml/);
  });

  it('the look-alike forgery: exit 3, never 0; the headline says what to do first', async () => {
    const r = await verify(path.join(dir, 'forged.docx'), '--trusted', path.join(dir, 'ca.pem'));
    expect(r.code).toBe(3);
    const first = r.out.split('\n')[0];
    expect(first).toMatch(
      /^NOT TRUSTED: the document is unchanged since it was signed, but Samråd cannot tell who signed it/,
    );
    expect(first).toContain('import it (samrad cert trust CA.pem');
  });

  it('a timestamp from a TSA that is not trusted: exit 3, the time named as from that TSA', async () => {
    const r = await verify(path.join(dir, 'stamped.docx'), '--trusted', path.join(dir, 'ca.pem'));
    expect(r.code).toBe(3);
    expect(r.out.split('\n')[0]).toMatch(/^NOT TRUSTED: .*time-stamping service you do not trust/);
    expect(r.out).toContain('  level:       XAdES-T');
    expect(r.out).toMatch(/from a timestamp by CN=Test TSA, O=Test, C=SE \(NOT trusted/);
  });

  it('junk after the zip: exit 1, the headline names it', async () => {
    const r = await verify(path.join(dir, 'junk.docx'), '--trusted', path.join(dir, 'ca.pem'));
    expect(r.code).toBe(1);
    expect(r.out.split('\n')[0]).toBe(
      'INVALID: 11 bytes follow the end of the zip package (added after signing, or hidden content).',
    );
  });

  it('unsigned: exit 2; unreadable: exit 2', async () => {
    expect((await verify(path.join(dir, 'unsigned.docx'))).code).toBe(2);
    expect((await verify(file('not-a-docx.docx', strToU8('hello')))).code).toBe(2);
  });

  it('--json has a stable shape: these keys, no more, no fewer', async () => {
    const r = await verify(path.join(dir, 'stamped.docx'), '--json', '--trusted', path.join(dir, 'ca.pem'));
    expect(r.code).toBe(3);
    const json = JSON.parse(r.out);
    expect(Object.keys(json).sort()).toEqual(
      ['file', 'issues', 'parts', 'problems', 'readable', 'signatures', 'signed', 'valid', 'verdict'].sort(),
    );
    const [s] = json.signatures;
    expect(Object.keys(s).sort()).toEqual(
      [
        'part',
        'valid',
        'signatureValueOk',
        'certificate',
        'chain',
        'signingTime',
        'signatureTime',
        'certificateValidAtSigning',
        'signingCertificateOk',
        'trusted',
        'trustedBy',
        'level',
        'timeSource',
        'timestamp',
        'role',
        'commitment',
        'comment',
        'knownSigner',
        'references',
        'coveredParts',
        'uncoveredParts',
        'uncoveredRelationships',
        'problems',
        'issues',
      ].sort(),
    );
    expect(Object.keys(s.timestamp).sort()).toEqual(
      ['time', 'authority', 'imprintOk', 'signatureOk', 'trusted', 'trustedBy', 'problems', 'issues'].sort(),
    );
    expect(Object.keys(s.certificate).sort()).toEqual(
      ['subject', 'issuer', 'validFrom', 'validTo', 'fingerprint', 'serialNumber'].sort(),
    );
    expect(s).toMatchObject({
      level: 'XAdES-T',
      timeSource: 'timestamp',
      role: 'Justerare',
      commitment: 'http://uri.etsi.org/01903/v1.2.2#ProofOfApproval',
      knownSigner: null,
    });
    expect(json.verdict).toBe('untrusted');
  });
});
