import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { schemaVersion } from '../open';
import { rawDb, schemaNames, migrateTo } from '../../../../test/support/db';

describe('migration 009_personal_signatures', () => {
  let t: ReturnType<typeof rawDb>;
  beforeEach(() => {
    t = rawDb();
    migrateTo(t.db, 9);
  });
  afterEach(() => t.cleanup());

  const person = () =>
    Number(
      t.db.prepare("INSERT INTO person (name, created_at, updated_at) VALUES ('Camilla Broo', 'x', 'x')").run()
        .lastInsertRowid,
    );
  const certificate = (personId: number, fields: Partial<Record<string, unknown>> = {}) =>
    t.db
      .prepare(
        `INSERT INTO person_certificate (person_id, origin, label, subject, issuer, serial_number, valid_from, valid_to, fingerprint, certificate_der, chain, private_key, created_at)
         VALUES (@person, @origin, 'Broo', 'CN=Camilla Broo', 'CN=CA', '01', 'a', 'b', @fingerprint, x'30', '[]', @key, 'x')`,
      )
      .run({ person: personId, origin: 'local', fingerprint: 'AA', key: '{"kdf":"scrypt"}', ...fields });

  it('adds personal certificates, frozen documents and the proof of digital attestations; attestations say who recorded them', () => {
    expect(schemaVersion(t.db)).toBe(9);
    expect(schemaNames(t.db, 'table')).toEqual(
      expect.arrayContaining(['person_certificate', 'frozen_document', 'attestation_signature']),
    );
    expect(
      (t.db.prepare('PRAGMA table_info(attestation)').all() as Array<{ name: string }>).map((c) => c.name),
    ).toContain('recorded_by');
  });

  it('a person certificate is never changed or deleted, only removed with its key; a confirmed one never holds a key', () => {
    const id = person();
    certificate(id);
    expect(() => t.db.prepare("UPDATE person_certificate SET subject = 'CN=Other', fingerprint = 'BB'").run()).toThrow(
      'signing.person_certificate_fixed',
    );
    expect(() => t.db.prepare("UPDATE person_certificate SET removed_at = 'y'").run()).toThrow(); // key must go too
    t.db.prepare("UPDATE person_certificate SET removed_at = 'y', private_key = NULL").run();
    expect(() => t.db.prepare("UPDATE person_certificate SET removed_at = 'z'").run()).toThrow(
      'signing.person_certificate_fixed',
    );
    expect(() => t.db.prepare('DELETE FROM person_certificate').run()).toThrow('signing.person_certificate_fixed');
    expect(() => certificate(id, { origin: 'confirmed', fingerprint: 'CC' })).toThrow(/CHECK/);
    expect(() => certificate(id, { fingerprint: 'AA' })).toThrow(/UNIQUE/);
    expect(() => certificate(id, { origin: 'paper', fingerprint: 'DD' })).toThrow(/CHECK/);
  });
});
