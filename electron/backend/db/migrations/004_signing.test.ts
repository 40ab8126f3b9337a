import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { schemaVersion } from '../open';
import { rawDb, schemaNames, migrateTo } from '../../../../test/support/db';

let t: ReturnType<typeof rawDb>;
beforeEach(() => {
  t = rawDb();
  migrateTo(t.db, 4);
});
afterEach(() => t.cleanup());

const KEY = JSON.stringify({
  v: 1,
  kdf: 'scrypt',
  cipher: 'aes-256-gcm',
  salt: 'c2FsdA==',
  iv: 'aXY=',
  tag: 'dGFn',
  data: 'ZGF0YQ==',
});
const insert = (fields: Partial<Record<string, unknown>> = {}) => {
  const row = {
    role: 'signing',
    origin: 'local',
    label: 'Signering',
    subject: 'CN=A',
    issuer: 'CN=CA',
    serial_number: '01',
    valid_from: '2017-01-01T00:00:00.000Z',
    valid_to: '2020-01-01T00:00:00.000Z',
    fingerprint: `FP${Math.random()}`,
    certificate_der: Buffer.from([0x30, 0x00]),
    chain: '[]',
    private_key: KEY,
    trusted: 0,
    active: 0,
    created_at: '2017-01-01T00:00:00.000Z',
    ...fields,
  };
  const columns = Object.keys(row);
  return t.db
    .prepare(`INSERT INTO certificate (${columns.join(',')}) VALUES (${columns.map((c) => `@${c}`).join(',')})`)
    .run(row);
};

describe('migration 004_signing', () => {
  it('adds the certificate table at version 4', () => {
    expect(schemaVersion(t.db)).toBe(4);
    expect(schemaNames(t.db, 'table')).toContain('certificate');
    expect(schemaNames(t.db, 'index')).toContain('certificate_one_active');
  });

  it('refuses a private key that is not an encrypted envelope', () => {
    insert();
    expect(() => insert({ private_key: '-----BEGIN PRIVATE KEY-----\nMII...' })).toThrow(/CHECK constraint failed/);
    expect(() => insert({ private_key: JSON.stringify({ kdf: 'none', cipher: 'aes-256-gcm' }) })).toThrow(
      /CHECK constraint failed/,
    );
    expect(() =>
      insert({
        private_key: JSON.stringify({ kdf: 'scrypt', cipher: 'aes-256-gcm', pem: '-----BEGIN PRIVATE KEY-----' }),
      }),
    ).toThrow(/CHECK constraint failed/);
  });

  it('lets only one signing certificate with a key be active', () => {
    insert({ active: 1 });
    expect(() => insert({ active: 1 })).toThrow(/UNIQUE constraint failed/);
    expect(() => insert({ active: 1, role: 'ca' })).toThrow(/CHECK constraint failed/);
    t.db.prepare('UPDATE certificate SET active = 0').run();
    expect(() => insert({ active: 1, private_key: null })).toThrow(/CHECK constraint failed/);
  });

  it('keeps fingerprints unique and validity ordered', () => {
    insert({ fingerprint: 'AA' });
    expect(() => insert({ fingerprint: 'AA' })).toThrow(/UNIQUE constraint failed/);
    expect(() => insert({ valid_to: '2016-01-01T00:00:00.000Z' })).toThrow(/CHECK constraint failed/);
  });
});
