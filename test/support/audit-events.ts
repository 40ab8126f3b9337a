import type Database from 'better-sqlite3';
import { deflateText } from '../../electron/backend/audit/packing';
import { auditRowOf, hashBytes, type AuditRow, type StoredAuditRow } from '../../electron/backend/audit/row';

type Db = Database.Database;

/** Every audit event as read (texts inflated, hashes in hex), in id order. */
export function auditEvents(db: Db, where = ''): AuditRow[] {
  return (db.prepare(`SELECT * FROM audit_event ${where} ORDER BY id`).all() as StoredAuditRow[]).map(auditRowOf);
}

/** What someone with the file and a SQLite shell could do: lift every guard of the log, change it, put the guards back. */
export function aroundAuditGuards(db: Db, work: () => void): void {
  const triggers = db
    .prepare(
      "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name IN ('audit_event', 'audit_checkpoint')",
    )
    .all() as Array<{ name: string; sql: string }>;
  for (const { name } of triggers) db.exec(`DROP TRIGGER ${name}`);
  try {
    work();
  } finally {
    for (const { sql } of triggers) db.exec(sql);
  }
}

/** Writes an event's fields back as the log stores them (the guards must be lifted first). */
export function rewriteAuditEvent(db: Db, row: AuditRow): void {
  db.prepare(
    `UPDATE audit_event SET at = @at, actor = @actor, action = @action, entity = @entity, entity_id = @entity_id,
       before_deflated = @before, after_deflated = @after, base_id = @base_id, delta_deflated = @delta, until = @until, hash = @hash
     WHERE id = @id`,
  ).run({
    ...row,
    before: deflateText(row.before),
    after: deflateText(row.after),
    delta: deflateText(row.delta),
    hash: hashBytes(row.hash),
  });
}

/** Edits one event behind the guards, leaving its stored hash as it was. */
export function editAuditEvent(db: Db, id: number, change: (row: AuditRow) => AuditRow): void {
  const [row] = auditEvents(db, `WHERE id = ${Number(id)}`);
  aroundAuditGuards(db, () => rewriteAuditEvent(db, change(row)));
}
