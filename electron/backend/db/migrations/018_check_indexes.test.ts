import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { schemaVersion } from '../open';
import { migrateTo, queryPlan, rawDb, schemaNames } from '../../../../test/support/db';

const VERSION = 18;

let t: ReturnType<typeof rawDb>;
beforeEach(() => {
  t = rawDb();
  migrateTo(t.db, VERSION - 1);
});
afterEach(() => t.cleanup());

const plan = (sql: string) => queryPlan(t.db, sql);

describe('migration 018_check_indexes', () => {
  it('finds the §§ attested at once without reading every §', () => {
    const attestedAtOnce = 'SELECT id FROM paragraph WHERE immediately_attested_at IS NOT NULL';
    expect(plan(attestedAtOnce)).toEqual(['SCAN paragraph']);
    migrateTo(t.db, VERSION);
    expect(schemaVersion(t.db)).toBe(VERSION);
    expect(schemaNames(t.db, 'index')).toContain('paragraph_immediately_attested');
    expect(plan(attestedAtOnce)).toEqual([
      'SEARCH paragraph USING COVERING INDEX paragraph_immediately_attested (immediately_attested_at>?)',
    ]);
  });

  it('picks sealed records by the time they were sealed without reading their documents', () => {
    const since = "SELECT id FROM sealed_record WHERE sealed_at > '2026-12-01'";
    expect(plan(since)).toEqual(['SCAN sealed_record']);
    migrateTo(t.db, VERSION);
    expect(plan(since)).toEqual(['SEARCH sealed_record USING COVERING INDEX sealed_record_sealed_at (sealed_at>?)']);
  });
});
