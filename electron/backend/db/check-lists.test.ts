import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from './open';
import { BODY_KINDS, MEMBER_ROLES, ORGANISATION_KINDS } from '../../../shared/contract/participants';
import { DOCUMENT_LANGUAGES } from '../../../shared/contract/common';
import { STORED_VERSION_STATUSES } from '../../../shared/contract/agreements';
import {
  ACTION_STATUSES,
  AGENDA_KINDS,
  ATTENDANCE_ROLES,
  ATTENDANCE_STATUSES,
  ATTESTER_ROLES,
  MEETING_STATUSES,
  PROTOCOL_STATUSES,
  templateItem,
} from '../../../shared/contract/meetings';
import { CERTIFICATE_ORIGINS, CERTIFICATE_ROLES } from '../../../shared/contract/signing';
import { PERSON_CERTIFICATE_ORIGINS } from '../../../shared/contract/personal-signing';
import { RECORD_KINDS } from '../../../shared/contract/records';
import { ATTACHMENT_TYPES } from '../../../shared/contract/attachments';
import { actProof } from '../../../shared/contract/act-proof';

/**
 * A rule kept twice must say the same thing twice: every `CHECK (column IN ('a', 'b'))` of the
 * schema lists exactly the values of the zod enum the contract validates that column with.
 */
const [digital] = actProof.options;
const ENUMS: Record<string, readonly string[]> = {
  'organisation.kind': ORGANISATION_KINDS,
  'body.kind': BODY_KINDS,
  'body.record_language': DOCUMENT_LANGUAGES,
  'body_member.role': MEMBER_ROLES,
  'agreement_version.status': STORED_VERSION_STATUSES,
  'meeting.status': MEETING_STATUSES,
  'protocol.status': PROTOCOL_STATUSES,
  'agenda_template_item.kind': AGENDA_KINDS,
  'agenda_template_item.place': templateItem.shape.place.options,
  'agenda_item.kind': AGENDA_KINDS,
  'agenda_item.template_place': templateItem.shape.place.options,
  'attendance.role': ATTENDANCE_ROLES,
  'attendance.status': ATTENDANCE_STATUSES,
  'paragraph.kind': AGENDA_KINDS,
  'action_item.status': ACTION_STATUSES,
  'action_tally.status': ACTION_STATUSES,
  'attestation.role': ATTESTER_ROLES,
  'certificate.role': CERTIFICATE_ROLES,
  'certificate.origin': CERTIFICATE_ORIGINS,
  'sealed_record.kind': RECORD_KINDS,
  'sealed_record.lang': DOCUMENT_LANGUAGES,
  'person_certificate.origin': PERSON_CERTIFICATE_ORIGINS,
  'frozen_document.lang': DOCUMENT_LANGUAGES,
  'attestation_signature.time_source': digital.shape.timeSource.options,
  'attestation_signature.way': digital.shape.way.options,
  'agreement_signing_signature.time_source': digital.shape.timeSource.options,
  'agreement_signing_signature.way': digital.shape.way.options,
  'attachment.media_type': ATTACHMENT_TYPES,
};
/** Lists of text values that never cross the contract, with why. */
const INTERNAL: Record<string, string> = {
  'frozen_document.kind':
    'which record a frozen document belongs to; the contract addresses it by meeting, § or agreement version',
};

let db: Db;
beforeAll(async () => void (db = await openDatabase(':memory:')));
afterAll(() => db.close());

/** Every text-valued `CHECK (column IN (…))` in the migrated schema, as table.column → values. */
function checkLists(): Map<string, string[]> {
  const tables = db
    .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND sql IS NOT NULL")
    .all() as Array<{
    name: string;
    sql: string;
  }>;
  const lists = new Map<string, string[]>();
  for (const { name, sql } of tables)
    for (const m of sql.matchAll(/CHECK\s*\(\s*(\w+)\s+IN\s*\(([^)]*)\)\s*\)/gi)) {
      const values = m[2].split(',').map((v) => v.trim());
      if (values.every((v) => /^'.*'$/.test(v)))
        lists.set(
          `${name}.${m[1]}`,
          values.map((v) => v.slice(1, -1)),
        );
    }
  return lists;
}

describe('SQL CHECK lists and zod enums', () => {
  it('finds the CHECK lists it compares', () => {
    expect(digital.shape.kind.value).toBe('digital');
    expect(checkLists().size).toBeGreaterThanOrEqual(Object.keys(ENUMS).length);
  });

  it('every CHECK … IN list equals its zod enum, and none is left unpaired', () => {
    const lists = checkLists();
    for (const [column, values] of lists) {
      if (INTERNAL[column]) continue;
      expect(ENUMS[column], `${column} has no zod enum paired with it here`).toBeDefined();
      expect([...values].sort(), column).toEqual([...ENUMS[column]].sort());
    }
    for (const column of Object.keys(ENUMS)) expect(lists.has(column), `${column} has no CHECK list`).toBe(true);
  });
});
