import type { Ctx } from '../context';
import type { Db } from '../db/open';
import type { AuditAction, AuditEntity } from './actions';
import { currentActorName } from '../session/actor';
import { changedFields, isPlainObject } from './delta';
import { deflateText } from './packing';
import {
  auditRowOf,
  GENESIS,
  hashBefore,
  hashBytes,
  hashV2,
  newestHash,
  type HashedFields,
  type Sides,
  type StoredAuditRow,
} from './row';
import { encodeSides, MAX_BASE_DEPTH, stateOf, stateReader, storesDelta, type StateReader } from './states';

export interface Change {
  action: AuditAction;
  entity: AuditEntity;
  entityId: number | string;
  before?: unknown;
  after?: unknown;
}

/**
 * Autosaves of the same fields of the same record by the same actor through the same
 * connection, each within this long of the previous one, become one event: from the state
 * before the first to the state after the last.
 */
export const COALESCE_WINDOW_MS = 60_000;

/** The event a connection may still extend, while it is the newest of the log. */
interface OpenEvent {
  id: number;
  key: string;
  fields: string;
  lastMs: number;
}
const openEvents = new WeakMap<Db, OpenEvent>();

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
  try {
    const result = run.immediate();
    const changed = new Map<string, Set<string>>();
    for (const c of changes) changed.set(c.entity, (changed.get(c.entity) ?? new Set()).add(String(c.entityId)));
    for (const [entity, ids] of changed) ctx.emit('data.changed', { entity, ids: [...ids] });
    return result;
  } catch (error) {
    // the transaction rolled back: an event this connection thought open may be gone
    openEvents.delete(ctx.db);
    throw error;
  }
}

/** Only what JSON keeps: the log stores JSON, and what it gives back must equal what it hashed. */
const asJson = (value: unknown): unknown => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));

function appendEvents(ctx: Ctx, changes: Change[], actor: string): void {
  if (changes.length === 0) return;
  const db = ctx.db;
  const now = ctx.clock.now();
  const at = now.toISOString();
  const reader = stateReader(db);
  if (changes.length === 1 && extendOpenEvent(db, reader, changes[0], actor, now)) return;
  openEvents.delete(db);
  let prev = newestHash(db) ?? GENESIS;
  const insert = db.prepare(
    `INSERT INTO audit_event (at, actor, action, entity, entity_id, before_deflated, after_deflated, base_id, delta_deflated, until, hash, format)
     VALUES (@at, @actor, @action, @entity, @entity_id, @before, @after, @base_id, @delta, @until, @hash, 2)`,
  );
  let last: { id: number; change: Change; sides: Sides } | null = null;
  for (const change of changes) {
    const sides = { before: asJson(change.before), after: asJson(change.after) };
    const fields: HashedFields = {
      at,
      actor,
      action: change.action,
      entity: change.entity,
      entity_id: String(change.entityId),
      ...storedSides(db, reader, change.entity, String(change.entityId), sides),
      until: null,
      prev_hash: prev,
    };
    const hash = hashV2(fields);
    const id = Number(
      insert.run({
        at,
        actor,
        action: fields.action,
        entity: fields.entity,
        entity_id: fields.entity_id,
        before: deflateText(fields.before),
        after: deflateText(fields.after),
        base_id: fields.base_id,
        delta: deflateText(fields.delta),
        until: null,
        hash: hashBytes(hash),
      }).lastInsertRowid,
    );
    prev = hash;
    last = { id, change, sides };
  }
  if (changes.length === 1 && last) {
    const open = openable(last.change, actor, last.sides);
    if (open) openEvents.set(db, { id: last.id, ...open, lastMs: now.getTime() });
  }
}

/** How an event's sides are stored: whole, or as a delta from the newest earlier state of the same object. */
function storedSides(
  db: Db,
  reader: StateReader,
  entity: string,
  entityId: string,
  sides: Sides,
): Pick<HashedFields, 'before' | 'after' | 'base_id' | 'delta'> {
  const whole = (v: unknown) => (v === undefined ? null : JSON.stringify(v));
  if (!storesDelta(sides.before))
    return { before: whole(sides.before), after: whole(sides.after), base_id: null, delta: null };
  const base = baseFor(db, reader, entity, entityId, sides.before);
  return { before: null, after: null, base_id: base?.id ?? null, delta: encodeSides(base?.state, sides) };
}

/** Same object: the same `id` field, or neither has one. */
const objectIdOf = (value: unknown) => (isPlainObject(value) ? JSON.stringify(value.id ?? null) : null);

const recentOfRecord = (db: Db) =>
  db.prepare('SELECT id FROM audit_event WHERE entity = ? AND entity_id = ? ORDER BY id DESC LIMIT 8').pluck();

function baseFor(
  db: Db,
  reader: StateReader,
  entity: string,
  entityId: string,
  before: unknown,
): { id: number; state: unknown } | null {
  const wanted = objectIdOf(before);
  for (const id of recentOfRecord(db).all(entity, entityId) as number[]) {
    const { sides, depth } = reader.read(id);
    const state = stateOf(sides);
    if (objectIdOf(state) !== wanted) continue;
    return depth < MAX_BASE_DEPTH ? { id, state } : null;
  }
  return null;
}

function openable(change: Change, actor: string, sides: Sides): { key: string; fields: string } | null {
  if (!isPlainObject(sides.before) || !isPlainObject(sides.after)) return null;
  return {
    key: JSON.stringify([actor, change.action, change.entity, String(change.entityId)]),
    fields: JSON.stringify(changedFields(sides.before, sides.after).map((f) => f.field)),
  };
}

/**
 * Folds an autosave into the event this connection opened for the same fields of the same
 * record, when that event is still the newest, not yet behind a checkpoint, within the window,
 * and the record has not changed in between. The log's triggers allow exactly this amendment.
 */
function extendOpenEvent(db: Db, reader: StateReader, change: Change, actor: string, now: Date): boolean {
  const open = openEvents.get(db);
  if (!open || now.getTime() - open.lastMs > COALESCE_WINDOW_MS || now.getTime() < open.lastMs) return false;
  const sides = { before: asJson(change.before), after: asJson(change.after) };
  const wanted = openable(change, actor, sides);
  if (!wanted || wanted.key !== open.key || wanted.fields !== open.fields) return false;
  const stored = db.prepare('SELECT * FROM audit_event ORDER BY id DESC LIMIT 1').get() as StoredAuditRow | undefined;
  const head = stored && auditRowOf(stored);
  const checkpointed = db
    .prepare('SELECT coalesce(max(last_event_id), 0) FROM audit_checkpoint')
    .pluck()
    .get() as number;
  if (!head || head.id !== open.id || head.format !== 2 || head.id <= checkpointed) return false;
  const first = reader.sidesOf(head);
  if (JSON.stringify(first.after) !== JSON.stringify(sides.before)) return false;
  const baseState = head.base_id === null ? undefined : stateOf(reader.read(head.base_id).sides);
  const fields: HashedFields = {
    ...head,
    delta: encodeSides(baseState, { before: first.before, after: sides.after }),
    until: now.toISOString(),
    prev_hash: hashBefore(db, head.id),
  };
  db.prepare('UPDATE audit_event SET delta_deflated = @delta, until = @until, hash = @hash WHERE id = @id').run({
    id: head.id,
    delta: deflateText(fields.delta),
    until: fields.until,
    hash: hashBytes(hashV2(fields)),
  });
  open.lastMs = now.getTime();
  return true;
}
