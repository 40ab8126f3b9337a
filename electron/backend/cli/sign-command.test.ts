import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { coSignedProtocol } from '../../../test/support/co-signed-package';
import { opensslPkcs12, pkcs12Of } from '../../../test/support/pkcs12';
import { issueCertificate } from '../signing/certificates/issue';
import { verifyPackage } from '../signing/opc/verify-package';

const BIN = path.resolve(__dirname, '../../../bin/samrad.js');
let dir: string;
beforeAll(() => void (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samrad-sign-'))));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function samrad(env: Record<string, string>, ...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, SAMRAD_DB: '', SAMRAD_DATA_DIR: path.join(dir, 'data-dir'), ...env },
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe('samrad sign', { timeout: 300_000 }, () => {
  it('adds a co-signature with a PKCS#12 made by OpenSSL to an unsigned and to an already signed document', async () => {
    const { unsigned, stages, ca } = await coSignedProtocol(new Date());
    fs.writeFileSync(path.join(dir, 'frozen.docx'), unsigned);
    fs.writeFileSync(path.join(dir, 'signed-once.docx'), stages[0]);
    const p12 = opensslPkcs12(dir, {
      name: 'Åsa Öberg',
      organisation: 'Södertörns brandförsvarsförbund',
      password: 'hemligt ord',
    });
    const env = { P12_PASSWORD: 'hemligt ord' };
    const first = samrad(
      env,
      'sign',
      path.join(dir, 'frozen.docx'),
      '--p12',
      p12.file,
      '--password-env',
      'P12_PASSWORD',
      '--role',
      'Undertecknare för Södertörns brandförsvarsförbund',
      '--out',
      path.join(dir, 'a.docx'),
    );
    expect(first, first.err).toMatchObject({ code: 0 });
    const report = verifyPackage(fs.readFileSync(path.join(dir, 'a.docx')), {
      trusted: [new crypto.X509Certificate(p12.caPem)],
    });
    expect(report.verdict).toBe('trusted');
    expect(report.signatures[0].certificate?.subject).toContain('Åsa Öberg');
    expect(strFromU8(unzipSync(fs.readFileSync(path.join(dir, 'a.docx')))['_xmlsignatures/sig1.xml'])).toContain(
      '<xd:ClaimedRole>Undertecknare för Södertörns brandförsvarsförbund</xd:ClaimedRole>',
    );

    const second = samrad(
      env,
      'sign',
      path.join(dir, 'signed-once.docx'),
      '--p12',
      p12.file,
      '--password-env',
      'P12_PASSWORD',
      '--out',
      path.join(dir, 'b.docx'),
    );
    expect(second, second.err).toMatchObject({ code: 0 });
    const both = verifyPackage(fs.readFileSync(path.join(dir, 'b.docx')), {
      trusted: [new crypto.X509Certificate(p12.caPem), ca.certificate],
    });
    expect(both.signatures.map((s) => [s.part, s.valid])).toEqual([
      ['_xmlsignatures/sig1.xml', true],
      ['_xmlsignatures/sig2.xml', true],
    ]);

    // the same certificate again on the same document is refused and nothing is written
    const again = samrad(
      env,
      'sign',
      path.join(dir, 'b.docx'),
      '--p12',
      p12.file,
      '--password-env',
      'P12_PASSWORD',
      '--out',
      path.join(dir, 'c.docx'),
    );
    expect(again.code).toBe(1);
    expect(again.err).toContain('already carries a signature by this certificate');
    expect(fs.existsSync(path.join(dir, 'c.docx'))).toBe(false);

    const wrong = samrad(
      { P12_PASSWORD: 'fel' },
      'sign',
      path.join(dir, 'frozen.docx'),
      '--p12',
      p12.file,
      '--password-env',
      'P12_PASSWORD',
      '--out',
      path.join(dir, 'd.docx'),
    );
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain('The PKCS#12 password is not correct');
    expect(fs.existsSync(path.join(dir, 'd.docx'))).toBe(false);
  });

  it('refuses an expired certificate and a PKCS#12 without a key', async () => {
    const { unsigned } = await coSignedProtocol(new Date());
    fs.writeFileSync(path.join(dir, 'frozen2.docx'), unsigned);
    const past = (days: number) => new Date(Date.now() - days * 86400e3);
    const ca = issueCertificate({
      commonName: 'Gammal CA',
      organisation: 'Testkommunen',
      notBefore: past(800),
      notAfter: past(1),
      ca: true,
    });
    const expired = issueCertificate({
      commonName: 'Utgången Person',
      organisation: 'Testkommunen',
      notBefore: past(700),
      notAfter: past(2),
      ca: false,
      issuer: ca,
    });
    const env = { P: 'losen1' };
    fs.writeFileSync(path.join(dir, 'expired.p12'), pkcs12Of(dir, expired, 'losen1', { name: 'expired' }));
    const old = samrad(
      env,
      'sign',
      path.join(dir, 'frozen2.docx'),
      '--p12',
      path.join(dir, 'expired.p12'),
      '--password-env',
      'P',
      '--out',
      path.join(dir, 'e.docx'),
    );
    expect(old.code).toBe(1);
    expect(old.err).toMatch(/The signing certificate expired on \d{4}-\d{2}-\d{2}/);
    fs.writeFileSync(path.join(dir, 'nokey.p12'), pkcs12Of(dir, expired, 'losen1', { name: 'nokey', withKey: false }));
    const noKey = samrad(
      env,
      'sign',
      path.join(dir, 'frozen2.docx'),
      '--p12',
      path.join(dir, 'nokey.p12'),
      '--password-env',
      'P',
      '--out',
      path.join(dir, 'f.docx'),
    );
    expect(noKey.code).toBe(1);
    expect(noKey.err).toContain('holds no private key');
    expect(fs.existsSync(path.join(dir, 'e.docx')) || fs.existsSync(path.join(dir, 'f.docx'))).toBe(false);
  });
});
