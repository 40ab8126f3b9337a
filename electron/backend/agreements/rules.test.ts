import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackend, type TestBackend } from '../../../test/support/backend';
import { seedAgreement, signAll } from '../../../test/support/agreements';
import { allowedActions, expectCallMatches } from '../../../test/support/capabilities';
import type { VersionDetail } from '../../../shared/contract/agreements';
import type { Method } from '../../../shared/contract';

/**
 * An agreement version's flags (`can`) against the calls they stand for, in each state of
 * draft → under signing → signed (and signed with its renewal begun): refused with the flag's
 * reason, or accepted. Each call runs in a savepoint that is rolled back.
 */
const BUILD: Record<string, (b: TestBackend, versionId: number) => Promise<void>> = {
  draft: async () => {},
  'under signing': async (b, versionId) => {
    await b.call('agreements.signing.send', { versionId });
  },
  signed: async (b, versionId) => {
    await signAll(b, versionId);
  },
  'signed, renewal begun': async (b, versionId) => {
    await signAll(b, versionId);
    await b.call('agreements.versions.renew', { id: versionId });
  },
};

const EXPECTED: Record<string, string[]> = {
  draft: ['edit', 'remove', 'sendForSigning'],
  'under signing': ['recordSigning', 'withdraw'],
  signed: ['renew', 'sign'],
  'signed, renewal begun': ['sign'],
};

function versionCalls(v: VersionDetail): Record<keyof VersionDetail['can'], [Method, unknown]> {
  const party = v.parties.find((p) => !p.signing) ?? v.parties[0];
  return {
    edit: [
      'agreements.versions.update',
      { id: v.id, fields: { title: `${v.title} (rev.)`, dnr: v.dnr, validFrom: v.validFrom, validTo: v.validTo } },
    ],
    remove: ['agreements.versions.delete', { id: v.id }],
    sendForSigning: ['agreements.signing.send', { versionId: v.id }],
    recordSigning: [
      'agreements.signing.record',
      { versionId: v.id, partyId: party.id, signedOn: '2016-12-20', place: 'Södertälje' },
    ],
    withdraw: ['agreements.signing.withdraw', { versionId: v.id }],
    renew: ['agreements.versions.renew', { id: v.id }],
    sign: ['agreements.exportDocx', { versionId: v.id, lang: 'sv', sign: true }],
  };
}

describe.each(Object.keys(BUILD))('a version %s', (state) => {
  let b: TestBackend;
  let versionId: number;
  beforeAll(async () => {
    b = await testBackend('2017-01-15T09:00:00Z');
    ({ versionId } = await seedAgreement(b));
    await BUILD[state](b, versionId);
  }, 60_000);
  afterAll(() => b.cleanup());

  it('every flag says what the call does', async () => {
    const v = await b.call('agreements.versions.get', { id: versionId });
    for (const [action, [method, input]] of Object.entries(versionCalls(v)))
      await expectCallMatches(b, v.can[action as keyof VersionDetail['can']], method, input, {
        sign: action === 'sign',
      });
  });

  it('allows what the state machine allows, the same in the list', async () => {
    const v = await b.call('agreements.versions.get', { id: versionId });
    expect(allowedActions(v.can)).toEqual(EXPECTED[state]);
    expect(v.editable).toBe(v.can.edit.allowed);
    const listed = (await b.call('agreements.versions.list', {})).items.find((x) => x.id === versionId);
    expect(listed?.can).toEqual(v.can);
  });
});
