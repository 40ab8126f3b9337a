import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrations } from '.';
import { migrate, schemaVersion } from '../open';
import { rawDb, migrateTo, schemaNames } from '../../../../test/support/db';
import { COUNTED_TABLES } from './017_integrity_state';

const VERSION = 17;

describe('migration 017_integrity_state: every row written is counted per table (SQL)', () => {
  let t: ReturnType<typeof rawDb>;
  const writes = (table: string) =>
    t.db.prepare('SELECT n FROM table_write WHERE name = ?').pluck().get(table) as number;

  beforeEach(() => {
    t = rawDb();
    migrateTo(t.db, VERSION - 1);
    t.db.exec(`INSERT INTO organisation (id, name, name_key, kind, created_at, updated_at)
      VALUES (1, 'Södertälje kommun', 'sodertalje kommun', 'kommun', 'x', 'x')`);
  });
  afterEach(() => t.cleanup());

  it('starts every count at 0, keeps the rows already there, and has no verdict yet', () => {
    migrateTo(t.db, VERSION);
    expect(schemaVersion(t.db)).toBe(VERSION);
    expect(t.db.prepare('SELECT name, n FROM table_write ORDER BY name').all()).toEqual(
      [...COUNTED_TABLES].sort().map((name) => ({ name, n: 0 })),
    );
    expect(t.db.prepare('SELECT name FROM organisation').pluck().all()).toEqual(['Södertälje kommun']);
    expect(t.db.prepare('SELECT count(*) FROM integrity_state').pluck().get()).toBe(0);
  });

  it('counts each row inserted, updated and deleted, and nothing for a write that is refused', () => {
    migrateTo(t.db, VERSION);
    const person = (id: number) =>
      t.db
        .prepare(
          `INSERT INTO person (id, name, organisation_id, created_at, updated_at) VALUES (?, 'Camilla Broo', 1, 'x', 'x')`,
        )
        .run(id);
    person(1);
    person(2);
    expect(writes('person')).toBe(2);
    t.db.prepare("UPDATE person SET title = 'Sekreterare'").run();
    expect(writes('person')).toBe(4);
    t.db.prepare('DELETE FROM person WHERE id = 2').run();
    expect(writes('person')).toBe(5);
    expect(() => person(1)).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(writes('person')).toBe(5);
    expect(writes('organisation')).toBe(0);
  });

  it('keeps its rules: counts never negative, a verdict is ok or not and names its schema by a SHA-256', () => {
    migrateTo(t.db, VERSION);
    expect(() => t.db.prepare("UPDATE table_write SET n = -1 WHERE name = 'person'").run()).toThrow(/CHECK/);
    const state = t.db.prepare(
      'INSERT INTO integrity_state (name, checked_at, ok, writes, schema_sha256) VALUES (?, ?, ?, ?, ?)',
    );
    expect(() => state.run('person', 'x', 2, 0, 'a'.repeat(64))).toThrow(/CHECK/);
    expect(() => state.run('person', 'x', 1, 0, 'abc')).toThrow(/CHECK/);
    expect(() => state.run('person', 'x', 1, -1, 'a'.repeat(64))).toThrow(/CHECK/);
    state.run('person', 'x', 1, 0, 'a'.repeat(64));
    state.run('table_write', 'x', 1, null, 'a'.repeat(64));
    expect(t.db.prepare('SELECT count(*) FROM integrity_state').pluck().get()).toBe(2);
  });

  it('counts every table of the schema but its own two and the FTS indexes', () => {
    // a table a later migration makes without the three triggers is checked on every run (db/integrity.ts): add them
    migrate(t.db, migrations);
    const fts = schemaNames(t.db, 'table').filter((n) => /^search_(word|tri)(_|$)/.test(n));
    const uncounted = schemaNames(t.db, 'table').filter(
      (n) => !fts.includes(n) && !['table_write', 'integrity_state'].includes(n),
    );
    expect(uncounted.filter((n) => !(COUNTED_TABLES as readonly string[]).includes(n))).toEqual([]);
    const triggers = new Set(schemaNames(t.db, 'trigger'));
    expect(
      uncounted
        .flatMap((n) => ['insert', 'update', 'delete'].map((e) => `${n}_written_${e}`))
        .filter((x) => !triggers.has(x)),
    ).toEqual([]);
  });
});
