import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrations } from '.';
import { migrate, schemaVersion } from '../open';
import { rawDb, schemaNames } from '../../../../test/support/db';

let t: ReturnType<typeof rawDb>;
beforeEach(() => {
  t = rawDb();
  migrate(t.db, migrations.slice(0, 1));
});
afterEach(() => t.cleanup());

const NOW = '2017-01-01T00:00:00.000Z';
const insertOrg = (name: string, kind = 'kommun', parentId: number | null = null) =>
  Number(
    t.db
      .prepare(
        'INSERT INTO organisation (name, name_key, kind, parent_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(name, name.toLowerCase(), kind, parentId, NOW, NOW).lastInsertRowid,
  );
const insertPerson = (name: string, extra: { email?: string; from?: string; to?: string; org?: number } = {}) =>
  Number(
    t.db
      .prepare(
        'INSERT INTO person (name, organisation_id, email, active_from, active_to, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(name, extra.org ?? null, extra.email ?? null, extra.from ?? null, extra.to ?? null, NOW, NOW)
      .lastInsertRowid,
  );
const insertBody = (name: string, kind = 'chefssamrad') =>
  Number(
    t.db
      .prepare('INSERT INTO body (name, name_key, kind, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
      .run(name, name.toLowerCase(), kind, NOW, NOW).lastInsertRowid,
  );
const insertMember = (
  bodyId: number,
  personId: number,
  role: string,
  from: string,
  to: string | null = null,
  substituteFor: number | null = null,
) =>
  t.db
    .prepare(
      'INSERT INTO body_member (body_id, person_id, role, valid_from, valid_to, substitute_for_id) VALUES (?, ?, ?, ?, ?, ?)',
    )
    .run(bodyId, personId, role, from, to, substituteFor);
const insertAudit = (hash: string) =>
  t.db
    .prepare(
      "INSERT INTO audit_event (at, actor, action, entity, entity_id, prev_hash, hash) VALUES (?, 'a', 'create', 'x', '1', ?, ?)",
    )
    .run(NOW, '0'.repeat(64), hash);

describe('migration 001_foundation', () => {
  it('applies on an empty database and sets user_version to 1', () => {
    expect(schemaVersion(t.db)).toBe(1);
    expect(schemaNames(t.db, 'table')).toEqual([
      'audit_event',
      'body',
      'body_member',
      'organisation',
      'person',
      'setting',
    ]);
    expect(schemaNames(t.db, 'trigger')).toEqual([
      'audit_event_no_delete',
      'audit_event_no_update',
      'body_member_no_overlap_insert',
      'body_member_no_overlap_update',
    ]);
    expect(schemaNames(t.db, 'index')).toEqual(['audit_event_record', 'body_member_body', 'person_organisation']);
    expect(t.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('keeps organisation names non-empty, unique by key, and kinds from the list', () => {
    insertOrg('Södertälje kommun');
    expect(() => insertOrg('   ')).toThrow(/CHECK constraint failed/);
    expect(() => insertOrg('Södertälje kommun')).toThrow(/UNIQUE constraint failed: organisation.name_key/);
    expect(() => insertOrg('Annan', 'kyrka')).toThrow(/CHECK constraint failed/);
    expect(() => insertOrg('Enhet', 'kommun', 999)).toThrow(/FOREIGN KEY constraint failed/);
  });

  it('is STRICT: a wrongly typed value is refused', () => {
    expect(() =>
      t.db
        .prepare(
          "INSERT INTO organisation (name, name_key, kind, archived, created_at, updated_at) VALUES ('A', 'a', 'kommun', 'ja', ?, ?)",
        )
        .run(NOW, NOW),
    ).toThrow(/cannot store TEXT value in INTEGER column/);
  });

  it('checks a person’s e-mail shape and active period', () => {
    insertPerson('Camilla Broo', { email: 'camilla.broo@sodertalje.se', from: '2017-01-01', to: '2018-12-31' });
    expect(() => insertPerson('Ingen', { email: 'ingen-snabel-a' })).toThrow(/CHECK constraint failed/);
    expect(() => insertPerson('Baklänges', { from: '2018-01-01', to: '2017-01-01' })).toThrow(
      /CHECK constraint failed/,
    );
    expect(() => insertPerson('', {})).toThrow(/CHECK constraint failed/);
  });

  it('keeps a referenced organisation from being deleted', () => {
    const org = insertOrg('Södertälje kommun');
    insertPerson('Camilla Broo', { org });
    expect(() => t.db.prepare('DELETE FROM organisation WHERE id = ?').run(org)).toThrow(
      /FOREIGN KEY constraint failed/,
    );
  });

  it('refuses the same person in the same role over an overlapping period, allows the next period', () => {
    const body = insertBody('Chefssamrådet');
    const p = insertPerson('Peter Nylind');
    insertMember(body, p, 'ledamot', '2017-01-01', '2018-12-31');
    expect(() => insertMember(body, p, 'ledamot', '2018-12-31')).toThrow('duplicate_member');
    expect(() => insertMember(body, p, 'ledamot', '2016-01-01', null)).toThrow('duplicate_member');
    insertMember(body, p, 'ledamot', '2019-01-01');
    insertMember(body, p, 'adjungerad', '2017-06-01', '2017-06-30');
    const second = t.db.prepare("SELECT id FROM body_member WHERE valid_from = '2019-01-01'").pluck().get();
    expect(() => t.db.prepare("UPDATE body_member SET valid_from = '2018-01-01' WHERE id = ?").run(second)).toThrow(
      'duplicate_member',
    );
  });

  it('checks member roles, periods and that a substitute is not standing in for themselves', () => {
    const body = insertBody('Lägesmöte', 'lagesmote');
    const p = insertPerson('Lars-Göran Uddholm');
    expect(() => insertMember(body, p, 'kassör', '2017-01-01')).toThrow(/CHECK constraint failed/);
    expect(() => insertMember(body, p, 'ledamot', '2017-01-01', '2016-12-31')).toThrow(/CHECK constraint failed/);
    expect(() => insertMember(body, p, 'ersattare', '2017-01-01', null, p)).toThrow(/CHECK constraint failed/);
    expect(() => insertMember(body, 999, 'ledamot', '2017-01-01')).toThrow(/FOREIGN KEY constraint failed/);
  });

  it('removes a body’s members with the body, but not a person who is a member', () => {
    const body = insertBody('Arbetsgrupp', 'arbetsgrupp');
    const p = insertPerson('Åsa Öberg');
    insertMember(body, p, 'ledamot', '2017-01-01');
    expect(() => t.db.prepare('DELETE FROM person WHERE id = ?').run(p)).toThrow(/FOREIGN KEY constraint failed/);
    t.db.prepare('DELETE FROM body WHERE id = ?').run(body);
    expect(t.db.prepare('SELECT count(*) FROM body_member').pluck().get()).toBe(0);
  });

  it('makes the audit log append-only', () => {
    insertAudit('a'.repeat(64));
    expect(() => t.db.prepare("UPDATE audit_event SET actor = 'någon annan'").run()).toThrow(
      'audit_log_is_append_only',
    );
    expect(() => t.db.prepare('DELETE FROM audit_event').run()).toThrow('audit_log_is_append_only');
    expect(() => insertAudit('a'.repeat(64))).toThrow(/UNIQUE constraint failed: audit_event.hash/);
    expect(t.db.prepare('SELECT count(*) FROM audit_event').pluck().get()).toBe(1);
  });
});
