import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrations } from '.';
import { migrate, schemaVersion } from '../open';
import { rawDb, schemaNames, migrateTo } from '../../../../test/support/db';
import { twoBodiesWithParagraphs } from '../../../../test/support/raw-actions';

let t: ReturnType<typeof rawDb>;
beforeEach(() => {
  t = rawDb();
  migrateTo(t.db, 8);
});
afterEach(() => t.cleanup());

const effective = (actionId: number) =>
  t.db.prepare('SELECT effective_priority_id FROM action_item WHERE id = ?').pluck().get(actionId);

/** A § under "Fordonsbränder" and two actions, one under "Bostadsinbrott" of its own. */
function seed() {
  const { paragraphs, priorities, action } = twoBodiesWithParagraphs(t.db);
  const [fordon, inbrott] = priorities;
  const paragraph = paragraphs[0];
  return { paragraph, fordon, inbrott, inherits: action(paragraph, null), own: action(paragraph, inbrott) };
}

describe('migration 008_list_indexes', () => {
  it('adds the indexes the lists read by', () => {
    migrateTo(t.db, 8);
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
