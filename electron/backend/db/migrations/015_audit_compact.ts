import { deflateText } from '../../audit/packing';

/**
 * The audit log takes a fifth of the file, not a third (issue 16): the table is rebuilt smaller,
 * every event keeping its hash, its chain and the states it gives back.
 *
 * - `before`, `after` and `delta` are stored deflated (`*_deflated`, audit/packing.ts). Hashes
 *   stay over the JSON texts, which inflating gives back byte for byte, so no hash changes.
 * - The hash is stored as its 32 bytes instead of 64 hex characters.
 * - `prev_hash` is gone: it always equalled the previous event's hash, which every event's hash
 *   covers anyway, so the chain check links each event to the one before it by hashing with
 *   that (a removed, inserted or reordered event breaks the next hash, as before).
 * - The UNIQUE index on `hash` is gone: nothing looks an event up by its hash.
 *
 * Rebuilding a table drops its triggers, so the append-only triggers are written anew here, in
 * this migration's own transaction, with the same two amendments as 007 (the newest event's
 * autosave, and the one-time conversion of format-1 events), now over the new columns: there is
 * no moment at which the log is open to other changes.
 *
 * The pages the old table used are free after this and reused by later writes; the file itself
 * shrinks only when it is vacuumed.
 */
export const up = /* sql */ `
CREATE TABLE audit_event_compact (
  id               INTEGER PRIMARY KEY,
  at               TEXT NOT NULL,
  actor            TEXT NOT NULL,
  action           TEXT NOT NULL,
  entity           TEXT NOT NULL,
  entity_id        TEXT NOT NULL,
  format           INTEGER NOT NULL CHECK (format IN (1, 2)),
  base_id          INTEGER,
  before_deflated  BLOB,
  after_deflated   BLOB,
  delta_deflated   BLOB CHECK (delta_deflated IS NULL OR (before_deflated IS NULL AND after_deflated IS NULL)),
  until            TEXT CHECK (until IS NULL OR (format = 2 AND until >= at)),
  hash             BLOB NOT NULL CHECK (length(hash) = 32)
) STRICT;
INSERT INTO audit_event_compact
  (id, at, actor, action, entity, entity_id, format, base_id, before_deflated, after_deflated, delta_deflated, until, hash)
SELECT id, at, actor, action, entity, entity_id, format, base_id,
  audit_deflate(before), audit_deflate(after), audit_deflate(delta), until, unhex(hash)
FROM audit_event ORDER BY id;
DROP TABLE audit_event;
ALTER TABLE audit_event_compact RENAME TO audit_event;
CREATE INDEX audit_event_record ON audit_event(entity, entity_id);

CREATE TRIGGER audit_event_new_format BEFORE INSERT ON audit_event
WHEN NEW.format <> 2
BEGIN SELECT RAISE(ABORT, 'audit_event_format'); END;
CREATE TRIGGER audit_event_base_same_record BEFORE INSERT ON audit_event
WHEN NEW.base_id IS NOT NULL AND NOT EXISTS (
  SELECT 1 FROM audit_event b WHERE b.id = NEW.base_id AND b.entity = NEW.entity AND b.entity_id = NEW.entity_id
)
BEGIN SELECT RAISE(ABORT, 'audit_base_not_same_record'); END;
CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
BEGIN SELECT RAISE(ABORT, 'audit_log_is_append_only'); END;
CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
WHEN NOT (
  NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.actor = OLD.actor AND NEW.action = OLD.action
  AND NEW.entity = OLD.entity AND NEW.entity_id = OLD.entity_id AND NEW.format = OLD.format
  AND (
    (OLD.format = 2 AND NEW.before_deflated IS OLD.before_deflated AND NEW.after_deflated IS OLD.after_deflated
      AND NEW.base_id IS OLD.base_id AND NEW.delta_deflated IS NOT NULL AND NEW.until IS NOT NULL
      AND OLD.id = (SELECT max(id) FROM audit_event)
      AND OLD.id > (SELECT coalesce(max(last_event_id), 0) FROM audit_checkpoint))
    OR
    (OLD.format = 1 AND OLD.delta_deflated IS NULL AND NEW.delta_deflated IS NOT NULL AND NEW.hash = OLD.hash
      AND NEW.until IS NULL
      AND (NEW.base_id IS NULL OR EXISTS (
        SELECT 1 FROM audit_event b WHERE b.id = NEW.base_id AND b.entity = NEW.entity AND b.entity_id = NEW.entity_id))
      AND EXISTS (SELECT 1 FROM audit_conversion WHERE done_at IS NULL))
  )
)
BEGIN SELECT RAISE(ABORT, 'audit_log_is_append_only'); END;
`;

/** SQL functions the step above calls (SQLite has no DEFLATE of its own). */
export const functions = {
  audit_deflate: (text: string | null) => deflateText(text),
};
