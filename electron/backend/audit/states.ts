import type { Db } from '../db/open';
import { applyDelta, deltaOf, isPlainObject, type Delta } from './delta';
import { auditRowOf, type Sides, type StoredSides } from './row';

/**
 * The stored form of one audit event's before and after, and the way back to them.
 *
 * An event whose `before` is a plain object (an update, a removal) is stored as `delta`: `b`
 * the difference from its base's state to `before`, `a` the difference from `before` to `after`
 * (a missing key: that side is absent). The base is an earlier event of the same record
 * (`base_id`; none: the empty state), and an event's state, the one the next event builds on,
 * is its `after`, else its `before`. Every other event (a creation, an act) keeps `before` and
 * `after` whole, as JSON, so readers of acts (the archive) read them as they are. On disk every
 * one of these texts is deflated (audit/packing.ts); `auditRowOf` gives them back.
 */

interface EventDelta {
  b?: Delta;
  a?: Delta;
}

/** A chain of bases never gets longer than this: the next event starts anew from the empty state. */
export const MAX_BASE_DEPTH = 48;

export const stateOf = (sides: Sides): unknown => (sides.after === undefined ? sides.before : sides.after);

export function storesDelta(before: unknown): boolean {
  return isPlainObject(before);
}

/** The stored `delta` of an event with these sides, built on `baseState`. */
export function encodeSides(baseState: unknown, sides: Sides): string {
  const delta: EventDelta = {};
  if (sides.before !== undefined) delta.b = deltaOf(baseState, sides.before);
  if (sides.after !== undefined) delta.a = deltaOf(sides.before === undefined ? baseState : sides.before, sides.after);
  return JSON.stringify(delta);
}

/** An event's before and after; `baseState` is the state of its base event (undefined without one). */
export function decodeSides(row: StoredSides, baseState: unknown): Sides {
  // == null: a database from before version 7 has no delta column at all (check reads those too)
  if (row.delta == null) {
    return {
      before: row.before === null ? undefined : JSON.parse(row.before),
      after: row.after === null ? undefined : JSON.parse(row.after),
    };
  }
  const delta = JSON.parse(row.delta) as EventDelta;
  const before = delta.b === undefined ? undefined : applyDelta(baseState, delta.b);
  const after = delta.a === undefined ? undefined : applyDelta(before === undefined ? baseState : before, delta.a);
  return { before, after };
}

type Row = StoredSides & { id: number };

/**
 * Reads events' states from the database, following their bases; remembers what it read, so
 * one reader serves a whole history. `depth` is how many bases lie below an event.
 */
export function stateReader(db: Db) {
  const byId = db.prepare('SELECT * FROM audit_event WHERE id = ?');
  const known = new Map<number, { sides: Sides; depth: number }>();
  function read(id: number): { sides: Sides; depth: number } {
    const pending: Row[] = [];
    let next: number | null = id;
    while (next !== null && !known.has(next)) {
      const stored = byId.get(next) as Parameters<typeof auditRowOf>[0] | undefined;
      if (!stored) throw new Error(`audit event ${next} is missing`);
      const row = auditRowOf(stored);
      pending.push(row);
      next = row.base_id;
    }
    for (const row of pending.reverse()) {
      const base = row.base_id === null ? undefined : known.get(row.base_id)!;
      known.set(row.id, {
        sides: decodeSides(row, base ? stateOf(base.sides) : undefined),
        depth: base ? base.depth + 1 : 0,
      });
    }
    return known.get(id)!;
  }
  return {
    read,
    /** the event's sides, given its stored row (which may not be in the database yet) */
    sidesOf(row: Row): Sides {
      const cached = known.get(row.id);
      if (cached) return cached.sides;
      const base = row.base_id === null ? undefined : read(row.base_id);
      const sides = decodeSides(row, base ? stateOf(base.sides) : undefined);
      known.set(row.id, { sides, depth: base ? base.depth + 1 : 0 });
      return sides;
    },
    forget(id: number) {
      known.delete(id);
    },
  };
}
export type StateReader = ReturnType<typeof stateReader>;
