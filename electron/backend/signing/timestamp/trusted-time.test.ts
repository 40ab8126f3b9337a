import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackend, type TestBackend } from '../../../../test/support/backend';
import { seedAgreement, signAll } from '../../../../test/support/agreements';
import { deadTsaUrl, startLocalTsa, type LocalTsa } from '../../../../test/support/local-tsa';

// the local TSA stamps with the real clock: the backend's clock is today's, so the certificate is valid then
let b: TestBackend;
let tsa: LocalTsa;
let versionId: number;
const signatureRows = () => b.ctx.db.prepare('SELECT COUNT(*) FROM record_signature').pluck().get();
const exportsLogged = () => b.ctx.db.prepare("SELECT COUNT(*) FROM audit_event WHERE action = 'export'").pluck().get();

beforeAll(async () => {
  b = await testBackend(new Date().toISOString());
  tsa = await startLocalTsa();
  versionId = (await seedAgreement(b)).versionId;
  await signAll(b, versionId, new Date().toISOString().slice(0, 10), 'Södertälje');
  // made after the act: the record is sealed unsigned and signed at its first signed export
  await b.call('certificates.createLocal', { organisation: 'Södertälje kommun', passphrase: 'ett långt lösenord' });
  await b.call('certificates.importTrusted', { fileBase64: Buffer.from(tsa.rootPem).toString('base64') });
}, 120_000);
afterAll(async () => {
  await tsa.close();
  b.cleanup();
});

describe('the TSA setting', () => {
  it('is none until set; refuses what is not an http(s) URL and keeps the old value', async () => {
    expect(await b.call('timestamps.settings', {})).toEqual({ tsaUrl: null });
    for (const bad of ['ftp://tsa.example/', 'not a url', 'http://user:secret@tsa.example/'])
      expect(await b.fail('timestamps.setAuthority', { tsaUrl: bad })).toMatchObject({
        code: 'VALIDATION',
        fields: { tsaUrl: 'signing.validation.tsa_url' },
      });
    expect(await b.call('timestamps.settings', {})).toEqual({ tsaUrl: null });
    expect(await b.call('timestamps.setAuthority', { tsaUrl: tsa.url })).toEqual({ tsaUrl: tsa.url });
    expect(await b.call('timestamps.settings', {})).toEqual({ tsaUrl: tsa.url });
  });
});

describe('a signed export with trusted time', () => {
  it('a TSA that is down: TIMESTAMP_FAILED, nothing signed, nothing logged', async () => {
    await b.call('timestamps.setAuthority', { tsaUrl: await deadTsaUrl() });
    const [rows, logged] = [signatureRows(), exportsLogged()];
    const error = await b.fail('agreements.exportDocx', { versionId, lang: 'sv', sign: true });
    expect(error).toMatchObject({ code: 'TIMESTAMP_FAILED', params: { reason: 'signing.errors.tsa_unreachable' } });
    expect([signatureRows(), exportsLogged()]).toEqual([rows, logged]);
  });

  it('a TSA that answers garbage: TIMESTAMP_FAILED, nothing signed', async () => {
    await b.call('timestamps.setAuthority', { tsaUrl: tsa.url });
    tsa.behaviour = 'garbage';
    const rows = signatureRows();
    const error = await b.fail('agreements.exportDocx', { versionId, lang: 'sv', sign: true });
    expect(error).toMatchObject({ code: 'TIMESTAMP_FAILED', params: { reason: 'signing.errors.tsa_bad_answer' } });
    expect(signatureRows()).toBe(rows);
    tsa.behaviour = 'ok';
  });

  it('the TSA answering: the signature is XAdES-T, its time from the TSA, valid and trusted', async () => {
    tsa.behaviour = 'ok';
    const file = await b.call('agreements.exportDocx', { versionId, lang: 'sv', sign: true });
    const report = await b.call('documents.verify', { fileBase64: file.base64 });
    expect(report.verdict).toBe('trusted');
    expect(report.signatures).toHaveLength(1);
    expect(report.signatures[0]).toMatchObject({ level: 'XAdES-T', timeSource: 'timestamp' });
    expect(report.signatures[0].timestamp).toMatchObject({ imprintOk: true, signatureOk: true, trusted: true });
    // every later signed export hands out the same bytes
    expect((await b.call('agreements.exportDocx', { versionId, lang: 'sv', sign: true })).sha256).toBe(file.sha256);
  });
});

describe('signing without a timestamp, chosen after a failure', () => {
  it('is stated as XAdES-BES on the signer’s clock', async () => {
    const other = await testBackend(new Date().toISOString());
    try {
      const id = (await seedAgreement(other)).versionId;
      await signAll(other, id, new Date().toISOString().slice(0, 10), 'Södertälje');
      await other.call('certificates.createLocal', {
        organisation: 'Södertälje kommun',
        passphrase: 'ett långt lösenord',
      });
      await other.call('timestamps.setAuthority', { tsaUrl: await deadTsaUrl() });
      expect(await other.fail('agreements.exportDocx', { versionId: id, lang: 'sv', sign: true })).toMatchObject({
        code: 'TIMESTAMP_FAILED',
      });
      const file = await other.call('agreements.exportDocx', {
        versionId: id,
        lang: 'sv',
        sign: true,
        withoutTimestamp: true,
      });
      const report = await other.call('documents.verify', { fileBase64: file.base64 });
      expect(report.verdict).toBe('trusted');
      expect(report.signatures[0]).toMatchObject({ level: 'XAdES-BES', timeSource: 'signer_clock', timestamp: null });
    } finally {
      other.cleanup();
    }
  }, 120_000);
});
