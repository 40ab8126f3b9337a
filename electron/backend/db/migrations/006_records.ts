/**
 * Sealed records: what was attested or signed, kept as it was at that moment.
 *
 * A record is sealed in the same transaction as the act that completes it (a protocol
 * attested by all, a § attested at once, an agreement version signed by all, a correction
 * added to one of them): the canonical
 * snapshot of everything the document shows, its SHA-256, and the Word document's bytes with
 * their SHA-256. Records and their later signatures are append-only here, whatever the path.
 *
 * Also closes a lock gap: once a § is attested at once, the meeting header and the attendance
 * that its extract shows cannot change any more.
 *
 * Records of acts completed before this version are sealed by the backend right after the
 * migration (`records/backfill.ts`: rendering needs the application code), announced by the
 * row in `record_backfill`; that step checks each against the content hash stored at the act.
 */
export const up = /* sql */ `
-- a body's protocols are sealed in its own language (Swedish unless it records in another)
ALTER TABLE body ADD COLUMN record_language TEXT NOT NULL DEFAULT 'sv' CHECK (record_language IN ('sv','en'));

CREATE TABLE sealed_record (
  id               INTEGER PRIMARY KEY,
  kind             TEXT NOT NULL CHECK (kind IN ('protocol','extract','agreement','correction')),
  meeting_id       INTEGER REFERENCES meeting(id) ON DELETE RESTRICT,
  paragraph_id     INTEGER REFERENCES paragraph(id) ON DELETE RESTRICT,
  version_id       INTEGER REFERENCES agreement_version(id) ON DELETE RESTRICT,
  correction_id    INTEGER REFERENCES correction_note(id) ON DELETE RESTRICT,
  lang             TEXT NOT NULL CHECK (lang IN ('sv','en')),
  snapshot         TEXT NOT NULL CHECK (json_valid(snapshot)),
  snapshot_sha256  TEXT NOT NULL CHECK (length(snapshot_sha256) = 64),
  file_name        TEXT NOT NULL CHECK (length(file_name) > 0),
  document         BLOB NOT NULL CHECK (length(document) > 0),
  document_sha256  TEXT NOT NULL CHECK (length(document_sha256) = 64),
  -- the organisation's certificate (SHA-256 of its DER) when the sealed bytes carry its signature
  signed_with      TEXT CHECK (signed_with IS NULL OR length(signed_with) = 64),
  sealed_at        TEXT NOT NULL,
  -- sealed by the migration from tables whose content no longer matched the hash stored at the act
  broken_at_migration INTEGER NOT NULL DEFAULT 0 CHECK (broken_at_migration IN (0,1)),
  CHECK (kind <> 'protocol' OR (meeting_id IS NOT NULL AND paragraph_id IS NULL AND version_id IS NULL AND correction_id IS NULL)),
  CHECK (kind <> 'extract' OR (meeting_id IS NOT NULL AND paragraph_id IS NOT NULL AND version_id IS NULL AND correction_id IS NULL)),
  CHECK (kind <> 'agreement' OR (meeting_id IS NULL AND paragraph_id IS NULL AND version_id IS NOT NULL AND correction_id IS NULL)),
  -- a rättelse is its own record, beside the one it corrects (whose sealed bytes never change)
  CHECK (kind <> 'correction' OR (meeting_id IS NOT NULL AND version_id IS NULL AND correction_id IS NOT NULL))
) STRICT;
CREATE UNIQUE INDEX sealed_record_protocol ON sealed_record(meeting_id) WHERE kind = 'protocol';
CREATE UNIQUE INDEX sealed_record_extract ON sealed_record(paragraph_id) WHERE kind = 'extract';
CREATE UNIQUE INDEX sealed_record_agreement ON sealed_record(version_id) WHERE kind = 'agreement';
CREATE UNIQUE INDEX sealed_record_correction ON sealed_record(correction_id) WHERE kind = 'correction';

CREATE TRIGGER sealed_record_no_update BEFORE UPDATE ON sealed_record
BEGIN SELECT RAISE(ABORT, 'records.sealed'); END;
CREATE TRIGGER sealed_record_no_delete BEFORE DELETE ON sealed_record
BEGIN SELECT RAISE(ABORT, 'records.sealed'); END;

-- A signature added after sealing: the sealed bytes with one package signature more, kept so
-- that every later signed export hands out exactly these bytes.
CREATE TABLE record_signature (
  id                  INTEGER PRIMARY KEY,
  record_id           INTEGER NOT NULL REFERENCES sealed_record(id) ON DELETE RESTRICT,
  package             BLOB NOT NULL CHECK (length(package) > 0),
  package_sha256      TEXT NOT NULL CHECK (length(package_sha256) = 64),
  certificate_sha256  TEXT NOT NULL CHECK (length(certificate_sha256) = 64),
  signer              TEXT NOT NULL,
  signed_at           TEXT NOT NULL
) STRICT;
CREATE INDEX record_signature_record ON record_signature(record_id, id);
CREATE TRIGGER record_signature_no_update BEFORE UPDATE ON record_signature
BEGIN SELECT RAISE(ABORT, 'records.sealed'); END;
CREATE TRIGGER record_signature_no_delete BEFORE DELETE ON record_signature
BEGIN SELECT RAISE(ABORT, 'records.sealed'); END;

-- The act and its seal go together: no protocol becomes attested, no § attested at once and no
-- version signed without its sealed record written first in the same transaction. AFTER, so the
-- rules of the act itself (BEFORE triggers) speak first when the act is not allowed at all.
CREATE TRIGGER protocol_attested_needs_seal AFTER UPDATE OF status ON protocol
WHEN NEW.status = 'attested' AND NOT EXISTS (SELECT 1 FROM sealed_record r WHERE r.kind = 'protocol' AND r.meeting_id = NEW.meeting_id)
BEGIN SELECT RAISE(ABORT, 'records.seal_missing'); END;
CREATE TRIGGER paragraph_attested_needs_seal AFTER UPDATE OF immediately_attested_at ON paragraph
WHEN NEW.immediately_attested_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sealed_record r WHERE r.kind = 'extract' AND r.paragraph_id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'records.seal_missing'); END;
CREATE TRIGGER agreement_version_signed_needs_seal AFTER UPDATE OF status ON agreement_version
WHEN NEW.status = 'signed' AND NOT EXISTS (SELECT 1 FROM sealed_record r WHERE r.kind = 'agreement' AND r.version_id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'records.seal_missing'); END;
-- (a correction note is inserted before its record, so no trigger can demand the record:
-- the service seals it in the same transaction, and "samrad check" reports one that is not)


-- What an immediately attested §'s extract shows: the meeting header and the attendance.
CREATE TRIGGER meeting_extract_locked_update BEFORE UPDATE ON meeting
WHEN EXISTS (SELECT 1 FROM paragraph p WHERE p.meeting_id = OLD.id AND p.immediately_attested_at IS NOT NULL)
BEGIN SELECT RAISE(ABORT, 'meetings.locked_by_extract'); END;
CREATE TRIGGER meeting_extract_locked_delete BEFORE DELETE ON meeting
WHEN EXISTS (SELECT 1 FROM paragraph p WHERE p.meeting_id = OLD.id AND p.immediately_attested_at IS NOT NULL)
BEGIN SELECT RAISE(ABORT, 'meetings.locked_by_extract'); END;
CREATE TRIGGER attendance_extract_locked_insert BEFORE INSERT ON attendance
WHEN EXISTS (SELECT 1 FROM paragraph p WHERE p.meeting_id = NEW.meeting_id AND p.immediately_attested_at IS NOT NULL)
BEGIN SELECT RAISE(ABORT, 'meetings.locked_by_extract'); END;
CREATE TRIGGER attendance_extract_locked_update BEFORE UPDATE ON attendance
WHEN EXISTS (SELECT 1 FROM paragraph p WHERE p.meeting_id IN (OLD.meeting_id, NEW.meeting_id) AND p.immediately_attested_at IS NOT NULL)
BEGIN SELECT RAISE(ABORT, 'meetings.locked_by_extract'); END;
CREATE TRIGGER attendance_extract_locked_delete BEFORE DELETE ON attendance
WHEN EXISTS (SELECT 1 FROM paragraph p WHERE p.meeting_id = OLD.meeting_id AND p.immediately_attested_at IS NOT NULL)
BEGIN SELECT RAISE(ABORT, 'meetings.locked_by_extract'); END;

-- One row while records of earlier acts still wait to be sealed by the backend.
CREATE TABLE record_backfill (
  id  INTEGER PRIMARY KEY CHECK (id = 1)
) STRICT;
INSERT INTO record_backfill (id) VALUES (1);
`;
