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

const PASSWORD_ENV = 'P12_PASSWORD';

/** `samrad sign DOCUMENT --p12 FILE` with the password in the environment; `extra` goes before `--out`. */
function sign(document: string, p12File: string, password: string, out: string, ...extra: string[]) {
  return samrad(
    { [PASSWORD_ENV]: password },
    'sign',
    document,
    '--p12',
    p12File,
    '--password-env',
    PASSWORD_ENV,
    ...extra,
    '--out',
    out,
  );
}

describe('samrad sign', { timeout: 300_000 }, () => {
  const at = (name: string) => path.join(dir, name);
  const password = 'hemligt ord';
  let p12: ReturnType<typeof opensslPkcs12>;
  let protocolCa: Awaited<ReturnType<typeof coSignedProtocol>>['ca'];
  beforeAll(async () => {
    const { unsigned, stages, ca } = await coSignedProtocol(new Date());
    protocolCa = ca;
    fs.writeFileSync(at('frozen.docx'), unsigned);
    fs.writeFileSync(at('signed-once.docx'), stages[0]);
    p12 = opensslPkcs12(dir, { name: 'Åsa Öberg', organisation: 'Södertörns brandförsvarsförbund', password });
  });

  it('adds a co-signature with a PKCS#12 made by OpenSSL to an unsigned and to an already signed document', () => {
    const role = 'Undertecknare för Södertörns brandförsvarsförbund';
    const first = sign(at('frozen.docx'), p12.file, password, at('a.docx'), '--role', role);
    expect(first, first.err).toMatchObject({ code: 0 });
    const report = verifyPackage(fs.readFileSync(at('a.docx')), {
      trusted: [new crypto.X509Certificate(p12.caPem)],
    });
    expect(report.verdict).toBe('trusted');
    expect(report.signatures[0].certificate?.subject).toContain('Åsa Öberg');
    expect(strFromU8(unzipSync(fs.readFileSync(at('a.docx')))['_xmlsignatures/sig1.xml'])).toContain(
      `<xd:ClaimedRole>${role}</xd:ClaimedRole>`,
    );

    const second = sign(at('signed-once.docx'), p12.file, password, at('b.docx'));
    expect(second, second.err).toMatchObject({ code: 0 });
    const both = verifyPackage(fs.readFileSync(at('b.docx')), {
      trusted: [new crypto.X509Certificate(p12.caPem), protocolCa.certificate],
    });
    expect(both.signatures.map((s) => [s.part, s.valid])).toEqual([
      ['_xmlsignatures/sig1.xml', true],
      ['_xmlsignatures/sig2.xml', true],
    ]);
  });

  describe('refuses, and writes nothing', () => {
    const keys = { signedByIt: '', expired: '', noKey: '' };
    beforeAll(() => {
      const signed = sign(at('frozen.docx'), p12.file, password, at('signed-by-it.docx'));
      expect(signed, signed.err).toMatchObject({ code: 0 });
      keys.signedByIt = at('signed-by-it.docx');
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
      keys.expired = at('expired.p12');
      fs.writeFileSync(keys.expired, pkcs12Of(dir, expired, 'losen1', { name: 'expired' }));
      keys.noKey = at('nokey.p12');
      fs.writeFileSync(keys.noKey, pkcs12Of(dir, expired, 'losen1', { name: 'nokey', withKey: false }));
    });

    it.each([
      {
        case: 'the same certificate again on the same document',
        out: 'c.docx',
        document: () => keys.signedByIt,
        p12File: () => p12.file,
        password,
        error: 'already carries a signature by this certificate',
      },
      {
        case: 'a wrong password',
        out: 'd.docx',
        document: () => at('frozen.docx'),
        p12File: () => p12.file,
        password: 'fel',
        error: 'The PKCS#12 password is not correct',
      },
      {
        case: 'an expired certificate',
        out: 'e.docx',
        document: () => at('frozen.docx'),
        p12File: () => keys.expired,
        password: 'losen1',
        error: /The signing certificate expired on \d{4}-\d{2}-\d{2}/,
      },
      {
        case: 'a PKCS#12 without a key',
        out: 'f.docx',
        document: () => at('frozen.docx'),
        p12File: () => keys.noKey,
        password: 'losen1',
        error: 'holds no private key',
      },
    ])('$case', ({ document, p12File, password: given, error, out }) => {
      const refused = sign(document(), p12File(), given, at(out));
      expect(refused.code).toBe(1);
      if (typeof error === 'string') expect(refused.err).toContain(error);
      else expect(refused.err).toMatch(error);
      expect(fs.existsSync(at(out))).toBe(false);
    });
  });
});
