import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TestBackend } from '../../../../test/support/backend';
import { chefssamradOnRealClockWithTsa, type Chefssamrad } from '../../../../test/support/real-clock-chefssamrad';
import { opensslPkcs12 } from '../../../../test/support/pkcs12';
import { deadTsaUrl, type LocalTsa } from '../../../../test/support/local-tsa';
import { zonedDate } from '../../../../shared/time/zoned-date';
import type { Attestation } from '../../../../shared/contract/meetings';

const BIN = path.resolve(__dirname, '../../../../bin/samrad.js');
const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

// the local TSA stamps with the real clock, so the backend runs on it too
let tsa: LocalTsa;
let b: TestBackend;
let f: Chefssamrad;
chefssamradOnRealClockWithTsa((opened) => ({ b, f, tsa } = opened));

/** Sent for justering: chair Broo and justerare Nylind, both holding local personal certificates. */
async function sentForJustering() {
  const meeting = await f.meeting(zonedDate(new Date(Date.now() - 2 * 86400e3)), '09:00', '11:00', [f.nylind.id]);
  await b.call('protocol.create', { meetingId: meeting.id });
  await b.call('protocol.addParagraph', {
    meetingId: meeting.id,
    fields: { title: 'Trygghetsvandringar i Hovsjö', decision: 'Chefssamrådet ställer sig bakom dem.', finished: true },
  });
  await b.call('certificates.createLocal', { organisation: 'Södertälje kommun', passphrase: 'nyckelring-lösen' });
  await b.call('certificates.importTrusted', { fileBase64: base64(Buffer.from(tsa.rootPem)) });
  const broo = await b.call('personCertificates.createLocal', {
    personId: f.broo.id,
    password: 'broo-lösenord',
    passphrase: null,
  });
  await f.finishAndSubmit(meeting.id);
  return { meeting, broo };
}

const signHere = (meetingId: number, certificateId: number, withoutTimestamp?: boolean) => ({
  meetingId,
  personId: f.broo.id,
  certificateId,
  password: 'broo-lösenord',
  place: 'Södertälje',
  ...(withoutTimestamp === undefined ? {} : { withoutTimestamp }),
});

const attestationRows = () => b.ctx.db.prepare('SELECT count(*) FROM attestation').pluck().get();
const signatureRows = () => b.ctx.db.prepare('SELECT count(*) FROM attestation_signature').pluck().get();
const proofOf = (attestations: Attestation[], personId: number) =>
  attestations.find((a) => a.personId === personId)!.proof;

async function exportedForSigning(meetingId: number) {
  return Buffer.from((await b.call('protocol.exportForSigning', { meetingId })).base64, 'base64');
}

