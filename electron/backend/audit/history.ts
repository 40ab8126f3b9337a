import type { Db } from '../db/open';
import type { AuditEntry } from '../../../shared/contract/common';
import { changedFields } from './delta';
import { describeEvent } from './describe';
import type { AuditRow } from './row';
import { stateReader, type StateReader } from './states';

const orNull = (value: unknown) => (value === undefined ? null : value);

function toEntry(row: AuditRow, reader: StateReader): AuditEntry {
  const { before, after } = reader.sidesOf(row);
  const event = {
    actor: row.actor,
    action: row.action,
    entity: row.entity,
    before: orNull(before),
    after: orNull(after),
    changes: changedFields(before, after),
  };
  return {
    id: row.id,
    at: row.at,
    until: row.until,
    entityId: row.entity_id,
    ...event,
    description: describeEvent(event),
  };
}

/** A record's events, newest first, each with its whole before and after as they were. */
export function historyFor(db: Db, entity: string, entityId: string): AuditEntry[] {
  const reader = stateReader(db);
  const rows = db
    .prepare('SELECT * FROM audit_event WHERE entity = ? AND entity_id = ? ORDER BY id')
    .all(entity, entityId) as AuditRow[];
  // oldest first, so each base is read before the events built on it
  return rows.map((row) => toEntry(row, reader)).reverse();
}

export function recentHistory(db: Db, limit: number): AuditEntry[] {
  const reader = stateReader(db);
  return (db.prepare('SELECT * FROM audit_event ORDER BY id DESC LIMIT ?').all(limit) as AuditRow[]).map((row) =>
    toEntry(row, reader),
  );
}
