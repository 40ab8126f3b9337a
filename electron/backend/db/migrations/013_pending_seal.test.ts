import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrations } from '.';
import { migrate, schemaVersion } from '../open';
import { rawDb, schemaNames, migrateTo } from '../../../../test/support/db';

const VERSION = 13;

describe('migration 013_pending_seal', () => {
  let t: ReturnType<typeof rawDb>;
  beforeEach(() => {
    t = rawDb();
    migrateTo(t.db, VERSION - 1);
    // one record sealed unsigned, one signed at sealing
    t.db.exec(`
      INSERT INTO body (id, name, name_key, kind, created_at, updated_at) VALUES (1, 'Chefssamrådet', 'chefssamradet', 'chefssamrad', 'x', 'x');
      INSERT INTO meeting (id, body_id, date, start_time, end_time, created_at, updated_at) VALUES (1, 1, '2017-03-14', '09:00', '11:00', 'x', 'x');
      INSERT INTO meeting (id, body_id, date, start_time, end_time, created_at, updated_at) VALUES (2, 1, '2017-06-13', '09:00', '11:00', 'x', 'x');
      INSERT INTO sealed_record (id, kind, meeting_id, lang, snapshot, snapshot_sha256, file_name, document, document_sha256, signed_with, sealed_at)
        VALUES (1, 'protocol', 1, 'sv', '{}', '${'a'.repeat(64)}', 'p.docx', x'01', '${'b'.repeat(64)}', NULL, 'x'),
               (2, 'protocol', 2, 'sv', '{}', '${'a'.repeat(64)}', 'p.docx', x'01', '${'b'.repeat(64)}', '${'c'.repeat(64)}', 'x');
    `);
  });
  afterEach(() => t.cleanup());

  it('adds the table of seals waiting for a timestamp, with its rules, and keeps the records as they were', () => {
    migrate(t.db, migrations);
    expect(schemaVersion(t.db)).toBeGreaterThanOrEqual(VERSION);
    expect(schemaNames(t.db, 'table')).toContain('pending_seal');
    expect(schemaNames(t.db, 'trigger')).toEqual(
      expect.arrayContaining(['pending_seal_unsigned_only', 'pending_seal_ends_signed']),
    );
    expect(t.db.prepare('SELECT id, signed_with IS NOT NULL AS signed FROM sealed_record ORDER BY id').all()).toEqual([
      { id: 1, signed: 0 },
      { id: 2, signed: 1 },
    ]);
    // an unsigned record may wait; one signed at sealing may not
    t.db.prepare("INSERT INTO pending_seal (record_id, since) VALUES (1, 'x')").run();
    expect(() => t.db.prepare("INSERT INTO pending_seal (record_id, since) VALUES (2, 'x')").run()).toThrow(
      'records.seal_not_pending',
    );
    expect(() => t.db.prepare("INSERT INTO pending_seal (record_id, since) VALUES (99, 'x')").run()).toThrow(
      /FOREIGN KEY/,
    );
    expect(() => t.db.prepare('UPDATE pending_seal SET attempts = -1').run()).toThrow(/CHECK/);
    // the wait ends only once the record's signature is stored
    expect(() => t.db.prepare('DELETE FROM pending_seal WHERE record_id = 1').run()).toThrow(
      'records.seal_not_pending',
    );
    t.db
      .prepare(
        `INSERT INTO record_signature (record_id, package, package_sha256, certificate_sha256, signer, signed_at) VALUES (1, x'02', ?, ?, 'Södertälje kommun', 'x')`,
      )
      .run('d'.repeat(64), 'c'.repeat(64));
    t.db.prepare('DELETE FROM pending_seal WHERE record_id = 1').run();
    expect(t.db.prepare('SELECT count(*) FROM pending_seal').pluck().get()).toBe(0);
  });
});
