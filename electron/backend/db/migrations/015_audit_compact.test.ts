import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LATEST_VERSION, migrations } from '.';
import { migrate, openDatabase, schemaVersion } from '../open';
import { migrateTo } from '../../../../test/support/db';
import { tempDbPath, testBackend, type TestBackend } from '../../../../test/support/backend';
import { chefssamrad } from '../../../../test/support/meetings';
import { auditEvents, editAuditEvent } from '../../../../test/support/audit-events';
import { fullPassAndCheckpoint, verifyChain, verifyChainIncrementally } from '../../audit/chain';
import { historyFor } from '../../audit/history';
import { deflateText } from '../../audit/packing';
import { GENESIS, type AuditRow } from '../../audit/row';
import { fixedClock } from '../../context';
import { editorFields } from '../../../../bench/generate';

type Db = Database.Database;
const VERSION = 15;

/**
 * A log as Samråd wrote it through the contract: creations, acts, § edits stored as deltas,
 * autosaves coalesced into one event, a removal. Read back decoded, it is what schema 14 stored.
 */
async function writtenLog(b: TestBackend): Promise<AuditRow[]> {
  const f = await chefssamrad(b);
  const meetingId = (await f.meeting('2017-03-14')).id;
  await b.call('protocol.create', { meetingId });
  const background =
    'Polisen redovisar lägesbilden för Ronna och Hovsjö: bostadsinbrotten har minskat under hösten, medan anlagda bränder i containrar har ökat kring skolorna.';
  let p = await b.call('protocol.addParagraph', {
    meetingId,
    fields: { kind: 'decision', title: 'Lägesbild', background },
  });
  for (let i = 0; i < 6; i++) {
    // two autosaves seconds apart (one event), then a pause (a new one)
    b.clock.set(new Date(b.clock.now().getTime() + (i % 2 === 0 ? 5 * 60_000 : 10_000)).toISOString());
    p = await b.call('protocol.updateParagraph', {
      id: p.id,
      fields: { ...editorFields(p), background: `${p.background} Mening ${i}.`, decision: `Samrådet beslutar (${i}).` },
    });
  }
  const removed = await b.call('protocol.addParagraph', {
    meetingId,
    fields: { kind: 'information', title: 'Övrigt' },
  });
  await b.call('protocol.removeParagraph', { id: removed.id });
  return auditEvents(b.ctx.db);
}

/** A fresh file at schema 14 holding these events exactly as schema 14 stored them. */
function atSchema14(file: string, events: AuditRow[]): void {
  const db = new Database(file);
  migrateTo(db, VERSION - 1);
  const insert = db.prepare(
    `INSERT INTO audit_event (id, at, actor, action, entity, entity_id, before, after, base_id, delta, until, prev_hash, hash, format)
     VALUES (@id, @at, @actor, @action, @entity, @entity_id, @before, @after, @base_id, @delta, @until, @prev_hash, @hash, @format)`,
  );
  let prev = GENESIS;
  for (const e of events) {
    insert.run({ ...e, prev_hash: prev });
    prev = e.hash;
  }
  db.close();
}

/** Every record's history as the contract gives it, states and all. */
const histories = (db: Db) =>
  (
    db.prepare('SELECT DISTINCT entity, entity_id FROM audit_event ORDER BY 1, 2').all() as Array<{
      entity: string;
      entity_id: string;
    }>
  ).map((r) => historyFor(db, { entity: r.entity, entityId: r.entity_id, limit: 500, after: null }).items);

const tableBytes = (db: Db) =>
  db
    .prepare(
      "SELECT sum(pgsize) FROM dbstat WHERE name IN ('audit_event', 'audit_event_record') OR name LIKE 'sqlite_autoindex_audit_event%'",
    )
    .pluck()
    .get() as number;

