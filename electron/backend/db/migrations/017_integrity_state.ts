/**
 * What lets `samrad check` run SQLite's integrity check on only part of a large file and still
 * say what it knows about the rest (db/integrity.ts):
 *  - `table_write` counts every row written to each table, kept by triggers, so a table whose
 *    count has not moved since its last whole check has had nothing written to it through SQL;
 *  - `integrity_state` holds, per table, when its b-trees (the table and its indexes) were last
 *    checked whole, the verdict, the write count and the schema (its SQL, indexes and triggers)
 *    the check saw.
 * A table made later without these triggers is simply never trusted as unwritten: it is checked
 * on every run. The FTS indexes' own tables cannot carry triggers; only `search_doc`'s triggers
 * write them, so they follow its count.
 */
export const COUNTED_TABLES = [
  'action_item',
  'action_tally',
  'agenda_item',
  'agenda_template',
  'agenda_template_item',
  'agreement',
  'agreement_party',
  'agreement_priority',
  'agreement_priority_responsible',
  'agreement_section',
  'agreement_signing',
  'agreement_signing_signature',
  'agreement_version',
  'attachment',
  'attendance',
  'attestation',
  'attestation_signature',
  'audit_checkpoint',
  'audit_conversion',
  'audit_event',
  'body',
  'body_member',
  'certificate',
  'correction_note',
  'frozen_document',
  'meeting',
  'organisation',
  'paragraph',
  'paragraph_recusal',
  'pending_seal',
  'person',
  'person_certificate',
  'protocol',
  'record_backfill',
  'record_signature',
  'sealed_record',
  'search_doc',
  'search_state',
  'setting',
] as const;

const counted = (table: string) =>
  (['insert', 'update', 'delete'] as const)
    .map(
      (event) => `CREATE TRIGGER ${table}_written_${event} AFTER ${event.toUpperCase()} ON ${table}
BEGIN UPDATE table_write SET n = n + 1 WHERE name = '${table}'; END;`,
    )
    .join('\n');

export const up = /* sql */ `
CREATE TABLE table_write (
  name TEXT PRIMARY KEY,
  n    INTEGER NOT NULL DEFAULT 0 CHECK (n >= 0)
) STRICT, WITHOUT ROWID;
INSERT INTO table_write (name) VALUES ${COUNTED_TABLES.map((t) => `('${t}')`).join(', ')};
${COUNTED_TABLES.map(counted).join('\n')}

CREATE TABLE integrity_state (
  name          TEXT PRIMARY KEY,
  checked_at    TEXT NOT NULL,
  ok            INTEGER NOT NULL CHECK (ok = 0 OR ok = 1),
  writes        INTEGER CHECK (writes >= 0),
  schema_sha256 TEXT NOT NULL CHECK (length(schema_sha256) = 64)
) STRICT, WITHOUT ROWID;
`;
