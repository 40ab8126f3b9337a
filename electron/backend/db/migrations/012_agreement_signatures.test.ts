import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { schemaVersion } from '../open';
import { rawDb, schemaNames, migrateTo } from '../../../../test/support/db';

const VERSION = 12;

describe('migration 012_agreement_signatures', () => {
  let t: ReturnType<typeof rawDb>;
  beforeEach(() => {
    t = rawDb();
    migrateTo(t.db, VERSION - 1);
    // a protocol sent for justering before 012, its frozen document signed by one attester
    t.db.exec(`
      INSERT INTO body (id, name, name_key, kind, created_at, updated_at) VALUES (1, 'Chefssamrådet', 'chefssamradet', 'chefssamrad', 'x', 'x');
      INSERT INTO meeting (id, body_id, date, start_time, end_time, created_at, updated_at) VALUES (1, 1, '2017-03-14', '09:00', '11:00', 'x', 'x');
      INSERT INTO protocol (meeting_id, created_at, updated_at) VALUES (1, 'x', 'x');
      INSERT INTO frozen_document (id, kind, meeting_id, paragraph_id, lang, file_name, document, document_sha256, frozen_at)
        VALUES (7, 'protocol', 1, NULL, 'sv', 'p.docx', X'504B0304', '${'a'.repeat(64)}', 'x');
      INSERT INTO organisation (id, name, name_key, kind, created_at, updated_at) VALUES (1, 'Södertälje kommun', 'sodertalje kommun', 'kommun', 'x', 'x');
      INSERT INTO person (id, name, organisation_id, created_at, updated_at) VALUES (1, 'Camilla Broo', 1, 'x', 'x');
      INSERT INTO person_certificate (id, person_id, origin, label, subject, issuer, serial_number, valid_from, valid_to, fingerprint, certificate_der, chain, private_key, created_at)
        VALUES (1, 1, 'confirmed', 'Broo', 'CN=Camilla Broo', 'CN=CA', '01', 'x', 'x', 'ff', X'30', '[]', NULL, 'x');
      INSERT INTO attestation (id, meeting_id, paragraph_id, person_id, name, role, date, place, created_at) VALUES (1, 1, NULL, 1, 'Camilla Broo', 'ordforande', '2017-03-15', NULL, 'x');
      INSERT INTO attestation_signature (attestation_id, frozen_id, person_certificate_id, signature_part, signing_time, time_source, way, package, package_sha256, created_at)
        VALUES (1, 7, 1, '_xmlsignatures/sig1.xml', 'x', 'signer_clock', 'here', X'504B', '${'b'.repeat(64)}', 'x');
    `);
    migrateTo(t.db, VERSION);
  });
  afterEach(() => t.cleanup());

  const freezeAgreement = (fields: Record<string, unknown> = {}) =>
    t.db
      .prepare(
        `INSERT INTO frozen_document (kind, meeting_id, paragraph_id, version_id, lang, file_name, document, document_sha256, frozen_at)
         VALUES (@kind, @meeting_id, @paragraph_id, @version_id, 'sv', 'a.docx', X'504B', @sha, 'x')`,
      )
      .run({ kind: 'agreement', meeting_id: null, paragraph_id: null, version_id: 1, sha: 'c'.repeat(64), ...fields });

  it('keeps the frozen documents and their signatures, and adds the agreement tables, triggers and view', () => {
    expect(schemaVersion(t.db)).toBe(VERSION);
    expect(t.db.prepare('SELECT id, kind, meeting_id, version_id FROM frozen_document').all()).toEqual([
      { id: 7, kind: 'protocol', meeting_id: 1, version_id: null },
    ]);
    expect(t.db.prepare('SELECT frozen_id, act FROM frozen_signature').all()).toEqual([
      { frozen_id: 7, act: 'attestation' },
    ]);
    expect(schemaNames(t.db, 'table')).toContain('agreement_signing_signature');
    expect(schemaNames(t.db, 'trigger')).toEqual(
      expect.arrayContaining([
        'frozen_document_no_update',
        'frozen_document_sealed_delete',
        'agreement_signing_signature_no_update',
        'agreement_signing_digital_fixed',
      ]),
    );
    expect(t.db.pragma('foreign_key_check')).toEqual([]);
    // the attestation's signature still goes with its frozen document
    t.db.pragma('foreign_keys = ON');
    t.db.prepare('DELETE FROM frozen_document WHERE id = 7').run();
    expect(t.db.prepare('SELECT count(*) FROM attestation_signature').pluck().get()).toBe(0);
  });

  it('an agreement document names its version and nothing of a meeting; a protocol or extract still needs its meeting', () => {
    t.db.exec(`
      INSERT INTO agreement (id, name, created_at, updated_at) VALUES (1, 'Samverkan', 'x', 'x');
      INSERT INTO agreement_version (id, agreement_id, title, valid_from, valid_to, created_at, updated_at) VALUES (1, 1, 'Samverkansöverenskommelse', '2017-01-01', '2018-12-31', 'x', 'x');
    `);
    freezeAgreement();
    expect(() => freezeAgreement({ sha: 'd'.repeat(64) })).toThrow(/UNIQUE constraint failed/);
    expect(() => freezeAgreement({ version_id: null })).toThrow(/CHECK constraint failed/);
    expect(() => freezeAgreement({ meeting_id: 1 })).toThrow(/CHECK constraint failed/);
    expect(() => freezeAgreement({ kind: 'protocol', version_id: null })).toThrow(/CHECK constraint failed/);
    expect(() => freezeAgreement({ kind: 'extract', meeting_id: 1, version_id: null })).toThrow(
      /CHECK constraint failed/,
    );
    expect(() => t.db.prepare("UPDATE frozen_document SET file_name = 'b.docx'").run()).toThrow(/meetings.frozen/);
    expect(t.db.prepare('SELECT recorded_by FROM agreement_signing').all()).toEqual([]);
  });
});
