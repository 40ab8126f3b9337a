import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { opensslPkcs12 } from '../../../../test/support/pkcs12';
import { testBackend, type TestBackend } from '../../../../test/support/backend';
import { coSignedProtocol } from '../../../../test/support/co-signed-package';
import { readPkcs12 } from './pkcs12';

const BIN = path.resolve(__dirname, '../../../../bin/samrad.js');
const PASSWORDS = ['lösen', 'Brandförsvar–2017'];
const SCHEMES = [
  { name: 'PBES2 (AES-256, PBKDF2: OpenSSL 3’s default)', pbe: undefined },
  { name: 'PKCS#12 PBE (SHA-1, 3DES: older tools)', pbe: 'PBE-SHA1-3DES' as const },
];
const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

let dir: string;
beforeAll(() => void (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samrad-p12-'))));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** OpenSSL's own reading of the file with that password: the reference the fix must agree with. */
const opensslOpens = (file: string, password: string) =>
  new Promise<boolean>((resolve) =>
    execFile('openssl', ['pkcs12', '-in', file, '-noout', '-passin', `pass:${password}`], (error) => resolve(!error)),
  );

describe('PKCS#12 passwords with letters outside ASCII', { timeout: 120_000 }, () => {
  for (const scheme of SCHEMES)
    for (const password of PASSWORDS)
      it(`opens an openssl-made file with "${password}", ${scheme.name}; a near miss is a wrong password`, async () => {
        const made = opensslPkcs12(dir, {
          name: 'Åsa Öberg',
          organisation: 'Södertörns brandförsvarsförbund',
          password,
          pbe: scheme.pbe,
          file: `p-${crypto.randomUUID()}`,
        });
        expect(await opensslOpens(made.file, password)).toBe(true);
        const contents = readPkcs12(made.bytes, password);
        expect(contents.certificate.subject).toContain('CN=Åsa Öberg');
        expect(contents.certificate.checkPrivateKey(contents.privateKey)).toBe(true);
        expect(contents.chain.map((c) => c.fingerprint256)).toEqual([
          new crypto.X509Certificate(made.caPem).fingerprint256,
        ]);
        // the same letters without diacritics, or in another normal form, are other passwords
        for (const wrong of [password.normalize('NFD'), password.replace('ö', 'o'), password.toUpperCase()]) {
          expect(await opensslOpens(made.file, wrong)).toBe(false);
          expect(() => readPkcs12(made.bytes, wrong)).toThrow(
            expect.objectContaining({ fields: { password: 'signing.validation.wrong_p12_password' } }),
          );
        }
      });
});

describe('every way in takes such a password', { timeout: 180_000 }, () => {
  let b: TestBackend;
  beforeAll(async () => {
    b = await testBackend(new Date().toISOString());
  });
  afterAll(() => b.cleanup());

  it('certificates.importPkcs12 (the organisation) and personCertificates.import (a person)', async () => {
    const org = opensslPkcs12(dir, { name: 'Södertälje kommun', organisation: 'Södertälje kommun', password: 'lösen' });
    await b.call('certificates.createLocal', { organisation: 'Södertälje kommun', passphrase: 'nyckelring-lösen' });
    const stored = await b.call('certificates.importPkcs12', {
      fileBase64: base64(org.bytes),
      password: 'lösen',
      passphrase: 'nyckelring-lösen',
    });
    expect(stored.subject).toContain('Södertälje kommun');
    expect(
      await b.fail('certificates.importPkcs12', {
        fileBase64: base64(org.bytes),
        password: 'losen',
        passphrase: 'nyckelring-lösen',
      }),
    ).toMatchObject({ fields: { password: 'signing.validation.wrong_p12_password' } });

    const person = await b.call('people.create', { name: 'Åsa Öberg' });
    const own = opensslPkcs12(dir, {
      name: 'Åsa Öberg',
      organisation: 'Södertörns brandförsvarsförbund',
      password: 'Brandförsvar–2017',
      file: 'asa',
    });
    const held = await b.call('personCertificates.import', {
      personId: person.id,
      fileBase64: base64(own.bytes),
      password: 'Brandförsvar–2017',
    });
    expect(held).toMatchObject({ personId: person.id, origin: 'imported', hasPrivateKey: true });
    expect(
      await b.fail('personCertificates.import', {
        personId: person.id,
        fileBase64: base64(own.bytes),
        password: 'Brandforsvar-2017',
      }),
    ).toMatchObject({ fields: { password: 'signing.validation.wrong_p12_password' } });
  });

  it('samrad sign, the password given in an environment variable', async () => {
    const own = opensslPkcs12(dir, {
      name: 'Peter Nylind',
      organisation: 'Botkyrka kommun',
      password: 'Brandförsvar–2017',
      file: 'nylind',
    });
    const document = path.join(dir, 'unsigned.docx');
    fs.writeFileSync(document, (await coSignedProtocol(new Date())).unsigned);
    const sign = (password: string, out: string) =>
      new Promise<number | null>((resolve) =>
        execFile(
          process.execPath,
          [BIN, 'sign', document, '--p12', own.file, '--password-env', 'P12_PW', '--out', out],
          { env: { ...process.env, P12_PW: password, SAMRAD_DB: '', SAMRAD_DATA_DIR: path.join(dir, 'data') } },
          (error) => resolve(error ? (typeof error.code === 'number' ? error.code : null) : 0),
        ),
      );
    expect(await sign('Brandforsvar-2017', path.join(dir, 'wrong.docx'))).toBe(1);
    expect(fs.existsSync(path.join(dir, 'wrong.docx'))).toBe(false);
    expect(await sign('Brandförsvar–2017', path.join(dir, 'signed.docx'))).toBe(0);
    const report = await b.call('documents.verify', {
      fileBase64: base64(fs.readFileSync(path.join(dir, 'signed.docx'))),
      alsoTrusted: [base64(Buffer.from(own.caPem))],
    });
    expect(report.signatures.map((s) => [s.valid, s.certificate?.subject.includes('Peter Nylind')])).toEqual([
      [true, true],
    ]);
  });
});
