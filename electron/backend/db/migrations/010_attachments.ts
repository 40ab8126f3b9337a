/**
 * Handlingar: files attached to an agenda item (underlag in the kallelse) or to a §
 * (beslutsunderlag in the protocol), kept in the database with their SHA-256, and the protocol's
 * choice to carry a tillkännagivande/anslagsbevis block.
 *
 * Rules kept here so that no path can break them:
 * - an attachment belongs to exactly one agenda item or one § of its meeting;
 * - its bytes are what they say: size and SHA-256 length checked, nothing over 20 MB, a known type;
 * - an attachment never changes; it cannot be added to or removed from what is attested: the
 *   meeting's attested protocol, or a § attested at once (with the agenda item it came from).
 * Triggers raise short keys that electron/backend/meetings/sql-errors.ts turns into errors.
 */
export const up = /* sql */ `
CREATE TABLE attachment (
  id              INTEGER PRIMARY KEY,
  meeting_id      INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
  agenda_item_id  INTEGER REFERENCES agenda_item(id) ON DELETE CASCADE,
  paragraph_id    INTEGER REFERENCES paragraph(id) ON DELETE CASCADE,
  file_name       TEXT NOT NULL CHECK (length(trim(file_name)) > 0 AND length(file_name) <= 255),
  media_type      TEXT NOT NULL CHECK (media_type IN (
                    'application/pdf',
                    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
                    'application/msword',
                    'image/png',
                    'image/jpeg')),
  size            INTEGER NOT NULL CHECK (size > 0 AND size <= 20971520),
  sha256          TEXT NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
  content         BLOB NOT NULL CHECK (length(content) = size),
  added_at        TEXT NOT NULL,
  CHECK ((agenda_item_id IS NULL) <> (paragraph_id IS NULL))
) STRICT;
CREATE INDEX attachment_meeting ON attachment(meeting_id);
CREATE INDEX attachment_agenda_item ON attachment(agenda_item_id);
CREATE INDEX attachment_paragraph ON attachment(paragraph_id);

-- an attachment belongs to an agenda item or a § of its own meeting
CREATE TRIGGER attachment_matches_meeting BEFORE INSERT ON attachment
WHEN NOT EXISTS (SELECT 1 FROM agenda_item a WHERE a.id = NEW.agenda_item_id AND a.meeting_id = NEW.meeting_id)
 AND NOT EXISTS (SELECT 1 FROM paragraph p WHERE p.id = NEW.paragraph_id AND p.meeting_id = NEW.meeting_id)
BEGIN SELECT RAISE(ABORT, 'meetings.attachment_mismatch'); END;

CREATE TRIGGER attachment_no_update BEFORE UPDATE ON attachment
BEGIN SELECT RAISE(ABORT, 'meetings.attachment_unchangeable'); END;

-- Attested: the meeting's protocol, or the § (attested at once) it is attached to or that came from its agenda item.
CREATE TRIGGER attachment_locked_insert BEFORE INSERT ON attachment
WHEN (SELECT status FROM protocol WHERE meeting_id = NEW.meeting_id) = 'attested'
  OR EXISTS (SELECT 1 FROM paragraph p WHERE p.immediately_attested_at IS NOT NULL
             AND (p.id = NEW.paragraph_id OR p.agenda_item_id = NEW.agenda_item_id))
BEGIN SELECT RAISE(ABORT, 'meetings.attachment_locked'); END;
CREATE TRIGGER attachment_locked_delete BEFORE DELETE ON attachment
WHEN (SELECT status FROM protocol WHERE meeting_id = OLD.meeting_id) = 'attested'
  OR EXISTS (SELECT 1 FROM paragraph p WHERE p.immediately_attested_at IS NOT NULL
             AND (p.id = OLD.paragraph_id OR p.agenda_item_id = OLD.agenda_item_id))
BEGIN SELECT RAISE(ABORT, 'meetings.attachment_locked'); END;

-- tillkännagivande/anslagsbevis under the protocol's Underskrifter: a choice made before attestation
ALTER TABLE protocol ADD COLUMN announcement INTEGER NOT NULL DEFAULT 0 CHECK (announcement IN (0,1));
`;
