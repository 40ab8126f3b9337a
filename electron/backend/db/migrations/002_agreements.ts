/**
 * Agreements (samverkansöverenskommelser): versions with parties and signatories, sections,
 * priorities and recorded signings.
 *
 * The rules that must never break live here, not only in the service:
 *  - a version is born a draft; status moves draft ⇄ under_signing → signed, nothing else;
 *  - a version under signing has frozen content, a signed version cannot change at all
 *    (not its row, not its sections, parties, priorities or signings), nor be deleted;
 *  - it becomes signed only when every party has a recorded signing, and only if no other
 *    signed version of the same agreement overlaps its period;
 *  - the period ends after it starts; the predecessor belongs to the same agreement.
 * Display states `superseded` and `expired` depend on the clock and are derived in code.
 */

/** Child tables whose rows are part of a version's content, and how to reach the version. */
const CONTENT_TABLES: Array<{ table: string; versionOf: (row: 'NEW' | 'OLD') => string }> = [
  { table: 'agreement_party', versionOf: (row) => `${row}.version_id` },
  { table: 'agreement_section', versionOf: (row) => `${row}.version_id` },
  { table: 'agreement_priority', versionOf: (row) => `${row}.version_id` },
  {
    table: 'agreement_priority_responsible',
    versionOf: (row) => `(SELECT p.version_id FROM agreement_priority p WHERE p.id = ${row}.priority_id)`,
  },
];

const statusOf = (versionExpr: string) => `(SELECT v.status FROM agreement_version v WHERE v.id = ${versionExpr})`;

/** A content row may only be added, changed or removed while its version is a draft. */
function contentLockTriggers(): string {
  const out: string[] = [];
  for (const { table, versionOf } of CONTENT_TABLES) {
    const checks: Array<{ op: 'INSERT' | 'UPDATE' | 'DELETE'; rows: Array<'NEW' | 'OLD'> }> = [
      { op: 'INSERT', rows: ['NEW'] },
      { op: 'UPDATE', rows: ['OLD', 'NEW'] },
      { op: 'DELETE', rows: ['OLD'] },
    ];
    for (const { op, rows } of checks) {
      for (const [status, key] of [
        ['signed', 'agreement_version_signed'],
        ['under_signing', 'agreement_version_frozen'],
      ] as const) {
        const when = rows.map((row) => `${statusOf(versionOf(row))} = '${status}'`).join(' OR ');
        out.push(
          `CREATE TRIGGER ${table}_${op.toLowerCase()}_${status} BEFORE ${op} ON ${table}\n` +
            `WHEN ${when}\nBEGIN SELECT RAISE(ABORT, '${key}'); END;`,
        );
      }
    }
  }
  return out.join('\n\n');
}

