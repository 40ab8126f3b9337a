import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { LATEST_VERSION, migrations, type Migration } from './migrations';
import { migrate, openDatabase, schemaVersion } from './open';
import { listBackups, rotateBackups } from './backups';
import { tempDbPath } from '../../../test/support/backend';
import { rawDb, schemaNames } from '../../../test/support/db';

let tmp: ReturnType<typeof tempDbPath>;
beforeEach(() => void (tmp = tempDbPath()));
afterEach(() => tmp.cleanup());

/** The real steps followed by small extra ones (`t2`, `t3`, …) that each add a table. */
function extendedList(extra: number): Migration[] {
  const list = [...migrations];
  for (let i = 0; i < extra; i++) {
    const version = list.length + 1;
    list.push({
      version,
      name: `${String(version).padStart(3, '0')}_extra`,
      up: `CREATE TABLE extra_${version} (x INTEGER) STRICT;`,
    });
  }
  return list;
}

async function errorOf(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the promise to fail');
}

describe('openDatabase', () => {
  it('creates a fresh database at the latest schema, with WAL and foreign keys on', async () => {
    const db = await openDatabase(tmp.file);
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
    expect(fs.existsSync(path.join(tmp.dir, 'backups')), 'a new database needs no backup').toBe(false);
  });

  it('refuses a database from a newer version with SCHEMA_TOO_NEW, without touching it', async () => {
    const raw = new Database(tmp.file);
    raw.pragma(`user_version = ${LATEST_VERSION + 1}`);
    raw.close();
    const before = fs.readFileSync(tmp.file);
    const error = await errorOf(openDatabase(tmp.file));
    expect(error.code).toBe('SCHEMA_TOO_NEW');
    expect(error.message).toBe(
      `The database ${tmp.file} was written by a newer version of Samråd (schema ${LATEST_VERSION + 1}; this version knows ${LATEST_VERSION}). Update Samråd to open it.`,
    );
    expect(error.params).toEqual({ found: LATEST_VERSION + 1, known: LATEST_VERSION });
    expect(fs.readFileSync(tmp.file).equals(before)).toBe(true);
    expect(fs.existsSync(`${tmp.file}-wal`)).toBe(false);
  });

  it('refuses a missing file when asked not to create one', async () => {
    const error = await errorOf(openDatabase(tmp.file, { create: false }));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toMatch(/does not exist/);
    expect(fs.existsSync(tmp.file)).toBe(false);
  });

  it('can open an older database without migrating it', async () => {
    (await openDatabase(tmp.file)).close();
    const db = await openDatabase(tmp.file, { migrations: extendedList(1), migrate: false });
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    db.close();
  });

  it('refuses to run a migration list with a gap', async () => {
    const list = extendedList(2);
    list.splice(list.length - 2, 1);
    await expect(openDatabase(tmp.file, { migrations: list })).rejects.toThrow(/numbered 1, 2, 3/);
  });
});

describe('migrate', () => {
  const broken = (version: number): Migration => ({
    version,
    name: `${String(version).padStart(3, '0')}_broken`,
    up: 'CREATE TABLE half_done (x INTEGER); INSERT INTO no_such_table VALUES (1);',
  });

  it('applies all pending steps in one transaction: a failing step leaves schema and user_version untouched', () => {
    const t = rawDb();
    try {
      expect(() => migrate(t.db, [...migrations, broken(migrations.length + 1)])).toThrow(
        /no such table: no_such_table/,
      );
      expect(schemaVersion(t.db)).toBe(0);
      expect(schemaNames(t.db, 'table')).toEqual([]);
      expect(t.db.inTransaction).toBe(false);
    } finally {
      t.cleanup();
    }
  });

  it('rolls back earlier pending steps of the same run too, on an existing database', () => {
    const t = rawDb();
    try {
      migrate(t.db, migrations);
      const tablesBefore = schemaNames(t.db, 'table');
      const list = extendedList(1);
      expect(() => migrate(t.db, [...list, broken(list.length + 1)])).toThrow();
      expect(schemaVersion(t.db)).toBe(LATEST_VERSION);
      expect(schemaNames(t.db, 'table')).toEqual(tablesBefore);
      expect(t.db.pragma('foreign_keys', { simple: true }), 'foreign keys are switched back on').toBe(1);
      migrate(t.db, list);
      expect(schemaVersion(t.db)).toBe(LATEST_VERSION + 1);
      expect(schemaNames(t.db, 'table')).toContain(`extra_${LATEST_VERSION + 1}`);
    } finally {
      t.cleanup();
    }
  });

  it('refuses a step that leaves broken foreign key references', () => {
    const t = rawDb();
    try {
      migrate(t.db, migrations);
      const v = LATEST_VERSION + 1;
      const dangling: Migration = {
        version: v,
        name: `${String(v).padStart(3, '0')}_dangling`,
        up: "INSERT INTO person (name, organisation_id, created_at, updated_at) VALUES ('X', 4242, 'now', 'now');",
      };
      expect(() => migrate(t.db, [...migrations, dangling])).toThrow(/broken foreign key/);
      expect(schemaVersion(t.db)).toBe(LATEST_VERSION);
      expect(t.db.prepare('SELECT count(*) FROM person').pluck().get()).toBe(0);
    } finally {
      t.cleanup();
    }
  });
});

