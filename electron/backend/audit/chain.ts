import crypto from 'node:crypto';
import type { Clock } from '../context';
import type { Db } from '../db/open';
import { auditRowOf, GENESIS, hashOf, hashV1, hashV2, type AuditRow, type Sides, type StoredAuditRow } from './row';
import { isPlainObject } from './delta';
import { decodeSides, stateOf } from './states';

/**
 * Verifying the audit log's hash chain, in full or from a checkpoint.
 *
 * A checkpoint (`audit_checkpoint`) is written only after a full pass over the chain: the id
 * and hash of the newest event it verified and the number of events up to it, or, when the
 * pass found the chain broken, the first broken event. Checkpoints form a hash chain of their
 * own and are append-only.
 *
 * What the incremental check (from the newest checkpoint) guarantees: every event after the
 * checkpoint is re-hashed and linked; the event at the checkpoint still carries the hash the
 * full pass saw, and as many events lie up to it. So any change before the checkpoint whose
 * author recomputed the hashes (the only way to keep the links) changes the checkpoint event's
 * hash and is found; so is a removed or inserted event. A change before the checkpoint that left
 * the stored hash stale is not seen by the incremental check: the next full pass finds it (the
 * app makes one in the background after every start, and its verdict, broken, is kept as a
 * checkpoint that every later incremental check reports), as does `samrad check --full`.
 */

export interface ChainReport {
  ok: boolean;
  /** events in the log */
  events: number;
  /** events this check re-hashed, the broken one included (with `full`: from the first) */
  verified: number;
  /** the newest event of the checkpoint the check started from (null: from the first event) */
  checkpoint: number | null;
  /** id of the first event whose hash or link does not hold */
  brokenAt: number | null;
}

interface CheckpointRow {
  id: number;
  at: string;
  last_event_id: number;
  last_hash: string;
  events: number;
  broken_at: number | null;
  prev_hash: string;
  hash: string;
}

const checkpointHash = (c: Omit<CheckpointRow, 'id' | 'hash'>) =>
  crypto
    .createHash('sha256')
    .update(JSON.stringify([c.prev_hash, c.at, c.last_event_id, c.last_hash, c.events, c.broken_at]))
    .digest('hex');