export const up = /* sql */ `
CREATE TABLE agreement (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
) STRICT;

CREATE TABLE agreement_version (
  id                   INTEGER PRIMARY KEY,
  agreement_id         INTEGER NOT NULL REFERENCES agreement(id) ON DELETE RESTRICT,
  predecessor_id       INTEGER REFERENCES agreement_version(id) ON DELETE RESTRICT,
  title                TEXT NOT NULL CHECK (length(trim(title)) > 0),
  dnr                  TEXT,
  valid_from           TEXT NOT NULL CHECK (valid_from GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  valid_to             TEXT NOT NULL CHECK (valid_to GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  status               TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','under_signing','signed')),
  -- SHA-256 of the canonical content, stored when (and only when) the version is signed
  content_hash         TEXT CHECK (content_hash IS NULL OR (length(content_hash) = 64 AND content_hash NOT GLOB '*[^0-9a-f]*')),
  sent_for_signing_at  TEXT,
  signed_at            TEXT,
  created_at           TEXT NOT NULL,
  updated_at           TEXT NOT NULL,
  CHECK (valid_to > valid_from),
  CHECK ((status = 'signed') = (content_hash IS NOT NULL)),
  CHECK ((status = 'signed') = (signed_at IS NOT NULL)),
  CHECK ((status = 'draft') = (sent_for_signing_at IS NULL)),
  CHECK (predecessor_id IS NULL OR predecessor_id <> id)
) STRICT;
CREATE INDEX agreement_version_agreement ON agreement_version(agreement_id, valid_from);
CREATE INDEX agreement_version_predecessor ON agreement_version(predecessor_id);

-- Names and titles are copied into the party row (refreshed while a draft is sent for
-- signing) so that a signed version keeps what was signed even if the registers change.
CREATE TABLE agreement_party (
  id                 INTEGER PRIMARY KEY,
  version_id         INTEGER NOT NULL REFERENCES agreement_version(id) ON DELETE CASCADE,
  position           INTEGER NOT NULL,
  organisation_id    INTEGER NOT NULL REFERENCES organisation(id) ON DELETE RESTRICT,
  organisation_name  TEXT NOT NULL,
  signatory_id       INTEGER NOT NULL REFERENCES person(id) ON DELETE RESTRICT,
  signatory_name     TEXT NOT NULL,
  signatory_title    TEXT,
  UNIQUE (version_id, organisation_id),
  UNIQUE (id, version_id)
) STRICT;

CREATE TABLE agreement_section (
  id          INTEGER PRIMARY KEY,
  version_id  INTEGER NOT NULL REFERENCES agreement_version(id) ON DELETE CASCADE,
  -- stable across renewals: the redline matches sections by it
  key         TEXT NOT NULL CHECK (length(key) > 0),
  position    INTEGER NOT NULL,
  heading     TEXT NOT NULL CHECK (length(trim(heading)) > 0),
  -- structured rich text (ProseMirror JSON, see shared/richtext.ts), never HTML
  body        TEXT NOT NULL CHECK (json_valid(body) AND json_extract(body, '$.type') = 'doc'),
  UNIQUE (version_id, key)
) STRICT;

CREATE TABLE agreement_priority (
  id           INTEGER PRIMARY KEY,
  version_id   INTEGER NOT NULL REFERENCES agreement_version(id) ON DELETE CASCADE,
  key          TEXT NOT NULL CHECK (length(key) > 0),
  position     INTEGER NOT NULL,
  title        TEXT NOT NULL CHECK (length(trim(title)) > 0),
  description  TEXT,
  source       TEXT,
  source_date  TEXT,
  UNIQUE (version_id, key)
) STRICT;

CREATE TABLE agreement_priority_responsible (
  priority_id        INTEGER NOT NULL REFERENCES agreement_priority(id) ON DELETE CASCADE,
  organisation_id    INTEGER NOT NULL REFERENCES organisation(id) ON DELETE RESTRICT,
  organisation_name  TEXT NOT NULL,
  position           INTEGER NOT NULL,
  PRIMARY KEY (priority_id, organisation_id)
) STRICT;

CREATE TABLE agreement_signing (
  id            INTEGER PRIMARY KEY,
  version_id    INTEGER NOT NULL REFERENCES agreement_version(id) ON DELETE CASCADE,
  party_id      INTEGER NOT NULL UNIQUE,
  name          TEXT NOT NULL CHECK (length(trim(name)) > 0),
  title         TEXT,
  organisation  TEXT NOT NULL CHECK (length(trim(organisation)) > 0),
  signed_on     TEXT NOT NULL CHECK (signed_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  place         TEXT NOT NULL CHECK (length(trim(place)) > 0),
  recorded_at   TEXT NOT NULL,
  -- the party must belong to the same version
  FOREIGN KEY (party_id, version_id) REFERENCES agreement_party(id, version_id) ON DELETE CASCADE
) STRICT;
CREATE INDEX agreement_signing_version ON agreement_signing(version_id);

-- ---- the version row ----

CREATE TRIGGER agreement_version_born_draft BEFORE INSERT ON agreement_version
WHEN NEW.status <> 'draft'
BEGIN SELECT RAISE(ABORT, 'agreement_version_bad_transition'); END;

CREATE TRIGGER agreement_version_predecessor_insert BEFORE INSERT ON agreement_version
WHEN NEW.predecessor_id IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM agreement_version p WHERE p.id = NEW.predecessor_id AND p.agreement_id = NEW.agreement_id)
BEGIN SELECT RAISE(ABORT, 'agreement_predecessor_other_agreement'); END;

CREATE TRIGGER agreement_version_signed_update BEFORE UPDATE ON agreement_version
WHEN OLD.status = 'signed'
BEGIN SELECT RAISE(ABORT, 'agreement_version_signed'); END;

CREATE TRIGGER agreement_version_signed_delete BEFORE DELETE ON agreement_version
WHEN OLD.status = 'signed'
BEGIN SELECT RAISE(ABORT, 'agreement_version_signed'); END;

CREATE TRIGGER agreement_version_frozen_delete BEFORE DELETE ON agreement_version
WHEN OLD.status = 'under_signing'
BEGIN SELECT RAISE(ABORT, 'agreement_version_frozen'); END;

CREATE TRIGGER agreement_version_frozen_update BEFORE UPDATE ON agreement_version
WHEN OLD.status = 'under_signing' AND (
  NEW.title IS NOT OLD.title OR NEW.dnr IS NOT OLD.dnr OR NEW.valid_from IS NOT OLD.valid_from
  OR NEW.valid_to IS NOT OLD.valid_to OR NEW.predecessor_id IS NOT OLD.predecessor_id
  OR NEW.agreement_id IS NOT OLD.agreement_id OR NEW.created_at IS NOT OLD.created_at)
BEGIN SELECT RAISE(ABORT, 'agreement_version_frozen'); END;

CREATE TRIGGER agreement_version_predecessor_update BEFORE UPDATE OF predecessor_id, agreement_id ON agreement_version
WHEN NEW.predecessor_id IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM agreement_version p WHERE p.id = NEW.predecessor_id AND p.agreement_id = NEW.agreement_id)
BEGIN SELECT RAISE(ABORT, 'agreement_predecessor_other_agreement'); END;

CREATE TRIGGER agreement_version_transition BEFORE UPDATE OF status ON agreement_version
WHEN OLD.status <> 'signed' AND NOT (
  NEW.status = OLD.status
  OR (OLD.status = 'draft' AND NEW.status = 'under_signing')
  OR (OLD.status = 'under_signing' AND NEW.status IN ('draft', 'signed')))
BEGIN SELECT RAISE(ABORT, 'agreement_version_bad_transition'); END;

CREATE TRIGGER agreement_version_send_needs_parties BEFORE UPDATE OF status ON agreement_version
WHEN OLD.status = 'draft' AND NEW.status = 'under_signing'
  AND NOT EXISTS (SELECT 1 FROM agreement_party p WHERE p.version_id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'agreement_version_no_parties'); END;

CREATE TRIGGER agreement_version_sign_needs_all BEFORE UPDATE OF status ON agreement_version
WHEN NEW.status = 'signed' AND OLD.status <> 'signed' AND (
  NOT EXISTS (SELECT 1 FROM agreement_party p WHERE p.version_id = NEW.id)
  OR EXISTS (SELECT 1 FROM agreement_party p WHERE p.version_id = NEW.id
             AND NOT EXISTS (SELECT 1 FROM agreement_signing s WHERE s.party_id = p.id)))
BEGIN SELECT RAISE(ABORT, 'agreement_version_not_all_signed'); END;

-- Two signed versions of one agreement may not overlap; drafts may.
CREATE TRIGGER agreement_version_signed_overlap BEFORE UPDATE OF status ON agreement_version
WHEN NEW.status = 'signed' AND EXISTS (
  SELECT 1 FROM agreement_version o
  WHERE o.agreement_id = NEW.agreement_id AND o.id <> NEW.id AND o.status = 'signed'
    AND o.valid_from <= NEW.valid_to AND o.valid_to >= NEW.valid_from)
BEGIN SELECT RAISE(ABORT, 'agreement_version_overlap'); END;

-- Withdrawing from signing (back to draft) clears every recorded signing, whatever the path.
CREATE TRIGGER agreement_version_withdrawn AFTER UPDATE OF status ON agreement_version
WHEN OLD.status = 'under_signing' AND NEW.status = 'draft'
BEGIN DELETE FROM agreement_signing WHERE version_id = NEW.id; END;

-- ---- content rows: only while the version is a draft ----

${contentLockTriggers()}

-- ---- signings: recorded while under signing, never changed once signed ----

CREATE TRIGGER agreement_signing_insert BEFORE INSERT ON agreement_signing
WHEN ${statusOf('NEW.version_id')} IS NOT 'under_signing'
BEGIN SELECT RAISE(ABORT, 'agreement_version_not_under_signing'); END;

CREATE TRIGGER agreement_signing_update_signed BEFORE UPDATE ON agreement_signing
WHEN ${statusOf('OLD.version_id')} = 'signed' OR ${statusOf('NEW.version_id')} = 'signed'
BEGIN SELECT RAISE(ABORT, 'agreement_version_signed'); END;

CREATE TRIGGER agreement_signing_update_state BEFORE UPDATE ON agreement_signing
WHEN coalesce(${statusOf('NEW.version_id')}, 'none') NOT IN ('under_signing', 'signed')
BEGIN SELECT RAISE(ABORT, 'agreement_version_not_under_signing'); END;

CREATE TRIGGER agreement_signing_delete BEFORE DELETE ON agreement_signing
WHEN ${statusOf('OLD.version_id')} = 'signed'
BEGIN SELECT RAISE(ABORT, 'agreement_version_signed'); END;
`;
