import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrations } from '.';
import { migrate, schemaVersion } from '../open';
import { rawDb, schemaNames } from '../../../../test/support/db';

let t: ReturnType<typeof rawDb>;
beforeEach(() => {
  t = rawDb();
  migrate(t.db, migrations.slice(0, 1));
});
afterEach(() => t.cleanup());

const NOW = '2016-12-20T10:00:00.000Z';
const run = (sql: string, ...params: unknown[]) => Number(t.db.prepare(sql).run(...params).lastInsertRowid);

/** An organisation and a person from schema 1, an agreement and a draft version with one party and one section. */
function seed() {
  const org = run(
    "INSERT INTO organisation (name, name_key, kind, created_at, updated_at) VALUES ('Södertälje kommun', 'södertälje kommun', 'kommun', ?, ?)",
    NOW,
    NOW,
  );
  const person = run("INSERT INTO person (name, created_at, updated_at) VALUES ('Camilla Broo', ?, ?)", NOW, NOW);
  const agreement = run("INSERT INTO agreement (name, created_at, updated_at) VALUES ('Samverkan', ?, ?)", NOW, NOW);
  const version = (from: string, to: string) =>
    run(
      "INSERT INTO agreement_version (agreement_id, title, valid_from, valid_to, created_at, updated_at) VALUES (?, 'Överenskommelse', ?, ?, ?, ?)",
      agreement,
      from,
      to,
      NOW,
      NOW,
    );
  const v = version('2017-01-01', '2018-12-31');
  const party = run(
    "INSERT INTO agreement_party (version_id, position, organisation_id, organisation_name, signatory_id, signatory_name) VALUES (?, 1, ?, 'Södertälje kommun', ?, 'Camilla Broo')",
    v,
    org,
    person,
  );
  run(
    `INSERT INTO agreement_section (version_id, key, position, heading, body) VALUES (?, 'k1', 1, 'Syfte', '{"type":"doc","content":[]}')`,
    v,
  );
  return { org, person, agreement, version, v, party };
}

function sign(v: number, party: number, hash = 'a'.repeat(64)) {
  t.db
    .prepare("UPDATE agreement_version SET status = 'under_signing', sent_for_signing_at = ? WHERE id = ?")
    .run(NOW, v);
  run(
    "INSERT INTO agreement_signing (version_id, party_id, name, organisation, signed_on, place, recorded_at) VALUES (?, ?, 'Camilla Broo', 'Södertälje kommun', '2016-12-20', 'Södertälje', ?)",
    v,
    party,
    NOW,
  );
  t.db
    .prepare("UPDATE agreement_version SET status = 'signed', content_hash = ?, signed_at = '2016-12-20' WHERE id = ?")
    .run(hash, v);
}

