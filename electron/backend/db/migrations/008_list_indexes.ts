/**
 * Indexes for every list a page or the CLI reads, so that twenty years of meetings (100 000 §§)
 * answer as fast as the first: each is named after the query it serves (see the EXPLAIN QUERY
 * PLAN test beside this file and electron/backend/meetings/query-plans.test.ts).
 *
 * An action's priority is its own, else its §'s. Filtering and counting by that `coalesce` could
 * use no index, so the effective priority is stored on the action and kept in step by triggers
 * (on the action's own priority or §, and on the §'s priority).
 */
export const up = /* sql */ `
-- meetings.list: a body's meetings in date order, both ways (upcoming ascending, past newest first)
DROP INDEX meeting_body_date;
CREATE INDEX meeting_body_date ON meeting(body_id, date, start_time);
CREATE INDEX meeting_date ON meeting(date, start_time);

-- a meeting's § range (min/max number) without reading the §§ themselves
CREATE INDEX paragraph_meeting_number ON paragraph(meeting_id, number);
-- agenda.suggestions: a body's unfinished §§
CREATE INDEX paragraph_carry_over ON paragraph(body_id) WHERE carry_over = 1;
-- deleting an agenda item clears the § that came from it
CREATE INDEX paragraph_agenda_item ON paragraph(agenda_item_id) WHERE agenda_item_id IS NOT NULL;
-- carried-over items: which §§ and actions are already on an agenda
CREATE INDEX agenda_item_from_paragraph ON agenda_item(from_paragraph_id) WHERE from_paragraph_id IS NOT NULL;
CREATE INDEX agenda_item_from_action ON agenda_item(from_action_id) WHERE from_action_id IS NOT NULL;
CREATE INDEX attestation_meeting ON attestation(meeting_id);
CREATE INDEX correction_note_meeting ON correction_note(meeting_id);
CREATE INDEX attendance_person ON attendance(person_id);

ALTER TABLE action_item ADD COLUMN effective_priority_id INTEGER;
UPDATE action_item SET effective_priority_id = coalesce(priority_id, (SELECT p.priority_id FROM paragraph p WHERE p.id = action_item.paragraph_id));

CREATE TRIGGER action_item_effective_priority_insert AFTER INSERT ON action_item
BEGIN
  UPDATE action_item SET effective_priority_id = coalesce(NEW.priority_id, (SELECT priority_id FROM paragraph WHERE id = NEW.paragraph_id))
  WHERE id = NEW.id;
END;
CREATE TRIGGER action_item_effective_priority_update AFTER UPDATE OF priority_id, paragraph_id ON action_item
BEGIN
  UPDATE action_item SET effective_priority_id = coalesce(NEW.priority_id, (SELECT priority_id FROM paragraph WHERE id = NEW.paragraph_id))
  WHERE id = NEW.id;
END;
CREATE TRIGGER paragraph_effective_priority_update AFTER UPDATE OF priority_id ON paragraph
BEGIN
  UPDATE action_item SET effective_priority_id = NEW.priority_id WHERE paragraph_id = NEW.id AND priority_id IS NULL;
END;
-- nothing else may set it
CREATE TRIGGER action_item_effective_priority_guard BEFORE UPDATE OF effective_priority_id ON action_item
WHEN NEW.effective_priority_id IS NOT coalesce(NEW.priority_id, (SELECT priority_id FROM paragraph WHERE id = NEW.paragraph_id))
BEGIN SELECT RAISE(ABORT, 'meetings.effective_priority'); END;

-- actions.list: open before done, by due date (none last), then id; the same per priority
CREATE INDEX action_item_order ON action_item(status = 'done', coalesce(due_date, '9999-12-31'));
CREATE INDEX action_item_priority_order ON action_item(effective_priority_id, status = 'done', coalesce(due_date, '9999-12-31'));
CREATE INDEX action_item_owner_person ON action_item(owner_person_id) WHERE owner_person_id IS NOT NULL;
CREATE INDEX action_item_owner_organisation ON action_item(owner_organisation_id) WHERE owner_organisation_id IS NOT NULL;
`;
