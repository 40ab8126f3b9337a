import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { testBackend, type TestBackend } from '../../../test/support/backend';
import { seedAgreement } from '../../../test/support/agreements';
import { opensslPkcs12, pkcs12Of } from '../../../test/support/pkcs12';
import { testCa, expiredCertificate } from '../../../test/support/test-ca';
import { xmlsecCoSign } from '../../../test/support/xmlsec-sign';
import { expectPartsKept, expectXmlsecAccepts } from '../../../test/support/xmlsec';
import { docxParts, paragraphs } from '../../../test/support/docx';
import { verifyPackage } from '../signing/opc/verify-package';
import { trustedCertificates } from '../signing/certificates/store';

const KEYSTORE = 'nyckelring-lösen';
const BIN = path.resolve(__dirname, '../../../bin/samrad.js');

let b: TestBackend;
let s: Awaited<ReturnType<typeof seedAgreement>>;
beforeEach(async () => {
  b = await testBackend(new Date().toISOString());
  s = await seedAgreement(b);
});
afterEach(() => b.cleanup());

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const fromBase64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));
const count = (table: string) => b.ctx.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
const sealedAgreement = () =>
  b.ctx.db
    .prepare("SELECT document FROM sealed_record WHERE kind = 'agreement' AND version_id = ?")
    .pluck()
    .get(s.versionId) as Buffer | undefined;

/** Sent for signing; Broo and Nylind hold local personal certificates. */
async function sentForSigning() {
  await b.call('certificates.createLocal', { organisation: 'Södertälje kommun', passphrase: KEYSTORE });
  const broo = await b.call('personCertificates.createLocal', {
    personId: s.people.broo.id,
    password: 'broo-lösenord',
    passphrase: null,
  });
  const nylind = await b.call('personCertificates.createLocal', {
    personId: s.people.nylind.id,
    password: 'nylind-lösenord',
    passphrase: null,
  });
  const version = await b.call('agreements.signing.send', { versionId: s.versionId });
  const party = (organisationId: number) => version.parties.find((p) => p.organisationId === organisationId)!;
  return {
    broo,
    nylind,
    parties: { kommun: party(s.orgs.kommun.id), polis: party(s.orgs.polis.id), brand: party(s.orgs.brand.id) },
  };
}

