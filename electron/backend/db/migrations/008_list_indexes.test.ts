import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrations } from '.';
import { migrate, schemaVersion } from '../open';
import { rawDb, schemaNames } from '../../../../test/support/db';

let t: ReturnType<typeof rawDb>;
beforeEach(() => {
  t = rawDb();
  migrate(
    t.db,
    migrations.filter((m) => m.version <= 8),
  );
});
afterEach(() => t.cleanup());

const NOW = '2017-03-14T10:00:00.000Z';
const run = (sql: string, ...params: unknown[]) => Number(t.db.prepare(sql).run(...params).lastInsertRowid);
const effective = (actionId: number) =>
  t.db.prepare('SELECT effective_priority_id FROM action_item WHERE id = ?').pluck().get(actionId);

/** A § with a priority and two actions, one with a priority of its own, as version 7 left them. */
function seed() {
  const org = run(
    "INSERT INTO organisation (name, name_key, kind, created_at, updated_at) VALUES ('Södertälje kommun', 'södertälje kommun', 'kommun', ?, ?)",
    NOW,
    NOW,
  );
  const body = run(
    "INSERT INTO body (name, name_key, kind, created_at, updated_at) VALUES ('Chefssamrådet', 'chefssamrådet', 'chefssamrad', ?, ?)",
    NOW,
    NOW,
  );
  const meeting = run(
    "INSERT INTO meeting (body_id, date, start_time, end_time, created_at, updated_at) VALUES (?, '2017-03-14', '09:00', '11:00', ?, ?)",
    body,
    NOW,
    NOW,
  );
  run('INSERT INTO protocol (meeting_id, created_at, updated_at) VALUES (?, ?, ?)', meeting, NOW, NOW);
  const agreement = run(
    "INSERT INTO agreement (name, created_at, updated_at) VALUES ('Överenskommelse', ?, ?)",
    NOW,
    NOW,
  );
  const version = run(
    "INSERT INTO agreement_version (agreement_id, title, valid_from, valid_to, created_at, updated_at) VALUES (?, 'Överenskommelse 2017–2018', '2017-01-01', '2018-12-31', ?, ?)",
    agreement,
    NOW,
    NOW,
  );
  const priority = (key: string, position: number) =>
    run(
      'INSERT INTO agreement_priority (version_id, key, position, title) VALUES (?, ?, ?, ?)',
      version,
      key,
      position,
      key,
    );
  const fordon = priority('Fordonsbränder', 1);
  const inbrott = priority('Bostadsinbrott', 2);
  const paragraph = run(
    "INSERT INTO paragraph (meeting_id, body_id, year, number, position, kind, title, priority_id, created_at, updated_at) VALUES (?, ?, 2017, 1, 1, 'decision', 'Fordonsbränder i Hovsjö', ?, ?, ?)",
    meeting,
    body,
    fordon,
    NOW,
    NOW,
  );
  const action = (priorityId: number | null) =>
    run(
      "INSERT INTO action_item (paragraph_id, description, owner_organisation_id, due_date, priority_id, created_at, updated_at) VALUES (?, 'Handlingsplan', ?, '2017-06-30', ?, ?, ?)",
      paragraph,
      org,
      priorityId,
      NOW,
      NOW,
    );
  return { paragraph, fordon, inbrott, inherits: action(null), own: action(inbrott), action };
}

describe('migration 008_list_indexes', () => {
  it('adds the indexes the lists read by', () => {
    migrate(
      t.db,
      migrations.filter((m) => m.version <= 8),
    );
    expect(schemaVersion(t.db)).toBe(8);
    expect(schemaNames(t.db, 'index')).toEqual(
      expect.arrayContaining([
        'meeting_body_date',
        'meeting_date',
        'paragraph_meeting_number',
        'paragraph_carry_over',
        'action_item_order',
        'action_item_priority_order',
        'agenda_item_from_action',
        'attestation_meeting',
      ]),
    );
  });

  it("stores each existing action's effective priority: its own, else its §'s", () => {
    const s = seed();
    migrate(t.db, migrations);
    expect(effective(s.inherits)).toBe(s.fordon);
    expect(effective(s.own)).toBe(s.inbrott);
  });

  it('keeps the effective priority in step with the action and its §, and lets nothing else set it', () => {
    migrate(t.db, migrations);
    const s = seed();
    expect([effective(s.inherits), effective(s.own)]).toEqual([s.fordon, s.inbrott]);

    t.db.prepare('UPDATE paragraph SET priority_id = ? WHERE id = ?').run(s.inbrott, s.paragraph);
    expect(effective(s.inherits)).toBe(s.inbrott);
    t.db.prepare('UPDATE paragraph SET priority_id = NULL WHERE id = ?').run(s.paragraph);
    expect([effective(s.inherits), effective(s.own)]).toEqual([null, s.inbrott]);

    t.db.prepare('UPDATE action_item SET priority_id = NULL WHERE id = ?').run(s.own);
    expect(effective(s.own)).toBeNull();
    t.db.prepare('UPDATE action_item SET priority_id = ? WHERE id = ?').run(s.fordon, s.inherits);
    expect(effective(s.inherits)).toBe(s.fordon);

    expect(() =>
      t.db.prepare('UPDATE action_item SET effective_priority_id = ? WHERE id = ?').run(s.inbrott, s.inherits),
    ).toThrow('meetings.effective_priority');
    expect(effective(s.inherits)).toBe(s.fordon);
  });
});
