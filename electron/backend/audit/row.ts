import crypto from 'node:crypto';
import type { Db } from '../db/open';
import { inflateText } from './packing';

/** An event's before and after, as read (see audit/states.ts for how they are stored). */
export interface StoredSides {
  before: string | null;
  after: string | null;
  base_id: number | null;
  delta: string | null;
}

export interface Sides {
  before: unknown;
  after: unknown;
}

/**
 * A row of `audit_event`, as read (texts inflated, the hash in hex). `format` 1: written before
 * the log stored changes (schema ≤ 7); its hash covers `before` and `after` as whole JSON, which
 * the conversion may since have replaced by a delta that gives them back byte for byte. `format`
 * 2: the hash covers the columns themselves, delta and all, so checking it needs no
 * reconstruction. Either hash also covers the previous event's hash: that is the chain's link.
 */
export interface AuditRow extends StoredSides {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: string;
  hash: string;
  format: 1 | 2;
  /** the time of the last autosave folded into this event (null: a single change) */
  until: string | null;
}

/**
 * The row as stored since schema 15: the JSON texts deflated (audit/packing.ts), the hash as its
 * 32 bytes. No `prev_hash`: the link is the previous row's hash, which every hash covers.
 */
export interface StoredAuditRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: string;
  format: 1 | 2;
  base_id: number | null;
  before_deflated: Uint8Array | null;
  after_deflated: Uint8Array | null;
  delta_deflated: Uint8Array | null;
  until: string | null;
  hash: Uint8Array;
}

/**
 * The row as stored before schema 15 (whole texts, hex hashes and a `prev_hash` column; before
 * schema 7 no `format`, `base_id`, `delta` or `until` either): `samrad check` reads such files
 * without migrating them.
 */
interface EarlierAuditRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: string;
  before: string | null;
  after: string | null;
  hash: string;
  format?: 1 | 2;
  base_id?: number | null;
  delta?: string | null;
  until?: string | null;
}

export const GENESIS = '0'.repeat(64);

export const hashHex = (hash: Uint8Array | string): string =>
  typeof hash === 'string' ? hash : Buffer.from(hash).toString('hex');

export const hashBytes = (hex: string): Buffer => Buffer.from(hex, 'hex');

export function auditRowOf(row: StoredAuditRow | EarlierAuditRow): AuditRow {
  const common = { id: row.id, at: row.at, actor: row.actor, action: row.action, entity: row.entity };
  if ('before_deflated' in row)
    return {
      ...common,
      entity_id: row.entity_id,
      format: row.format,
      base_id: row.base_id,
      before: inflateText(row.before_deflated),
      after: inflateText(row.after_deflated),
      delta: inflateText(row.delta_deflated),
      until: row.until,
      hash: hashHex(row.hash),
    };
  return {
    ...common,
    entity_id: row.entity_id,
    format: row.format ?? 1,
    base_id: row.base_id ?? null,
    before: row.before,
    after: row.after,
    delta: row.delta ?? null,
    until: row.until ?? null,
    hash: row.hash,
  };
}

const hashOrNull = (hash: unknown) => (hash === undefined ? null : hashHex(hash as Uint8Array | string));

/** The newest event's hash (hex), or null for an empty log. */
export const newestHash = (db: Db): string | null =>
  hashOrNull(db.prepare('SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1').pluck().get());

/** The hash an event is chained from: the one of the event before it (GENESIS for the first). */
export const hashBefore = (db: Db, id: number): string =>
  hashOrNull(db.prepare('SELECT hash FROM audit_event WHERE id < ? ORDER BY id DESC LIMIT 1').pluck().get(id)) ??
  GENESIS;

/** An event's own hash (hex), or null when there is no such event. */
export const hashOf = (db: Db, id: number): string | null =>
  hashOrNull(db.prepare('SELECT hash FROM audit_event WHERE id = ?').pluck().get(id));

const sha256 = (text: string) => crypto.createHash('sha256').update(text).digest('hex');

/** What an event's hash covers: its fields and the hash of the event before it. */
export type HashedFields = Omit<AuditRow, 'id' | 'hash' | 'format'> & { prev_hash: string };

export function hashV2(row: HashedFields): string {
  return sha256(
    JSON.stringify([
      2,
      row.prev_hash,
      row.at,
      row.actor,
      row.action,
      row.entity,
      row.entity_id,
      row.before,
      row.after,
      row.base_id,
      row.delta,
      row.until,
    ]),
  );
}

/** The format-1 hash, over `before` and `after` as whole JSON (`sides` when the row holds a delta). */
export function hashV1(row: HashedFields, sides: Sides | null): string {
  const whole = (value: unknown) => (value === undefined ? null : JSON.stringify(value));
  return sha256(
    JSON.stringify([
      row.prev_hash,
      row.at,
      row.actor,
      row.action,
      row.entity,
      row.entity_id,
      sides ? whole(sides.before) : row.before,
      sides ? whole(sides.after) : row.after,
    ]),
  );
}