describe('co-signing an agreement version', { timeout: 300_000 }, () => {
  it('three signatories co-sign the frozen document (two here, one away with xmlsec1); the sealed record is exactly those bytes with the seal over them', async () => {
    const { broo, nylind, parties } = await sentForSigning();
    const frozen = fromBase64((await b.call('agreements.signing.exportForSigning', { versionId: s.versionId })).base64);

    await b.call('agreements.signing.signDigitally', {
      versionId: s.versionId,
      partyId: parties.kommun.id,
      certificateId: broo.id,
      password: 'broo-lösenord',
      place: 'Södertälje',
    });
    const afterNylind = await b.call('agreements.signing.signDigitally', {
      versionId: s.versionId,
      partyId: parties.polis.id,
      certificateId: nylind.id,
      password: 'nylind-lösenord',
      place: 'Södertälje',
    });
    expect(afterNylind.storedStatus).toBe('under_signing');

    // away: Uddholm signs the exported copy with another tool (stock xmlsec1) and his own CA's certificate
    const away = testCa(new Date(), 'Södertörns brandförsvarsförbund');
    const exported = fromBase64(
      (await b.call('agreements.signing.exportForSigning', { versionId: s.versionId })).base64,
    );
    const returned = xmlsecCoSign(
      exported,
      away.signer.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
      away.signer.certificate,
      new Date(),
    );
    const unknown = await b.fail('agreements.signing.importSignedCopy', {
      fileBase64: base64(returned),
      place: 'Tumba',
    });
    expect(unknown).toMatchObject({
      code: 'CONFLICT',
      params: { reason: 'meetings.reasons.signed_copy_unknown_certificate' },
    });
    const imported = await b.call('agreements.signing.importSignedCopy', {
      fileBase64: base64(returned),
      confirmPersonId: s.people.uddholm.id,
      place: 'Tumba',
    });
    expect(imported).toMatchObject({ partyId: parties.brand.id, name: 'Lars-Göran Uddholm' });
    const version = imported.version;
    expect(version.storedStatus).toBe('signed');
    expect(
      version.parties.map((p) => [p.signing?.proof.kind, p.signing?.proof.kind === 'digital' && p.signing.proof.way]),
    ).toEqual([
      ['digital', 'here'],
      ['digital', 'here'],
      ['digital', 'imported'],
    ]);

    const sealed = new Uint8Array(sealedAgreement()!);
    const report = verifyPackage(sealed, { trusted: [...trustedCertificates(b.ctx), away.ca.certificate] });
    expect(report.verdict).toBe('trusted');
    expect(report.signatures.map((sig) => [sig.part, sig.role])).toEqual([
      ['_xmlsignatures/sig1.xml', 'Undertecknare för Södertälje kommun'],
      ['_xmlsignatures/sig2.xml', 'Undertecknare för Södertälje lokalpolisområde'],
      ['_xmlsignatures/sig3.xml', null],
      ['_xmlsignatures/sig4.xml', 'Organisationens sigill'],
    ]);
    expect(report.signatures[0].comment).toBe('Undertecknar Samverkansöverenskommelse 2017–2018 2017-01-01–2018-12-31');
    // every part of the frozen document is in the sealed record byte for byte
    expectPartsKept(frozen, sealed);
    const localCa = trustedCertificates(b.ctx)
      .map((c) => c.toString())
      .join('');
    expectXmlsecAccepts(sealed, [
      ['_xmlsignatures/sig1.xml', localCa],
      ['_xmlsignatures/sig2.xml', localCa],
      ['_xmlsignatures/sig3.xml', away.ca.certificate.toString()],
    ]);
  });

  it('wrong password, another person’s certificate, an expired certificate, a changed or extra part, a second signature by the same person, a paper record over a digital signing: refused, nothing recorded', async () => {
    const { broo, nylind, parties } = await sentForSigning();
    const here = (over: Record<string, unknown>) => ({
      versionId: s.versionId,
      partyId: parties.kommun.id,
      certificateId: broo.id,
      password: 'broo-lösenord',
      place: 'Södertälje',
      ...over,
    });
    expect((await b.fail('agreements.signing.signDigitally', here({ password: 'fel' }))).fields).toEqual({
      password: 'signing.validation.wrong_certificate_password',
    });
    expect(
      (
        await b.fail(
          'agreements.signing.signDigitally',
          here({ certificateId: nylind.id, password: 'nylind-lösenord' }),
        )
      ).fields,
    ).toEqual({ certificateId: 'signing.errors.certificate_of_another_person' });
    const old = expiredCertificate('Camilla Broo');
    const expired = await b.call('personCertificates.import', {
      personId: s.people.broo.id,
      fileBase64: base64(pkcs12Of(b.dir, old, 'losenord1')),
      password: 'losenord1',
    });
    expect(
      (await b.fail('agreements.signing.signDigitally', here({ certificateId: expired.id, password: 'losenord1' })))
        .params?.reason,
    ).toBe('signing.errors.expired');
    expect(count('agreement_signing')).toBe(0);

    // a returned copy whose content was changed, or that gained a part, is refused by name
    const away = testCa(new Date(), 'Södertörns brandförsvarsförbund');
    const key = away.signer.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    const exported = fromBase64(
      (await b.call('agreements.signing.exportForSigning', { versionId: s.versionId })).base64,
    );
    const parts = unzipSync(exported);
    const changed = zipSync({
      ...parts,
      'word/document.xml': strToU8(strFromU8(parts['word/document.xml']).replace('tryggare', 'otryggare')),
    });
    const refusedChange = await b.fail('agreements.signing.importSignedCopy', {
      fileBase64: base64(xmlsecCoSign(changed, key, away.signer.certificate, new Date())),
      confirmPersonId: s.people.uddholm.id,
      place: 'Tumba',
    });
    expect(refusedChange.params).toMatchObject({
      reason: 'meetings.reasons.signed_copy_changed',
      part: 'word/document.xml',
    });
    const extra = zipSync({ ...parts, 'word/media/extra.png': new Uint8Array([1, 2, 3]) });
    const refusedExtra = await b.fail('agreements.signing.importSignedCopy', {
      fileBase64: base64(xmlsecCoSign(extra, key, away.signer.certificate, new Date())),
      confirmPersonId: s.people.uddholm.id,
      place: 'Tumba',
    });
    expect(refusedExtra.params).toMatchObject({
      reason: 'meetings.reasons.signed_copy_extra_part',
      part: 'word/media/extra.png',
    });
    expect(count('agreement_signing')).toBe(0);
    expect(count('person_certificate WHERE person_id = ' + s.people.uddholm.id)).toBe(0);

    // Broo signs here; a second signature by her (another certificate of hers, from away) is not recorded
    await b.call('agreements.signing.signDigitally', here({}));
    const second = testCa(new Date(), 'Södertälje kommun');
    await b.call('personCertificates.import', {
      personId: s.people.broo.id,
      fileBase64: base64(pkcs12Of(b.dir, second.signer, 'losenord2', { name: 'second' })),
      password: 'losenord2',
    });
    const again = fromBase64((await b.call('agreements.signing.exportForSigning', { versionId: s.versionId })).base64);
    const twice = await b.fail('agreements.signing.importSignedCopy', {
      fileBase64: base64(
        xmlsecCoSign(
          again,
          second.signer.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
          second.signer.certificate,
          new Date(),
        ),
      ),
      place: 'Södertälje',
    });
    expect(twice.params?.reason).toBe('meetings.reasons.signed_copy_signatory_already_signed');
    expect((await b.fail('agreements.signing.signDigitally', here({}))).params?.reason).toBe(
      'agreements.reasons.already_signed',
    );
    // her digital signing is never overwritten by a paper record
    const paper = await b.fail('agreements.signing.record', {
      versionId: s.versionId,
      partyId: parties.kommun.id,
      signedOn: '2017-01-02',
      place: 'Södertälje',
    });
    expect(paper.params?.reason).toBe('agreements.reasons.signed_digitally');
    expect(count('agreement_signing')).toBe(1);
    expect(count('agreement_signing_signature')).toBe(1);
  });

  it('a copy imported on another version’s page is refused, naming the version it belongs to, and records nothing; on its own version it is recorded', async () => {
    const { parties } = await sentForSigning();
    const other = await b.call('agreements.create', {
      name: 'Trygghetsvandringar',
      version: { title: 'Trygghetsvandringar 2017', dnr: 'KS 2017/7', validFrom: '2017-01-01', validTo: '2017-12-31' },
    });
    const away = testCa(new Date(), 'Södertörns brandförsvarsförbund');
    const exported = fromBase64(
      (await b.call('agreements.signing.exportForSigning', { versionId: s.versionId })).base64,
    );
    const signed = base64(
      xmlsecCoSign(
        exported,
        away.signer.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
        away.signer.certificate,
        new Date(),
      ),
    );
    const copy = { fileBase64: signed, confirmPersonId: s.people.uddholm.id, place: 'Tumba' };
    const elsewhere = await b.fail('agreements.signing.importSignedCopy', {
      ...copy,
      versionId: other.versions[0].id,
    });
    expect(elsewhere.params).toMatchObject({
      reason: 'meetings.reasons.signed_copy_other_version',
      title: 'Samverkansöverenskommelse 2017–2018',
      validFrom: '2017-01-01',
      validTo: '2018-12-31',
    });
    expect(count('agreement_signing')).toBe(0);
    expect(count('person_certificate WHERE person_id = ' + s.people.uddholm.id)).toBe(0);
    const imported = await b.call('agreements.signing.importSignedCopy', { ...copy, versionId: s.versionId });
    expect([imported.versionId, imported.partyId]).toEqual([s.versionId, parties.brand.id]);
    expect(count('agreement_signing')).toBe(1);
  });

  it('withdrawing throws the frozen document away with its signatures; on paper, the signing says who recorded it and the record is rendered as before', async () => {
    const { broo, parties } = await sentForSigning();
    await b.call('agreements.signing.signDigitally', {
      versionId: s.versionId,
      partyId: parties.kommun.id,
      certificateId: broo.id,
      password: 'broo-lösenord',
      place: 'Södertälje',
    });
    await b.call('agreements.signing.withdraw', { versionId: s.versionId });
    expect(count("frozen_document WHERE kind = 'agreement'")).toBe(0);
    expect(count('agreement_signing_signature')).toBe(0);
    expect(count('agreement_signing')).toBe(0);

    const resent = await b.call('agreements.signing.send', { versionId: s.versionId });
    // sent again: a new frozen document, with no signature on it
    expect(count("frozen_document WHERE kind = 'agreement'")).toBe(1);
    let last = resent;
    for (const party of resent.parties)
      last = await b.call('agreements.signing.record', {
        versionId: s.versionId,
        partyId: party.id,
        signedOn: '2017-01-02',
        place: 'Södertälje',
      });
    expect(last.storedStatus).toBe('signed');
    expect(last.parties.map((p) => p.signing?.proof)).toEqual(
      last.parties.map(() => ({ kind: 'recorded', operator: 'testare' })),
    );
    // nobody signed digitally: the record is rendered from its snapshot and carries only the seal
    const record = new Uint8Array(sealedAgreement()!);
    const report = verifyPackage(record, { trusted: trustedCertificates(b.ctx) });
    expect(report.signatures.map((sig) => sig.role)).toEqual(['Organisationens sigill']);
    // its Underskrifter say how each signing was given
    const lines = paragraphs(docxParts(record)['word/document.xml']).map((p) => p.text);
    expect(lines.filter((text) => text === 'Utan digital underskrift, registrerat av testare')).toHaveLength(3);
  });

  it('signing digitally and exporting for signing are refused as the version’s rules say (its can.recordSigning), in draft and once signed', async () => {
    const { broo, parties } = await sentForSigning();
    const signHere = () =>
      b.fail('agreements.signing.signDigitally', {
        versionId: s.versionId,
        partyId: parties.kommun.id,
        certificateId: broo.id,
        password: 'broo-lösenord',
        place: 'Södertälje',
      });
    const exportIt = () => b.fail('agreements.signing.exportForSigning', { versionId: s.versionId });
    const reasons = async () => [(await signHere()).params?.reason, (await exportIt()).params?.reason];
    const can = async () => (await b.call('agreements.versions.get', { id: s.versionId })).can.recordSigning;

    const draft = await b.call('agreements.signing.withdraw', { versionId: s.versionId });
    expect(draft.can.recordSigning).toEqual({ allowed: false, reason: 'agreements.reasons.not_under_signing' });
    expect(await reasons()).toEqual([draft.can.recordSigning.reason, draft.can.recordSigning.reason]);

    const resent = await b.call('agreements.signing.send', { versionId: s.versionId });
    for (const party of resent.parties)
      await b.call('agreements.signing.record', {
        versionId: s.versionId,
        partyId: party.id,
        signedOn: '2017-01-02',
        place: 'Södertälje',
      });
    const signed = await can();
    expect(signed).toEqual({ allowed: false, reason: 'agreements.reasons.version_signed' });
    expect(await reasons()).toEqual([signed.reason, signed.reason]);
    expect(count('agreement_signing_signature')).toBe(0);
  });

  it('away through the command line: export for signing, samrad sign with an openssl PKCS#12, samrad import-signature --place; signed digitally', async () => {
    const { broo, nylind, parties } = await sentForSigning();
    for (const [party, certificate, password] of [
      [parties.kommun, broo, 'broo-lösenord'],
      [parties.polis, nylind, 'nylind-lösenord'],
    ] as const)
      await b.call('agreements.signing.signDigitally', {
        versionId: s.versionId,
        partyId: party.id,
        certificateId: certificate.id,
        password,
        place: 'Södertälje',
      });
    const p12 = opensslPkcs12(b.dir, {
      name: 'Lars-Göran Uddholm',
      organisation: 'Södertörns brandförsvarsförbund',
      password: 'brand-pw',
    });
    const exported = path.join(b.dir, 'version.docx');
    fs.writeFileSync(
      exported,
      fromBase64((await b.call('agreements.signing.exportForSigning', { versionId: s.versionId })).base64),
    );
    const signedFile = path.join(b.dir, 'uddholm.docx');
    const env = { ...process.env, P12_PW: 'brand-pw', SAMRAD_DB: '', SAMRAD_DATA_DIR: path.join(b.dir, 'data-dir') };
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000, env });
    const signed = run(
      'sign',
      exported,
      '--p12',
      p12.file,
      '--password-env',
      'P12_PW',
      '--role',
      'Undertecknare för Södertörns brandförsvarsförbund',
      '--out',
      signedFile,
    );
    expect(signed.status, signed.stderr).toBe(0);
    const db = path.join(b.dir, 'samrad.sqlite');
    const withoutPlace = run(
      'import-signature',
      signedFile,
      '--confirm-person',
      String(s.people.uddholm.id),
      '--db',
      db,
    );
    expect(withoutPlace.status).not.toBe(0);
    expect(withoutPlace.stderr).toContain('--place');
    const imported = run(
      'import-signature',
      signedFile,
      '--confirm-person',
      String(s.people.uddholm.id),
      '--place',
      'Tumba',
      '--db',
      db,
    );
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(
      /^Digitally signed by Lars-Göran Uddholm \(CN=Lars-Göran Uddholm, .* \d{4}-\d{2}-\d{2} kl\. \d{2}\.\d{2}, time from the signer's own clock\): agreement version \d+ is signed\.$/m,
    );
    const version = await b.call('agreements.versions.get', { id: s.versionId });
    expect(version.storedStatus).toBe('signed');
    expect(version.parties.find((p) => p.id === parties.brand.id)?.signing?.proof).toMatchObject({
      kind: 'digital',
      way: 'imported',
      certificateOrigin: 'confirmed',
    });
  });
});
