/**
 * A record sealed while a TSA is set waits for the organisation's seal: the act's transaction
 * stores the record unsigned and a row here; after the commit the seal is made with a trusted
 * timestamp and kept as the record's signature, and the row goes. A TSA that is down leaves the
 * row (the act stands), to be asked again later; its attempts and last answer are kept.
 */
export const up = `
CREATE TABLE pending_seal (
  record_id   INTEGER PRIMARY KEY REFERENCES sealed_record(id) ON DELETE RESTRICT,
  since       TEXT NOT NULL,
  attempts    INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  tried_at    TEXT,
  last_error  TEXT
) STRICT;
-- a record signed at sealing carries its seal already: nothing to wait for
CREATE TRIGGER pending_seal_unsigned_only BEFORE INSERT ON pending_seal
WHEN (SELECT signed_with FROM sealed_record WHERE id = NEW.record_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'records.seal_not_pending'); END;
-- the wait ends only with the seal: the record's signature stored first
CREATE TRIGGER pending_seal_ends_signed BEFORE DELETE ON pending_seal
WHEN NOT EXISTS (SELECT 1 FROM record_signature s WHERE s.record_id = OLD.record_id)
BEGIN SELECT RAISE(ABORT, 'records.seal_not_pending'); END;
`;