describe('backups before migration', () => {
  it('takes an online backup of an existing database before migrating it; the backup opens and holds the data', async () => {
    const db = await openDatabase(tmp.file);
    db.prepare("INSERT INTO setting (key, value) VALUES ('marker', 'före migreringen')").run();
    db.close();

    const migrated = await openDatabase(tmp.file, { migrations: extendedList(1) });
    expect(schemaVersion(migrated)).toBe(LATEST_VERSION + 1);
    migrated.close();

    const dir = path.join(tmp.dir, 'backups');
    const backups = listBackups(dir, 'samrad');
    expect(backups).toHaveLength(1);
    expect(backups[0]).toMatch(new RegExp(`^samrad-v${LATEST_VERSION}-\\d{4}-\\d{2}-\\d{2}T[\\d-]+Z\\.sqlite$`));
    const copy = new Database(path.join(dir, backups[0]), { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(schemaVersion(copy)).toBe(LATEST_VERSION);
    expect(copy.prepare("SELECT value FROM setting WHERE key = 'marker'").pluck().get()).toBe('före migreringen');
    copy.close();
  });

  it('keeps only the newest 10 backups after 12 migrations', async () => {
    const list = extendedList(12);
    (await openDatabase(tmp.file, { migrations: list.slice(0, LATEST_VERSION) })).close();
    for (let n = 1; n <= 12; n++) {
      const db = await openDatabase(tmp.file, { migrations: list.slice(0, LATEST_VERSION + n) });
      db.prepare('INSERT INTO setting (key, value) VALUES (?, ?)').run(`step${n}`, String(n));
      db.close();
    }
    const dir = path.join(tmp.dir, 'backups');
    const kept = listBackups(dir, 'samrad');
    expect(fs.readdirSync(dir)).toHaveLength(10);
    // newest first: taken before migrating from version LATEST+11 down to LATEST+2
    expect(kept.map((name) => Number(/-v(\d+)-/.exec(name)![1]))).toEqual(
      Array.from({ length: 10 }, (_, i) => LATEST_VERSION + 11 - i),
    );
    const newest = new Database(path.join(dir, kept[0]), { readonly: true });
    expect(newest.prepare('SELECT count(*) FROM setting WHERE key LIKE ?').pluck().get('step%')).toBe(11);
    newest.close();
  });

  it('a failed migration leaves the database as it was, and the backup taken before it', async () => {
    (await openDatabase(tmp.file)).close();
    const v = LATEST_VERSION + 1;
    const failing: Migration = {
      version: v,
      name: `${String(v).padStart(3, '0')}_failing`,
      up: 'CREATE TABLE t (x INTEGER); SELECT * FROM nowhere;',
    };
    await expect(openDatabase(tmp.file, { migrations: [...migrations, failing] })).rejects.toThrow(
      /no such table: nowhere/,
    );
    const db = await openDatabase(tmp.file);
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect(schemaNames(db, 'table')).not.toContain('t');
    db.close();
    expect(listBackups(path.join(tmp.dir, 'backups'), 'samrad')).toHaveLength(1);
  });

  it('rotation orders by the time in the name and leaves other files alone', () => {
    const dir = path.join(tmp.dir, 'rot');
    fs.mkdirSync(dir);
    const names = [
      'samrad-v9-2026-01-01T00-00-00-000Z.sqlite',
      'samrad-v10-2026-01-02T00-00-00-000Z.sqlite',
      'samrad-v10-2026-01-02T00-00-00-000Z-2.sqlite',
      'samrad-v11-2026-01-03T00-00-00-000Z.sqlite',
      'other-v1-2020-01-01T00-00-00-000Z.sqlite',
      'samrad.sqlite',
    ];
    for (const name of names) fs.writeFileSync(path.join(dir, name), '');
    rotateBackups(dir, 'samrad', 2);
    expect(fs.readdirSync(dir).sort()).toEqual([
      'other-v1-2020-01-01T00-00-00-000Z.sqlite',
      'samrad-v10-2026-01-02T00-00-00-000Z-2.sqlite',
      'samrad-v11-2026-01-03T00-00-00-000Z.sqlite',
      'samrad.sqlite',
    ]);
  });
});
