import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import forge from 'node-forge';
import { Document, Paragraph, TextRun } from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { testBackend, type TestBackend } from '../../../../test/support/backend';
import { startBackend } from '../../backend';
import { fixedClock } from '../../context';
import { packDocx } from '../../export/pack';
import { runCli } from '../../cli/main';
import { signExport } from '../sign-export';
import { signPackage } from '../opc/sign-package';
import { testCa } from '../../../../test/support/test-ca';
import { xmlsecVerify } from '../../../../test/support/xmlsec';
import { openPrivateKey } from './key-protection';

const NOW = '2026-03-14T10:00:00Z';
const PASSPHRASE = 'korrekt häst batteri';
let b: TestBackend;
beforeEach(async () => {
  b = await testBackend(NOW);
});
afterEach(() => b.cleanup());

async function sampleDocx(text = 'Chefssamrådet beslutar att godkänna dagordningen.'): Promise<Uint8Array> {
  return packDocx(new Document({ sections: [{ children: [new Paragraph({ children: [new TextRun(text)] })] }] }));
}

function pkcs12(password: string, withKey = true): { base64: string; caPem: string } {
  const { ca, signer } = testCa(new Date(NOW), 'Polisen Syd');
  const cert = forge.pki.certificateFromPem(signer.certificate.toString());
  const caCert = forge.pki.certificateFromPem(ca.certificate.toString());
  const key = forge.pki.privateKeyFromPem(signer.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
  const asn1 = forge.pkcs12.toPkcs12Asn1(withKey ? key : null, withKey ? [cert, caCert] : [cert], password, {
    algorithm: '3des',
  });
  return {
    base64: Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary').toString('base64'),
    caPem: ca.certificate.toString(),
  };
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

describe('certificates and signing on export', () => {
  it('creates a local CA and signing certificate, signs an export, and verifies it as trusted', async () => {
    const created = await b.call('certificates.createLocal', {
      organisation: 'Södertälje kommun',
      passphrase: PASSPHRASE,
    });
    expect(created).toMatchObject({
      role: 'signing',
      origin: 'local',
      active: true,
      hasPrivateKey: true,
      subject: 'CN=Södertälje kommun dokumentsignering (lokal), O=Södertälje kommun, C=SE',
    });
    expect(created.issuer).toBe('CN=Södertälje kommun lokal CA, O=Södertälje kommun, C=SE');
    const list = await b.call('certificates.list', {});
    expect(list.map((c) => [c.role, c.origin, c.trusted, c.active])).toEqual([
      ['signing', 'local', false, true],
      ['ca', 'local', true, false],
    ]);
    expect(await b.call('certificates.status', {})).toMatchObject({
      passphraseSet: true,
      unlocked: true,
      activeCertificateId: created.id,
    });

    const signed = await signExport(b.ctx, await sampleDocx());
    const report = await b.call('documents.verify', { fileBase64: b64(signed) });
    expect(report.valid).toBe(true);
    expect(report.signatures[0]).toMatchObject({
      trusted: true,
      signingTime: '2026-03-14T10:00:00Z',
      certificate: { fingerprint: created.fingerprint },
    });
    const caPem = b.ctx.db.prepare("SELECT certificate_der FROM certificate WHERE role = 'ca'").pluck().get() as Buffer;
    const xmlsec = xmlsecVerify(
      signed,
      new (await import('node:crypto')).X509Certificate(caPem).toString(),
      new Date(NOW),
    );
    expect(xmlsec.valid, xmlsec.output.slice(0, 300)).toBe(true);

    const parts = unzipSync(signed);
    parts['word/document.xml'] = strToU8(strFromU8(parts['word/document.xml']).replace('godkänna', 'avslå'));
    const tampered = await b.call('documents.verify', { fileBase64: b64(zipSync(parts)) });
    expect(tampered.valid).toBe(false);
    expect(tampered.signatures[0].problems).toContain('word/document.xml: changed after signing');
    // the same finding as a code the UI translates, so the Swedish Verify page shows no English
    expect(tampered.signatures[0].issues).toContainEqual({
      code: 'part_changed',
      params: { part: 'word/document.xml' },
    });
    expect(tampered.signatures[0].issues).toHaveLength(tampered.signatures[0].problems.length);
  });

  it('never stores a private key in plain text', async () => {
    await b.call('certificates.createLocal', { organisation: 'Södertälje kommun', passphrase: PASSPHRASE });
    for (const sealed of b.ctx.db.prepare('SELECT private_key FROM certificate').pluck().all() as string[]) {
      const envelope = JSON.parse(sealed);
      expect(envelope).toMatchObject({ kdf: 'scrypt', cipher: 'aes-256-gcm' });
      expect(sealed).not.toMatch(/PRIVATE KEY|MII/);
    }
    b.ctx.db.pragma('wal_checkpoint(TRUNCATE)');
    const raw = fs.readFileSync(b.ctx.dbPath);
    expect(raw.toString('latin1')).not.toContain('-----BEGIN');
    // the key itself (PKCS#8 DER, opened with the passphrase) appears nowhere in the file
    const sealed = b.ctx.db
      .prepare("SELECT private_key FROM certificate WHERE role = 'signing'")
      .pluck()
      .get() as string;
    const der = openPrivateKey(sealed, PASSPHRASE).export({ type: 'pkcs8', format: 'der' });
    expect(raw.indexOf(der.subarray(0, 64))).toBe(-1);
  });

  it('needs the passphrase after a restart; a wrong one is refused', async () => {
    await b.call('certificates.createLocal', { organisation: 'Södertälje kommun', passphrase: PASSPHRASE });
    const again = await startBackend(b.ctx.dbPath, { clock: fixedClock(NOW), osUserName: 'testare' });
    try {
      const previous = process.env.SAMRAD_SIGNING_PASSPHRASE;
      delete process.env.SAMRAD_SIGNING_PASSPHRASE;
      await expect(signExport(again.ctx, await sampleDocx())).rejects.toThrow(/locked/);
      if (previous !== undefined) process.env.SAMRAD_SIGNING_PASSPHRASE = previous;
      // every window reloads the keystore state when it is locked or unlocked anywhere
      const changed: string[] = [];
      again.events.on(
        'event',
        (name: string, payload: { entity: string }) => name === 'data.changed' && changed.push(payload.entity),
      );
      const wrong = await again.dispatch('certificates.unlock', { passphrase: 'fel fras 12345' });
      expect(wrong).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION', fields: { passphrase: 'signing.validation.wrong_passphrase' } },
      });
      const short = await again.dispatch('certificates.unlock', { passphrase: 'kort' });
      expect(short).toMatchObject({
        ok: false,
        error: { fields: { passphrase: 'signing.validation.passphrase_short' } },
      });
      expect(changed).toEqual([]);
      expect(await again.dispatch('certificates.unlock', { passphrase: PASSPHRASE })).toMatchObject({
        ok: true,
        value: { unlocked: true },
      });
      expect(changed).toEqual(['keystore']);
      const signed = await signExport(again.ctx, await sampleDocx());
      expect(
        (await again.dispatch('documents.verify', { fileBase64: b64(signed) })) as {
          ok: true;
          value: { valid: boolean };
        },
      ).toMatchObject({ ok: true, value: { valid: true } });
      await again.dispatch('certificates.lock', {});
      expect(changed).toEqual(['keystore', 'keystore']);
      await expect(signExport(again.ctx, await sampleDocx())).rejects.toThrow(/locked/);
    } finally {
      again.close();
    }
  });

  it('refuses to sign with an expired or not yet valid certificate', async () => {
    await b.call('certificates.createLocal', {
      organisation: 'Södertälje kommun',
      passphrase: PASSPHRASE,
      validYears: 1,
    });
    b.clock.set('2027-06-01T00:00:00Z');
    await expect(signExport(b.ctx, await sampleDocx())).rejects.toMatchObject({
      code: 'INVALID_STATE',
      params: { reason: 'signing.errors.expired' },
    });
    b.clock.set('2026-03-13T00:00:00Z');
    await expect(signExport(b.ctx, await sampleDocx())).rejects.toMatchObject({
      code: 'INVALID_STATE',
      params: { reason: 'signing.errors.not_yet_valid' },
    });
  });

  it('says clearly when no certificate is chosen', async () => {
    await expect(signExport(b.ctx, await sampleDocx())).rejects.toMatchObject({
      code: 'INVALID_STATE',
      params: { reason: 'signing.errors.no_certificate' },
    });
  });

  it('imports a PKCS#12 file; wrong password and a file without a key give clear errors', async () => {
    const p12 = pkcs12('p12-lösen');
    const wrong = await b.fail('certificates.importPkcs12', {
      fileBase64: p12.base64,
      password: 'fel',
      passphrase: PASSPHRASE,
    });
    expect(wrong).toMatchObject({ code: 'VALIDATION', fields: { password: 'signing.validation.wrong_p12_password' } });
    const noKey = await b
      .fail('certificates.importPkcs12', {
        fileBase64: pkcs12('x').base64.replace(/^/, ''),
        password: 'x',
        passphrase: PASSPHRASE,
      })
      .catch(() => null);
    expect(noKey).toBeNull(); // a complete file imports fine…
    const certOnly = pkcs12('y', false);
    expect(
      await b.fail('certificates.importPkcs12', { fileBase64: certOnly.base64, password: 'y', passphrase: PASSPHRASE }),
    ).toMatchObject({ fields: { fileBase64: 'signing.validation.no_private_key' } });
    expect(
      await b.fail('certificates.importPkcs12', {
        fileBase64: Buffer.from('inte en p12').toString('base64'),
        password: 'y',
        passphrase: PASSPHRASE,
      }),
    ).toMatchObject({ fields: { fileBase64: 'signing.validation.not_pkcs12' } });

    const imported = await b.call('certificates.importPkcs12', { fileBase64: p12.base64, password: 'p12-lösen' });
    expect(imported).toMatchObject({
      origin: 'imported',
      active: true,
      subject: 'CN=Polisen Syd signerare, O=Polisen Syd, C=SE',
    });
    const signed = await signExport(b.ctx, await sampleDocx());
    expect((await b.call('documents.verify', { fileBase64: b64(signed) })).signatures[0].trusted).toBe(false);
    await b.call('certificates.importTrusted', { fileBase64: Buffer.from(p12.caPem).toString('base64') });
    const report = await b.call('documents.verify', { fileBase64: b64(signed) });
    expect(report.signatures[0]).toMatchObject({
      trusted: true,
      trustedBy: 'CN=Polisen Syd test-CA, O=Polisen Syd, C=SE',
    });
    expect(report.signatures[0].chain).toHaveLength(1);
  });

  it('gives clear errors for unreadable files to verify', async () => {
    expect(await b.fail('documents.verify', { fileBase64: Buffer.from('hej').toString('base64') })).toMatchObject({
      code: 'VALIDATION',
      params: { reason: 'signing.errors.not_a_zip' },
    });
    expect(await b.fail('documents.verify', { fileBase64: b64(zipSync({ 'a.txt': strToU8('x') })) })).toMatchObject({
      params: { reason: 'signing.errors.not_docx' },
    });
    expect((await b.call('documents.verify', { fileBase64: b64(await sampleDocx()) })).signed).toBe(false);
  });
});