describe('migration 015_audit_compact', () => {
  let b: TestBackend;
  let tmp: ReturnType<typeof tempDbPath>;
  let events: AuditRow[];
  beforeEach(async () => {
    b = await testBackend();
    events = await writtenLog(b);
    tmp = tempDbPath();
    atSchema14(tmp.file, events);
  });
  afterEach(() => {
    b.cleanup();
    tmp.cleanup();
  });

  it('keeps every event, its hash and every state it gives back, in less space', async () => {
    expect(events.length).toBeGreaterThan(20);
    expect(events.some((e) => e.until !== null)).toBe(true); // a coalesced autosave
    expect(events.some((e) => e.delta !== null && e.base_id !== null)).toBe(true); // a delta on a base
    const old = new Database(tmp.file);
    expect(schemaVersion(old)).toBe(VERSION - 1);
    expect(verifyChain(old)).toMatchObject({ ok: true, verified: events.length });
    const historiesBefore = histories(old);
    const bytesBefore = tableBytes(old);
    old.close();

    const db = await openDatabase(tmp.file);
    try {
      // the app migrates through 015 to the newest schema
      expect(schemaVersion(db)).toBe(LATEST_VERSION);
      const columns = (db.pragma('table_info(audit_event)') as Array<{ name: string; type: string }>).map(
        (c) => `${c.name} ${c.type}`,
      );
      expect(columns).toEqual(expect.arrayContaining(['before_deflated BLOB', 'delta_deflated BLOB', 'hash BLOB']));
      expect(columns.some((c) => c.startsWith('prev_hash '))).toBe(false);
      expect(auditEvents(db)).toEqual(events);
      expect(verifyChain(db)).toMatchObject({ ok: true, verified: events.length });
      expect(histories(db)).toEqual(historiesBefore);
      expect(historiesBefore.flat().length).toBe(events.length);
      expect(tableBytes(db)).toBeLessThan(bytesBefore);
      // stored: no JSON text, no hex
      const stored = db
        .prepare('SELECT before_deflated, after_deflated, delta_deflated, hash FROM audit_event')
        .all() as Array<Record<string, Buffer | null>>;
      expect(stored.every((r) => r.hash!.length === 32)).toBe(true);
      expect(stored.some((r) => r.after_deflated?.includes('Camilla Broo'))).toBe(false);
    } finally {
      db.close();
    }
  });

  it('a row tampered with before the migration is still found after it, and so is one tampered with after', async () => {
    const old = new Database(tmp.file);
    const victim = events.find((e) => e.action === 'create' && e.after?.includes('Peter Nylind'))!;
    // the old layout, lifted around its guards: the text changed, the hash left stale
    const triggers = old
      .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'audit_event'")
      .all() as Array<{ name: string; sql: string }>;
    for (const { name } of triggers) old.exec(`DROP TRIGGER ${name}`);
    old.prepare("UPDATE audit_event SET after = replace(after, 'Nylind', 'Nylund') WHERE id = ?").run(victim.id);
    for (const { sql } of triggers) old.exec(sql);
    expect(verifyChain(old)).toMatchObject({ ok: false, brokenAt: victim.id });
    old.close();

    const db = await openDatabase(tmp.file);
    try {
      expect(verifyChain(db)).toMatchObject({ ok: false, brokenAt: victim.id });
    } finally {
      db.close();
    }
  });

  it('a row tampered with after the migration is found, and a checkpoint written before it still holds', async () => {
    const old = new Database(tmp.file);
    expect(await fullPassAndCheckpoint(old, fixedClock('2017-04-01T09:00:00Z'))).toEqual({ ok: true, brokenAt: null });
    old.close();
    const db = await openDatabase(tmp.file);
    try {
      expect(verifyChainIncrementally(db)).toEqual({
        ok: true,
        events: events.length,
        verified: 0,
        checkpoint: events.at(-1)!.id,
        brokenAt: null,
      });
      const victim = events.find((e) => e.delta !== null)!;
      editAuditEvent(db, victim.id, (row) => ({ ...row, delta: row.delta!.replace('Mening', 'Meninq') }));
      expect(verifyChain(db)).toMatchObject({ ok: false, brokenAt: victim.id });
    } finally {
      db.close();
    }
  });

  it('keeps the log append-only, allowing only the newest event its autosave', async () => {
    const db = await openDatabase(tmp.file);
    try {
      const head = events.at(-1)!.id;
      const update =
        (sql: string, ...params: unknown[]) =>
        () =>
          db.prepare(sql).run(...params);
      expect(update("UPDATE audit_event SET actor = 'mallory' WHERE id = 1")).toThrow('audit_log_is_append_only');
      expect(update('UPDATE audit_event SET hash = ? WHERE id = 1', Buffer.alloc(32))).toThrow(
        'audit_log_is_append_only',
      );
      expect(update('DELETE FROM audit_event WHERE id = ?', head)).toThrow('audit_log_is_append_only');
      const amend = 'UPDATE audit_event SET delta_deflated = ?, until = at WHERE id = ?';
      expect(update(amend, deflateText('{}'), head - 1)).toThrow('audit_log_is_append_only');
      expect(update(amend, deflateText('{}'), head)).not.toThrow();
      expect(() =>
        db
          .prepare(
            "INSERT INTO audit_event (at, actor, action, entity, entity_id, format, hash) VALUES ('2017-05-01', 'a', 'create', 'x', '1', 2, ?)",
          )
          .run(Buffer.alloc(31)),
      ).toThrow(/CHECK/);
    } finally {
      db.close();
    }
  });

  it('runs inside the migrations’ one transaction: a failing later step leaves schema 14 and its log as they were', async () => {
    const db = new Database(tmp.file);
    const next = migrations.length + 1;
    const failing = [
      ...migrations,
      { version: next, name: `${String(next).padStart(3, '0')}_broken`, up: 'SELECT * FROM nowhere;' },
    ];
    expect(() => migrate(db, failing)).toThrow(/nowhere/);
    expect(schemaVersion(db)).toBe(VERSION - 1);
    expect(auditEvents(db)).toEqual(events);
    db.close();
  });
});
