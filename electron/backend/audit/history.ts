import type { Db } from '../db/open';
import type { Page } from '../../../shared/contract/paging';
import { keysetPage, mapPage } from '../paging';
import type { AuditEntry } from '../../../shared/contract/common';
import { changedFields } from './delta';
import { describeEvent } from './describe';
import { auditRowOf, type AuditRow, type StoredAuditRow } from './row';
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

/** A record's events, newest first, a page at a time, each with its whole before and after as they were. */
export function historyFor(
  db: Db,
  request: { entity: string; entityId: string; action?: string; limit: number; after: Array<string | number> | null },
): Page<AuditEntry> {
  const where = ['entity = @entity', 'entity_id = @entityId'];
  const params: Record<string, unknown> = { entity: request.entity, entityId: request.entityId };
  if (request.action !== undefined) {
    where.push('action = @action');
    params.action = request.action;
  }
  const page = keysetPage<StoredAuditRow>(db, {
    select: '*',
    from: 'audit_event',
    countFrom: 'audit_event',
    where,
    params,
    // the index on (entity, entity_id) holds the rowid last: the record's events in id order, no sort
    key: ['id'],
    direction: 'desc',
    limit: request.limit,
    after: request.after,
  });
  const reader = stateReader(db);
  return mapPage(page, (row) => toEntry(auditRowOf(row), reader));
}

export function recentHistory(db: Db, limit: number): AuditEntry[] {
  const reader = stateReader(db);
  return (db.prepare('SELECT * FROM audit_event ORDER BY id DESC LIMIT ?').all(limit) as StoredAuditRow[]).map((row) =>
    toEntry(auditRowOf(row), reader),
  );
}
