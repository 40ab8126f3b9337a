/**
 * Meetings, agendas, attendance, protocols with §§, attestations (justering), action items
 * and correction notes.
 *
 * Rules kept here so that no path — service, contract, raw SQL — can break them:
 * - two planned meetings of one body never overlap in time;
 * - § numbers are unique per body and calendar year (UNIQUE), and a § belongs to its
 *   meeting's body and year;
 * - once a protocol is attested, nothing of it changes: the meeting, its agenda, attendance,
 *   §§, jäv, action items (except their follow-up status), attestations; a § attested on its
 *   own (omedelbar justering) is locked the same way;
 * - correction notes are append-only.
 * Triggers raise short keys that electron/backend/meetings/sql-errors.ts turns into errors.
 */
export const up = /* sql */ `
CREATE TABLE meeting (
  id             INTEGER PRIMARY KEY,
  body_id        INTEGER NOT NULL REFERENCES body(id) ON DELETE RESTRICT,
  date           TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  start_time     TEXT NOT NULL CHECK (start_time GLOB '[0-2][0-9]:[0-5][0-9]'),
  end_time       TEXT NOT NULL CHECK (end_time GLOB '[0-2][0-9]:[0-5][0-9]'),
  place          TEXT,
  chair_id       INTEGER REFERENCES person(id) ON DELETE RESTRICT,
  secretary_id   INTEGER REFERENCES person(id) ON DELETE RESTRICT,
  justerare1_id  INTEGER REFERENCES person(id) ON DELETE RESTRICT,
  justerare2_id  INTEGER REFERENCES person(id) ON DELETE RESTRICT,
  status         TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned','cancelled')),
  cancel_reason  TEXT,
  notes          TEXT,
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  CHECK (end_time > start_time),
  CHECK (justerare2_id IS NULL OR justerare1_id IS NOT NULL),
  CHECK (justerare2_id IS NULL OR justerare2_id <> justerare1_id),
  CHECK (chair_id IS NULL OR (chair_id IS NOT coalesce(justerare1_id, -1) AND chair_id IS NOT coalesce(justerare2_id, -1)))
) STRICT;
CREATE INDEX meeting_body_date ON meeting(body_id, date);

CREATE TRIGGER meeting_no_overlap_insert BEFORE INSERT ON meeting
WHEN NEW.status = 'planned' AND EXISTS (
  SELECT 1 FROM meeting m
  WHERE m.body_id = NEW.body_id AND m.date = NEW.date AND m.status = 'planned'
    AND m.start_time < NEW.end_time AND NEW.start_time < m.end_time
)
BEGIN SELECT RAISE(ABORT, 'meetings.overlap'); END;

CREATE TRIGGER meeting_no_overlap_update BEFORE UPDATE OF body_id, date, start_time, end_time, status ON meeting
WHEN NEW.status = 'planned' AND EXISTS (
  SELECT 1 FROM meeting m
  WHERE m.id <> NEW.id AND m.body_id = NEW.body_id AND m.date = NEW.date AND m.status = 'planned'
    AND m.start_time < NEW.end_time AND NEW.start_time < m.end_time
)
BEGIN SELECT RAISE(ABORT, 'meetings.overlap'); END;

CREATE TABLE protocol (
  meeting_id         INTEGER PRIMARY KEY REFERENCES meeting(id) ON DELETE RESTRICT,
  status             TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','ready_for_attestation','attested')),
  attestation_place  TEXT,
  attestation_date   TEXT,
  attested_at        TEXT,
  content_hash       TEXT,
  created_at         TEXT NOT NULL,
  updated_at         TEXT NOT NULL,
  CHECK ((status = 'attested') = (attested_at IS NOT NULL)),
  CHECK ((status = 'attested') = (content_hash IS NOT NULL))
) STRICT;

CREATE TRIGGER meeting_locked_update BEFORE UPDATE ON meeting
WHEN EXISTS (SELECT 1 FROM protocol p WHERE p.meeting_id = OLD.id AND p.status = 'attested')
BEGIN SELECT RAISE(ABORT, 'meetings.locked'); END;
CREATE TRIGGER meeting_locked_delete BEFORE DELETE ON meeting
WHEN EXISTS (SELECT 1 FROM protocol p WHERE p.meeting_id = OLD.id AND p.status = 'attested')
BEGIN SELECT RAISE(ABORT, 'meetings.locked'); END;

CREATE TRIGGER protocol_locked_update BEFORE UPDATE ON protocol
WHEN OLD.status = 'attested'
BEGIN SELECT RAISE(ABORT, 'meetings.locked'); END;
CREATE TRIGGER protocol_locked_delete BEFORE DELETE ON protocol
WHEN OLD.status = 'attested'
BEGIN SELECT RAISE(ABORT, 'meetings.locked'); END;
-- a protocol only exists for a meeting that takes place
CREATE TRIGGER protocol_needs_planned_meeting BEFORE INSERT ON protocol
WHEN (SELECT status FROM meeting WHERE id = NEW.meeting_id) = 'cancelled'
BEGIN SELECT RAISE(ABORT, 'meetings.cancelled'); END;

-- Which standing items a body's new meetings get; absent rows mean the standard template.
CREATE TABLE agenda_template (
  body_id     INTEGER PRIMARY KEY REFERENCES body(id) ON DELETE CASCADE,
  updated_at  TEXT NOT NULL
) STRICT;

CREATE TABLE agenda_template_item (
  id               INTEGER PRIMARY KEY,
  body_id          INTEGER NOT NULL REFERENCES agenda_template(body_id) ON DELETE CASCADE,
  position         INTEGER NOT NULL CHECK (position > 0),
  kind             TEXT NOT NULL CHECK (kind IN ('standing','decision','information','discussion')),
  title            TEXT NOT NULL CHECK (length(trim(title)) > 0),
  planned_minutes  INTEGER NOT NULL CHECK (planned_minutes BETWEEN 0 AND 600),
  place            TEXT NOT NULL CHECK (place IN ('opening','closing')),
  UNIQUE (body_id, position)
) STRICT;

CREATE TABLE agenda_item (
  id                 INTEGER PRIMARY KEY,
  meeting_id         INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
  position           INTEGER NOT NULL CHECK (position > 0),
  kind               TEXT NOT NULL CHECK (kind IN ('standing','decision','information','discussion')),
  title              TEXT NOT NULL CHECK (length(trim(title)) > 0),
  description        TEXT,
  presenter          TEXT,
  planned_minutes    INTEGER NOT NULL CHECK (planned_minutes BETWEEN 0 AND 600),
  priority_id        INTEGER REFERENCES agreement_priority(id) ON DELETE RESTRICT,
  dnr                TEXT,
  -- 'opening'/'closing' when it came from the template: new items go before the closing ones
  template_place     TEXT CHECK (template_place IN ('opening','closing')),
  from_paragraph_id  INTEGER REFERENCES paragraph(id) ON DELETE SET NULL,
  from_action_id     INTEGER REFERENCES action_item(id) ON DELETE SET NULL,
  created_at         TEXT NOT NULL,
  updated_at         TEXT NOT NULL
) STRICT;
CREATE INDEX agenda_item_meeting ON agenda_item(meeting_id, position);

CREATE TABLE attendance (
  id                 INTEGER PRIMARY KEY,
  meeting_id         INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
  person_id          INTEGER NOT NULL REFERENCES person(id) ON DELETE RESTRICT,
  role               TEXT NOT NULL CHECK (role IN ('ordforande','vice_ordforande','ledamot','ersattare','sekreterare','adjungerad','ovrig')),
  status             TEXT NOT NULL CHECK (status IN ('present','absent')),
  substitute_for_id  INTEGER REFERENCES person(id) ON DELETE RESTRICT,
  participates_in    TEXT,
  UNIQUE (meeting_id, person_id),
  CHECK (substitute_for_id IS NULL OR substitute_for_id <> person_id)
) STRICT;

CREATE TABLE paragraph (
  id                       INTEGER PRIMARY KEY,
  meeting_id               INTEGER NOT NULL REFERENCES protocol(meeting_id) ON DELETE RESTRICT,
  body_id                  INTEGER NOT NULL REFERENCES body(id) ON DELETE RESTRICT,
  year                     INTEGER NOT NULL,
  number                   INTEGER NOT NULL CHECK (number > 0),
  position                 INTEGER NOT NULL CHECK (position > 0),
  agenda_item_id           INTEGER REFERENCES agenda_item(id) ON DELETE SET NULL,
  kind                     TEXT NOT NULL CHECK (kind IN ('standing','decision','information','discussion')),
  title                    TEXT NOT NULL CHECK (length(trim(title)) > 0),
  dnr                      TEXT,
  background               TEXT,
  decision                 TEXT,
  notes                    TEXT,
  distribution             TEXT,
  priority_id              INTEGER REFERENCES agreement_priority(id) ON DELETE RESTRICT,
  finished                 INTEGER NOT NULL DEFAULT 0 CHECK (finished IN (0,1)),
  carry_over               INTEGER NOT NULL DEFAULT 0 CHECK (carry_over IN (0,1)),
  immediately_attested_at  TEXT,
  created_at               TEXT NOT NULL,
  updated_at               TEXT NOT NULL,
  UNIQUE (body_id, year, number),
  CHECK (immediately_attested_at IS NULL OR finished = 1)
) STRICT;
CREATE INDEX paragraph_meeting ON paragraph(meeting_id, position);

-- a § belongs to its meeting's body and calendar year
CREATE TRIGGER paragraph_matches_meeting_insert BEFORE INSERT ON paragraph
WHEN NOT EXISTS (
  SELECT 1 FROM meeting m WHERE m.id = NEW.meeting_id AND m.body_id = NEW.body_id AND CAST(substr(m.date, 1, 4) AS INTEGER) = NEW.year
)
BEGIN SELECT RAISE(ABORT, 'meetings.paragraph_mismatch'); END;
CREATE TRIGGER paragraph_matches_meeting_update BEFORE UPDATE OF meeting_id, body_id, year ON paragraph
WHEN NOT EXISTS (
  SELECT 1 FROM meeting m WHERE m.id = NEW.meeting_id AND m.body_id = NEW.body_id AND CAST(substr(m.date, 1, 4) AS INTEGER) = NEW.year
)
BEGIN SELECT RAISE(ABORT, 'meetings.paragraph_mismatch'); END;

-- A § is locked once attested on its own or with its protocol.
CREATE VIEW paragraph_lock AS
SELECT p.id AS paragraph_id,
       (p.immediately_attested_at IS NOT NULL OR pr.status = 'attested') AS locked
FROM paragraph p JOIN protocol pr ON pr.meeting_id = p.meeting_id;

CREATE TRIGGER paragraph_locked_insert BEFORE INSERT ON paragraph
WHEN (SELECT status FROM protocol WHERE meeting_id = NEW.meeting_id) = 'attested'
BEGIN SELECT RAISE(ABORT, 'meetings.locked'); END;
CREATE TRIGGER paragraph_locked_update BEFORE UPDATE ON paragraph
WHEN OLD.immediately_attested_at IS NOT NULL
  OR (SELECT status FROM protocol WHERE meeting_id = OLD.meeting_id) = 'attested'
BEGIN SELECT RAISE(ABORT, 'meetings.locked'); END;
CREATE TRIGGER paragraph_locked_delete BEFORE DELETE ON paragraph
WHEN OLD.immediately_attested_at IS NOT NULL
  OR (SELECT status FROM protocol WHERE meeting_id = OLD.meeting_id) = 'attested'
BEGIN SELECT RAISE(ABORT, 'meetings.locked'); END;

-- jäv: the person does not take part in this §
CREATE TABLE paragraph_recusal (
  paragraph_id  INTEGER NOT NULL REFERENCES paragraph(id) ON DELETE RESTRICT,
  person_id     INTEGER NOT NULL REFERENCES person(id) ON DELETE RESTRICT,
  PRIMARY KEY (paragraph_id, person_id)
) STRICT;

CREATE TRIGGER paragraph_recusal_locked_insert BEFORE INSERT ON paragraph_recusal
WHEN (SELECT locked FROM paragraph_lock WHERE paragraph_id = NEW.paragraph_id)
BEGIN SELECT RAISE(ABORT, 'meetings.locked'); END;
CREATE TRIGGER paragraph_recusal_locked_update BEFORE UPDATE ON paragraph_recusal
WHEN (SELECT locked FROM paragraph_lock WHERE paragraph_id = OLD.paragraph_id)
  OR (SELECT locked FROM paragraph_lock WHERE paragraph_id = NEW.paragraph_id)
BEGIN SELECT RAISE(ABORT, 'meetings.locked'); END;
CREATE TRIGGER paragraph_recusal_locked_delete BEFORE DELETE ON paragraph_recusal
WHEN (SELECT locked FROM paragraph_lock WHERE paragraph_id = OLD.paragraph_id)
BEGIN SELECT RAISE(ABORT, 'meetings.locked'); END;

CREATE TABLE action_item (
  id                     INTEGER PRIMARY KEY,
  paragraph_id           INTEGER NOT NULL REFERENCES paragraph(id) ON DELETE RESTRICT,
  description            TEXT NOT NULL CHECK (length(trim(description)) > 0),
  owner_person_id        INTEGER REFERENCES person(id) ON DELETE RESTRICT,
  owner_organisation_id  INTEGER REFERENCES organisation(id) ON DELETE RESTRICT,
  due_date               TEXT,
  priority_id            INTEGER REFERENCES agreement_priority(id) ON DELETE RESTRICT,
  status                 TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','done')),
  done_on                TEXT,
  created_at             TEXT NOT NULL,
  updated_at             TEXT NOT NULL,
  CHECK ((owner_person_id IS NULL) <> (owner_organisation_id IS NULL)),
  CHECK ((status = 'done') = (done_on IS NOT NULL))
) STRICT;
CREATE INDEX action_item_paragraph ON action_item(paragraph_id);

CREATE TRIGGER action_item_locked_insert BEFORE INSERT ON action_item
WHEN (SELECT locked FROM paragraph_lock WHERE paragraph_id = NEW.paragraph_id)
BEGIN SELECT RAISE(ABORT, 'meetings.locked'); END;
-- following an action up (status, done date) stays possible after attestation; its content does not
CREATE TRIGGER action_item_locked_update BEFORE UPDATE ON action_item
WHEN (SELECT locked FROM paragraph_lock WHERE paragraph_id = OLD.paragraph_id)
  AND (NEW.paragraph_id IS NOT OLD.paragraph_id OR NEW.description IS NOT OLD.description
    OR NEW.owner_person_id IS NOT OLD.owner_person_id OR NEW.owner_organisation_id IS NOT OLD.owner_organisation_id
    OR NEW.due_date IS NOT OLD.due_date OR NEW.priority_id IS NOT OLD.priority_id OR NEW.created_at IS NOT OLD.created_at)
BEGIN SELECT RAISE(ABORT, 'meetings.locked'); END;
CREATE TRIGGER action_item_locked_delete BEFORE DELETE ON action_item
WHEN (SELECT locked FROM paragraph_lock WHERE paragraph_id = OLD.paragraph_id)
BEGIN SELECT RAISE(ABORT, 'meetings.locked'); END;

CREATE TABLE attestation (
  id            INTEGER PRIMARY KEY,
  meeting_id    INTEGER NOT NULL REFERENCES protocol(meeting_id) ON DELETE RESTRICT,
  -- NULL: the whole protocol; else one § attested at once (omedelbar justering)
  paragraph_id  INTEGER REFERENCES paragraph(id) ON DELETE RESTRICT,
  person_id     INTEGER NOT NULL REFERENCES person(id) ON DELETE RESTRICT,
  name          TEXT NOT NULL CHECK (length(trim(name)) > 0),
  role          TEXT NOT NULL CHECK (role IN ('ordforande','justerare')),
  date          TEXT NOT NULL,
  place         TEXT,
  created_at    TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX attestation_once_protocol ON attestation(meeting_id, person_id) WHERE paragraph_id IS NULL;
CREATE UNIQUE INDEX attestation_once_paragraph ON attestation(paragraph_id, person_id) WHERE paragraph_id IS NOT NULL;

CREATE TRIGGER attestation_no_update BEFORE UPDATE ON attestation
BEGIN SELECT RAISE(ABORT, 'meetings.locked'); END;
CREATE TRIGGER attestation_locked_insert BEFORE INSERT ON attestation
WHEN (SELECT status FROM protocol WHERE meeting_id = NEW.meeting_id) = 'attested'
  OR (NEW.paragraph_id IS NOT NULL AND (SELECT locked FROM paragraph_lock WHERE paragraph_id = NEW.paragraph_id))
BEGIN SELECT RAISE(ABORT, 'meetings.locked'); END;
CREATE TRIGGER attestation_locked_delete BEFORE DELETE ON attestation
WHEN (SELECT status FROM protocol WHERE meeting_id = OLD.meeting_id) = 'attested'
  OR (OLD.paragraph_id IS NOT NULL AND (SELECT locked FROM paragraph_lock WHERE paragraph_id = OLD.paragraph_id))
BEGIN SELECT RAISE(ABORT, 'meetings.locked'); END;

-- Corrections to an attested protocol or §: dated, append-only; the original stays.
CREATE TABLE correction_note (
  id            INTEGER PRIMARY KEY,
  meeting_id    INTEGER NOT NULL REFERENCES protocol(meeting_id) ON DELETE RESTRICT,
  paragraph_id  INTEGER REFERENCES paragraph(id) ON DELETE RESTRICT,
  date          TEXT NOT NULL,
  text          TEXT NOT NULL CHECK (length(trim(text)) > 0),
  author        TEXT NOT NULL,
  created_at    TEXT NOT NULL
) STRICT;
CREATE TRIGGER correction_note_no_update BEFORE UPDATE ON correction_note
BEGIN SELECT RAISE(ABORT, 'meetings.correction_append_only'); END;
CREATE TRIGGER correction_note_no_delete BEFORE DELETE ON correction_note
BEGIN SELECT RAISE(ABORT, 'meetings.correction_append_only'); END;
CREATE TRIGGER correction_note_needs_attested BEFORE INSERT ON correction_note
WHEN NOT (
  (SELECT status FROM protocol WHERE meeting_id = NEW.meeting_id) = 'attested'
  OR (NEW.paragraph_id IS NOT NULL AND coalesce((SELECT locked FROM paragraph_lock WHERE paragraph_id = NEW.paragraph_id), 0))
)
BEGIN SELECT RAISE(ABORT, 'meetings.correction_needs_attested'); END;

-- The agenda and the attendance are part of what was attested.
CREATE TRIGGER agenda_item_locked_insert BEFORE INSERT ON agenda_item
WHEN (SELECT status FROM protocol WHERE meeting_id = NEW.meeting_id) = 'attested'
BEGIN SELECT RAISE(ABORT, 'meetings.locked'); END;
CREATE TRIGGER agenda_item_locked_update BEFORE UPDATE ON agenda_item
WHEN (SELECT status FROM protocol WHERE meeting_id = OLD.meeting_id) = 'attested'
BEGIN SELECT RAISE(ABORT, 'meetings.locked'); END;
CREATE TRIGGER agenda_item_locked_delete BEFORE DELETE ON agenda_item
WHEN (SELECT status FROM protocol WHERE meeting_id = OLD.meeting_id) = 'attested'
BEGIN SELECT RAISE(ABORT, 'meetings.locked'); END;

CREATE TRIGGER attendance_locked_insert BEFORE INSERT ON attendance
WHEN (SELECT status FROM protocol WHERE meeting_id = NEW.meeting_id) = 'attested'
BEGIN SELECT RAISE(ABORT, 'meetings.locked'); END;
CREATE TRIGGER attendance_locked_update BEFORE UPDATE ON attendance
WHEN (SELECT status FROM protocol WHERE meeting_id = OLD.meeting_id) = 'attested'
BEGIN SELECT RAISE(ABORT, 'meetings.locked'); END;
CREATE TRIGGER attendance_locked_delete BEFORE DELETE ON attendance
WHEN (SELECT status FROM protocol WHERE meeting_id = OLD.meeting_id) = 'attested'
BEGIN SELECT RAISE(ABORT, 'meetings.locked'); END;
`;
