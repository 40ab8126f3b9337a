/**
 * Each signatory of an agreement version can sign it digitally, as the chair and justerare of a
 * protocol do (009): sending the version for signing freezes its rendered document, each
 * signatory adds their own signature to it, and when the last has acted the sealed record is
 * those co-signed bytes with the organisation's seal.
 *
 * `frozen_document` is rebuilt to hold an agreement version's document too (kind 'agreement',
 * `version_id`); its rows, rules and triggers are kept. A signing recorded on paper now says who
 * recorded it (NULL for signings before this version).
 */
export const up = /* sql */ `
CREATE TABLE frozen_document_012 (
  id               INTEGER PRIMARY KEY,
  kind             TEXT NOT NULL CHECK (kind IN ('protocol','extract','agreement')),
  meeting_id       INTEGER REFERENCES meeting(id) ON DELETE RESTRICT,
  paragraph_id     INTEGER REFERENCES paragraph(id) ON DELETE RESTRICT,
  version_id       INTEGER REFERENCES agreement_version(id) ON DELETE RESTRICT,
  lang             TEXT NOT NULL CHECK (lang IN ('sv','en')),
  file_name        TEXT NOT NULL CHECK (length(file_name) > 0),
  document         BLOB NOT NULL CHECK (length(document) > 0),
  document_sha256  TEXT NOT NULL CHECK (length(document_sha256) = 64),
  frozen_at        TEXT NOT NULL,
  CHECK ((kind = 'agreement') = (meeting_id IS NULL)),
  CHECK ((kind = 'agreement') = (version_id IS NOT NULL)),
  CHECK ((kind = 'extract') = (paragraph_id IS NOT NULL))
) STRICT;
INSERT INTO frozen_document_012 (id, kind, meeting_id, paragraph_id, version_id, lang, file_name, document, document_sha256, frozen_at)
  SELECT id, kind, meeting_id, paragraph_id, NULL, lang, file_name, document, document_sha256, frozen_at FROM frozen_document;
DROP TABLE frozen_document;
ALTER TABLE frozen_document_012 RENAME TO frozen_document;
CREATE UNIQUE INDEX frozen_document_protocol ON frozen_document(meeting_id) WHERE kind = 'protocol';
CREATE UNIQUE INDEX frozen_document_extract ON frozen_document(paragraph_id) WHERE kind = 'extract';
CREATE UNIQUE INDEX frozen_document_agreement ON frozen_document(version_id) WHERE kind = 'agreement';
CREATE TRIGGER frozen_document_no_update BEFORE UPDATE ON frozen_document
BEGIN SELECT RAISE(ABORT, 'meetings.frozen'); END;
CREATE TRIGGER frozen_document_sealed_delete BEFORE DELETE ON frozen_document
WHEN EXISTS (SELECT 1 FROM sealed_record r WHERE (OLD.kind = 'protocol' AND r.kind = 'protocol' AND r.meeting_id = OLD.meeting_id)
                                           OR (OLD.kind = 'extract' AND r.kind = 'extract' AND r.paragraph_id = OLD.paragraph_id)
                                           OR (OLD.kind = 'agreement' AND r.kind = 'agreement' AND r.version_id = OLD.version_id))
BEGIN SELECT RAISE(ABORT, 'records.sealed'); END;

-- The proof behind a signatory's digital signing: the frozen document with every signature
-- given so far, this signatory's the newest. Goes with its signing when the version is withdrawn.
CREATE TABLE agreement_signing_signature (
  id                     INTEGER PRIMARY KEY,
  signing_id             INTEGER NOT NULL UNIQUE REFERENCES agreement_signing(id) ON DELETE CASCADE,
  frozen_id              INTEGER NOT NULL REFERENCES frozen_document(id) ON DELETE CASCADE,
  person_certificate_id  INTEGER NOT NULL REFERENCES person_certificate(id) ON DELETE RESTRICT,
  signature_part         TEXT NOT NULL CHECK (signature_part LIKE '_xmlsignatures/%.xml'),
  signing_time           TEXT NOT NULL,
  time_source            TEXT NOT NULL CHECK (time_source IN ('signer_clock','tsa')),
  way                    TEXT NOT NULL CHECK (way IN ('here','imported')),
  package                BLOB NOT NULL CHECK (length(package) > 0),
  package_sha256         TEXT NOT NULL CHECK (length(package_sha256) = 64),
  created_at             TEXT NOT NULL
) STRICT;
CREATE INDEX agreement_signing_signature_frozen ON agreement_signing_signature(frozen_id, id);
CREATE TRIGGER agreement_signing_signature_no_update BEFORE UPDATE ON agreement_signing_signature
BEGIN SELECT RAISE(ABORT, 'agreement_version_frozen'); END;
-- a digital signing is never "corrected" by recording it again: withdrawing is the way back
CREATE TRIGGER agreement_signing_digital_fixed BEFORE UPDATE ON agreement_signing
WHEN EXISTS (SELECT 1 FROM agreement_signing_signature s WHERE s.signing_id = OLD.id)
BEGIN SELECT RAISE(ABORT, 'agreement_signing_digital'); END;

-- Every signature added to a frozen document, whichever act it belongs to, in the order given.
CREATE VIEW frozen_signature AS
  SELECT frozen_id, package, created_at, id, 'attestation' AS act FROM attestation_signature
  UNION ALL
  SELECT frozen_id, package, created_at, id, 'agreement' AS act FROM agreement_signing_signature;

ALTER TABLE agreement_signing ADD COLUMN recorded_by TEXT;
`;
