import type { Ctx } from '../context';
import { AppError } from '../../../shared/errors';
import { signSealedNow } from './record-document';
import type { RecordContent } from './snapshot';
import { recordById, recordSignatures, refOf } from './store';

/** A seal waiting for trusted time is asked for again at most this often (a TSA that is down costs its wait). */
export const PENDING_SEAL_RETRY_MS = 10 * 60_000;

interface PendingSealRow {
  record_id: number;
  attempts: number;
  tried_at: string | null;
}

export interface PendingSealOutcome {
  /** seals made now, each with the TSA's timestamp */
  sealed: number;
  /** seals still waiting (the TSA did not answer, or no signing key is unlocked) */
  pending: number;
}

/** Whether any seal waits that has not been asked for since `PENDING_SEAL_RETRY_MS` (one cheap query per call). */
export function hasDuePendingSeals(ctx: Ctx): boolean {
  return Boolean(
    ctx.db
      .prepare('SELECT 1 FROM pending_seal WHERE tried_at IS NULL OR tried_at <= ? LIMIT 1')
      .get(new Date(ctx.clock.now().getTime() - PENDING_SEAL_RETRY_MS).toISOString()),
  );
}

/**
 * Makes the organisation's seal of every record sealed while a TSA was set and still waiting:
 * the sealed bytes get the organisation's signature with an RFC 3161 timestamp and are kept as
 * the record's signature (as a signed export keeps one), and the wait ends. A TSA that is down,
 * slow or answers garbage, or a signing key that is locked, leaves the record waiting with the
 * reason: the act it belongs to stands, and nothing claims a time the TSA did not give.
 */
export async function completePendingSeals(ctx: Ctx): Promise<PendingSealOutcome> {
  const due = ctx.db
    .prepare(
      'SELECT record_id, attempts, tried_at FROM pending_seal WHERE tried_at IS NULL OR tried_at <= ? ORDER BY record_id',
    )
    .all(new Date(ctx.clock.now().getTime() - PENDING_SEAL_RETRY_MS).toISOString()) as PendingSealRow[];
  let sealed = 0;
  for (const pending of due) {
    const row = recordById(ctx.db, pending.record_id)!;
    try {
      // a signed export may have made the seal meanwhile: the record's signature is that one
      if (recordSignatures(ctx.db, row.id).length === 0)
        await signSealedNow(ctx, row, refOf(row), JSON.parse(row.snapshot) as RecordContent, false);
      ctx.db.prepare('DELETE FROM pending_seal WHERE record_id = ?').run(row.id);
      sealed++;
    } catch (error) {
      if (!(error instanceof AppError) || !['TIMESTAMP_FAILED', 'INVALID_STATE'].includes(error.code)) throw error;
      ctx.db
        .prepare('UPDATE pending_seal SET attempts = attempts + 1, tried_at = ?, last_error = ? WHERE record_id = ?')
        .run(ctx.clock.now().toISOString(), error.message, row.id);
    }
  }
  const pending = ctx.db.prepare('SELECT count(*) FROM pending_seal').pluck().get() as number;
  return { sealed, pending };
}

/**
 * Makes the seals that are due (see completePendingSeals); true when any was made. A failure
 * leaves them waiting and is logged, never turned into the failure of the call that asked.
 */
export async function completeDueSeals(ctx: Ctx): Promise<boolean> {
  try {
    return hasDuePendingSeals(ctx) && (await completePendingSeals(ctx)).sealed > 0;
  } catch (error) {
    console.error('[samrad] completing a waiting seal failed', error);
    return false;
  }
}

/**
 * The answer of an act that may seal a record (an attestation, a signing), given after the seals
 * waiting for trusted time have been asked for, as they are after any call: so the answer says
 * truly whether the act's seal still waits for its timestamp. `again` reads the answer anew.
 */
export async function answeredAfterSealing<T>(ctx: Ctx, answer: T, again: (answer: T) => T): Promise<T> {
  return (await completeDueSeals(ctx)) ? again(answer) : answer;
}
