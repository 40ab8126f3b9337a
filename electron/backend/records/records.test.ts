import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { testBackend, type TestBackend } from '../../../test/support/backend';
import { editSealedDecisionAroundTriggers } from '../../../test/support/tamper';
import { chefssamrad } from '../../../test/support/meetings';
import { seedAgreement, signAll } from '../../../test/support/agreements';
import { paragraphs } from '../../../test/support/docx';
import { checkDatabase } from '../db/check';
import { exportToFile } from '../export/pipeline';
import { verifyPackage } from '../signing/opc/verify-package';
import { trustedCertificates } from '../signing/certificates/store';
import { sha256Hex } from '../export/write-file';

let b: TestBackend;
let f: Awaited<ReturnType<typeof chefssamrad>>;
beforeEach(async () => {
  b = await testBackend('2017-03-20T09:00:00Z');
  f = await chefssamrad(b);
});
afterEach(() => b.cleanup());

const bytesOf = (file: { base64: string }) => new Uint8Array(Buffer.from(file.base64, 'base64'));
const protocolBytes = async (meetingId: number, sign = false, lang: 'sv' | 'en' = 'sv') =>
  bytesOf(await b.call('meetings.exportProtocol', { meetingId, lang, sign }));
/** The document's text as a reader sees it, paragraph by paragraph (a non-breaking hyphen reads as a hyphen). */
const documentText = (bytes: Uint8Array) =>
  paragraphs(strFromU8(unzipSync(bytes)['word/document.xml']))
    .map((p) => p.text)
    .join('\n');

/** A March meeting with two finished §§, attested by the chair and the justerare. */
const attestedMeeting = () => attestedMeetingOn('2017-03-14');

async function attestedMeetingOn(date: string) {
  const meeting = await f.meeting(date);
  await b.call('protocol.create', { meetingId: meeting.id });
  await b.call('protocol.addParagraph', {
    meetingId: meeting.id,
    fields: {
      title: 'Trygghetsvandringar i Hovsjö',
      dnr: 'KS 2017/123',
      decision: 'Chefssamrådet ställer sig bakom trygghetsvandringarna.',
      finished: true,
    },
  });
  await f.attestAll(meeting.id, '2017-03-20');
  return meeting;
}

describe('sealing at the act', () => {
  it('an attested protocol is a sealed record: snapshot and document hashed, the hashes in the audit chain', async () => {
    const meeting = await attestedMeeting();
    const info = (await b.call('records.get', { kind: 'protocol', id: meeting.id }))!;
    expect(info).toMatchObject({
      kind: 'protocol',
      lang: 'sv',
      signedAtSealing: false,
      brokenAtMigration: false,
      seal: { ok: true, problems: [] },
      olderNames: [],
    });
    expect(info.label).toMatch(/^Chefssamrådet 2017-03-14 §§ \d+–\d+$/);
    const protocol = (await b.call('protocol.get', { meetingId: meeting.id }))!;
    expect(protocol.contentHash).toBe(info.snapshotSha256);
    const history = (await b.call('history.forRecord', { entity: 'meeting', entityId: meeting.id })).items;
    expect(history.find((e) => e.action === 'record_sealed')?.after).toMatchObject({
      recordId: info.recordId,
      snapshotSha256: info.snapshotSha256,
      documentSha256: info.documentSha256,
    });
    expect(await b.call('records.get', { kind: 'protocol', id: (await f.meeting('2017-04-11')).id })).toBeNull();
  });

  it('records are append-only in SQL: no UPDATE, no DELETE, whatever the path', async () => {
    await attestedMeeting();
    expect(() => b.ctx.db.exec("UPDATE sealed_record SET file_name = 'x.docx'")).toThrow('records.sealed');
    expect(() => b.ctx.db.exec('DELETE FROM sealed_record')).toThrow('records.sealed');
    // and no act completes without its record
    const other = await f.meeting('2017-04-11');
    await b.call('protocol.create', { meetingId: other.id });
    expect(() =>
      b.ctx.db
        .prepare("UPDATE protocol SET status = 'attested', attested_at = 'x', content_hash = 'y' WHERE meeting_id = ?")
        .run(other.id),
    ).toThrow('records.seal_missing');
  });

  it('with an active, unlocked certificate the sealed document carries the organisation’s signature made at sealing', async () => {
    await b.call('certificates.createLocal', {
      organisation: 'Södertälje kommun',
      passphrase: 'förseglingens lösenfras',
    });
    const meeting = await attestedMeeting();
    const info = (await b.call('records.get', { kind: 'protocol', id: meeting.id }))!;
    expect(info.signedAtSealing).toBe(true);
    b.clock.set('2026-12-01T10:00:00Z');
    const plain = await protocolBytes(meeting.id);
    const signed = await protocolBytes(meeting.id, true);
    expect(signed).toEqual(plain); // the signed record is the record: no second signature
    const report = verifyPackage(signed, { trusted: trustedCertificates(b.ctx) });
    expect(report).toMatchObject({ signed: true, valid: true });
    expect(report.signatures[0].signingTime?.slice(0, 10)).toBe('2017-03-20');
  });
});

