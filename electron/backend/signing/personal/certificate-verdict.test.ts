import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testBackend, type TestBackend } from '../../../../test/support/backend';
import { coSignedProtocol } from '../../../../test/support/co-signed-package';
import { expectCallMatches } from '../../../../test/support/capabilities';

const KEYSTORE = 'nyckelring-lösen';
const PASSWORD = 'broo-lösenord';
const NOW = '2017-04-01T09:00:00Z';

let b: TestBackend;
let personId: number;
beforeEach(async () => {
  b = await testBackend(NOW);
  const kommun = await b.call('organisations.create', { name: 'Södertälje kommun', kind: 'kommun' });
  personId = (await b.call('people.create', { name: 'Camilla Broo', organisationId: kommun.id })).id;
  await b.call('certificates.createLocal', { organisation: 'Södertälje kommun', passphrase: KEYSTORE });
});
afterEach(() => b.cleanup());

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const held = async (id: number) => (await b.call('personCertificates.list', { personId })).find((c) => c.id === id)!;
const at = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();

/**
 * A certificate's validity and whether a person can sign with it are the backend's verdict on its
 * own clock, listed with each certificate; the renderer shows it. Each verdict is checked against
 * the signing call it stands for.
 */
describe('the backend’s verdict on each certificate', { timeout: 120_000 }, () => {
  it('a person’s certificate: valid and usable, then not yet valid, expired and removed, each with the reason the signing call gives', async () => {
    const { unsigned } = await coSignedProtocol(new Date(NOW));
    const made = await b.call('personCertificates.createLocal', { personId, password: PASSWORD, passphrase: null });
    const sign = { fileBase64: base64(unsigned), personId, certificateId: made.id, password: PASSWORD };
    const verdicts: Array<[string, string, { allowed: boolean; reason?: string }]> = [];
    const probe = async (moment: string) => {
      b.clock.set(moment);
      const c = await held(made.id);
      verdicts.push([moment, c.validity, { allowed: c.sign.allowed, reason: c.sign.reason }]);
      await expectCallMatches(b, c.sign, 'documents.coSignAsPerson', sign);
      return c;
    };
    expect(made).toMatchObject({ validity: 'valid', sign: { allowed: true } });
    await probe(NOW);
    const early = await probe(at(made.validFrom, -1));
    expect(early.sign.params).toEqual({ date: made.validFrom.slice(0, 10) });
    const late = await probe(at(made.validTo, 1));
    expect(late.sign.params).toEqual({ date: made.validTo.slice(0, 10) });
    expect(verdicts.map(([, validity, sign]) => [validity, sign])).toEqual([
      ['valid', { allowed: true, reason: undefined }],
      ['notYetValid', { allowed: false, reason: 'signing.errors.not_yet_valid' }],
      ['expired', { allowed: false, reason: 'signing.errors.expired' }],
    ]);

    b.clock.set(NOW);
    const removed = await b.call('personCertificates.remove', { id: made.id });
    // still within its dates, but its key is gone: it cannot sign, and says so
    expect(removed).toMatchObject({
      validity: 'valid',
      sign: { allowed: false, reason: 'signing.errors.cannot_sign_with' },
    });
    await expectCallMatches(b, removed.sign, 'documents.coSignAsPerson', sign);
  });

  it('the organisation’s certificates: each listed with its validity on the backend’s clock', async () => {
    const list = await b.call('certificates.list', {});
    expect(list.map((c) => [c.role, c.validity])).toEqual([
      ['signing', 'valid'],
      ['ca', 'valid'],
    ]);
    const signer = list[0];
    b.clock.set(at(signer.validTo, 1));
    expect((await b.call('certificates.list', {})).find((c) => c.id === signer.id)?.validity).toBe('expired');
    expect((await b.call('certificates.readiness', {})).state).toBe('expired');
    b.clock.set(at(signer.validFrom, -1));
    expect((await b.call('certificates.list', {})).find((c) => c.id === signer.id)?.validity).toBe('notYetValid');
  });
});
