/** Organisations, people, bodies with members, settings and the hash-chained audit log. */
export const up = /* sql */ `
CREATE TABLE setting (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE organisation (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
  -- name folded to lower case with Swedish rules (SQLite's lower() folds ASCII only)
  name_key    TEXT NOT NULL UNIQUE,
  kind        TEXT NOT NULL CHECK (kind IN ('kommun','polis','raddningstjanst','annan')),
  short_name  TEXT,
  parent_id   INTEGER REFERENCES organisation(id) ON DELETE RESTRICT,
  archived    INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0,1)),
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
) STRICT;

CREATE TABLE person (
  id               INTEGER PRIMARY KEY,
  name             TEXT NOT NULL CHECK (length(trim(name)) > 0),
  title            TEXT,
  organisation_id  INTEGER REFERENCES organisation(id) ON DELETE RESTRICT,
  email            TEXT CHECK (email IS NULL OR email LIKE '%_@_%'),
  phone            TEXT,
  active_from      TEXT,
  active_to        TEXT,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  CHECK (active_from IS NULL OR active_to IS NULL OR active_to >= active_from)
) STRICT;
CREATE INDEX person_organisation ON person(organisation_id);

CREATE TABLE body (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL CHECK (length(trim(name)) > 0),
  name_key     TEXT NOT NULL UNIQUE,
  kind         TEXT NOT NULL CHECK (kind IN ('chefssamrad','lagesmote','arbetsgrupp','annat')),
  description  TEXT,
  archived     INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0,1)),
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL
) STRICT;

CREATE TABLE body_member (
  id                 INTEGER PRIMARY KEY,
  body_id            INTEGER NOT NULL REFERENCES body(id) ON DELETE CASCADE,
  person_id          INTEGER NOT NULL REFERENCES person(id) ON DELETE RESTRICT,
  role               TEXT NOT NULL CHECK (role IN ('ordforande','vice_ordforande','ledamot','ersattare','sekreterare','adjungerad')),
  valid_from         TEXT NOT NULL,
  valid_to           TEXT,
  substitute_for_id  INTEGER REFERENCES person(id) ON DELETE RESTRICT,
  CHECK (valid_to IS NULL OR valid_to >= valid_from),
  CHECK (substitute_for_id IS NULL OR substitute_for_id <> person_id)
) STRICT;
CREATE INDEX body_member_body ON body_member(body_id);

-- One person may hold one role in one body only once at any time.
CREATE TRIGGER body_member_no_overlap_insert BEFORE INSERT ON body_member
WHEN EXISTS (
  SELECT 1 FROM body_member m
  WHERE m.body_id = NEW.body_id AND m.person_id = NEW.person_id AND m.role = NEW.role
    AND m.valid_from <= coalesce(NEW.valid_to, '9999-12-31')
    AND coalesce(m.valid_to, '9999-12-31') >= NEW.valid_from
)
BEGIN SELECT RAISE(ABORT, 'duplicate_member'); END;

CREATE TRIGGER body_member_no_overlap_update BEFORE UPDATE ON body_member
WHEN EXISTS (
  SELECT 1 FROM body_member m
  WHERE m.id <> NEW.id AND m.body_id = NEW.body_id AND m.person_id = NEW.person_id AND m.role = NEW.role
    AND m.valid_from <= coalesce(NEW.valid_to, '9999-12-31')
    AND coalesce(m.valid_to, '9999-12-31') >= NEW.valid_from
)
BEGIN SELECT RAISE(ABORT, 'duplicate_member'); END;

CREATE TABLE audit_event (
  id         INTEGER PRIMARY KEY,
  at         TEXT NOT NULL,
  actor      TEXT NOT NULL,
  action     TEXT NOT NULL,
  entity     TEXT NOT NULL,
  entity_id  TEXT NOT NULL,
  before     TEXT,
  after      TEXT,
  prev_hash  TEXT NOT NULL,
  hash       TEXT NOT NULL UNIQUE
) STRICT;
CREATE INDEX audit_event_record ON audit_event(entity, entity_id);

CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
BEGIN SELECT RAISE(ABORT, 'audit_log_is_append_only'); END;
CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
BEGIN SELECT RAISE(ABORT, 'audit_log_is_append_only'); END;
`;