describe('exports return the sealed bytes', () => {
  it('renaming the chair, the body and an organisation later changes nothing in the attested protocol', async () => {
    const meeting = await attestedMeeting();
    const before = await protocolBytes(meeting.id);
    expect(documentText(before)).toContain('Camilla Broo');
    await b.call('people.update', {
      id: f.broo.id,
      fields: { name: 'Camilla Andersson', organisationId: f.kommun.id },
    });
    await b.call('bodies.update', { id: f.body.id, fields: { name: 'Chefssamrådet Södertälje', kind: 'chefssamrad' } });
    await b.call('organisations.update', { id: f.kommun.id, fields: { name: 'Södertälje stad', kind: 'kommun' } });
    b.clock.set('2019-05-02T14:00:00Z');
    const after = await protocolBytes(meeting.id);
    expect(after).toEqual(before);
    const info = (await b.call('records.get', { kind: 'protocol', id: meeting.id }))!;
    expect(info.seal.ok).toBe(true);
    expect(info.olderNames).toEqual(
      expect.arrayContaining([
        { kind: 'person', sealed: 'Camilla Broo', now: 'Camilla Andersson' },
        { kind: 'body', sealed: 'Chefssamrådet', now: 'Chefssamrådet Södertälje' },
      ]),
    );
  });

  it('an English export is a translation rendered from the snapshot and says so; it cannot be signed', async () => {
    const meeting = await attestedMeeting();
    await b.call('people.update', {
      id: f.broo.id,
      fields: { name: 'Camilla Andersson', organisationId: f.kommun.id },
    });
    const english = documentText(await protocolBytes(meeting.id, false, 'en'));
    expect(english).toContain('Translation. The record is the original sealed on 2017-03-20');
    expect(english).toContain('Camilla Broo');
    expect(english).not.toContain('Camilla Andersson');
    expect(await protocolBytes(meeting.id, false, 'en')).toEqual(await protocolBytes(meeting.id, false, 'en'));
    expect(await b.fail('meetings.exportProtocol', { meetingId: meeting.id, lang: 'en', sign: true })).toMatchObject({
      code: 'INVALID_STATE',
      params: { reason: 'records.reasons.sign_translation' },
    });
  });

  it('a body that records in English seals its protocols in English; a Swedish export is the labelled translation', async () => {
    await b.call('bodies.update', {
      id: f.body.id,
      fields: { name: 'Chefssamrådet', kind: 'chefssamrad', description: null, recordLanguage: 'en' },
    });
    const meeting = await attestedMeeting();
    expect((await b.call('records.get', { kind: 'protocol', id: meeting.id }))!).toMatchObject({ lang: 'en' });
    const english = documentText(await protocolBytes(meeting.id, false, 'en'));
    expect(english).toContain('Decision-makers');
    expect(english).not.toContain('Translation.');
    await b.call('certificates.createLocal', { organisation: 'Södertälje kommun', passphrase: 'engelsk lösenfras' });
    expect(documentText(await protocolBytes(meeting.id, true, 'en'))).toContain('Decision-makers'); // the record itself may be signed
    const swedish = documentText(await protocolBytes(meeting.id, false, 'sv'));
    expect(swedish).toContain('Översättning. Handlingen är originalet som förseglades 2017-03-20');
    expect(await b.fail('meetings.exportProtocol', { meetingId: meeting.id, lang: 'sv', sign: true })).toMatchObject({
      params: { reason: 'records.reasons.sign_translation' },
    });
  });

  it('a signature added later goes on the sealed bytes, states its own time, and every later signed export returns the same package', async () => {
    const meeting = await attestedMeeting(); // sealed unsigned: no certificate yet
    const sealed = await protocolBytes(meeting.id);
    b.clock.set('2018-02-01T08:00:00Z');
    await b.call('certificates.createLocal', { organisation: 'Södertälje kommun', passphrase: 'senare lösenfras' });
    const signed = await protocolBytes(meeting.id, true);
    b.clock.set('2020-06-01T08:00:00Z');
    expect(await protocolBytes(meeting.id, true)).toEqual(signed);
    expect(await protocolBytes(meeting.id)).toEqual(sealed);
    const report = verifyPackage(signed, { trusted: trustedCertificates(b.ctx) });
    expect(report).toMatchObject({ signed: true, valid: true });
    expect(report.signatures[0].signingTime?.slice(0, 10)).toBe('2018-02-01');
    // every part the sealed document has is byte-equal in the signed package (the package relationships only gain the signature's)
    const before = unzipSync(sealed);
    const after = unzipSync(signed);
    for (const [name, data] of Object.entries(before)) {
      if (name === '[Content_Types].xml' || name === '_rels/.rels') continue;
      expect(after[name], name).toEqual(data);
    }
    for (const id of strFromU8(before['_rels/.rels']).match(/Id="[^"]+"/g)!)
      expect(strFromU8(after['_rels/.rels'])).toContain(id);
    const info = (await b.call('records.get', { kind: 'protocol', id: meeting.id }))!;
    expect(info.laterSignatures).toEqual([
      { signer: expect.stringContaining('Södertälje kommun'), signedAt: '2018-02-01T08:00:00.000Z' },
    ]);
    expect((await checkDatabase(b.ctx.db, b.ctx.dbPath)).seals).toMatchObject({ ok: true });

    // a signed package of other content, slipped in behind the service with its own correct hash, is caught
    const other = await protocolBytes((await attestedMeetingOn('2017-03-16')).id, true);
    const record = b.ctx.db
      .prepare("SELECT id FROM sealed_record WHERE kind = 'protocol' AND meeting_id = ?")
      .pluck()
      .get(meeting.id);
    b.ctx.db
      .prepare(
        "INSERT INTO record_signature (record_id, package, package_sha256, certificate_sha256, signer, signed_at) VALUES (?, ?, ?, ?, 'X', '2020-07-01T00:00:00.000Z')",
      )
      .run(record, Buffer.from(other), sha256Hex(other), 'c'.repeat(64));
    expect((await checkDatabase(b.ctx.db, b.ctx.dbPath)).seals).toMatchObject({
      ok: false,
      problems: [{ code: 'signature_hash' }],
    });
    expect(await b.fail('meetings.exportProtocol', { meetingId: meeting.id, lang: 'sv', sign: true })).toMatchObject({
      code: 'SEAL_BROKEN',
    });
  });

  it('renaming the agreement changes nothing in the signed version’s Word file', async () => {
    b.cleanup();
    b = await testBackend('2016-12-21T09:00:00Z');
    const seeded = await seedAgreement(b);
    await signAll(b, seeded.versionId);
    const export1 = bytesOf(await b.call('agreements.exportDocx', { versionId: seeded.versionId, lang: 'sv' }));
    await b.call('agreements.rename', { id: seeded.agreementId, name: 'Överenskommelse om samverkan' });
    await b.call('people.update', {
      id: seeded.people.nylind.id,
      fields: { name: 'Peter Nylind Berg', organisationId: seeded.orgs.polis.id },
    });
    b.clock.set('2021-01-01T09:00:00Z');
    expect(bytesOf(await b.call('agreements.exportDocx', { versionId: seeded.versionId, lang: 'sv' }))).toEqual(
      export1,
    );
    expect(documentText(export1)).toContain('Samverkansöverenskommelse Södertälje');
    const info = (await b.call('records.get', { kind: 'agreement', id: seeded.versionId }))!;
    expect(info.olderNames).toEqual(
      expect.arrayContaining([
        { kind: 'agreement', sealed: 'Samverkansöverenskommelse Södertälje', now: 'Överenskommelse om samverkan' },
      ]),
    );
  });
});

describe('omedelbar justering locks what its extract shows', () => {
  async function attestedAtOnce() {
    const meeting = await f.meeting('2017-03-14');
    const protocol = await b.call('protocol.create', { meetingId: meeting.id });
    const p = protocol.paragraphs[0];
    await b.call('protocol.updateParagraph', {
      id: p.id,
      fields: { kind: p.kind, title: p.title, decision: 'Beslutet justeras omedelbart.', finished: true },
    });
    for (const who of [f.broo, f.nylind])
      await b.call('protocol.attestParagraph', {
        paragraphId: p.id,
        personId: who.id,
        date: '2017-03-14',
        place: 'Stadshuset',
      });
    return { meeting, paragraphId: p.id };
  }

  it('seals the extract; the meeting place and the attendance can no longer change, through the contract or SQL', async () => {
    const { meeting, paragraphId } = await attestedAtOnce();
    expect((await b.call('records.get', { kind: 'extract', id: paragraphId }))!.seal.ok).toBe(true);
    const fields = {
      bodyId: f.body.id,
      date: meeting.date,
      startTime: meeting.startTime,
      endTime: meeting.endTime,
      place: 'Kommunhuset',
      chairId: f.broo.id,
      secretaryId: f.secretary.id,
      justerareIds: [f.nylind.id],
    };
    expect(await b.fail('meetings.update', { id: meeting.id, fields })).toMatchObject({
      code: 'LOCKED',
      params: { reason: 'meetings.reasons.locked_by_extract' },
    });
    const attendance = await b.call('attendance.list', { meetingId: meeting.id });
    const line = attendance.find((a) => a.personId === f.uddholm.id)!;
    expect(
      await b.fail('attendance.update', { id: line.id, fields: { role: line.role, status: 'absent' } }),
    ).toMatchObject({ code: 'LOCKED' });
    expect(() => b.ctx.db.prepare("UPDATE meeting SET place = 'Kommunhuset' WHERE id = ?").run(meeting.id)).toThrow(
      'meetings.locked_by_extract',
    );
    expect(() => b.ctx.db.prepare('DELETE FROM attendance WHERE id = ?').run(line.id)).toThrow(
      'meetings.locked_by_extract',
    );
    const extract = bytesOf(await b.call('meetings.exportExtract', { paragraphId, lang: 'sv' }));
    expect(documentText(extract)).toContain('Stadshuset');
    expect(bytesOf(await b.call('meetings.exportExtract', { paragraphId, lang: 'sv' }))).toEqual(extract);
  });
});

describe('any change to a sealed record is detected', () => {
  it('drop trigger + edit + restore: check fails naming the §, the export refuses it by name', async () => {
    const meeting = await attestedMeeting();
    expect((await checkDatabase(b.ctx.db, b.ctx.dbPath)).seals).toMatchObject({ ok: true, problems: [] });
    const { paragraphId } = editSealedDecisionAroundTriggers(
      b.ctx,
      (await b.call('protocol.get', { meetingId: meeting.id }))!.paragraphs.find((p) => p.title.startsWith('Trygghet'))!
        .id,
    );
    const number = (await b.call('protocol.get', { meetingId: meeting.id }))!.paragraphs.find(
      (p) => p.id === paragraphId,
    )!.number;
    const report = await checkDatabase(b.ctx.db, b.ctx.dbPath);
    expect(report.ok).toBe(false);
    expect(report.seals).toMatchObject({
      ok: false,
      problems: [
        {
          code: 'differs',
          field: 'decision',
          paragraph: number,
          message: `Chefssamrådet 2017-03-14 § ${number}: Beslut differs from the sealed record`,
        },
      ],
    });
    const error = await b.fail('meetings.exportProtocol', { meetingId: meeting.id, lang: 'sv' });
    expect(error).toMatchObject({
      code: 'SEAL_BROKEN',
      params: { record: expect.stringContaining('Chefssamrådet 2017-03-14') },
    });
    expect(error.message).toContain(`§ ${number}: Beslut differs from the sealed record`);
    expect(await b.fail('meetings.exportProtocol', { meetingId: meeting.id, lang: 'sv', sign: true })).toMatchObject({
      code: 'SEAL_BROKEN',
    });
    expect((await b.call('records.get', { kind: 'protocol', id: meeting.id }))!.seal.ok).toBe(false);
  });

  it('changed document bytes are caught by their hash', async () => {
    const meeting = await attestedMeeting();
    b.ctx.db.exec('DROP TRIGGER sealed_record_no_update');
    b.ctx.db
      .prepare("UPDATE sealed_record SET document = CAST('PK not the sealed bytes' AS BLOB) WHERE meeting_id = ?")
      .run(meeting.id);
    expect((await checkDatabase(b.ctx.db, b.ctx.dbPath)).seals).toMatchObject({
      ok: false,
      problems: [{ code: 'document_hash' }],
    });
    expect(await b.fail('meetings.exportProtocol', { meetingId: meeting.id, lang: 'sv' })).toMatchObject({
      code: 'SEAL_BROKEN',
    });
  });
});

describe('one export pipeline', () => {
  it('an existing or unwritable target writes nothing and logs nothing, for every kind', async () => {
    const meeting = await attestedMeeting();
    const agreement = await b.call('agreements.create', {
      name: 'Samverkansöverenskommelse',
      version: { title: 'Utkast 2019–2020', validFrom: '2019-01-01', validTo: '2020-12-31' },
    });
    const target = path.join(b.dir, 'finns.docx');
    fs.writeFileSync(target, 'redan här');
    const events = () => b.ctx.db.prepare("SELECT count(*) FROM audit_event WHERE action = 'export'").pluck().get();
    const before = events();
    for (const source of [
      { kind: 'protocol' as const, meetingId: meeting.id },
      { kind: 'agenda' as const, meetingId: meeting.id },
      { kind: 'agreement' as const, versionId: agreement.versions[0].id },
    ]) {
      await expect(exportToFile(b.ctx, { source, lang: 'sv', sign: false }, target, false)).rejects.toMatchObject({
        code: 'FILE_EXISTS',
      });
    }
    expect(events()).toBe(before);
    expect(fs.readFileSync(target, 'utf8')).toBe('redan här');
    // a folder that does not exist: nothing written, nothing logged
    const nowhere = path.join(b.dir, 'finns-inte', 'protokoll.docx');
    await expect(
      exportToFile(
        b.ctx,
        { source: { kind: 'protocol', meetingId: meeting.id }, lang: 'sv', sign: false },
        nowhere,
        false,
      ),
    ).rejects.toMatchObject({ code: 'FILE_NOT_WRITABLE' });
    expect(fs.existsSync(path.dirname(nowhere))).toBe(false);
    expect(events()).toBe(before);
    const written = await exportToFile(
      b.ctx,
      { source: { kind: 'protocol', meetingId: meeting.id }, lang: 'sv', sign: false },
      path.join(b.dir, 'protokoll.docx'),
      false,
    );
    expect(events()).toBe((before as number) + 1);
    expect(new Uint8Array(fs.readFileSync(written.path))).toEqual(await protocolBytes(meeting.id));
  });
});

describe('a rättelse is its own sealed record', () => {
  it('leaves the attested protocol byte for byte; its own document names the record it corrects; a changed text is caught', async () => {
    const meeting = await attestedMeeting();
    const protocol = await protocolBytes(meeting.id);
    const protocolRecord = (await b.call('records.get', { kind: 'protocol', id: meeting.id }))!;
    const paragraph = (await b.call('protocol.get', { meetingId: meeting.id }))!.paragraphs.find((p) =>
      p.title.startsWith('Trygghet'),
    )!;
    const corrected = await b.call('protocol.addCorrection', {
      meetingId: meeting.id,
      paragraphId: paragraph.id,
      date: '2017-03-27',
      text: 'Beslutet gäller även Ronna.',
    });
    const note = corrected.paragraphs.find((p) => p.id === paragraph.id)!.corrections[0];
    expect(await protocolBytes(meeting.id)).toEqual(protocol);

    const info = (await b.call('records.get', { kind: 'correction', id: note.id }))!;
    expect(info).toMatchObject({
      kind: 'correction',
      label: `Chefssamrådet 2017-03-14 § ${paragraph.number}: rättelse 2017-03-27`,
      seal: { ok: true },
    });
    const file = await b.call('meetings.exportCorrection', { correctionId: note.id, lang: 'sv' });
    expect(file.fileName).toBe(`Rättelse Chefssamrådet 2017-03-14 § ${paragraph.number} 2017-03-27.docx`);
    const text = documentText(bytesOf(file));
    expect(text).toContain(
      `Rättelse till protokoll Chefssamrådet 2017-03-14 § ${paragraph.number} Trygghetsvandringar i Hovsjö`,
    );
    expect(text).toContain(protocolRecord.documentSha256);
    expect(text).toContain('Beslutet gäller även Ronna.');
    expect(bytesOf(await b.call('meetings.exportCorrection', { correctionId: note.id, lang: 'sv' }))).toEqual(
      bytesOf(file),
    );

    b.ctx.db.exec('DROP TRIGGER correction_note_no_update');
    b.ctx.db.prepare("UPDATE correction_note SET text = 'Beslutet gäller inte alls.' WHERE id = ?").run(note.id);
    expect((await checkDatabase(b.ctx.db, b.ctx.dbPath)).seals).toMatchObject({
      ok: false,
      problems: [{ code: 'differs', field: 'correction' }],
    });
    expect(await b.fail('meetings.exportCorrection', { correctionId: note.id, lang: 'sv' })).toMatchObject({
      code: 'SEAL_BROKEN',
    });
  });
});