describe('migration 002_agreements', () => {
  it('upgrades a schema-1 database with data, keeping it, and adds the agreement tables', () => {
    run(
      "INSERT INTO organisation (name, name_key, kind, created_at, updated_at) VALUES ('Kvar', 'kvar', 'annan', ?, ?)",
      NOW,
      NOW,
    );
    migrate(t.db, migrations.slice(0, 2));
    expect(schemaVersion(t.db)).toBe(2);
    expect(t.db.prepare('SELECT name FROM organisation').pluck().all()).toEqual(['Kvar']);
    const tables = schemaNames(t.db, 'table');
    for (const table of [
      'agreement',
      'agreement_version',
      'agreement_party',
      'agreement_section',
      'agreement_priority',
      'agreement_priority_responsible',
      'agreement_signing',
    ]) {
      expect(tables).toContain(table);
    }
    // every content table has a lock trigger for signed and for under-signing, per operation
    const triggers = schemaNames(t.db, 'trigger');
    for (const table of [
      'agreement_party',
      'agreement_section',
      'agreement_priority',
      'agreement_priority_responsible',
    ]) {
      for (const op of ['insert', 'update', 'delete']) {
        expect(triggers).toContain(`${table}_${op}_signed`);
        expect(triggers).toContain(`${table}_${op}_under_signing`);
      }
    }
    expect(t.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  describe('rules', () => {
    beforeEach(() => migrate(t.db, migrations.slice(0, 2)));

    it('takes a version through draft → under signing → signed in the order the triggers allow', () => {
      const { v, party } = seed();
      sign(v, party);
      expect(t.db.prepare('SELECT status FROM agreement_version WHERE id = ?').pluck().get(v)).toBe('signed');
    });

    it('refuses a period that does not end after it starts, a body that is not rich-text JSON, a hash on an unsigned version', () => {
      const { version, v } = seed();
      expect(() => version('2017-01-01', '2017-01-01')).toThrow(/CHECK constraint failed/);
      expect(() =>
        run(
          "INSERT INTO agreement_section (version_id, key, position, heading, body) VALUES (?, 'k2', 2, 'X', '<p>html</p>')",
          v,
        ),
      ).toThrow(/CHECK constraint failed/);
      expect(() =>
        t.db.prepare('UPDATE agreement_version SET content_hash = ? WHERE id = ?').run('a'.repeat(64), v),
      ).toThrow(/CHECK constraint failed/);
    });

    it('refuses a party without a signatory and a signing for a party of another version', () => {
      const { org, version, v, party } = seed();
      expect(() =>
        run(
          "INSERT INTO agreement_party (version_id, position, organisation_id, organisation_name, signatory_name) VALUES (?, 2, ?, 'X', 'Y')",
          v,
          org,
        ),
      ).toThrow(/NOT NULL/);
      const other = version('2019-01-01', '2020-12-31');
      t.db
        .prepare("UPDATE agreement_version SET status = 'under_signing', sent_for_signing_at = ? WHERE id = ?")
        .run(NOW, v);
      expect(() =>
        t.db
          .prepare("UPDATE agreement_version SET status = 'under_signing', sent_for_signing_at = ? WHERE id = ?")
          .run(NOW, other),
      ).toThrow('agreement_version_no_parties');
      expect(() =>
        run(
          "INSERT INTO agreement_signing (version_id, party_id, name, organisation, signed_on, place, recorded_at) VALUES (?, ?, 'N', 'O', '2016-12-20', 'S', ?)",
          other,
          party,
          NOW,
        ),
      ).toThrow(/agreement_version_not_under_signing|FOREIGN KEY/);
    });

    it('refuses a second signed version over an overlapping period, allows overlapping drafts', () => {
      const { org, person, version, v, party } = seed();
      sign(v, party);
      const overlapping = version('2018-06-01', '2019-12-31');
      const p2 = run(
        "INSERT INTO agreement_party (version_id, position, organisation_id, organisation_name, signatory_id, signatory_name) VALUES (?, 1, ?, 'K', ?, 'C')",
        overlapping,
        org,
        person,
      );
      expect(() => sign(overlapping, p2, 'b'.repeat(64))).toThrow('agreement_version_overlap');
      const next = version('2019-01-01', '2020-12-31');
      const p3 = run(
        "INSERT INTO agreement_party (version_id, position, organisation_id, organisation_name, signatory_id, signatory_name) VALUES (?, 1, ?, 'K', ?, 'C')",
        next,
        org,
        person,
      );
      t.db
        .prepare("UPDATE agreement_version SET status = 'draft', sent_for_signing_at = NULL WHERE id = ?")
        .run(overlapping);
      sign(next, p3, 'c'.repeat(64));
    });

    it('clears recorded signings when a version goes back to draft', () => {
      const { v, party } = seed();
      t.db
        .prepare("UPDATE agreement_version SET status = 'under_signing', sent_for_signing_at = ? WHERE id = ?")
        .run(NOW, v);
      run(
        "INSERT INTO agreement_signing (version_id, party_id, name, organisation, signed_on, place, recorded_at) VALUES (?, ?, 'N', 'O', '2016-12-20', 'S', ?)",
        v,
        party,
        NOW,
      );
      t.db.prepare("UPDATE agreement_version SET status = 'draft', sent_for_signing_at = NULL WHERE id = ?").run(v);
      expect(t.db.prepare('SELECT count(*) FROM agreement_signing').pluck().get()).toBe(0);
    });

    it('refuses a predecessor from another agreement', () => {
      const { v } = seed();
      const other = run("INSERT INTO agreement (name, created_at, updated_at) VALUES ('Annat', ?, ?)", NOW, NOW);
      expect(() =>
        run(
          "INSERT INTO agreement_version (agreement_id, predecessor_id, title, valid_from, valid_to, created_at, updated_at) VALUES (?, ?, 'X', '2019-01-01', '2019-12-31', ?, ?)",
          other,
          v,
          NOW,
          NOW,
        ),
      ).toThrow('agreement_predecessor_other_agreement');
    });
  });
});
