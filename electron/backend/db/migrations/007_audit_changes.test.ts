import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrations } from '.';
import { schemaVersion } from '../open';
import { rawDb, schemaNames, migrateTo } from '../../../../test/support/db';
import { tempDbPath } from '../../../../test/support/backend';
import { startBackend, type Backend } from '../../backend';
import { fixedClock } from '../../context';
import { verifyChain } from '../../audit/chain';
import { convertEarlierEvents } from '../../audit/convert';
import { historyFor, recentHistory } from '../../audit/history';
import { GENESIS, hashV1 } from '../../audit/row';
import { deflateText } from '../../audit/packing';
import { auditEvents, editAuditEvent } from '../../../../test/support/audit-events';

type Db = Database.Database;
const upTo = (db: Db, version: number) => migrateTo(db, version);
/** What the log's before, after and delta texts take, in characters (before they are deflated, schema ≥ 15). */
const logBytes = (db: Db, where = '') =>
  auditEvents(db, where).reduce(
    (sum, e) => sum + (e.before?.length ?? 0) + (e.after?.length ?? 0) + (e.delta?.length ?? 0),
    0,
  );
const storedEvents = (db: Db) =>
  auditEvents(db).map(({ id, at, actor, action, entity, entity_id, hash }) => ({
    id,
    at,
    actor,
    action,
    entity,
    entity_id,
    hash,
  }));
/** Each event's before and after as stored whole before the conversion, by id. */
const wholeSides = (db: Db) =>
  (
    db.prepare('SELECT id, before, after FROM audit_event ORDER BY id').all() as Array<{
      id: number;
      before: string | null;
      after: string | null;
    }>
  ).map((r) => ({
    id: r.id,
    before: r.before === null ? null : JSON.parse(r.before),
    after: r.after === null ? null : JSON.parse(r.after),
  }));
/** The same, from every record's history as the contract gives it. */
const sidesFromHistories = (db: Db) =>
  histories(db)
    .flat()
    .map((e) => ({ id: e.id, before: e.before, after: e.after }))
    .sort((x, y) => x.id - y.id);
/** Every record's history as the contract gives it. */
const histories = (db: Db) =>
  (
    db.prepare('SELECT DISTINCT entity, entity_id FROM audit_event ORDER BY 1, 2').all() as Array<{
      entity: string;
      entity_id: string;
    }>
  ).map((r) => historyFor(db, { entity: r.entity, entityId: r.entity_id, limit: 500, after: null }).items);

/** Events as Samråd wrote them before version 7: whole JSON before and after, format-1 hashes. */
function legacyLog(db: Db) {
  let prev = GENESIS;
  let n = 0;
  const insert = db.prepare(
    'INSERT INTO audit_event (at, actor, action, entity, entity_id, before, after, prev_hash, hash) VALUES (@at, @actor, @action, @entity, @entity_id, @before, @after, @prev_hash, @hash)',
  );
  return (action: string, entity: string, entityId: number, before?: unknown, after?: unknown) => {
    const row = {
      at: new Date(Date.UTC(2019, 0, 1, 9, n++)).toISOString(),
      actor: 'Anna Sekreterare',
      action,
      entity,
      entity_id: String(entityId),
      before: before === undefined ? null : JSON.stringify(before),
      after: after === undefined ? null : JSON.stringify(after),
      prev_hash: prev,
      base_id: null,
      delta: null,
      until: null,
    };
    const hash = hashV1(row, null);
    insert.run({ ...row, hash });
    prev = hash;
  };
}

describe('migration 007_audit_changes: schema', () => {
  let t: ReturnType<typeof rawDb>;
  beforeEach(() => {
    t = rawDb();
    upTo(t.db, 7);
  });
  afterEach(() => t.cleanup());

  it('adds the delta columns, checkpoints and the announced conversion, and keeps the log append-only', () => {
    expect(schemaVersion(t.db)).toBe(7);
    const columns = (t.db.pragma('table_info(audit_event)') as Array<{ name: string }>).map((c) => c.name);
    expect(columns).toEqual(expect.arrayContaining(['format', 'base_id', 'delta', 'until']));
    expect(schemaNames(t.db, 'table')).toEqual(expect.arrayContaining(['audit_checkpoint', 'audit_conversion']));
    expect(schemaNames(t.db, 'trigger')).toEqual(
      expect.arrayContaining([
        'audit_event_no_update',
        'audit_event_no_delete',
        'audit_event_new_format',
        'audit_event_base_same_record',
        'audit_checkpoint_no_update',
        'audit_checkpoint_no_delete',
        'audit_checkpoint_forward',
      ]),
    );
    expect(t.db.prepare('SELECT count(*) FROM audit_conversion WHERE done_at IS NULL').pluck().get()).toBe(1);
    const insert = (format: number, baseId: number | null) =>
      t.db
        .prepare(
          "INSERT INTO audit_event (at, actor, action, entity, entity_id, prev_hash, hash, format, base_id) VALUES ('2019-01-01', 'a', 'create', 'x', '1', ?, ?, ?, ?)",
        )
        .run(GENESIS, String(format).repeat(64), format, baseId);
    expect(() => insert(1, null)).toThrow('audit_event_format');
    insert(2, null);
    expect(() => insert(2, 99)).toThrow('audit_base_not_same_record');
    expect(() => t.db.prepare("UPDATE audit_event SET actor = 'b'").run()).toThrow('audit_log_is_append_only');
    expect(() => t.db.prepare('DELETE FROM audit_event').run()).toThrow('audit_log_is_append_only');
  });
});