function hasCheckpoints(db: Db): boolean {
  return Boolean(db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'audit_checkpoint'").get());
}

/**
 * Walks events in id order from `prev`, re-hashing each; returns the first broken id or null.
 * Format-1 events whose sides are a delta need the state of their base, which is always the
 * newest earlier state of the same record: one state per record is kept while walking.
 */
export type LatestStates = Map<string, { id: number; state: unknown }>;

/** Format-1 deltas are built on the newest earlier event of the same record whose state is an object. */
export function rememberState(
  states: LatestStates,
  row: Pick<AuditRow, 'id' | 'entity' | 'entity_id'>,
  sides: Sides,
): void {
  const state = stateOf(sides);
  if (isPlainObject(state)) states.set(recordKey(row), { id: row.id, state });
}

export const recordKey = (row: Pick<AuditRow, 'entity' | 'entity_id'>) => `${row.entity}\u0000${row.entity_id}`;

function walker(prevHash: string) {
  let prev = prevHash;
  let count = 0;
  let lastId: number | null = null;
  const states: LatestStates = new Map();
  return {
    step(row: AuditRow): boolean {
      count++;
      lastId = row.id;
      // the link: each hash covers the hash of the event before it
      const fields = { ...row, prev_hash: prev };
      let hash: string;
      if (row.format === 2) {
        hash = hashV2(fields);
      } else {
        let sides: Sides | null = null;
        if (row.delta != null) {
          const base = row.base_id === null ? undefined : states.get(recordKey(row));
          if (row.base_id !== null && base?.id !== row.base_id) return false;
          sides = decodeSides(row, base?.state);
          rememberState(states, row, sides);
        } else {
          rememberState(states, row, decodeSides(row, undefined));
        }
        hash = hashV1(fields, sides);
      }
      if (hash !== row.hash) return false;
      prev = row.hash;
      return true;
    },
    get count() {
      return count;
    },
    get lastId() {
      return lastId;
    },
    get prev() {
      return prev;
    },
  };
}

function walkFrom(
  db: Db,
  afterId: number,
  prevHash: string,
): { verified: number; brokenAt: number | null; last: { id: number; hash: string } | null } {
  const walk = walker(prevHash);
  for (const stored of db
    .prepare('SELECT * FROM audit_event WHERE id > ? ORDER BY id')
    .iterate(afterId) as IterableIterator<StoredAuditRow>) {
    if (!walk.step(auditRowOf(stored))) return { verified: walk.count, brokenAt: stored.id, last: null };
  }
  return {
    verified: walk.count,
    brokenAt: null,
    last: walk.lastId === null ? null : { id: walk.lastId, hash: walk.prev },
  };
}

const eventCount = (db: Db) => db.prepare('SELECT count(*) FROM audit_event').pluck().get() as number;

/** The newest checkpoint, if the checkpoints' own chain holds; `broken` names the first bad one. */
function newestCheckpoint(db: Db): { checkpoint: CheckpointRow | null; brokenCheckpoint: boolean } {
  if (!hasCheckpoints(db)) return { checkpoint: null, brokenCheckpoint: false };
  let prev = GENESIS;
  let newest: CheckpointRow | null = null;
  for (const c of db
    .prepare('SELECT * FROM audit_checkpoint ORDER BY id')
    .iterate() as IterableIterator<CheckpointRow>) {
    if (c.prev_hash !== prev || checkpointHash(c) !== c.hash) return { checkpoint: null, brokenCheckpoint: true };
    prev = c.hash;
    newest = c;
  }
  return { checkpoint: newest, brokenCheckpoint: false };
}

/**
 * When the newest checkpoint was written, if it holds and found the chain whole: what came
 * before it was verified by a full pass, so incremental checks start from it (null: none).
 */
export function verifiedCheckpointTime(db: Db): string | null {
  const { checkpoint } = newestCheckpoint(db);
  return checkpoint && checkpoint.broken_at === null ? checkpoint.at : null;
}

/** Re-hashes the whole chain. */
export function verifyChain(db: Db): ChainReport {
  const { verified, brokenAt } = walkFrom(db, 0, GENESIS);
  return { ok: brokenAt === null, events: eventCount(db), verified, checkpoint: null, brokenAt };
}

/** Re-hashes the events after the newest checkpoint and proves the ones before it unchanged (see above for how far). */
export function verifyChainIncrementally(db: Db): ChainReport {
  const { checkpoint, brokenCheckpoint } = newestCheckpoint(db);
  const events = eventCount(db);
  if (brokenCheckpoint) return { ok: false, events, verified: 0, checkpoint: null, brokenAt: null };
  if (!checkpoint) return verifyChain(db);
  const base = { events, checkpoint: checkpoint.last_event_id };
  if (checkpoint.broken_at !== null) return { ...base, ok: false, verified: 0, brokenAt: checkpoint.broken_at };
  const at = hashOf(db, checkpoint.last_event_id);
  const upTo = db.prepare('SELECT count(*) FROM audit_event WHERE id <= ?').pluck().get(checkpoint.last_event_id);
  if (at !== checkpoint.last_hash || upTo !== checkpoint.events) {
    // something before the checkpoint changed: find which event by walking up to it
    const firstBad = walkFrom(db, 0, GENESIS).brokenAt ?? checkpoint.last_event_id;
    return { ...base, ok: false, verified: 0, brokenAt: firstBad };
  }
  const { verified, brokenAt } = walkFrom(db, checkpoint.last_event_id, checkpoint.last_hash);
  return { ...base, ok: brokenAt === null, verified, brokenAt };
}

/**
 * Events re-hashed between two yields of the background pass. It runs in the backend's thread
 * right after start, while the user opens pages: 5 000 at a time held every call back for 170 ms
 * of CPU per step (350 ms and more on a loaded machine; 10 000 §§, 47 000 events); 250 take 9 ms.
 */
const FULL_PASS_STEP = 250;

/**
 * The full pass that may move the checkpoint: re-hashes every event in steps of `stepSize`
 * (yielding between steps, so the backend keeps answering), then appends a checkpoint for
 * the newest event it verified, or the first broken one. Events before the head never change,
 * so a pass interleaved with writes still verifies one consistent chain.
 */
export async function fullPassAndCheckpoint(
  db: Db,
  clock: Clock,
  options: { stepSize?: number; stopped?: () => boolean } = {},
): Promise<{ ok: boolean; brokenAt: number | null } | null> {
  const step = options.stepSize ?? FULL_PASS_STEP;
  const walk = walker(GENESIS);
  const page = db.prepare('SELECT * FROM audit_event WHERE id > ? ORDER BY id LIMIT ?');
  let after = 0;
  let brokenAt: number | null = null;
  let last: { id: number; hash: string } | null = null;
  for (;;) {
    if (options.stopped?.() || !db.open) return null;
    const rows = (page.all(after, step) as StoredAuditRow[]).map(auditRowOf);
    if (rows.length === 0) break;
    for (const row of rows) {
      if (!walk.step(row)) {
        brokenAt = row.id;
        break;
      }
      last = { id: row.id, hash: row.hash };
    }
    if (brokenAt !== null) break;
    after = rows[rows.length - 1].id;
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (options.stopped?.() || !db.open) return null;
  const { checkpoint, brokenCheckpoint } = newestCheckpoint(db);
  if (brokenCheckpoint || checkpoint?.broken_at != null) return { ok: false, brokenAt: checkpoint?.broken_at ?? null };
  if (brokenAt === null && (!last || last.id === checkpoint?.last_event_id)) return { ok: true, brokenAt: null };
  db.transaction(() => {
    // the newest event may have been extended since the pass read it: checkpoint only what is still as verified
    const target = brokenAt === null ? last! : { id: brokenAt, hash: '0'.repeat(64) };
    if (brokenAt === null && hashOf(db, target.id) !== target.hash) return;
    const row = {
      at: clock.now().toISOString(),
      last_event_id: brokenAt === null ? target.id : (checkpoint?.last_event_id ?? 0),
      last_hash: brokenAt === null ? target.hash : (checkpoint?.last_hash ?? GENESIS),
      events:
        brokenAt === null
          ? (db.prepare('SELECT count(*) FROM audit_event WHERE id <= ?').pluck().get(target.id) as number)
          : (checkpoint?.events ?? 0),
      broken_at: brokenAt,
      prev_hash: checkpoint?.hash ?? GENESIS,
    };
    db.prepare(
      `INSERT INTO audit_checkpoint (at, last_event_id, last_hash, events, broken_at, prev_hash, hash)
       VALUES (@at, @last_event_id, @last_hash, @events, @broken_at, @prev_hash, @hash)`,
    ).run({ ...row, hash: checkpointHash(row) });
  }).immediate();
  return { ok: brokenAt === null, brokenAt };
}
