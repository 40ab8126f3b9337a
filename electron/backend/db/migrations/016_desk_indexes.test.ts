import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { schemaVersion } from '../open';
import { migrateTo, queryPlan, rawDb, schemaNames } from '../../../../test/support/db';

const VERSION = 16;

let t: ReturnType<typeof rawDb>;
beforeEach(() => {
  t = rawDb();
  migrateTo(t.db, VERSION - 1);
});
afterEach(() => t.cleanup());

const plan = (sql: string) => queryPlan(t.db, sql);

describe('migration 016_desk_indexes', () => {
  it('adds the indexes the desk reads by', () => {
    expect(schemaNames(t.db, 'index')).not.toContain('protocol_unattested');
    migrateTo(t.db, VERSION);
    expect(schemaVersion(t.db)).toBe(VERSION);
    expect(schemaNames(t.db, 'index')).toEqual(expect.arrayContaining(['protocol_unattested', 'attestation_date']));
  });

  it('finds the protocols not attested, and those attested since a date, without reading every protocol', () => {
    migrateTo(t.db, VERSION);
    expect(plan("SELECT count(*) FROM protocol WHERE status <> 'attested'")).toEqual([
      'SCAN protocol USING INDEX protocol_unattested',
    ]);
    expect(plan("SELECT meeting_id FROM attestation WHERE date >= '2026-11-01'")).toEqual([
      'SEARCH attestation USING COVERING INDEX attestation_date (date>?)',
    ]);
  });
});