describe('migration 007_audit_changes: converting a log with history', () => {
  let t: ReturnType<typeof rawDb>;
  beforeEach(() => {
    t = rawDb();
    upTo(t.db, 6);
  });
  afterEach(() => t.cleanup());

  it('stores updates as deltas that give back every event byte for byte, so the old chain still verifies', () => {
    const log = legacyLog(t.db);
    let paragraph = {
      id: 7,
      number: 3,
      title: 'Lägesbild',
      background:
        'Polisen redovisar lägesbilden för Ronna och Hovsjö: bostadsinbrotten har minskat under hösten, medan anlagda bränder i containrar har ökat kring skolorna.',
      decision: null as string | null,
      recusals: [] as unknown[],
    };
    log('create', 'paragraph', 7, undefined, paragraph);
    log('create', 'organisation', 1, undefined, { id: 1, name: 'Södertälje kommun' });
    for (let i = 0; i < 30; i++) {
      const before = paragraph;
      paragraph = {
        ...paragraph,
        background: `${paragraph.background} Mening ${i}.`,
        decision: i % 3 === 0 ? `Samrådet beslutar att ${'följa upp '.repeat(10)}(${i}).` : paragraph.decision,
        number: i === 10 ? 4 : paragraph.number,
      };
      // a renumbering between two saves: the next update's before is not the last after
      if (i === 20) paragraph = { ...paragraph, number: 5 };
      log('update', 'paragraph', 7, i === 20 ? { ...before, number: 5 } : before, paragraph);
      if (i % 10 === 0) log('set_recusals', 'paragraph', 7, [], [{ personId: 1 }]);
    }
    log(
      'update',
      'organisation',
      1,
      { id: 1, name: 'Södertälje kommun' },
      { id: 1, name: 'Södertälje kommun', shortName: 'SK' },
    );
    log('delete', 'paragraph', 7, paragraph);
    const storedBefore = storedEvents(t.db);
    const sidesBefore = wholeSides(t.db);
    const bytesBefore = logBytes(t.db);
    expect(verifyChain(t.db).ok).toBe(true);

    // as the app does: every migration first (the log's layout changes again in 015), then the conversion
    migrateTo(t.db, migrations.length);
    const result = convertEarlierEvents(t.db);
    expect(result).toEqual({ events: 37, converted: 32 });
    expect(convertEarlierEvents(t.db)).toBeNull(); // once
    expect(storedEvents(t.db)).toEqual(storedBefore);
    expect(verifyChain(t.db)).toMatchObject({ ok: true, verified: 37 });
    expect(sidesFromHistories(t.db)).toEqual(sidesBefore);
    expect(
      recentHistory(t.db, 500)
        .map((e) => ({ id: e.id, before: e.before, after: e.after }))
        .reverse(),
    ).toEqual(sidesBefore);
    expect(logBytes(t.db)).toBeLessThan(bytesBefore / 5);

    // a converted event is still covered by its format-1 hash
    const converted = t.db
      .prepare("SELECT id FROM audit_event WHERE delta_deflated IS NOT NULL AND action = 'update' LIMIT 1 OFFSET 5")
      .pluck()
      .get() as number;
    editAuditEvent(t.db, converted, (row) => ({ ...row, delta: row.delta!.replace('Mening', 'Meninq') }));
    expect(verifyChain(t.db)).toMatchObject({ ok: false, brokenAt: converted });
  });

  it('refuses a second conversion of an event once the conversion is done', () => {
    const log = legacyLog(t.db);
    log('create', 'organisation', 1, undefined, { id: 1, name: 'A' });
    log('update', 'organisation', 1, { id: 1, name: 'A' }, { id: 1, name: 'B' });
    migrateTo(t.db, migrations.length);
    convertEarlierEvents(t.db);
    expect(() => t.db.prepare('UPDATE audit_event SET delta_deflated = ? WHERE id = 1').run(deflateText('{}'))).toThrow(
      'audit_log_is_append_only',
    );
  });
});

describe('migration 007_audit_changes: the schema-4 example database migrated forward', () => {
  let tmp: ReturnType<typeof tempDbPath>;
  let backend: Backend | undefined;
  beforeEach(() => {
    tmp = tempDbPath();
    fs.copyFileSync(path.join(__dirname, '../../../../test/fixtures/schema-4-example.sqlite'), tmp.file);
  });
  afterEach(() => {
    backend?.close();
    tmp.cleanup();
  });

  it('converts its events at start, keeps every hash and history, and the chain verifies', async () => {
    const old = new Database(tmp.file);
    const storedBefore = storedEvents(old);
    const sidesBefore = wholeSides(old);
    expect(verifyChain(old).ok).toBe(true);
    const bytesBefore = logBytes(old);
    old.close();

    backend = await startBackend(tmp.file, { clock: fixedClock('2026-12-01T09:00:00Z'), osUserName: 'arkivarie' });
    const { db } = backend.ctx;
    expect(schemaVersion(db)).toBe(migrations.length);
    expect(db.prepare('SELECT converted FROM audit_conversion').pluck().get()).toBeGreaterThan(40);
    // the events of version 4 are there unchanged; the sealing of earlier acts came after them
    expect(storedEvents(db).slice(0, storedBefore.length)).toEqual(storedBefore);
    expect(sidesFromHistories(db).slice(0, sidesBefore.length)).toEqual(sidesBefore);
    expect(verifyChain(db)).toMatchObject({ ok: true });
    const oldEventBytes = logBytes(db, 'WHERE format = 1');
    // most of this log is creations and acts, stored whole; the first update of each § has no earlier state to build on
    expect(oldEventBytes).toBeLessThan(bytesBefore * 0.85);
  });
});
