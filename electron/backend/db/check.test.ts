import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkDatabase, describeCheck } from './check';
import { openDatabase } from './open';
import { LATEST_VERSION } from './migrations';
import { testBackend, tempDbPath, type TestBackend } from '../../../test/support/backend';

let b: TestBackend;
beforeEach(async () => void (b = await testBackend()));
afterEach(() => b.cleanup());

describe('checkDatabase', () => {
  it('passes a healthy database and reports the newest audit hash', async () => {
    await b.call('organisations.create', { name: 'Södertälje kommun', kind: 'kommun' });
    const report = checkDatabase(b.ctx.db, b.ctx.dbPath);
    expect(report).toEqual({
      ok: true,
      database: b.ctx.dbPath,
      schema: { ok: true, version: LATEST_VERSION, latest: LATEST_VERSION },
      integrity: { ok: true, problems: [] },
      foreignKeys: { ok: true, problems: [] },
      auditChain: { ok: true, events: 1, brokenAt: null, head: b.ctx.db.prepare('SELECT hash FROM audit_event').pluck().get() },
    });
    expect(describeCheck(report).join('\n')).toMatch(/Schema:\s+ok[\s\S]*Audit chain:\s+ok \(1 events; newest hash [0-9a-f]{64}\)/);
  });

  it('finds a broken foreign key reference (written while the checks were off) and names the row', async () => {
    const org = await b.call('organisations.create', { name: 'Södertälje kommun', kind: 'kommun' });
    await b.call('people.create', { name: 'Camilla Broo', organisationId: org.id });
    b.ctx.db.pragma('foreign_keys = OFF');
    b.ctx.db.prepare('UPDATE person SET organisation_id = 999').run();
    b.ctx.db.pragma('foreign_keys = ON');
    const report = checkDatabase(b.ctx.db, b.ctx.dbPath);
    expect(report.ok).toBe(false);
    expect(report.foreignKeys).toEqual({ ok: false, problems: [{ table: 'person', rowid: 1, parent: 'organisation' }] });
    expect(describeCheck(report).join('\n')).toContain('person row 1 refers to a missing organisation');
  });

  it('fails an SQLite file that is not a Samråd database, without throwing', async () => {
    const tmp = tempDbPath();
    try {
      new Database(tmp.file).close();
      const db = await openDatabase(tmp.file, { migrate: false });
      const report = checkDatabase(db, tmp.file);
      db.close();
      expect(report).toMatchObject({ ok: false, schema: { ok: false, version: 0 }, integrity: { ok: true }, auditChain: { ok: false, events: 0, head: null } });
      expect(describeCheck(report)[1]).toContain('run "samrad init" to update it');
    } finally {
      tmp.cleanup();
    }
  });
});
