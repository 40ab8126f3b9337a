import type { ErrorBody } from '../../../shared/errors';
import type { Db } from './open';

/**
 * Which connections SQLite has reported as damaged (corrupt, or not a database at all). Once a
 * connection is marked, nothing writes through it again — the dispatcher refuses every method
 * but the recovery ones, and the connection itself is switched to query_only — so a damaged
 * file is never made worse before it is restored from a backup.
 */
export interface Damage {
  code: 'DATABASE_CORRUPT' | 'NOT_A_DATABASE';
  message: string;
  /** where it was noticed: opening the file, an ordinary call, or the background integrity check */
  noticed: 'open' | 'call' | 'integrity_check';
  /** SQLite's own words, for the log and the recovery screen */
  detail: string;
}

const damaged = new WeakMap<Db, Damage>();

export function markDamaged(db: Db, damage: Damage): void {
  if (!damaged.has(db))
    console.error(`[samrad] the database is damaged (${damage.noticed}): ${damage.detail}. No further writes.`);
  damaged.set(db, damage);
  try {
    if (db.open) db.pragma('query_only = ON');
  } catch {
    // a file too damaged for even this pragma: the dispatcher's refusal still stands
  }
}

export function damageOf(db: Db): Damage | null {
  return damaged.get(db) ?? null;
}

export function damageError(damage: Damage): ErrorBody {
  return { code: damage.code, message: damage.message, params: { noticed: damage.noticed } };
}

export type IntegrityState = 'pending' | 'running' | 'ok' | 'failed' | 'skipped';
const integrity = new WeakMap<Db, IntegrityState>();

/** Where the background integrity check of this connection's file stands. */
export function integrityOf(db: Db): IntegrityState {
  return integrity.get(db) ?? 'pending';
}

export function setIntegrity(db: Db, state: IntegrityState): void {
  integrity.set(db, state);
}

/**
 * A stand-in connection for a database that could not be opened at all because it is damaged:
 * an empty in-memory database, marked damaged, so the backend still starts and the dispatcher
 * answers the recovery methods (every other method is refused with the damage).
 */
export function damagedPlaceholder(damage: Damage, open: () => Db): Db {
  const db = open();
  markDamaged(db, damage);
  return db;
}
