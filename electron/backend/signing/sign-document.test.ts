import crypto from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { testBackend, type TestBackend } from '../../../test/support/backend';
import { expiredCertificate } from '../../../test/support/test-ca';
import { coSignedProtocol } from '../../../test/support/co-signed-package';
import { opensslPkcs12, pkcs12Of } from '../../../test/support/pkcs12';
import { expectPartsKept, expectXmlsecAccepts } from '../../../test/support/xmlsec';
import { verifyPackage } from './opc/verify-package';
import { trustedCertificates } from './certificates/store';

const KEYSTORE = 'nyckelring-lösen';
const ROLE = 'Undertecknare för Södertörns brandförsvarsförbund';
const COMMENT = 'Undertecknar samverkansöverenskommelse 2017–2018, version 2';

let b: TestBackend;
let people: { broo: { id: number }; nylind: { id: number } };
// the real clock: the PKCS#12 made by openssl is valid from now on
beforeEach(async () => {
  b = await testBackend(new Date().toISOString());
  const kommun = await b.call('organisations.create', { name: 'Södertälje kommun', kind: 'kommun' });
  people = {
    broo: await b.call('people.create', { name: 'Camilla Broo', organisationId: kommun.id }),
    nylind: await b.call('people.create', { name: 'Sven Nylind', organisationId: kommun.id }),
  };
  await b.call('certificates.createLocal', { organisation: 'Södertälje kommun', passphrase: KEYSTORE });
});
afterEach(() => b.cleanup());

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const fromBase64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));

async function localCertificate(personId: number, password: string) {
  return b.call('personCertificates.createLocal', { personId, password, passphrase: null });
}

describe('"Sign a document": a co-signature on any .docx', { timeout: 300_000 }, () => {
  it('a person signs with their certificate held in Samråd, then a signatory away with a PKCS#12 file; both signatures hold in Samråd and xmlsec1', async () => {
    const { unsigned } = await coSignedProtocol(new Date());
    const broo = await localCertificate(people.broo.id, 'broo-lösenord');
    const first = await b.call('documents.coSignAsPerson', {
      fileBase64: base64(unsigned),
      personId: people.broo.id,
      certificateId: broo.id,
      password: 'broo-lösenord',
      role: ROLE,
      comment: COMMENT,
    });
    const p12 = opensslPkcs12(b.dir, { name: 'Åsa Öberg', organisation: 'Botkyrka kommun', password: 'hemligt ord' });
    // openssl dates the certificate to the second it was made; the backend's fixed clock is set to then
    b.clock.set(new Date(Date.now() + 2000).toISOString());
    const second = await b.call('documents.coSign', {
      fileBase64: first.base64,
      pkcs12Base64: base64(p12.bytes),
      password: 'hemligt ord',
      role: 'Undertecknare för Botkyrka kommun',
    });
    const signed = fromBase64(second.base64);
    expect(second.sha256).toBe(crypto.createHash('sha256').update(signed).digest('hex'));
    const report = await b.call('documents.verify', {
      fileBase64: second.base64,
      alsoTrusted: [Buffer.from(p12.caPem).toString('base64')],
    });
    expect(report.verdict).toBe('trusted');
    expect(report.signatures.map((s) => [s.part, s.role, s.comment, s.knownSigner?.name ?? null])).toEqual([
      ['_xmlsignatures/sig1.xml', ROLE, COMMENT, 'Camilla Broo'],
      ['_xmlsignatures/sig2.xml', 'Undertecknare för Botkyrka kommun', null, null],
    ]);
    expect(report.signatures.every((s) => s.commitment?.endsWith('#ProofOfApproval'))).toBe(true);
    // every part of the document is as it was given
    expectPartsKept(unsigned, signed);
    const localCa = trustedCertificates(b.ctx)
      .map((c) => c.toString())
      .join('');
    expectXmlsecAccepts(signed, [
      ['_xmlsignatures/sig1.xml', localCa],
      ['_xmlsignatures/sig2.xml', p12.caPem],
    ]);
    expect(strFromU8(unzipSync(signed)['_xmlsignatures/sig1.xml'])).toContain(
      `<xd:ClaimedRole>${ROLE}</xd:ClaimedRole>`,
    );
  });

  it('wrong password, another person’s certificate, an expired certificate, a second signature by the same certificate, a file that is not a Word document: each refused with its reason', async () => {
    const { unsigned } = await coSignedProtocol(new Date());
    const broo = await localCertificate(people.broo.id, 'broo-lösenord');
    const held = (over: Record<string, unknown>) => ({
      fileBase64: base64(unsigned),
      personId: people.broo.id,
      certificateId: broo.id,
      password: 'broo-lösenord',
      ...over,
    });
    expect((await b.fail('documents.coSignAsPerson', held({ password: 'fel' }))).fields).toEqual({
      password: 'signing.validation.wrong_certificate_password',
    });
    expect((await b.fail('documents.coSignAsPerson', held({ personId: people.nylind.id }))).fields).toEqual({
      certificateId: 'signing.errors.certificate_of_another_person',
    });
    expect(
      (await b.fail('documents.coSignAsPerson', held({ fileBase64: base64(Buffer.from('inte ett dokument')) }))).params
        ?.reason,
    ).toMatch(/^signing\.errors\.(not_a_zip|corrupt_zip|not_docx)$/);
    const once = await b.call('documents.coSignAsPerson', held({}));
    expect((await b.fail('documents.coSignAsPerson', held({ fileBase64: once.base64 }))).params?.reason).toBe(
      'signing.errors.already_signed',
    );

    const old = expiredCertificate('Camilla Broo');
    const expired = await b.fail('documents.coSign', {
      fileBase64: base64(unsigned),
      pkcs12Base64: base64(pkcs12Of(b.dir, old, 'losenord1')),
      password: 'losenord1',
    });
    expect(expired.params?.reason).toBe('signing.errors.expired');
    const wrong = await b.fail('documents.coSign', {
      fileBase64: base64(unsigned),
      pkcs12Base64: base64(pkcs12Of(b.dir, old, 'losenord1')),
      password: 'fel',
    });
    expect(wrong.code).toBe('VALIDATION');
    // the document given is never changed: the signed copy is new bytes, the input still unsigned
    expect(verifyPackage(unsigned).verdict).toBe('unsigned');
  });
});
