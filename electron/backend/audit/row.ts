import crypto from 'node:crypto';
import type { Sides, StoredSides } from './states';

/**
 * A row of `audit_event`, as stored. `format` 1: written before the log stored changes (schema
 * ≤ 7); its hash covers `before` and `after` as whole JSON, which the conversion may since have
 * replaced by a delta that gives them back byte for byte. `format` 2: the hash covers the
 * stored columns themselves, delta and all, so checking it needs no reconstruction.
 */
export interface AuditRow extends StoredSides {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: string;
  prev_hash: string;
  hash: string;
  format: 1 | 2;
  /** the time of the last autosave folded into this event (null: a single change) */
  until: string | null;
}

export const GENESIS = '0'.repeat(64);

const sha256 = (text: string) => crypto.createHash('sha256').update(text).digest('hex');

export type HashedFields = Omit<AuditRow, 'id' | 'hash' | 'format'>;

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
