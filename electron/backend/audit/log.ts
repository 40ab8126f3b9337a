import crypto from 'node:crypto';
import type { Ctx } from '../context';
import type { Db } from '../db/open';
import type { AuditEntry } from '../../../shared/contract/common';
import { currentActorName } from '../session/actor';

export interface Change {
  action: string;
  entity: string;
  entityId: number | string;
  before?: unknown;
  after?: unknown;
}

const GENESIS = '0'.repeat(64);

/** A row of `audit_event`, as stored. */
export interface AuditRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: string;
  before: string | null;
  after: string | null;
  prev_hash: string;
  hash: string;
}

function hashOf(prevHash: string, row: Omit<AuditRow, 'id' | 'prev_hash' | 'hash'>): string {
  const canonical = JSON.stringify([
    prevHash,
    row.at,
    row.actor,
    row.action,
    row.entity,
    row.entity_id,
    row.before,
    row.after,
  ]);
  return crypto.createHash('sha256').update(canonical).digest('hex');
}

/**
 * The one way to change data: runs `work` in a transaction and appends an audit event
 * for every change it reports, chained to the previous event by hash. If `work` throws,
 * neither the data nor the log changes.
 */
export function write<T>(ctx: Ctx, work: (record: (change: Change) => void) => T): T {
  const changes: Change[] = [];
  const run = ctx.db.transaction(() => {
    // who acts is settled before the work: a person renaming themselves did it under the old name
    const actor = currentActorName(ctx);
    const result = work((change) => changes.push(change));
    appendEvents(ctx, changes, actor);
    return result;
  });
  const result = run.immediate();
  const changed = new Map<string, Set<string>>();
  for (const c of changes) changed.set(c.entity, (changed.get(c.entity) ?? new Set()).add(String(c.entityId)));
  for (const [entity, ids] of changed) ctx.emit('data.changed', { entity, ids: [...ids] });
  return result;
}

function appendEvents(ctx: Ctx, changes: Change[], actor: string): void {
  if (changes.length === 0) return;
  const last = ctx.db.prepare('SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1').get() as
    { hash: string } | undefined;
  let prev = last?.hash ?? GENESIS;
  const at = ctx.clock.now().toISOString();
  const insert = ctx.db.prepare(
    `INSERT INTO audit_event (at, actor, action, entity, entity_id, before, after, prev_hash, hash)
     VALUES (@at, @actor, @action, @entity, @entity_id, @before, @after, @prev_hash, @hash)`,
  );
  for (const change of changes) {
    const row = {
      at,
      actor,
      action: change.action,
      entity: change.entity,
      entity_id: String(change.entityId),
      before: change.before === undefined ? null : JSON.stringify(change.before),
      after: change.after === undefined ? null : JSON.stringify(change.after),
    };
    const hash = hashOf(prev, row);
    insert.run({ ...row, prev_hash: prev, hash });
    prev = hash;
  }
}

export interface ChainReport {
  ok: boolean;
  events: number;
  /** id of the first event whose hash or link does not hold */
  brokenAt: number | null;
}

export function verifyChain(db: Db): ChainReport {
  let prev = GENESIS;
  let events = 0;
  for (const row of db.prepare('SELECT * FROM audit_event ORDER BY id').iterate() as IterableIterator<AuditRow>) {
    events++;
    if (row.prev_hash !== prev || hashOf(prev, row) !== row.hash) return { ok: false, events, brokenAt: row.id };
    prev = row.hash;
  }
  return { ok: true, events, brokenAt: null };
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    at: row.at,
    actor: row.actor,
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    before: row.before === null ? null : JSON.parse(row.before),
    after: row.after === null ? null : JSON.parse(row.after),
  };
}

export function historyFor(db: Db, entity: string, entityId: string): AuditEntry[] {
  return (
    db
      .prepare('SELECT * FROM audit_event WHERE entity = ? AND entity_id = ? ORDER BY id DESC')
      .all(entity, entityId) as AuditRow[]
  ).map(toEntry);
}

export function recentHistory(db: Db, limit: number): AuditEntry[] {
  return (db.prepare('SELECT * FROM audit_event ORDER BY id DESC LIMIT ?').all(limit) as AuditRow[]).map(toEntry);
}
