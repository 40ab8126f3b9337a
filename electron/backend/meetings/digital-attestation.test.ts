import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { TestBackend } from '../../../test/support/backend';
import { chefssamradOnRealClock, type Chefssamrad } from '../../../test/support/real-clock-chefssamrad';
import { opensslPkcs12, pkcs12Of } from '../../../test/support/pkcs12';
import { issueCertificate } from '../signing/certificates/issue';
import { verifyPackage } from '../signing/opc/verify-package';
import { trustedCertificates } from '../signing/certificates/store';
import { zonedDate } from '../../../shared/time/zoned-date';
import { testCa, expiredCertificate } from '../../../test/support/test-ca';
import { xmlsecCoSign } from '../../../test/support/xmlsec-sign';
import { expectPartsKept, expectXmlsecAccepts } from '../../../test/support/xmlsec';

const BIN = path.resolve(__dirname, '../../../bin/samrad.js');
const KEYSTORE = 'nyckelring-lösen';

let b: TestBackend;
let f: Chefssamrad;
// the real clock: the signatory away (samrad sign) signs at the real time, which must not lie in the backend's future
chefssamradOnRealClock((opened) => ({ b, f } = opened));

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const fromBase64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));

/** Sent for justering: chair Broo, justerare Nylind and Uddholm; Broo and Nylind hold local personal certificates. */
async function sentForJustering() {
  const date = zonedDate(new Date(Date.now() - 3 * 86400e3));
  const meeting = await f.meeting(date, '09:00', '11:00', [f.nylind.id, f.uddholm.id]);
  await b.call('protocol.create', { meetingId: meeting.id });
  await b.call('protocol.addParagraph', {
    meetingId: meeting.id,
    fields: { title: 'Trygghetsvandringar i Hovsjö', decision: 'Chefssamrådet ställer sig bakom dem.', finished: true },
  });
  await b.call('certificates.createLocal', { organisation: 'Södertälje kommun', passphrase: KEYSTORE });
  const broo = await b.call('personCertificates.createLocal', {
    personId: f.broo.id,
    password: 'broo-lösenord',
    passphrase: null,
  });
  const nylind = await b.call('personCertificates.createLocal', {
    personId: f.nylind.id,
    password: 'nylind-lösenord',
    passphrase: null,
  });
  await f.finishAndSubmit(meeting.id);
  return { meeting, broo, nylind };
}

function samradSign(input: Uint8Array, p12: string, password: string, out: string) {
  const file = path.join(b.dir, `in-${crypto.randomUUID()}.docx`);
  fs.writeFileSync(file, input);
  const run = spawnSync(
    process.execPath,
    [BIN, 'sign', file, '--p12', p12, '--password-env', 'P12_PW', '--role', 'Justerare', '--out', out],
    {
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, P12_PW: password, SAMRAD_DB: '', SAMRAD_DATA_DIR: path.join(b.dir, 'data-dir') },
    },
  );
  expect(run.status, run.stderr).toBe(0);
  return new Uint8Array(fs.readFileSync(out));
}

const attestationCount = (meetingId: number) =>
  b.ctx.db.prepare('SELECT count(*) FROM attestation WHERE meeting_id = ?').pluck().get(meetingId);

