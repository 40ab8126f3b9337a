import { describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import type { TestBackend } from '../../../test/support/backend';
import { chefssamradOnRealClockWithTsa, type Chefssamrad } from '../../../test/support/real-clock-chefssamrad';
import { signAll } from '../../../test/support/agreements';
import type { Protocol } from '../../../shared/contract/meetings';
import { docFromParagraphs } from '../../../shared/richtext';
import { deadTsaUrl, opensslVerifiesToken, type LocalTsa } from '../../../test/support/local-tsa';
import { zonedDate } from '../../../shared/time/zoned-date';
import { parseXml } from '../signing/opc/package';
import { signatureValueToTime } from '../signing/timestamp/signature-timestamp';
import { checkDatabase, describeCheck } from '../db/check';

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

// the local TSA stamps with the real clock, so the backend runs on it too
let tsa: LocalTsa;
let b: TestBackend;
let f: Chefssamrad;
chefssamradOnRealClockWithTsa((opened) => ({ b, f, tsa } = opened));

/**
 * A protocol with one finished §, ready to be attested; the first time, the organisation's
 * local certificate is made (and stays unlocked) and the TSA's root is trusted.
 */
async function protocolToAttest(daysAgo = 2) {
  const meeting = await f.meeting(zonedDate(new Date(Date.now() - daysAgo * 86400e3)));
  await b.call('protocol.create', { meetingId: meeting.id });
  await b.call('protocol.addParagraph', {
    meetingId: meeting.id,
    fields: { title: 'Trygghetsvandringar i Hovsjö', decision: 'Chefssamrådet ställer sig bakom dem.', finished: true },
  });
  if (!(await b.call('certificates.list', {})).length) {
    await b.call('certificates.createLocal', { organisation: 'Södertälje kommun', passphrase: 'nyckelring-lösen' });
    await b.call('certificates.importTrusted', { fileBase64: base64(Buffer.from(tsa.rootPem)) });
  }
  return meeting;
}

const pendingSeals = () =>
  b.ctx.db.prepare('SELECT record_id, attempts, last_error FROM pending_seal').all() as Array<{
    record_id: number;
    attempts: number;
    last_error: string | null;
  }>;
const exportSigned = async (meetingId: number) =>
  new Uint8Array(Buffer.from((await b.call('meetings.exportProtocol', { meetingId, sign: true })).base64, 'base64'));

describe('the organisation’s seal made at sealing, with a TSA set', { timeout: 300_000 }, () => {
  it('the act commits unsigned, then the seal is made with the TSA’s timestamp before the call answers: XAdES-T, which openssl ts -verify accepts', async () => {
    const meeting = await protocolToAttest();
    await b.call('timestamps.setAuthority', { tsaUrl: tsa.url });
    const asked = tsa.requests;
    const attested = await f.attestAll(meeting.id, zonedDate(new Date()));
    expect(attested.status).toBe('attested');
    expect(tsa.requests).toBe(asked + 1);
    expect(pendingSeals()).toEqual([]);
    // the act's own answer is given after the seal was made, and says it does not wait
    expect(attested.sealAwaitsTimestamp).toBe(false);

    const info = (await b.call('records.get', { kind: 'protocol', id: meeting.id }))!;
    expect(info).toMatchObject({
      signedAtSealing: false,
      sealAwaitsTimestamp: false,
      sealTimeSource: 'timestamp',
      seal: { ok: true, problems: [] },
    });
    expect(info.laterSignatures).toHaveLength(1);
    const listed = (await b.call('records.list', { kind: 'protocol' })).items.find((r) => r.id === meeting.id)!;
    expect([listed.signedAtSealing, listed.laterSignatures, listed.sealAwaitsTimestamp]).toEqual([false, 1, false]);

    // a signed export hands out that seal; the verifier says which time it rests on
    const signed = await exportSigned(meeting.id);
    const report = await b.call('documents.verify', { fileBase64: base64(signed) });
    expect(report.verdict).toBe('trusted');
    expect(report.signatures).toHaveLength(1);
    expect(report.signatures[0]).toMatchObject({
      valid: true,
      role: 'Organisationens sigill',
      level: 'XAdES-T',
      timeSource: 'timestamp',
    });
    expect(report.signatures[0].timestamp).toMatchObject({ imprintOk: true, signatureOk: true, trusted: true });

    // the independent check: openssl verifies the token over the seal's SignatureValue
    const part = '_xmlsignatures/sig1.xml';
    const xml = strFromU8(unzipSync(signed)[part]);
    const token = new Uint8Array(Buffer.from(/<xd:EncapsulatedTimeStamp>([^<]+)</.exec(xml)![1], 'base64'));
    const data = signatureValueToTime(parseXml(xml, part).documentElement!)!;
    const check = opensslVerifiesToken(tsa, token, data);
    expect(check.ok, check.output).toBe(true);
    expect(opensslVerifiesToken(tsa, token, new TextEncoder().encode('annat')).ok).toBe(false);
    // every later signed export hands out the same bytes, without asking the TSA again
    const requests = tsa.requests;
    expect(Buffer.from(await exportSigned(meeting.id)).equals(Buffer.from(signed))).toBe(true);
    expect(tsa.requests).toBe(requests);
  });

  it('a TSA that is down neither refuses nor loses the act: the record is sealed, its seal waits (stated), and is made once the TSA answers', async () => {
    const meeting = await protocolToAttest();
    await b.call('timestamps.setAuthority', { tsaUrl: await deadTsaUrl() });
    const attested = await f.attestAll(meeting.id, zonedDate(new Date()));
    expect(attested.status).toBe('attested');
    expect(attested.sealAwaitsTimestamp).toBe(true);
    const [waiting] = pendingSeals();
    expect(waiting).toMatchObject({ attempts: 1 });
    expect(waiting.last_error).toMatch(/TSA|time-stamp|timestamp/i);
    const info = (await b.call('records.get', { kind: 'protocol', id: meeting.id }))!;
    expect(info).toMatchObject({
      signedAtSealing: false,
      sealAwaitsTimestamp: true,
      sealTimeSource: 'none',
      laterSignatures: [],
      seal: { ok: true },
    });
    // samrad check says so, without failing: the act stands
    const checked = await checkDatabase(b.ctx.db, b.ctx.dbPath);
    expect(checked.seals).toMatchObject({ ok: true, awaitingTimestamp: 1 });
    expect(describeCheck(checked).join('\n')).toContain(
      "1 waiting for the organisation's seal with a trusted timestamp",
    );
    // not asked again at every call: a TSA that is down would make each one wait
    await b.call('records.list', {});
    expect(pendingSeals()[0].attempts).toBe(1);
    // a correction is sealed as its own record: its answer says that seal waits too
    const corrected = await b.call('protocol.addCorrection', {
      meetingId: meeting.id,
      date: zonedDate(new Date()),
      text: 'Rättelse: namnet stavas Hovsjö.',
    });
    expect(corrected.corrections.map((c) => c.sealAwaitsTimestamp)).toEqual([true]);
    expect(corrected.sealAwaitsTimestamp).toBe(true);

    // the TSA is back, and the wait is over: the next call after it makes the seal
    await b.call('timestamps.setAuthority', { tsaUrl: tsa.url });
    b.ctx.db.prepare("UPDATE pending_seal SET tried_at = '2000-01-01T00:00:00.000Z'").run();
    await b.call('records.list', {});
    expect(pendingSeals()).toEqual([]);
    expect((await checkDatabase(b.ctx.db, b.ctx.dbPath)).seals).toMatchObject({ ok: true, awaitingTimestamp: 0 });
    const after = (await b.call('records.get', { kind: 'protocol', id: meeting.id }))!;
    expect(after).toMatchObject({ sealAwaitsTimestamp: false, sealTimeSource: 'timestamp' });
    const protocolAfter = (await b.call('protocol.get', { meetingId: meeting.id }))!;
    expect([protocolAfter.sealAwaitsTimestamp, protocolAfter.corrections[0].sealAwaitsTimestamp]).toEqual([
      false,
      false,
    ]);
    const report = await b.call('documents.verify', { fileBase64: base64(await exportSigned(meeting.id)) });
    expect(report.signatures.map((s) => [s.role, s.level, s.timeSource])).toEqual([
      ['Organisationens sigill', 'XAdES-T', 'timestamp'],
    ]);
  });

  it('while the seal waits, a signed export asks the TSA; a user who chooses to sign without a timestamp makes the seal on the organisation’s clock, and the wait ends', async () => {
    const meeting = await protocolToAttest();
    await b.call('timestamps.setAuthority', { tsaUrl: await deadTsaUrl() });
    await f.attestAll(meeting.id, zonedDate(new Date()));
    expect(pendingSeals()).toHaveLength(1);
    const refused = await b.fail('meetings.exportProtocol', { meetingId: meeting.id, sign: true });
    expect(refused.code).toBe('TIMESTAMP_FAILED');
    expect(pendingSeals()).toHaveLength(1);
    const chosen = await b.call('meetings.exportProtocol', {
      meetingId: meeting.id,
      sign: true,
      withoutTimestamp: true,
    });
    const report = await b.call('documents.verify', { fileBase64: chosen.base64 });
    expect(report.signatures.map((s) => [s.role, s.level, s.timeSource])).toEqual([
      ['Organisationens sigill', 'XAdES-BES', 'signer_clock'],
    ]);
    // the next round finds the record signed: nothing is asked, the wait is over
    b.ctx.db.prepare("UPDATE pending_seal SET tried_at = '2000-01-01T00:00:00.000Z'").run();
    await b.call('records.list', {});
    expect(pendingSeals()).toEqual([]);
    expect(await b.call('records.get', { kind: 'protocol', id: meeting.id })).toMatchObject({
      sealAwaitsTimestamp: false,
      sealTimeSource: 'signer_clock',
      laterSignatures: [expect.objectContaining({ signer: expect.any(String) })],
    });
  });

  it('a § attested at once and an agreement signed: each act’s answer says whether its seal waits for its timestamp', async () => {
    const meeting = await protocolToAttest();
    await b.call('timestamps.setAuthority', { tsaUrl: await deadTsaUrl() });
    const m = await b.call('meetings.get', { id: meeting.id });
    const paragraph = (await b.call('protocol.get', { meetingId: meeting.id }))!.paragraphs.find((p) => p.finished)!;
    const ofParagraph = (protocol: Protocol) => protocol.paragraphs.find((p) => p.id === paragraph.id)!;
    let answer = await b.call('protocol.attestParagraph', {
      paragraphId: paragraph.id,
      personId: m.chair!.id,
      date: zonedDate(new Date()),
    });
    // not yet attested by all: nothing sealed, nothing waits
    expect(ofParagraph(answer).sealAwaitsTimestamp).toBe(false);
    for (const who of m.justerare)
      answer = await b.call('protocol.attestParagraph', {
        paragraphId: paragraph.id,
        personId: who.id,
        date: zonedDate(new Date()),
      });
    expect(ofParagraph(answer)).toMatchObject({ immediatelyAttested: true, sealAwaitsTimestamp: true });
    // the extract's seal is the §'s, not the protocol's
    expect(answer.sealAwaitsTimestamp).toBe(false);

    const agreement = await b.call('agreements.create', {
      name: 'Samverkansöverenskommelse Södertälje',
      version: { title: 'Samverkansöverenskommelse 2017–2018', validFrom: '2017-01-01', validTo: '2018-12-31' },
    });
    const versionId = agreement.versions[0].id;
    await b.call('agreements.parties.add', {
      versionId,
      fields: { organisationId: f.kommun.id, signatoryId: f.broo.id },
    });
    await b.call('agreements.sections.add', {
      versionId,
      fields: { heading: 'Syfte', body: docFromParagraphs(['Ett tryggare samhälle.']) },
    });
    const signedWhileDown = await signAll(b, versionId);
    expect(signedWhileDown).toMatchObject({ allSigned: true, sealAwaitsTimestamp: true });

    // the TSA answers again: the next act's answer, given after the seals were made, says none waits
    await b.call('timestamps.setAuthority', { tsaUrl: tsa.url });
    b.ctx.db.prepare("UPDATE pending_seal SET tried_at = '2000-01-01T00:00:00.000Z'").run();
    const renewed = await b.call('agreements.versions.renew', { id: versionId });
    const signed = await signAll(b, renewed.id);
    expect(pendingSeals()).toEqual([]);
    expect(signed).toMatchObject({ allSigned: true, sealAwaitsTimestamp: false });
    expect((await b.call('agreements.versions.get', { id: versionId })).sealAwaitsTimestamp).toBe(false);
    expect(ofParagraph((await b.call('protocol.get', { meetingId: meeting.id }))!).sealAwaitsTimestamp).toBe(false);
  });

  it('with no TSA set the seal is made inside the act, on the organisation’s clock, as before', async () => {
    const meeting = await protocolToAttest();
    await f.attestAll(meeting.id, zonedDate(new Date()));
    expect(pendingSeals()).toEqual([]);
    expect(await b.call('records.get', { kind: 'protocol', id: meeting.id })).toMatchObject({
      signedAtSealing: true,
      sealAwaitsTimestamp: false,
      sealTimeSource: 'signer_clock',
      laterSignatures: [],
    });
  });

  it('in SQL: only an unsigned record waits, and the wait ends only with the record’s signature', async () => {
    const meeting = await protocolToAttest();
    await f.attestAll(meeting.id, zonedDate(new Date()));
    const signedRecord = b.ctx.db
      .prepare("SELECT id FROM sealed_record WHERE kind = 'protocol' AND meeting_id = ?")
      .pluck()
      .get(meeting.id);
    expect(() =>
      b.ctx.db.prepare("INSERT INTO pending_seal (record_id, since) VALUES (?, 'x')").run(signedRecord),
    ).toThrow('records.seal_not_pending');

    const second = await protocolToAttest(1);
    await b.call('timestamps.setAuthority', { tsaUrl: await deadTsaUrl() });
    await f.attestAll(second.id, zonedDate(new Date()));
    const [waiting] = pendingSeals();
    expect(() => b.ctx.db.prepare('DELETE FROM pending_seal WHERE record_id = ?').run(waiting.record_id)).toThrow(
      'records.seal_not_pending',
    );
    expect(pendingSeals()).toHaveLength(1);
  });
});