describe('signing here with trusted time', { timeout: 120_000 }, () => {
  it('a TSA that is down: TIMESTAMP_FAILED with its reason, nothing recorded, the frozen document as it was', async () => {
    const { meeting, broo } = await sentForJustering();
    await b.call('timestamps.setAuthority', { tsaUrl: await deadTsaUrl() });
    const before = await exportedForSigning(meeting.id);
    const error = await b.fail('protocol.signAttestation', signHere(meeting.id, broo.id));
    expect(error).toMatchObject({ code: 'TIMESTAMP_FAILED', params: { reason: 'signing.errors.tsa_unreachable' } });
    expect([attestationRows(), signatureRows()]).toEqual([0, 0]);
    expect((await exportedForSigning(meeting.id)).equals(before)).toBe(true);
  });

  it('a TSA that answers garbage: TIMESTAMP_FAILED, nothing recorded', async () => {
    const { meeting, broo } = await sentForJustering();
    await b.call('timestamps.setAuthority', { tsaUrl: tsa.url });
    tsa.behaviour = 'garbage';
    const error = await b.fail('protocol.signAttestation', signHere(meeting.id, broo.id));
    expect(error).toMatchObject({ code: 'TIMESTAMP_FAILED', params: { reason: 'signing.errors.tsa_bad_answer' } });
    expect([attestationRows(), signatureRows()]).toEqual([0, 0]);
  });

  it('the TSA answering: XAdES-T, and the proof records time source tsa and the token’s time', async () => {
    const { meeting, broo } = await sentForJustering();
    await b.call('timestamps.setAuthority', { tsaUrl: tsa.url });
    const asked = tsa.requests;
    const protocol = await b.call('protocol.signAttestation', signHere(meeting.id, broo.id));
    expect(tsa.requests).toBe(asked + 1);
    const report = await b.call('documents.verify', { fileBase64: base64(await exportedForSigning(meeting.id)) });
    expect(report.signatures).toHaveLength(1);
    const [signature] = report.signatures;
    expect(signature).toMatchObject({ valid: true, level: 'XAdES-T', timeSource: 'timestamp', role: 'Ordförande' });
    expect(signature.timestamp).toMatchObject({ imprintOk: true, signatureOk: true, trusted: true });
    expect(proofOf(protocol.attestations, f.broo.id)).toMatchObject({
      kind: 'digital',
      timeSource: 'tsa',
      signingTime: signature.timestamp!.time,
      way: 'here',
    });
  });

  it('after a failure the attester may choose to sign without a timestamp: XAdES-BES on the signer’s clock, stated so', async () => {
    const { meeting, broo } = await sentForJustering();
    await b.call('timestamps.setAuthority', { tsaUrl: await deadTsaUrl() });
    const protocol = await b.call('protocol.signAttestation', signHere(meeting.id, broo.id, true));
    const report = await b.call('documents.verify', { fileBase64: base64(await exportedForSigning(meeting.id)) });
    expect(report.signatures[0]).toMatchObject({ valid: true, level: 'XAdES-BES', timeSource: 'signer_clock' });
    expect(report.signatures[0].timestamp).toBeNull();
    const proof = proofOf(protocol.attestations, f.broo.id);
    expect(proof).toMatchObject({ kind: 'digital', timeSource: 'signer_clock' });
    // XAdES SigningTime is written to the second
    const seconds = (iso: string | null) => Math.floor(Date.parse(iso ?? '') / 1000);
    expect(proof.kind === 'digital' && seconds(proof.signingTime)).toBe(seconds(report.signatures[0].signingTime));
  });

  it('with no TSA set nothing is asked and the signature rests on the signer’s clock', async () => {
    const { meeting, broo } = await sentForJustering();
    const asked = tsa.requests;
    const protocol = await b.call('protocol.signAttestation', signHere(meeting.id, broo.id));
    expect(tsa.requests).toBe(asked);
    expect(proofOf(protocol.attestations, f.broo.id)).toMatchObject({ timeSource: 'signer_clock' });
  });
});

/** Runs the CLI without blocking this process: the local TSA answers from here. */
function samradRun(args: string[], password = ''): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      {
        encoding: 'utf8',
        timeout: 60_000,
        env: { ...process.env, P12_PW: password, SAMRAD_DB: '', SAMRAD_DATA_DIR: path.join(b.dir, 'data-dir') },
      },
      (error, out, err) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, out, err }),
    );
  });
}
const samradSign = (args: string[], password: string) => samradRun(['sign', ...args], password);

