import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testBackend, type TestBackend } from '../../../test/support/backend';

const PASSPHRASE = 'nyckelfras-2017';

let b: TestBackend;
beforeEach(async () => {
  b = await testBackend('2017-04-01T09:00:00Z');
});
afterEach(() => b.cleanup());

/** certificates.readiness: whether the organisation can sign now, on the backend's clock. */
describe('signing readiness', () => {
  it('goes from no certificate, to ready, to locked, and names the certificate', async () => {
    expect(await b.call('certificates.readiness', {})).toEqual({
      state: 'noCertificate',
      passphraseSet: false,
    });
    const made = await b.call('certificates.createLocal', {
      organisation: 'Södertälje kommun',
      passphrase: PASSPHRASE,
    });
    const ready = await b.call('certificates.readiness', {});
    expect(ready).toMatchObject({ state: 'ready', certificate: { id: made.id }, passphraseSet: true });
    await b.call('certificates.lock', {});
    expect(await b.call('certificates.readiness', {})).toMatchObject({ state: 'locked', certificate: { id: made.id } });
  });

  it('judges the certificate’s validity by the backend’s clock, before its locking', async () => {
    const made = await b.call('certificates.createLocal', {
      organisation: 'Södertälje kommun',
      passphrase: PASSPHRASE,
    });
    await b.call('certificates.lock', {});
    b.clock.set(new Date(Date.parse(made.validTo) + 60_000).toISOString());
    expect((await b.call('certificates.readiness', {})).state).toBe('expired');
    b.clock.set(new Date(Date.parse(made.validFrom) - 60_000).toISOString());
    expect((await b.call('certificates.readiness', {})).state).toBe('notYetValid');
  });
});