describe('personal certificates', () => {
  it('a person holds local and imported certificates, linked by fingerprint; removing one destroys its key and keeps the row', async () => {
    await b.call('certificates.createLocal', { organisation: 'Södertälje kommun', passphrase: KEYSTORE });
    const local = await b.call('personCertificates.createLocal', {
      personId: f.broo.id,
      password: 'broo-lösenord',
      passphrase: null,
    });
    expect(local).toMatchObject({ personId: f.broo.id, origin: 'local', hasPrivateKey: true, removedAt: null });
    expect(local.subject).toContain('CN=Camilla Broo');
    expect(local.issuer).toContain('Södertälje kommun lokal CA');
    const p12 = opensslPkcs12(b.dir, { name: 'Camilla Broo', organisation: 'Södertälje kommun', password: 'e-tjanst' });
    const imported = await b.call('personCertificates.import', {
      personId: f.broo.id,
      fileBase64: base64(p12.bytes),
      password: 'e-tjanst',
    });
    expect(imported).toMatchObject({ origin: 'imported', hasPrivateKey: true });
    expect(imported.fingerprint).toBe(new crypto.X509Certificate(p12.certificatePem).fingerprint256);
    // the same certificate for another person is refused
    const other = await b.fail('personCertificates.import', {
      personId: f.nylind.id,
      fileBase64: base64(p12.bytes),
      password: 'e-tjanst',
    });
    expect(other.params?.reason).toBe('signing.errors.certificate_of_another_person');
    // wrong password, no key: refused, nothing stored
    const wrong = await b.fail('personCertificates.import', {
      personId: f.nylind.id,
      fileBase64: base64(p12.bytes),
      password: 'fel',
    });
    expect(wrong.fields).toEqual({ password: 'signing.validation.wrong_p12_password' });
    const now = Date.now();
    const ca = issueCertificate({
      commonName: 'CA',
      organisation: 'X',
      notBefore: new Date(now - 1e9),
      notAfter: new Date(now + 1e9),
      ca: true,
    });
    const person = issueCertificate({
      commonName: 'Peter Nylind',
      organisation: 'X',
      notBefore: new Date(now - 1e9),
      notAfter: new Date(now + 1e9),
      ca: false,
      issuer: ca,
    });
    const noKey = await b.fail('personCertificates.import', {
      personId: f.nylind.id,
      fileBase64: base64(pkcs12Of(b.dir, person, 'losenord', { withKey: false })),
      password: 'losenord',
    });
    expect(noKey.fields).toEqual({ fileBase64: 'signing.validation.no_private_key' });
    expect(await b.call('personCertificates.list', { personId: f.nylind.id })).toEqual([]);

    const removed = await b.call('personCertificates.remove', { id: imported.id });
    expect(removed).toMatchObject({ hasPrivateKey: false });
    expect(removed.removedAt).not.toBeNull();
    expect(
      b.ctx.db.prepare('SELECT private_key FROM person_certificate WHERE id = ?').pluck().get(imported.id),
    ).toBeNull();
    expect(() => b.ctx.db.prepare('DELETE FROM person_certificate WHERE id = ?').run(local.id)).toThrow(
      'signing.person_certificate_fixed',
    );
    expect(() =>
      b.ctx.db.prepare('UPDATE person_certificate SET person_id = ? WHERE id = ?').run(f.nylind.id, local.id),
    ).toThrow('signing.person_certificate_fixed');
    expect((await b.call('personCertificates.list', { personId: f.broo.id })).map((c) => c.origin)).toEqual([
      'local',
      'imported',
    ]);
  });

  it('a local personal certificate needs the organisation’s local CA and the keystore passphrase', async () => {
    const none = await b.fail('personCertificates.createLocal', {
      personId: f.broo.id,
      password: 'broo-lösenord',
      passphrase: null,
    });
    expect(none.params?.reason).toBe('signing.errors.no_local_ca');
  });
});