describe('signing away with trusted time: samrad sign --tsa, and the import', { timeout: 180_000 }, () => {
  it('a TSA that is down: exit 1, nothing written; --without-timestamp then signs on the own clock', async () => {
    const { meeting } = await sentForJustering();
    const input = path.join(b.dir, 'frozen.docx');
    fs.writeFileSync(input, await exportedForSigning(meeting.id));
    const p12 = opensslPkcs12(b.dir, { name: 'Peter Nylind', organisation: 'Botkyrka kommun', password: 'nylind' });
    const out = path.join(b.dir, 'down.docx');
    const common = [input, '--p12', p12.file, '--password-env', 'P12_PW'];
    const down = await samradSign([...common, '--tsa', await deadTsaUrl(), '--out', out], 'nylind');
    expect(down.code).toBe(1);
    expect(down.err).toMatch(/gave no timestamp/);
    expect(down.err).toMatch(/--without-timestamp/);
    expect(fs.existsSync(out)).toBe(false);
    const both = await samradSign([...common, '--tsa', tsa.url, '--without-timestamp', '--out', out], 'nylind');
    expect(both.code).toBe(2);
    const without = await samradSign([...common, '--without-timestamp', '--out', out], 'nylind');
    expect(without, without.err).toMatchObject({ code: 0 });
    const report = await b.call('documents.verify', { fileBase64: base64(fs.readFileSync(out)) });
    expect(report.signatures[0]).toMatchObject({ level: 'XAdES-BES', timeSource: 'signer_clock' });
  });

  it('a copy signed with --tsa is imported as digitally signed with time source tsa and the token’s time', async () => {
    const { meeting } = await sentForJustering();
    const input = path.join(b.dir, 'frozen.docx');
    fs.writeFileSync(input, await exportedForSigning(meeting.id));
    const p12 = opensslPkcs12(b.dir, { name: 'Peter Nylind', organisation: 'Botkyrka kommun', password: 'nylind' });
    const out = path.join(b.dir, 'stamped.docx');
    const signed = await samradSign(
      [input, '--p12', p12.file, '--password-env', 'P12_PW', '--role', 'Justerare', '--tsa', tsa.url, '--out', out],
      'nylind',
    );
    expect(signed, signed.err).toMatchObject({ code: 0 });
    await b.call('certificates.importTrusted', { fileBase64: base64(Buffer.from(p12.caPem)) });
    const report = await b.call('documents.verify', { fileBase64: base64(fs.readFileSync(out)) });
    expect(report.signatures[0]).toMatchObject({ valid: true, level: 'XAdES-T', timeSource: 'timestamp' });
    // imported through the command line, which states the time source the proof records
    const imported = await samradRun([
      'import-signature',
      out,
      '--confirm-person',
      String(f.nylind.id),
      '--db',
      path.join(b.dir, 'samrad.sqlite'),
    ]);
    expect(imported, imported.err).toMatchObject({ code: 0 });
    expect(imported.out).toMatch(
      /^Digitally signed by Peter Nylind \(CN=Peter Nylind, .*, time from a trusted timestamp\): /m,
    );
    expect(imported.out).not.toContain('own clock');
    const protocol = (await b.call('protocol.get', { meetingId: meeting.id }))!;
    expect(proofOf(protocol.attestations, f.nylind.id)).toMatchObject({
      kind: 'digital',
      way: 'imported',
      timeSource: 'tsa',
      signingTime: report.signatures[0].timestamp!.time,
    });
  });

  it('a database given to samrad sign lends its TSA setting', async () => {
    await b.call('timestamps.setAuthority', { tsaUrl: tsa.url });
    const { meeting } = await sentForJustering();
    const input = path.join(b.dir, 'frozen.docx');
    fs.writeFileSync(input, await exportedForSigning(meeting.id));
    const p12 = opensslPkcs12(b.dir, { name: 'Peter Nylind', organisation: 'Botkyrka kommun', password: 'nylind' });
    const out = path.join(b.dir, 'from-db.docx');
    const asked = tsa.requests;
    const signed = await samradSign(
      ['--db', b.ctx.dbPath, input, '--p12', p12.file, '--password-env', 'P12_PW', '--out', out],
      'nylind',
    );
    expect(signed, signed.err).toMatchObject({ code: 0 });
    expect(tsa.requests).toBe(asked + 1);
    const report = await b.call('documents.verify', { fileBase64: base64(fs.readFileSync(out)) });
    expect(report.signatures[0]).toMatchObject({ level: 'XAdES-T', timeSource: 'timestamp' });
  });
});

describe('documents.coSign with trusted time', { timeout: 120_000 }, () => {
  it('asks the database’s TSA; a failure is TIMESTAMP_FAILED; a tsaUrl in the call wins; bad URLs are refused', async () => {
    const { meeting } = await sentForJustering();
    const document = base64(await exportedForSigning(meeting.id));
    const p12 = opensslPkcs12(b.dir, { name: 'Peter Nylind', organisation: 'Botkyrka kommun', password: 'nylind' });
    const input = { fileBase64: document, pkcs12Base64: base64(p12.bytes), password: 'nylind' };
    // the certificate was made just now, after the backend's clock was set
    b.clock.set(new Date().toISOString());
    await b.call('timestamps.setAuthority', { tsaUrl: await deadTsaUrl() });
    expect(await b.fail('documents.coSign', input)).toMatchObject({ code: 'TIMESTAMP_FAILED' });
    const stamped = await b.call('documents.coSign', { ...input, tsaUrl: tsa.url });
    const report = await b.call('documents.verify', { fileBase64: stamped.base64 });
    expect(report.signatures[0]).toMatchObject({ level: 'XAdES-T', timeSource: 'timestamp' });
    const without = await b.call('documents.coSign', { ...input, withoutTimestamp: true });
    expect((await b.call('documents.verify', { fileBase64: without.base64 })).signatures[0].level).toBe('XAdES-BES');
    expect(await b.fail('documents.coSign', { ...input, tsaUrl: 'ftp://tsa.example/' })).toMatchObject({
      code: 'VALIDATION',
      fields: { tsaUrl: 'signing.validation.tsa_url' },
    });
    expect(crypto.createHash('sha256').update(Buffer.from(stamped.base64, 'base64')).digest('hex')).toBe(
      stamped.sha256,
    );
  });
});
