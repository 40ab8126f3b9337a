/**
 * Each action carries its §'s body, kept in step by triggers, so the lists and counts one body
 * asks for (the Uppdrag page of one forum, `actions.stats` for a body, the open actions offered
 * for the next agenda) range over that body's actions in an index instead of reading every §
 * of the body (10 000 at 100 000 §§) to find them.
 */
export const up = /* sql */ `
ALTER TABLE action_item ADD COLUMN body_id INTEGER;
UPDATE action_item SET body_id = (SELECT p.body_id FROM paragraph p WHERE p.id = action_item.paragraph_id);

CREATE TRIGGER action_item_body_insert AFTER INSERT ON action_item
BEGIN
  UPDATE action_item SET body_id = (SELECT body_id FROM paragraph WHERE id = NEW.paragraph_id) WHERE id = NEW.id;
END;
CREATE TRIGGER action_item_body_update AFTER UPDATE OF paragraph_id ON action_item
BEGIN
  UPDATE action_item SET body_id = (SELECT body_id FROM paragraph WHERE id = NEW.paragraph_id) WHERE id = NEW.id;
END;
CREATE TRIGGER paragraph_body_actions AFTER UPDATE OF body_id ON paragraph
WHEN NEW.body_id IS NOT OLD.body_id
BEGIN
  UPDATE action_item SET body_id = NEW.body_id WHERE paragraph_id = NEW.id;
END;
-- nothing else may set it
CREATE TRIGGER action_item_body_guard BEFORE UPDATE OF body_id ON action_item
WHEN NEW.body_id IS NOT (SELECT body_id FROM paragraph WHERE id = NEW.paragraph_id)
BEGIN SELECT RAISE(ABORT, 'meetings.action_body'); END;

-- one body's actions in the order users follow them (actions.list, actions.stats, agenda.suggestions)
CREATE INDEX action_item_body_order ON action_item(body_id, status = 'done', coalesce(due_date, '9999-12-31'));
`;
