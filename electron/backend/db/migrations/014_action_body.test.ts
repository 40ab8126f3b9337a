import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { migrations } from '.';
import { migrate, schemaVersion } from '../open';
import { rawDb, migrateTo } from '../../../../test/support/db';
import { twoBodiesWithParagraphs } from '../../../../test/support/raw-actions';

const VERSION = 14;

/** Actions whose stored body is not their §'s. */
const astray = (db: Database.Database) =>
  db
    .prepare(
      'SELECT x.id FROM action_item x JOIN paragraph p ON p.id = x.paragraph_id WHERE x.body_id IS NOT p.body_id',
    )
    .all();
const bodyOf = (db: Database.Database, action: number) =>
  db.prepare('SELECT body_id FROM action_item WHERE id = ?').pluck().get(action);

describe("migration 014_action_body: an action carries its §'s body (SQL)", () => {
  let t: ReturnType<typeof rawDb>;
  let s: ReturnType<typeof twoBodiesWithParagraphs>;

  beforeEach(() => {
    t = rawDb();
    migrateTo(t.db, VERSION - 1);
    s = twoBodiesWithParagraphs(t.db);
  });
  afterEach(() => t.cleanup());

  it('fills in the body of the actions already there', () => {
    const a = s.action(s.paragraphs[0], null);
    const b = s.action(s.paragraphs[1], s.priorities[0], true);
    migrateTo(t.db, VERSION);
    expect(schemaVersion(t.db)).toBe(VERSION);
    expect([bodyOf(t.db, a), bodyOf(t.db, b)]).toEqual(s.bodies);
  });

  it('follows new actions, an action moved to another §, and a § moved to another body', () => {
    migrate(t.db, migrations);
    const a = s.action(s.paragraphs[0], null);
    const b = s.action(s.paragraphs[1], null);
    expect([bodyOf(t.db, a), bodyOf(t.db, b)]).toEqual(s.bodies);
    t.db.prepare('UPDATE action_item SET paragraph_id = ? WHERE id = ?').run(s.paragraphs[1], a);
    expect(bodyOf(t.db, a)).toBe(s.bodies[1]);
    t.db
      .prepare(
        'UPDATE paragraph SET meeting_id = (SELECT meeting_id FROM paragraph WHERE id = ?), body_id = ?, number = 2 WHERE id = ?',
      )
      .run(s.paragraphs[0], s.bodies[0], s.paragraphs[1]);
    expect([bodyOf(t.db, a), bodyOf(t.db, b)]).toEqual([s.bodies[0], s.bodies[0]]);
    expect(astray(t.db)).toEqual([]);
  });

  it('refuses setting an action’s body on its own', () => {
    migrate(t.db, migrations);
    const a = s.action(s.paragraphs[0], null);
    expect(() => t.db.prepare('UPDATE action_item SET body_id = ? WHERE id = ?').run(s.bodies[1], a)).toThrow(
      'meetings.action_body',
    );
    expect(bodyOf(t.db, a)).toBe(s.bodies[0]);
  });

  it('lists one body’s open actions by due date through its index', () => {
    migrate(t.db, migrations);
    const plan = t.db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT id FROM action_item x WHERE x.body_id = ? AND (x.status = 'done') = 0
         ORDER BY coalesce(x.due_date, '9999-12-31')`,
      )
      .all(s.bodies[0]) as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/USING (COVERING )?INDEX action_item_body_order/);
    expect(plan.map((p) => p.detail).join('\n')).not.toContain('TEMP B-TREE');
  });
});
