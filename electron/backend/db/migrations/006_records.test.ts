import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrations } from '.';
import { schemaVersion } from '../open';
import { rawDb, schemaNames, migrateTo } from '../../../../test/support/db';
import { tempDbPath } from '../../../../test/support/backend';
import { editSealedDecisionAroundTriggers } from '../../../../test/support/tamper';
import { startBackend, type Backend } from '../../backend';
import { fixedClock } from '../../context';
import { checkDatabase } from '../check';
import { verifyChain } from '../../audit/chain';

describe('migration 006_records: schema', () => {
  let t: ReturnType<typeof rawDb>;
  beforeEach(() => {
    t = rawDb();
    migrateTo(t.db, 6);
  });
  afterEach(() => t.cleanup());

  it('adds sealed records and their later signatures, append-only, and announces the sealing of earlier acts', () => {
    expect(schemaVersion(t.db)).toBe(6);
    expect(schemaNames(t.db, 'table')).toEqual(
      expect.arrayContaining(['sealed_record', 'record_signature', 'record_backfill']),
    );
    expect(schemaNames(t.db, 'trigger')).toEqual(
      expect.arrayContaining([
        'sealed_record_no_update',
        'sealed_record_no_delete',
        'record_signature_no_update',
        'protocol_attested_needs_seal',
        'meeting_extract_locked_update',
        'attendance_extract_locked_insert',
      ]),
    );
    expect(t.db.prepare('SELECT count(*) FROM record_backfill').pluck().get()).toBe(1);
  });

  it('gives every body a record language, Swedish unless set, and nothing else', () => {
    t.db
      .prepare(
        "INSERT INTO body (name, name_key, kind, created_at, updated_at) VALUES ('Chefssamrådet', 'chefssamradet', 'chefssamrad', 'x', 'x')",
      )
      .run();
    expect(t.db.prepare('SELECT record_language FROM body').pluck().get()).toBe('sv');
    expect(() => t.db.prepare("UPDATE body SET record_language = 'de'").run()).toThrow(/CHECK constraint failed/);
  });

  it('keeps each kind of record pointing at exactly its act', () => {
    const insert = (kind: string, meetingId: number | null, paragraphId: number | null, versionId: number | null) =>
      t.db
        .prepare(
          `INSERT INTO sealed_record (kind, meeting_id, paragraph_id, version_id, lang, snapshot, snapshot_sha256, file_name, document, document_sha256, sealed_at)
           VALUES (?, ?, ?, ?, 'sv', '{}', ?, 'a.docx', X'504B', ?, '2017-01-01')`,
        )
        .run(kind, meetingId, paragraphId, versionId, 'a'.repeat(64), 'b'.repeat(64));
    t.db.pragma('foreign_keys = OFF');
    expect(() => insert('protocol', null, null, 1)).toThrow(/CHECK constraint failed/);
    expect(() => insert('extract', 1, null, null)).toThrow(/CHECK constraint failed/);
    expect(() => insert('agreement', 1, null, 1)).toThrow(/CHECK constraint failed/);
    insert('protocol', 1, null, null);
    expect(() => insert('protocol', 1, null, null)).toThrow(/UNIQUE constraint failed/);
  });
});

/**
 * A database written by the released version (schema 4, the Södertälje example with four
 * attested protocols, one § attested at once, one rättelse and two signed agreement versions), opened by
 * this one: every earlier act gets its sealed record; one protocol was altered behind the
 * triggers before the upgrade, so its record is sealed as broken and reported.
 */
describe('migration 006_records: a schema-4 database with the example', () => {
  let tmp: ReturnType<typeof tempDbPath>;
  let backend: Backend | undefined;
  beforeEach(() => {
    tmp = tempDbPath();
    fs.copyFileSync(path.join(__dirname, '../../../../test/fixtures/schema-4-example.sqlite'), tmp.file);
  });
  afterEach(() => {
    backend?.close();
    tmp.cleanup();
  });

  it('seals every earlier act; the one changed behind the triggers is sealed broken, reported by check and refused by export', async () => {
    const old = new Database(tmp.file);
    expect(schemaVersion(old)).toBe(4);
    const tampered = editSealedDecisionAroundTriggers({ db: old } as never);
    old.close();

    backend = await startBackend(tmp.file, {
      clock: fixedClock('2026-12-01T09:00:00Z'),
      osUserName: 'arkivarie',
      backupDir: path.join(tmp.dir, 'backups'),
    });
    const { db } = backend.ctx;
    expect(schemaVersion(db)).toBe(migrations.length);
    const kinds = db
      .prepare(
        'SELECT kind, count(*) AS n, sum(broken_at_migration) AS broken FROM sealed_record GROUP BY kind ORDER BY kind',
      )
      .all();
    expect(kinds).toEqual([
      { kind: 'agreement', n: 2, broken: 0 },
      { kind: 'correction', n: 1, broken: 0 },
      { kind: 'extract', n: 1, broken: 0 },
      { kind: 'protocol', n: 4, broken: 1 },
    ]);
    expect(db.prepare('SELECT meeting_id FROM sealed_record WHERE broken_at_migration = 1').pluck().get()).toBe(
      tampered.meetingId,
    );
    expect(db.prepare('SELECT count(*) FROM record_backfill').pluck().get()).toBe(0);
    expect(verifyChain(db).ok).toBe(true);

    const report = await checkDatabase(db, tmp.file);
    expect(report.seals.ok).toBe(false);
    const problems = 'problems' in report.seals ? report.seals.problems : [];
    expect(problems.map((p) => p.code)).toEqual(['broken_at_migration']);
    expect(problems[0].message).toContain(tampered.label);

    const refused = await backend.dispatch('meetings.exportProtocol', { meetingId: tampered.meetingId, lang: 'sv' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'SEAL_BROKEN' } });
    const good = db
      .prepare("SELECT meeting_id FROM sealed_record WHERE kind = 'protocol' AND broken_at_migration = 0")
      .pluck()
      .get() as number;
    const exported = await backend.dispatch('meetings.exportProtocol', { meetingId: good, lang: 'sv' });
    expect(exported.ok).toBe(true);

    // a second start finds nothing left to seal
    backend.close();
    backend = await startBackend(tmp.file, {
      clock: fixedClock('2026-12-02T09:00:00Z'),
      osUserName: 'arkivarie',
      backupDir: path.join(tmp.dir, 'backups'),
    });
    expect(backend.ctx.db.prepare('SELECT count(*) FROM sealed_record').pluck().get()).toBe(8);
  });
});
