/**
 * How many actions each body has, per effective priority and status, kept in step by triggers,
 * so `actions.stats`, the desk's overdue numbers and the Uppdrag chart read a few dozen rows
 * instead of counting 27 000 actions (at 100 000 §§) on every call. Which open actions are
 * overdue depends on today, so that part is not stored: the open actions not yet due are few
 * (those from the last months) and are counted through the `action_item_order` index; the rest
 * of the open ones are overdue.
 *
 * `priority_id` 0 stands for "no priority", so that the primary key (NULLs are distinct in it)
 * can be the target of the upserts below.
 */
export const up = /* sql */ `
CREATE TABLE action_tally (
  body_id      INTEGER NOT NULL REFERENCES body(id) ON DELETE CASCADE,
  priority_id  INTEGER NOT NULL,
  status       TEXT NOT NULL CHECK (status IN ('open','done')),
  n            INTEGER NOT NULL CHECK (n >= 0),
  PRIMARY KEY (body_id, priority_id, status)
) STRICT, WITHOUT ROWID;

INSERT INTO action_tally (body_id, priority_id, status, n)
SELECT p.body_id, coalesce(x.effective_priority_id, 0), x.status, count(*)
FROM action_item x JOIN paragraph p ON p.id = x.paragraph_id
GROUP BY p.body_id, coalesce(x.effective_priority_id, 0), x.status;

-- BEFORE: counted under the priority the row is inserted with, before 008's AFTER INSERT trigger
-- sets the effective priority (an update, which moves the count along like any other)
CREATE TRIGGER action_tally_insert BEFORE INSERT ON action_item
BEGIN
  INSERT INTO action_tally (body_id, priority_id, status, n)
  VALUES ((SELECT body_id FROM paragraph WHERE id = NEW.paragraph_id), coalesce(NEW.effective_priority_id, 0), NEW.status, 1)
  ON CONFLICT (body_id, priority_id, status) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER action_tally_delete AFTER DELETE ON action_item
BEGIN
  UPDATE action_tally SET n = n - 1
  WHERE body_id = (SELECT body_id FROM paragraph WHERE id = OLD.paragraph_id)
    AND priority_id = coalesce(OLD.effective_priority_id, 0) AND status = OLD.status;
END;

CREATE TRIGGER action_tally_update AFTER UPDATE OF status, effective_priority_id, paragraph_id ON action_item
WHEN NEW.status IS NOT OLD.status OR NEW.effective_priority_id IS NOT OLD.effective_priority_id
  OR NEW.paragraph_id IS NOT OLD.paragraph_id
BEGIN
  UPDATE action_tally SET n = n - 1
  WHERE body_id = (SELECT body_id FROM paragraph WHERE id = OLD.paragraph_id)
    AND priority_id = coalesce(OLD.effective_priority_id, 0) AND status = OLD.status;
  INSERT INTO action_tally (body_id, priority_id, status, n)
  VALUES ((SELECT body_id FROM paragraph WHERE id = NEW.paragraph_id), coalesce(NEW.effective_priority_id, 0), NEW.status, 1)
  ON CONFLICT (body_id, priority_id, status) DO UPDATE SET n = n + 1;
END;

-- a § that changes body (its meeting moved to another body) takes its actions' counts along
CREATE TRIGGER action_tally_paragraph_body AFTER UPDATE OF body_id ON paragraph
WHEN NEW.body_id IS NOT OLD.body_id
BEGIN
  UPDATE action_tally SET n = n - (
    SELECT count(*) FROM action_item x
    WHERE x.paragraph_id = NEW.id AND coalesce(x.effective_priority_id, 0) = action_tally.priority_id
      AND x.status = action_tally.status)
  WHERE body_id = OLD.body_id;
  INSERT INTO action_tally (body_id, priority_id, status, n)
  SELECT NEW.body_id, coalesce(x.effective_priority_id, 0), x.status, count(*)
  FROM action_item x WHERE x.paragraph_id = NEW.id
  GROUP BY coalesce(x.effective_priority_id, 0), x.status
  ON CONFLICT (body_id, priority_id, status) DO UPDATE SET n = n + excluded.n;
END;
`;
