/**
 * The audit log stores changes, not copies (see audit/states.ts), and is checked from a checkpoint.
 *
 * New events are format 2: an update's before and after as a delta from the newest earlier
 * state of the same record (`base_id`), hashed as stored. Events written before this version
 * keep format 1 and their hashes; the backend converts them right after the migration
 * (`audit/convert.ts`, announced by the row in `audit_conversion`) into deltas that give their
 * whole JSON back byte for byte, so the chain as it was still verifies.
 *
 * The log stays append-only, with two amendments and no others, both enforced here:
 * - the newest event, while no checkpoint covers it, may take a later autosave of the same
 *   fields (`delta`, `until`, `hash` change; nothing it was chained from does);
 * - while the conversion is announced, a format-1 event may once exchange its whole before and
 *   after for a delta, keeping its hash.
 */
export const up = /* sql */ `
ALTER TABLE audit_event ADD COLUMN format INTEGER NOT NULL DEFAULT 1 CHECK (format IN (1, 2));
ALTER TABLE audit_event ADD COLUMN base_id INTEGER;
ALTER TABLE audit_event ADD COLUMN delta TEXT CHECK (delta IS NULL OR (json_valid(delta) AND before IS NULL AND after IS NULL));
ALTER TABLE audit_event ADD COLUMN until TEXT CHECK (until IS NULL OR (format = 2 AND until >= at));

CREATE TABLE audit_conversion (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  announced   TEXT NOT NULL,
  done_at     TEXT,
  converted   INTEGER
) STRICT;
INSERT INTO audit_conversion (id, announced) VALUES (1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));

CREATE TABLE audit_checkpoint (
  id             INTEGER PRIMARY KEY,
  at             TEXT NOT NULL,
  last_event_id  INTEGER NOT NULL CHECK (last_event_id >= 0),
  last_hash      TEXT NOT NULL CHECK (length(last_hash) = 64),
  events         INTEGER NOT NULL CHECK (events >= 0),
  broken_at      INTEGER,
  prev_hash      TEXT NOT NULL CHECK (length(prev_hash) = 64),
  hash           TEXT NOT NULL UNIQUE CHECK (length(hash) = 64)
) STRICT;
CREATE TRIGGER audit_checkpoint_no_update BEFORE UPDATE ON audit_checkpoint
BEGIN SELECT RAISE(ABORT, 'audit_log_is_append_only'); END;
CREATE TRIGGER audit_checkpoint_no_delete BEFORE DELETE ON audit_checkpoint
BEGIN SELECT RAISE(ABORT, 'audit_log_is_append_only'); END;
CREATE TRIGGER audit_checkpoint_forward BEFORE INSERT ON audit_checkpoint
WHEN NEW.last_event_id < (SELECT coalesce(max(last_event_id), 0) FROM audit_checkpoint)
BEGIN SELECT RAISE(ABORT, 'audit_checkpoint_backwards'); END;

CREATE TRIGGER audit_event_new_format BEFORE INSERT ON audit_event
WHEN NEW.format <> 2
BEGIN SELECT RAISE(ABORT, 'audit_event_format'); END;
CREATE TRIGGER audit_event_base_same_record BEFORE INSERT ON audit_event
WHEN NEW.base_id IS NOT NULL AND NOT EXISTS (
  SELECT 1 FROM audit_event b WHERE b.id = NEW.base_id AND b.entity = NEW.entity AND b.entity_id = NEW.entity_id
)
BEGIN SELECT RAISE(ABORT, 'audit_base_not_same_record'); END;

DROP TRIGGER audit_event_no_update;
CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
WHEN NOT (
  NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.actor = OLD.actor AND NEW.action = OLD.action
  AND NEW.entity = OLD.entity AND NEW.entity_id = OLD.entity_id AND NEW.prev_hash = OLD.prev_hash
  AND NEW.format = OLD.format
  AND (
    (OLD.format = 2 AND NEW.before IS OLD.before AND NEW.after IS OLD.after AND NEW.base_id IS OLD.base_id
      AND NEW.delta IS NOT NULL AND NEW.until IS NOT NULL
      AND OLD.id = (SELECT max(id) FROM audit_event)
      AND OLD.id > (SELECT coalesce(max(last_event_id), 0) FROM audit_checkpoint))
    OR
    (OLD.format = 1 AND OLD.delta IS NULL AND NEW.delta IS NOT NULL AND NEW.hash = OLD.hash AND NEW.until IS NULL
      AND (NEW.base_id IS NULL OR EXISTS (
        SELECT 1 FROM audit_event b WHERE b.id = NEW.base_id AND b.entity = NEW.entity AND b.entity_id = NEW.entity_id))
      AND EXISTS (SELECT 1 FROM audit_conversion WHERE done_at IS NULL))
  )
)
BEGIN SELECT RAISE(ABORT, 'audit_log_is_append_only'); END;
`;
