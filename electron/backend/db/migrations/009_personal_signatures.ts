/**
 * Personal signatures: people hold their own signing certificates, the document a protocol is
 * attested on is frozen when it is sent for justering, and each attestation says how it was
 * given — digitally signed by the person's own certificate, or recorded without a digital
 * signature by the operator.
 *
 * A person's private key is sealed with that person's own password (not the keystore
 * passphrase): only the holder can sign with it. Removing a certificate destroys its key and
 * keeps the row, so the proof of acts signed with it still names it.
 */
export const up = /* sql */ `
CREATE TABLE person_certificate (
  id               INTEGER PRIMARY KEY,
  person_id        INTEGER NOT NULL REFERENCES person(id) ON DELETE RESTRICT,
  -- local: issued by the organisation's local CA; imported: from the person's PKCS#12 file;
  -- confirmed: met in a returned signed copy and confirmed as this person's (no key here)
  origin           TEXT NOT NULL CHECK (origin IN ('local','imported','confirmed')),
  label            TEXT NOT NULL CHECK (length(trim(label)) > 0),
  subject          TEXT NOT NULL,
  issuer           TEXT NOT NULL,
  serial_number    TEXT NOT NULL,
  valid_from       TEXT NOT NULL,
  valid_to         TEXT NOT NULL,
  fingerprint      TEXT NOT NULL UNIQUE,
  certificate_der  BLOB NOT NULL CHECK (length(certificate_der) > 0),
  chain            TEXT NOT NULL CHECK (json_valid(chain) AND json_type(chain) = 'array'),
  private_key      TEXT CHECK (private_key IS NULL OR (json_valid(private_key) AND json_extract(private_key, '$.kdf') = 'scrypt')),
  created_at       TEXT NOT NULL,
  removed_at       TEXT,
  CHECK (origin <> 'confirmed' OR private_key IS NULL),
  CHECK (removed_at IS NULL OR private_key IS NULL)
) STRICT;
CREATE INDEX person_certificate_person ON person_certificate(person_id);
-- only removal changes a row (its key goes); the certificate itself never changes
CREATE TRIGGER person_certificate_only_removed BEFORE UPDATE ON person_certificate
WHEN OLD.removed_at IS NOT NULL OR NEW.removed_at IS NULL OR NEW.private_key IS NOT NULL
  OR NEW.fingerprint IS NOT OLD.fingerprint OR NEW.person_id IS NOT OLD.person_id OR NEW.certificate_der IS NOT OLD.certificate_der
BEGIN SELECT RAISE(ABORT, 'signing.person_certificate_fixed'); END;
CREATE TRIGGER person_certificate_no_delete BEFORE DELETE ON person_certificate
BEGIN SELECT RAISE(ABORT, 'signing.person_certificate_fixed'); END;

-- The document people act on: rendered from the content as it was sent for justering, never
-- re-rendered. Withdrawn (deleted) when the protocol is reopened; fixed once its record is sealed.
CREATE TABLE frozen_document (
  id               INTEGER PRIMARY KEY,
  kind             TEXT NOT NULL CHECK (kind IN ('protocol','extract')),
  meeting_id       INTEGER NOT NULL REFERENCES meeting(id) ON DELETE RESTRICT,
  paragraph_id     INTEGER REFERENCES paragraph(id) ON DELETE RESTRICT,
  lang             TEXT NOT NULL CHECK (lang IN ('sv','en')),
  file_name        TEXT NOT NULL CHECK (length(file_name) > 0),
  document         BLOB NOT NULL CHECK (length(document) > 0),
  document_sha256  TEXT NOT NULL CHECK (length(document_sha256) = 64),
  frozen_at        TEXT NOT NULL,
  CHECK ((kind = 'protocol') = (paragraph_id IS NULL))
) STRICT;
CREATE UNIQUE INDEX frozen_document_protocol ON frozen_document(meeting_id) WHERE kind = 'protocol';
CREATE UNIQUE INDEX frozen_document_extract ON frozen_document(paragraph_id) WHERE kind = 'extract';
CREATE TRIGGER frozen_document_no_update BEFORE UPDATE ON frozen_document
BEGIN SELECT RAISE(ABORT, 'meetings.frozen'); END;
CREATE TRIGGER frozen_document_sealed_delete BEFORE DELETE ON frozen_document
WHEN EXISTS (SELECT 1 FROM sealed_record r WHERE (OLD.kind = 'protocol' AND r.kind = 'protocol' AND r.meeting_id = OLD.meeting_id)
                                           OR (OLD.kind = 'extract' AND r.kind = 'extract' AND r.paragraph_id = OLD.paragraph_id))
BEGIN SELECT RAISE(ABORT, 'records.sealed'); END;

-- The proof behind a digital attestation: the frozen document with every signature given so
-- far, this person's the newest. Goes with its attestation when a protocol is reopened.
CREATE TABLE attestation_signature (
  id                     INTEGER PRIMARY KEY,
  attestation_id         INTEGER NOT NULL UNIQUE REFERENCES attestation(id) ON DELETE CASCADE,
  frozen_id              INTEGER NOT NULL REFERENCES frozen_document(id) ON DELETE CASCADE,
  person_certificate_id  INTEGER NOT NULL REFERENCES person_certificate(id) ON DELETE RESTRICT,
  signature_part         TEXT NOT NULL CHECK (signature_part LIKE '_xmlsignatures/%.xml'),
  signing_time           TEXT NOT NULL,
  -- signer_clock: XAdES-BES, the signer's own clock; tsa: an RFC 3161 timestamp (XAdES-T)
  time_source            TEXT NOT NULL CHECK (time_source IN ('signer_clock','tsa')),
  -- here: signed in this Samråd; imported: a returned signed copy
  way                    TEXT NOT NULL CHECK (way IN ('here','imported')),
  package                BLOB NOT NULL CHECK (length(package) > 0),
  package_sha256         TEXT NOT NULL CHECK (length(package_sha256) = 64),
  created_at             TEXT NOT NULL
) STRICT;
CREATE INDEX attestation_signature_frozen ON attestation_signature(frozen_id, id);
CREATE TRIGGER attestation_signature_no_update BEFORE UPDATE ON attestation_signature
BEGIN SELECT RAISE(ABORT, 'meetings.locked'); END;

-- who recorded an attestation without a digital signature (NULL for attestations before this version)
ALTER TABLE attestation ADD COLUMN recorded_by TEXT;
`;