describe('attesting with one’s own signature', { timeout: 300_000 }, () => {
  it('three attesters co-sign the frozen document (two here, one away with samrad sign); the sealed record is exactly those bytes with the seal over them', async () => {
    const { meeting, broo, nylind } = await sentForJustering();
    const frozen = fromBase64((await b.call('protocol.exportForSigning', { meetingId: meeting.id })).base64);
    expect(Object.keys(unzipSync(frozen)).some((p) => p.startsWith('_xmlsignatures/'))).toBe(false);
    expect(strFromU8(unzipSync(frozen)['word/document.xml'])).toContain('Skickat för justering');

    // here: wrong password, another person's certificate: refused, nothing recorded
    const wrong = await b.fail('protocol.signAttestation', {
      meetingId: meeting.id,
      personId: f.broo.id,
      certificateId: broo.id,
      password: 'fel-lösen',
    });
    expect(wrong.fields).toEqual({ password: 'signing.validation.wrong_certificate_password' });
    const others = await b.fail('protocol.signAttestation', {
      meetingId: meeting.id,
      personId: f.broo.id,
      certificateId: nylind.id,
      password: 'nylind-lösenord',
    });
    expect(others.fields).toEqual({ certificateId: 'signing.errors.certificate_of_another_person' });
    expect(attestationCount(meeting.id)).toBe(0);

    let protocol = await b.call('protocol.signAttestation', {
      meetingId: meeting.id,
      personId: f.broo.id,
      certificateId: broo.id,
      password: 'broo-lösenord',
      place: 'Stadshuset',
    });
    expect(protocol.attestations[0].proof).toMatchObject({
      kind: 'digital',
      certificateId: broo.id,
      way: 'here',
      timeSource: 'signer_clock',
      signaturePart: '_xmlsignatures/sig1.xml',
      certificateOrigin: 'local',
    });

    // away: Uddholm signs the exported copy with his own e-service certificate, unknown to Samråd
    const p12 = opensslPkcs12(b.dir, {
      name: 'Lars-Göran Uddholm',
      organisation: 'Södertälje lokalpolisområde',
      password: 'polis-pw',
    });
    const exported = fromBase64((await b.call('protocol.exportForSigning', { meetingId: meeting.id })).base64);
    const signedAway = samradSign(exported, p12.file, 'polis-pw', path.join(b.dir, 'uddholm.docx'));
    const unknown = await b.fail('protocol.importSignedCopy', { fileBase64: base64(signedAway) });
    expect(unknown.params).toMatchObject({
      reason: 'meetings.reasons.signed_copy_unknown_certificate',
      subject: expect.stringContaining('Lars-Göran Uddholm'),
    });
    expect(attestationCount(meeting.id)).toBe(1);
    const imported = await b.call('protocol.importSignedCopy', {
      fileBase64: base64(signedAway),
      confirmPersonId: f.uddholm.id,
    });
    expect(imported).toMatchObject({ meetingId: meeting.id, personId: f.uddholm.id, name: 'Lars-Göran Uddholm' });
    const confirmed = await b.call('personCertificates.list', { personId: f.uddholm.id });
    expect(confirmed).toMatchObject([
      {
        origin: 'confirmed',
        hasPrivateKey: false,
        fingerprint: new crypto.X509Certificate(p12.certificatePem).fingerprint256,
      },
    ]);

    // the same copy again carries nothing new; Broo signing a second time (another certificate of hers) is refused
    const again = await b.fail('protocol.importSignedCopy', { fileBase64: base64(signedAway) });
    expect(again.params?.reason).toBe('meetings.reasons.signed_copy_no_signature');
    const brooAway = opensslPkcs12(b.dir, {
      name: 'Camilla Broo',
      organisation: 'Södertälje kommun',
      password: 'broo-p12',
      file: 'broo',
    });
    await b.call('personCertificates.import', {
      personId: f.broo.id,
      fileBase64: base64(brooAway.bytes),
      password: 'broo-p12',
    });
    const current = fromBase64((await b.call('protocol.exportForSigning', { meetingId: meeting.id })).base64);
    const second = samradSign(current, brooAway.file, 'broo-p12', path.join(b.dir, 'broo-again.docx'));
    const refusedSecond = await b.fail('protocol.importSignedCopy', { fileBase64: base64(second) });
    expect(refusedSecond.params?.reason).toBe('meetings.reasons.signed_copy_second_signature');
    expect(attestationCount(meeting.id)).toBe(2);

    protocol = await b.call('protocol.signAttestation', {
      meetingId: meeting.id,
      personId: f.nylind.id,
      certificateId: nylind.id,
      password: 'nylind-lösenord',
    });
    expect(protocol.status).toBe('attested');
    expect(
      protocol.attestations.map((a) => [a.name, a.proof.kind, a.proof.kind === 'digital' ? a.proof.way : null]),
    ).toEqual([
      ['Camilla Broo', 'digital', 'here'],
      ['Lars-Göran Uddholm', 'digital', 'imported'],
      ['Peter Nylind', 'digital', 'here'],
    ]);

    // the sealed record: every part of the frozen document byte for byte, three personal signatures and the seal
    const sealed = fromBase64(
      (await b.call('meetings.exportProtocol', { meetingId: meeting.id, lang: 'sv', sign: false })).base64,
    );
    const sealedParts = unzipSync(sealed);
    for (const [part, bytes] of Object.entries(unzipSync(frozen))) {
      if (part === '[Content_Types].xml' || part === '_rels/.rels') continue;
      expect(Buffer.from(sealedParts[part]).equals(Buffer.from(bytes)), part).toBe(true);
    }
    const report = verifyPackage(sealed, {
      trusted: [...trustedCertificates(b.ctx), new crypto.X509Certificate(p12.caPem)],
    });
    expect(report.signatures.map((s) => s.problems)).toEqual([[], [], [], []]);
    expect(report.verdict).toBe('trusted');
    const xml = (n: number) => strFromU8(sealedParts[`_xmlsignatures/sig${n}.xml`]);
    expect(xml(1)).toContain('<xd:ClaimedRole>Ordförande</xd:ClaimedRole>');
    expect(xml(1)).toMatch(
      /<xd:CommitmentTypeQualifier>Justerar protokoll Chefssamrådet \d{4}-\d{2}-\d{2} §§ \d+–\d+<\/xd:CommitmentTypeQualifier>/,
    );
    expect(xml(3)).toContain('<xd:ClaimedRole>Justerare</xd:ClaimedRole>');
    expect(xml(4)).toContain('<xd:ClaimedRole>Organisationens sigill</xd:ClaimedRole>');
    expect(xml(4)).toContain('#ProofOfOrigin');
    // a later rendering (the English translation, from the snapshot) says how each attested
    const english = fromBase64(
      (await b.call('meetings.exportProtocol', { meetingId: meeting.id, lang: 'en', sign: false })).base64,
    );
    expect(strFromU8(unzipSync(english)['word/document.xml']).replace(/<[^>]+>/g, '')).toMatch(
      /Attested \d{4}-?\d{2}-?\d{2}, digitally signed \(CN=Camilla Broo, O=Södertälje kommun, C=SE\)/,
    );
    expect(report.signatures.map((s) => s.certificate?.subject.split(', ')[0])).toEqual([
      'CN=Camilla Broo',
      'CN=Lars-Göran Uddholm',
      'CN=Peter Nylind',
      'CN=Södertälje kommun dokumentsignering (lokal)',
    ]);
  });

  it('a returned copy with changed content, an extra part, or by a person who does not attest is refused by name; nothing is recorded', async () => {
    const { meeting } = await sentForJustering();
    const p12 = opensslPkcs12(b.dir, {
      name: 'Lars-Göran Uddholm',
      organisation: 'Södertälje lokalpolisområde',
      password: 'polis-pw',
    });
    const exported = fromBase64((await b.call('protocol.exportForSigning', { meetingId: meeting.id })).base64);
    const parts = unzipSync(exported);
    const changed = zipSync({
      ...parts,
      'word/document.xml': strToU8(strFromU8(parts['word/document.xml']).replace('ställer sig bakom', 'avslår')),
    });
    const changedSigned = samradSign(changed, p12.file, 'polis-pw', path.join(b.dir, 'changed.docx'));
    const refusedChange = await b.fail('protocol.importSignedCopy', {
      fileBase64: base64(changedSigned),
      confirmPersonId: f.uddholm.id,
    });
    expect(refusedChange.params).toMatchObject({
      reason: 'meetings.reasons.signed_copy_changed',
      part: 'word/document.xml',
    });

    const extra = zipSync({ ...parts, 'word/media/extra.png': new Uint8Array([1, 2, 3]) });
    const extraSigned = samradSign(extra, p12.file, 'polis-pw', path.join(b.dir, 'extra.docx'));
    const refusedExtra = await b.fail('protocol.importSignedCopy', {
      fileBase64: base64(extraSigned),
      confirmPersonId: f.uddholm.id,
    });
    expect(refusedExtra.params).toMatchObject({
      reason: 'meetings.reasons.signed_copy_extra_part',
      part: 'word/media/extra.png',
    });

    // Wikström's certificate is known, but he does not attest this protocol
    await b.call('personCertificates.import', {
      personId: f.wikstrom.id,
      fileBase64: base64(p12.bytes),
      password: 'polis-pw',
    });
    const good = samradSign(exported, p12.file, 'polis-pw', path.join(b.dir, 'good.docx'));
    const notAttester = await b.fail('protocol.importSignedCopy', { fileBase64: base64(good) });
    expect(notAttester.params?.reason).toBe('meetings.reasons.signed_copy_other_person');
    const unsigned = await b.fail('protocol.importSignedCopy', { fileBase64: base64(exported) });
    expect(unsigned.params?.reason).toBe('meetings.reasons.signed_copy_no_signature');
    expect(attestationCount(meeting.id)).toBe(0);
    expect(b.ctx.db.prepare('SELECT count(*) FROM attestation_signature').pluck().get()).toBe(0);
  });

  it('an expired certificate cannot sign; a second signature by the same person is refused', async () => {
    const { meeting, broo } = await sentForJustering();
    const old = expiredCertificate('Camilla Broo');
    const expired = await b.call('personCertificates.import', {
      personId: f.broo.id,
      fileBase64: base64(pkcs12Of(b.dir, old, 'losenord1')),
      password: 'losenord1',
    });
    const refused = await b.fail('protocol.signAttestation', {
      meetingId: meeting.id,
      personId: f.broo.id,
      certificateId: expired.id,
      password: 'losenord1',
    });
    expect(refused.params?.reason).toBe('signing.errors.expired');
    expect(attestationCount(meeting.id)).toBe(0);
    await b.call('protocol.signAttestation', {
      meetingId: meeting.id,
      personId: f.broo.id,
      certificateId: broo.id,
      password: 'broo-lösenord',
    });
    const twice = await b.fail('protocol.signAttestation', {
      meetingId: meeting.id,
      personId: f.broo.id,
      certificateId: broo.id,
      password: 'broo-lösenord',
    });
    expect(twice.fields).toEqual({ personId: 'meetings.validation.already_attested' });
  });

  it('reopening withdraws the frozen document and its signatures; attested on paper, the act says who recorded it and the record is rendered as before', async () => {
    const { meeting, broo } = await sentForJustering();
    await b.call('protocol.signAttestation', {
      meetingId: meeting.id,
      personId: f.broo.id,
      certificateId: broo.id,
      password: 'broo-lösenord',
    });
    await b.call('protocol.reopen', { meetingId: meeting.id });
    expect(b.ctx.db.prepare('SELECT count(*) FROM frozen_document').pluck().get()).toBe(0);
    expect(b.ctx.db.prepare('SELECT count(*) FROM attestation_signature').pluck().get()).toBe(0);
    await f.finishAndSubmit(meeting.id);
    const on = zonedDate(new Date());
    for (const who of [f.broo, f.nylind, f.uddholm])
      await b.call('protocol.attest', { meetingId: meeting.id, personId: who.id, date: on });
    const protocol = (await b.call('protocol.get', { meetingId: meeting.id }))!;
    expect(protocol.attestations.map((a) => a.proof)).toEqual([
      { kind: 'recorded', operator: 'testare' },
      { kind: 'recorded', operator: 'testare' },
      { kind: 'recorded', operator: 'testare' },
    ]);
    const sealed = fromBase64(
      (await b.call('meetings.exportProtocol', { meetingId: meeting.id, lang: 'sv', sign: false })).base64,
    );
    expect(strFromU8(unzipSync(sealed)['word/document.xml'])).not.toContain('Skickat för justering');
    // (Word's non-breaking hyphens in dates are elements of their own, so the text is read without tags)
    expect(strFromU8(unzipSync(sealed)['word/document.xml']).replace(/<[^>]+>/g, '')).toContain(
      `Justerat ${on.replace(/-/g, '')}, utan digital underskrift, registrerat av testare`,
    );
  });

  it('the import round trip through the command line: export for signing, samrad sign, samrad import-signature; attested, digitally', async () => {
    const { meeting, broo, nylind } = await sentForJustering();
    await b.call('protocol.signAttestation', {
      meetingId: meeting.id,
      personId: f.broo.id,
      certificateId: broo.id,
      password: 'broo-lösenord',
    });
    await b.call('protocol.signAttestation', {
      meetingId: meeting.id,
      personId: f.nylind.id,
      certificateId: nylind.id,
      password: 'nylind-lösenord',
    });
    const p12 = opensslPkcs12(b.dir, {
      name: 'Lars-Göran Uddholm',
      organisation: 'Södertälje lokalpolisområde',
      password: 'polis-pw',
    });
    const exported = fromBase64((await b.call('protocol.exportForSigning', { meetingId: meeting.id })).base64);
    const signedFile = path.join(b.dir, 'uddholm-cli.docx');
    samradSign(exported, p12.file, 'polis-pw', signedFile);
    const run = spawnSync(
      process.execPath,
      [
        BIN,
        'import-signature',
        signedFile,
        '--confirm-person',
        String(f.uddholm.id),
        '--db',
        path.join(b.dir, 'samrad.sqlite'),
      ],
      {
        encoding: 'utf8',
        timeout: 60_000,
        env: { ...process.env, SAMRAD_DB: '', SAMRAD_DATA_DIR: path.join(b.dir, 'data-dir') },
      },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(
      /^Digitally signed by Lars-Göran Uddholm \(CN=Lars-Göran Uddholm, .* \d{4}-\d{2}-\d{2} kl\. \d{2}\.\d{2}, time from the signer's own clock\): protocol of meeting \d+ is attested\.$/m,
    );
    const protocol = (await b.call('protocol.get', { meetingId: meeting.id }))!;
    expect(protocol.status).toBe('attested');
    expect(protocol.attestations.find((a) => a.personId === f.uddholm.id)?.proof).toMatchObject({
      kind: 'digital',
      way: 'imported',
      certificateOrigin: 'confirmed',
    });
    // the same file once more: nothing new to record, exit 1 with the reason
    const again = spawnSync(
      process.execPath,
      [BIN, 'import-signature', signedFile, '--db', path.join(b.dir, 'samrad.sqlite')],
      {
        encoding: 'utf8',
        timeout: 60_000,
        env: { ...process.env, SAMRAD_DB: '', SAMRAD_DATA_DIR: path.join(b.dir, 'data-dir') },
      },
    );
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('not one Samråd sent for justering');
  });
});

describe('attesting a § at once with one’s own signature', { timeout: 300_000 }, () => {
  /** A finished § of a protocol still being written; Broo and Nylind hold local personal certificates. */
  async function paragraphToAttestAtOnce() {
    const date = zonedDate(new Date(Date.now() - 3 * 86400e3));
    const meeting = await f.meeting(date, '09:00', '11:00', [f.nylind.id, f.uddholm.id]);
    await b.call('protocol.create', { meetingId: meeting.id });
    const paragraph = await b.call('protocol.addParagraph', {
      meetingId: meeting.id,
      fields: { title: 'Fordonsbränder i Ronna', decision: 'Beslutet justeras omedelbart.', finished: true },
    });
    await b.call('certificates.createLocal', { organisation: 'Södertälje kommun', passphrase: KEYSTORE });
    const broo = await b.call('personCertificates.createLocal', {
      personId: f.broo.id,
      password: 'broo-lösenord',
      passphrase: null,
    });
    const nylind = await b.call('personCertificates.createLocal', {
      personId: f.nylind.id,
      password: 'nylind-lösenord',
      passphrase: null,
    });
    return { meeting, paragraph, broo, nylind };
  }

  it('the chair and two justerare sign the § ’s extract (two here, one away with xmlsec1); the sealed extract is those bytes with the seal', async () => {
    const { meeting, paragraph, broo, nylind } = await paragraphToAttestAtOnce();
    await b.call('protocol.signParagraph', {
      paragraphId: paragraph.id,
      personId: f.broo.id,
      certificateId: broo.id,
      password: 'broo-lösenord',
    });
    await b.call('protocol.signParagraph', {
      paragraphId: paragraph.id,
      personId: f.nylind.id,
      certificateId: nylind.id,
      password: 'nylind-lösenord',
    });
    const away = testCa(new Date(), 'Södertälje lokalpolisområde');
    const exported = fromBase64(
      (await b.call('protocol.exportParagraphForSigning', { paragraphId: paragraph.id })).base64,
    );
    const returned = xmlsecCoSign(
      exported,
      away.signer.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
      away.signer.certificate,
      new Date(),
    );
    const result = await b.call('protocol.importSignedCopy', {
      fileBase64: base64(returned),
      confirmPersonId: f.uddholm.id,
    });
    expect(result).toMatchObject({ meetingId: meeting.id, personId: f.uddholm.id });
    const attested = result.protocol.paragraphs.find((p) => p.id === paragraph.id)!;
    expect(attested.immediatelyAttested).toBe(true);
    expect(attested.attestations.map((a) => [a.name, a.proof.kind === 'digital' && a.proof.way])).toEqual([
      ['Camilla Broo', 'here'],
      [expect.stringContaining('Nylind'), 'here'],
      [expect.stringContaining('Uddholm'), 'imported'],
    ]);
    expect(result.protocol.status).toBe('draft');

    const sealed = new Uint8Array(
      b.ctx.db
        .prepare("SELECT document FROM sealed_record WHERE kind = 'extract' AND paragraph_id = ?")
        .pluck()
        .get(paragraph.id) as Buffer,
    );
    const report = verifyPackage(sealed, { trusted: [...trustedCertificates(b.ctx), away.ca.certificate] });
    expect(report.verdict).toBe('trusted');
    expect(report.signatures.map((s) => s.role)).toEqual(['Ordförande', 'Justerare', null, 'Organisationens sigill']);
    expect(report.signatures[0].comment).toBe(
      `Justerar omedelbart Chefssamrådet ${meeting.date} § ${paragraph.number}`,
    );
    expectPartsKept(exported, sealed, (p) => p.startsWith('_xmlsignatures/'));
    const localCa = trustedCertificates(b.ctx)
      .map((c) => c.toString())
      .join('');
    expectXmlsecAccepts(sealed, [
      ['_xmlsignatures/sig1.xml', localCa],
      ['_xmlsignatures/sig2.xml', localCa],
      ['_xmlsignatures/sig3.xml', away.ca.certificate.toString()],
    ]);
  });

  it('wrong password, a second signature by the same person, a changed extract: refused, nothing recorded; changing the § throws its extract and signatures away', async () => {
    const { paragraph, broo } = await paragraphToAttestAtOnce();
    const here = (over: Record<string, unknown>) => ({
      paragraphId: paragraph.id,
      personId: f.broo.id,
      certificateId: broo.id,
      password: 'broo-lösenord',
      ...over,
    });
    expect((await b.fail('protocol.signParagraph', here({ password: 'fel' }))).fields).toEqual({
      password: 'signing.validation.wrong_certificate_password',
    });
    expect(attestationCount(paragraph.meetingId)).toBe(0);
    await b.call('protocol.signParagraph', here({}));
    expect((await b.fail('protocol.signParagraph', here({}))).fields).toEqual({
      personId: 'meetings.validation.already_attested',
    });
    const away = testCa(new Date(), 'Södertälje lokalpolisområde');
    const exported = fromBase64(
      (await b.call('protocol.exportParagraphForSigning', { paragraphId: paragraph.id })).base64,
    );
    const parts = unzipSync(exported);
    const changed = zipSync({
      ...parts,
      'word/document.xml': strToU8(strFromU8(parts['word/document.xml']).replace('Ronna', 'Hovsjö')),
    });
    const refusedChange = await b.fail('protocol.importSignedCopy', {
      fileBase64: base64(
        xmlsecCoSign(
          changed,
          away.signer.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
          away.signer.certificate,
          new Date(),
        ),
      ),
      confirmPersonId: f.uddholm.id,
    });
    expect(refusedChange.params).toMatchObject({
      reason: 'meetings.reasons.signed_copy_changed',
      part: 'word/document.xml',
    });
    expect(attestationCount(paragraph.meetingId)).toBe(1);

    await b.call('protocol.updateParagraph', {
      id: paragraph.id,
      fields: { kind: paragraph.kind, title: paragraph.title, decision: 'Ändrat beslut.', finished: true },
    });
    expect(attestationCount(paragraph.meetingId)).toBe(0);
    expect(b.ctx.db.prepare("SELECT count(*) FROM frozen_document WHERE kind = 'extract'").pluck().get()).toBe(0);
    expect(b.ctx.db.prepare('SELECT count(*) FROM attestation_signature').pluck().get()).toBe(0);
  });
});