describe('samrad cert and samrad verify', () => {
  function io() {
    const out: string[] = [];
    const err: string[] = [];
    return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
  }

  it('imports, lists, and verifies with exit codes 0 valid and trusted, 3 intact but not trusted, 1 invalid, 2 unsigned/unreadable', async () => {
    const db = path.join(b.dir, 'cli.sqlite');
    const p12 = pkcs12('cli-lösen');
    const p12File = path.join(b.dir, 'cert.p12');
    fs.writeFileSync(p12File, Buffer.from(p12.base64, 'base64'));
    fs.writeFileSync(path.join(b.dir, 'ca.pem'), p12.caPem);
    process.env.SAMRAD_TEST_P12 = 'cli-lösen';
    process.env.SAMRAD_TEST_PASSPHRASE = PASSPHRASE;
    let r = io();
    expect(
      await runCli(
        [
          'cert',
          'import',
          p12File,
          '--password-env',
          'SAMRAD_TEST_P12',
          '--passphrase-env',
          'SAMRAD_TEST_PASSPHRASE',
          '--db',
          db,
        ],
        r.io,
      ),
      r.err.join('\n'),
    ).toBe(0);
    r = io();
    expect(await runCli(['cert', 'trust', path.join(b.dir, 'ca.pem'), '--db', db], r.io)).toBe(0);
    r = io();
    expect(await runCli(['cert', 'list', '--json', '--db', db], r.io)).toBe(0);
    const listed = JSON.parse(r.out.join('\n'));
    expect(listed.map((c: { role: string; trusted: boolean }) => [c.role, c.trusted])).toEqual([
      ['signing', false],
      ['ca', true],
    ]);
    r = io();
    expect(await runCli(['cert', 'import', p12File, '--password-env', 'SAMRAD_TEST_NOT_SET', '--db', db], r.io)).toBe(
      2,
    );

    const backend = await startBackend(db, { clock: fixedClock(NOW) });
    let signed: Uint8Array;
    try {
      // unlock through the contract like the app does
      await backend.dispatch('certificates.unlock', { passphrase: PASSPHRASE });
      signed = await signExport(backend.ctx, await sampleDocx());
    } finally {
      backend.close();
    }
    const file = (name: string, bytes: Uint8Array) => {
      const p = path.join(b.dir, name);
      fs.writeFileSync(p, bytes);
      return p;
    };
    r = io();
    expect(await runCli(['verify', file('ok.docx', signed), '--db', db], r.io)).toBe(0);
    expect(r.out.join('\n')).toMatch(/^VALID AND TRUSTED[\s\S]*signer: +CN=Polisen Syd signerare[\s\S]*trusted: +yes/);

    // A look-alike: the same subject and issuer names from another CA (another key), signed elsewhere.
    // Intact, but it proves nothing about who signed: the headline says so first, and the exit code is 3, never 0.
    const lookAlike = testCa(new Date(NOW), 'Polisen Syd');
    const forged = signPackage(
      await sampleDocx(),
      {
        certificate: lookAlike.signer.certificate,
        privateKey: lookAlike.signer.privateKey,
        chain: [lookAlike.ca.certificate],
      },
      new Date(NOW),
    );
    r = io();
    expect(await runCli(['verify', file('forged.docx', forged), '--db', db], r.io)).toBe(3);
    expect(r.out[0]).toMatch(
      /^NOT TRUSTED: the document is unchanged since it was signed, but Samråd cannot tell who signed it: .* What to do: get your organisation's CA certificate .* import it \(samrad cert trust CA\.pem/,
    );
    r = io();
    expect(await runCli(['verify', file('forged.docx', forged), '--json', '--db', db], r.io)).toBe(3);
    expect(JSON.parse(r.out.join('\n'))).toMatchObject({ verdict: 'untrusted', signed: true, valid: true });
    const parts = unzipSync(signed);
    parts['word/document.xml'] = strToU8(strFromU8(parts['word/document.xml']).replace('godkänna', 'avslå'));
    r = io();
    expect(await runCli(['verify', file('bad.docx', zipSync(parts)), '--json', '--db', db], r.io)).toBe(1);
    expect(JSON.parse(r.out.join('\n'))).toMatchObject({ verdict: 'invalid', signed: true, valid: false });
    r = io();
    expect(await runCli(['verify', file('unsigned.docx', await sampleDocx()), '--db', db], r.io)).toBe(2);
    expect(r.out.join('\n')).toMatch(/NOT SIGNED/);
    r = io();
    expect(await runCli(['verify', file('junk.docx', strToU8('junk')), '--db', db], r.io)).toBe(2);
    expect(r.err.join('\n')).toMatch(/not a Word document/);
  });
});
