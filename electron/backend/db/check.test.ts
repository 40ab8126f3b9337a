import Database from 'better-sqlite3';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHECK_NAMES, checkDatabase, checks, describeCheck } from './check';
import { openForInspection } from './inspect';
import { LATEST_VERSION } from './migrations';
import { testBackend, tempDbPath, type TestBackend } from '../../../test/support/backend';
import { checkSearchIndex } from '../search/maintenance';
import { recordWholeCheck, tableStates, type IntegrityReport } from './integrity';
import { startMaintenance } from './maintenance';
import { auditEvents } from '../../../test/support/audit-events';

let b: TestBackend;
beforeEach(async () => void (b = await testBackend()));
afterEach(() => b.cleanup());

describe('checkDatabase', () => {
  it('passes a healthy database and reports the newest audit hash', async () => {
    await b.call('organisations.create', { name: 'Södertälje kommun', kind: 'kommun' });
    const report = await checkDatabase(b.ctx.db, b.ctx.dbPath);
    expect(report).toEqual({
      ok: true,
      database: b.ctx.dbPath,
      schema: { ok: true, version: LATEST_VERSION, latest: LATEST_VERSION },
      // no whole check recorded yet (the app's background pass records one): every table is due
      integrity: {
        ok: true,
        whole: false,
        problems: [],
        checked: tablesOf(b.ctx.db).map((table) => ({ table, reason: 'never' })),
        notChecked: [],
      },
      foreignKeys: { ok: true, problems: [] },
      auditChain: {
        ok: true,
        events: 1,
        brokenAt: null,
        head: auditEvents(b.ctx.db)[0].hash,
        verified: 1,
        checkpoint: null,
      },
      search: { ok: true, documents: 1, checked: 1, problems: [] },
      seals: { ok: true, records: 0, checked: 0, since: null, sampled: 0, awaitingTimestamp: 0, problems: [] },
      attachments: { ok: true, files: 0, checked: 0, problems: [] },
    });
    expect(describeCheck(report).join('\n')).toMatch(
      /Schema:\s+ok[\s\S]*Audit chain:\s+ok \(1 events; newest hash [0-9a-f]{64}\)/,
    );
  });

  it('finds a broken foreign key reference (written while the checks were off) and names the row', async () => {
    const org = await b.call('organisations.create', { name: 'Södertälje kommun', kind: 'kommun' });
    await b.call('people.create', { name: 'Camilla Broo', organisationId: org.id });
    b.ctx.db.pragma('foreign_keys = OFF');
    b.ctx.db.prepare('UPDATE person SET organisation_id = 999').run();
    b.ctx.db.pragma('foreign_keys = ON');
    const report = await checkDatabase(b.ctx.db, b.ctx.dbPath);
    expect(report.ok).toBe(false);
    expect(report.foreignKeys).toEqual({
      ok: false,
      problems: [{ table: 'person', rowid: 1, parent: 'organisation' }],
    });
    expect(describeCheck(report).join('\n')).toContain('person row 1 refers to a missing organisation');
  });

  it('fails an SQLite file that is not a Samråd database, without throwing', async () => {
    const tmp = tempDbPath();
    try {
      const other = new Database(tmp.file);
      other.exec('CREATE TABLE note (text TEXT)');
      other.close();
      const db = openForInspection(tmp.file);
      const report = await checkDatabase(db, tmp.file);
      db.close();
      expect(report).toMatchObject({
        ok: false,
        schema: { ok: false, version: 0 },
        integrity: { ok: true },
        auditChain: { ok: false, events: 0, head: null },
      });
      expect(describeCheck(report)[1]).toContain('run "samrad init" to update it');
    } finally {
      tmp.cleanup();
    }
  });

  it('reports every check even when one cannot run, and never throws', async () => {
    // an audit_event that is a view, not a table: the chain check throws inside, the others still report
    const tmp = tempDbPath();
    try {
      const raw = new Database(tmp.file);
      raw.exec(`CREATE TABLE audit_event (id INTEGER PRIMARY KEY); PRAGMA user_version = ${LATEST_VERSION}`);
      raw.close();
      const db = openForInspection(tmp.file);
      const report = await checkDatabase(db, tmp.file);
      db.close();
      expect(Object.keys(report)).toEqual(['ok', 'database', ...CHECK_NAMES]);
      expect(report).toMatchObject({
        ok: false,
        schema: { ok: true },
        integrity: { ok: true },
        foreignKeys: { ok: true },
        auditChain: { ok: false, error: expect.stringMatching(/prev_hash|no such column/) },
      });
      expect(describeCheck(report).join('\n')).toMatch(/Audit chain:\s+FAILED \(could not be checked: /);
    } finally {
      tmp.cleanup();
    }
  });
});

describe('samrad check: the incremental checks and --full', () => {
  it('finds an index that disagrees with its table table by table when the table is due, and in the whole-file check', async () => {
    const org = await b.call('organisations.create', { name: 'Södertälje kommun', kind: 'kommun' });
    for (const name of ['Camilla Broo', 'Peter Nylind'])
      await b.call('people.create', { name, organisationId: org.id });
    // the last whole check saw the file as it is now
    recordWholeCheck(b.ctx.db, tableStates(b.ctx.db), '2026-12-01T07:00:00.000Z', true);
    const file = b.ctx.dbPath;
    const index = personIndex(b.ctx.db);
    b.close();
    breakIndex(file, index);
    const db = openForInspection(file);
    const incremental = await checkDatabase(db, file, { full: false, rotationBudgetMs: 0 });
    const full = await checkDatabase(db, file, { full: true });
    db.close();
    // the index's SQL changed, so its table is due, and checked
    expect(incremental.integrity).toMatchObject({ ok: false, whole: false });
    expect((incremental.integrity as IntegrityReport).checked).toContainEqual({ table: 'person', reason: 'schema' });
    expect(full.integrity).toMatchObject({ ok: false, whole: true });
    expect((incremental.integrity as IntegrityReport).problems.join('\n')).toContain(index.name);
    expect((full.integrity as IntegrityReport).problems.join('\n')).toContain(index.name);
    expect(describeCheck(incremental).join('\n')).toMatch(
      /Integrity:\s+FAILED \(table by table, \d+ tables checked: 1 with a changed schema, 2 whose writes are not counted; \d+ unchanged since their last whole check not checked this run; "--full" checks the whole file\)\n {2}.*person_organisation/,
    );
  });

  it('checks a table written since its last whole check, and names each table not checked with the time of its check', async () => {
    const org = await b.call('organisations.create', { name: 'Södertälje kommun', kind: 'kommun' });
    recordWholeCheck(b.ctx.db, tableStates(b.ctx.db), '2026-12-01T07:00:00.000Z', true);
    await b.call('people.create', { name: 'Camilla Broo', organisationId: org.id });
    const report = await checkDatabase(b.ctx.db, b.ctx.dbPath, { full: false, rotationBudgetMs: 0 });
    const integrity = report.integrity as IntegrityReport;
    expect(integrity.ok).toBe(true);
    // a person was written, so were the audit log and the search index (their FTS tables follow search_doc)
    expect(integrity.checked).toEqual(
      [
        { table: 'audit_event', reason: 'written' },
        { table: 'integrity_state', reason: 'uncounted' },
        { table: 'person', reason: 'written' },
        { table: 'search_doc', reason: 'written' },
        ...tablesOf(b.ctx.db)
          .filter((t) => /^search_(word|tri)_/.test(t))
          .map((table) => ({ table, reason: 'written' })),
        { table: 'table_write', reason: 'uncounted' },
      ].sort((x, y) => x.table.localeCompare(y.table)),
    );
    const rest = tablesOf(b.ctx.db).filter((t) => !integrity.checked.some((c) => c.table === t));
    expect(integrity.notChecked).toEqual(rest.map((table) => ({ table, lastChecked: '2026-12-01T07:00:00.000Z' })));
    expect(describeCheck(report).join('\n')).toContain(
      `not checked this run, last checked whole at 2026-12-01T07:00:00.000Z: ${rest.join(', ')}`,
    );
  });

  it('a damaged table its last whole check did not see: named as not checked, found in rotation and with --full', async () => {
    const org = await b.call('organisations.create', { name: 'Södertälje kommun', kind: 'kommun' });
    for (const name of ['Camilla Broo', 'Peter Nylind'])
      await b.call('people.create', { name, organisationId: org.id });
    const file = b.ctx.dbPath;
    const index = personIndex(b.ctx.db);
    b.close();
    breakIndex(file, index);
    // a verdict recorded over the damage, as if the disk changed the bytes after the check
    const raw = new Database(file);
    recordWholeCheck(raw, tableStates(raw), '2026-12-01T07:00:00.000Z', true);
    raw.close();
    const db = openForInspection(file);
    const quiet = (await checkDatabase(db, file, { full: false, rotationBudgetMs: 0 })).integrity as IntegrityReport;
    const rotated = (await checkDatabase(db, file, { full: false, rotationBudgetMs: Infinity }))
      .integrity as IntegrityReport;
    const full = (await checkDatabase(db, file, { full: true })).integrity as IntegrityReport;
    db.close();
    expect(quiet).toMatchObject({ ok: true, whole: false });
    expect(quiet.notChecked).toContainEqual({ table: 'person', lastChecked: '2026-12-01T07:00:00.000Z' });
    expect(rotated.ok).toBe(false);
    expect(rotated.checked).toContainEqual({ table: 'person', reason: 'rotation' });
    expect(rotated.notChecked).toEqual([]);
    expect(rotated.problems.join('\n')).toContain(index.name);
    expect(full).toMatchObject({ ok: false, whole: true });
  });

  it("the app's check after start records every table's verdict, and the next check starts from it", async () => {
    await b.call('organisations.create', { name: 'Södertälje kommun', kind: 'kommun' });
    b.clock.set('2026-12-01T07:00:00.000Z');
    await startMaintenance(b.ctx, { delayMs: 0, backupEveryMs: 0 }).done;
    expect(b.ctx.db.prepare('SELECT name, checked_at, ok FROM integrity_state ORDER BY name').all()).toEqual(
      tablesOf(b.ctx.db).map((name) => ({ name, checked_at: '2026-12-01T07:00:00.000Z', ok: 1 })),
    );
    // the pass also wrote its audit checkpoint (and its own verdicts) after the states were read
    const integrity = (await checkDatabase(b.ctx.db, b.ctx.dbPath, { full: false, rotationBudgetMs: 0 }))
      .integrity as IntegrityReport;
    expect(integrity.checked).toEqual([
      { table: 'audit_checkpoint', reason: 'written' },
      { table: 'integrity_state', reason: 'uncounted' },
      { table: 'table_write', reason: 'uncounted' },
    ]);
  });

  it('re-reads the newest search documents and a sample of the rest; --full re-reads all', async () => {
    const org = await b.call('organisations.create', { name: 'Södertälje kommun', kind: 'kommun' });
    for (let i = 0; i < 30; i++) await b.call('people.create', { name: `Person ${i}`, organisationId: org.id });
    const documents = b.ctx.db.prepare('SELECT count(*) FROM search_doc').pluck().get() as number;
    const newest = b.ctx.db.prepare('SELECT id, ref_id FROM search_doc ORDER BY id DESC LIMIT 1').get() as {
      id: number;
      ref_id: number;
    };
    b.ctx.db.prepare("UPDATE search_doc SET content = 'fel text' WHERE id = ?").run(newest.id);
    b.ctx.db.prepare('DELETE FROM search_word WHERE rowid = ?').run(newest.id);

    const sampled = checkSearchIndex(b.ctx.db, { sample: 10 });
    expect(sampled).toMatchObject({ ok: false, documents, checked: 10 });
    expect(sampled.problems).toEqual([
      `index entries out of date: person ${newest.ref_id}`,
      'search_word: 1 documents indexed with other text than they hold; run "samrad reindex"',
    ]);
    expect(checkSearchIndex(b.ctx.db)).toMatchObject({ ok: false, documents, checked: documents });
    expect(describeCheck(await checkDatabase(b.ctx.db, b.ctx.dbPath)).join('\n')).not.toContain('re-tokenized');
  });
});

describe('the incremental search check', () => {
  /** SQL run with one of the search triggers dropped, then put back: what another program can do to the file */
  const behindTheTrigger = (trigger: string, sql: string) => {
    const create = b.ctx.db
      .prepare("SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?")
      .pluck()
      .get(trigger) as string;
    b.ctx.db.exec(`DROP TRIGGER ${trigger}`);
    b.ctx.db.exec(sql);
    b.ctx.db.exec(create);
  };

  it('finds a record without its document, and a document without its record, by counting each kind', async () => {
    const org = await b.call('organisations.create', { name: 'Södertälje kommun', kind: 'kommun' });
    const people: Array<{ id: number }> = [];
    for (let i = 0; i < 30; i++)
      people.push(await b.call('people.create', { name: `Person ${i}`, organisationId: org.id }));
    expect(checkSearchIndex(b.ctx.db, { sample: 10 }).problems).toEqual([]);

    behindTheTrigger(
      'search_person_ai',
      "INSERT INTO person (id, name, created_at, updated_at) VALUES (1000, 'Utan dokument', '2026-12-01', '2026-12-01')",
    );
    expect(checkSearchIndex(b.ctx.db, { sample: 10 }).problems).toEqual([
      'the index holds 30 documents of kind person for 31 records; run "samrad reindex"',
    ]);
    // the whole check names the record
    expect(checkSearchIndex(b.ctx.db).problems).toEqual(['records missing from the index: person 1000']);

    behindTheTrigger('search_person_ad', 'DELETE FROM person WHERE id = 1000');
    behindTheTrigger('search_person_ad', `DELETE FROM person WHERE id = ${people[0].id}`);
    // the removed person's document may also be in the random sample, read as out of date
    const sampled = checkSearchIndex(b.ctx.db, { sample: 10 }).problems;
    expect(sampled.filter((p) => p !== `index entries out of date: person ${people[0].id}`)).toEqual([
      'the index holds 30 documents of kind person for 29 records; run "samrad reindex"',
    ]);
    expect(checkSearchIndex(b.ctx.db).problems).toEqual([
      `index entries for records that do not exist: person ${people[0].id}`,
    ]);
  });
});

describe('samrad check on a damaged or foreign file (cases 5 and 7)', () => {
  it('a corrupted database: a report for every check, each failing check named, the file unchanged', async () => {
    await b.call('organisations.create', { name: 'Södertälje kommun', kind: 'kommun' });
    for (let i = 0; i < 200; i++) await b.call('people.create', { name: `Person ${i} ${'x'.repeat(150)}` });
    const file = b.ctx.dbPath;
    b.ctx.db.pragma('wal_checkpoint(TRUNCATE)');
    b.ctx.db.pragma('journal_mode = DELETE');
    b.close();
    // overwrite a few pages in the middle with noise: what a failing disk leaves behind
    const bytes = fs.readFileSync(file);
    const pageSize = bytes.readUInt16BE(16);
    for (const page of [3, 5, 8]) crypto.randomFillSync(bytes, page * pageSize + 8, pageSize - 16);
    fs.writeFileSync(file, bytes);
    const before = sha256(file);

    const db = openForInspection(file);
    const report = await checkDatabase(db, file);
    db.close();
    expect(report.ok).toBe(false);
    expect(Object.keys(report)).toEqual(['ok', 'database', ...CHECK_NAMES]);
    expect(report.integrity.ok).toBe(false);
    const lines = describeCheck(report);
    for (const name of CHECK_NAMES) expect(lines.some((l) => l.startsWith(`${checks[name].label}:`))).toBe(true);
    expect(sha256(file)).toBe(before);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });

  it('read-only: a DELETE-journal database stays DELETE-journal and byte for byte the same', async () => {
    await b.call('organisations.create', { name: 'Södertälje kommun', kind: 'kommun' });
    const file = b.ctx.dbPath;
    b.ctx.db.pragma('journal_mode = DELETE');
    b.close();
    const before = sha256(file);
    const db = openForInspection(file);
    expect((await checkDatabase(db, file)).ok).toBe(true);
    expect(() => db.exec('CREATE TABLE x (y)')).toThrow(/readonly|read-only|query_only/i);
    db.close();
    expect(sha256(file)).toBe(before);
    expect(new Database(file, { readonly: true }).pragma('journal_mode', { simple: true })).toBe('delete');
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });

  it('a zero-byte file is refused with a clear message and stays zero bytes; so is a file that is not SQLite', () => {
    const tmp = tempDbPath();
    try {
      fs.writeFileSync(tmp.file, '');
      expect(() => openForInspection(tmp.file)).toThrow(/is empty \(0 bytes\)/);
      expect(fs.statSync(tmp.file).size).toBe(0);
      fs.writeFileSync(tmp.file, 'Protokoll fört vid sammanträde\n'.repeat(100));
      expect(() => openForInspection(tmp.file)).toThrow(/is not an SQLite database/);
    } finally {
      tmp.cleanup();
    }
  });
});

function tablesOf(db: Database.Database): string[] {
  return db
    .prepare(
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name",
    )
    .pluck()
    .all() as string[];
}

function personIndex(db: Database.Database): { name: string; sql: string } {
  return db
    .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'person' AND sql IS NOT NULL")
    .get() as { name: string; sql: string };
}

/**
 * What a damaged file can hold: an index whose entries no longer follow its table (written by
 * another program, with SQLite's defences off).
 */
function breakIndex(file: string, index: { name: string; sql: string }): void {
  const raw = new Database(file);
  raw.unsafeMode(true);
  raw.pragma('writable_schema = ON');
  raw
    .prepare('UPDATE sqlite_schema SET sql = ? WHERE name = ?')
    .run(index.sql.replace(/\(([^)]*)\)/, '(id)'), index.name);
  raw.close();
}

function sha256(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}
