import type { Db } from '../db/open';
import { auditRowOf, type AuditRow, type StoredAuditRow } from './row';

/** A record's events of the given actions, oldest first, as read (their JSON inflated). */
export function recordEvents(db: Db, entity: string, entityId: number | string, actions: string[]): AuditRow[] {
  return (
    db
      .prepare(
        `SELECT * FROM audit_event WHERE entity = ? AND entity_id = ? AND action IN (${actions.map(() => '?').join(',')}) ORDER BY id`,
      )
      .all(entity, String(entityId), ...actions) as StoredAuditRow[]
  ).map(auditRowOf);
}
