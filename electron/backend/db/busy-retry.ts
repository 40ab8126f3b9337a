import type Database from 'better-sqlite3';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '../../../shared/errors';

/** How long SQLite itself waits for a lock, blocking the thread: kept short. */
export const BUSY_TIMEOUT_MS = 250;
/** How long a call is retried, without blocking, before the user is told the database is in use. */
export const BUSY_BUDGET_MS = 5_000;

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

/** Rows this connection has changed so far, committed or not: equal before and after means nothing was written. */
function changesSoFar(db: Database.Database): number {
  return db.prepare('SELECT total_changes()').pluck().get() as number;
}

/**
 * Runs `work`, and while another process holds the write lock, runs it again after a pause, for
 * at most `budgetMs`. Other calls are answered in the pauses (nothing blocks), and only a call
 * that changed nothing before it met the lock is repeated — every write here begins with BEGIN
 * IMMEDIATE, so a busy one failed before its first change. When time runs out the user is told
 * that the database is in use and how long Samråd waited, instead of a frozen window.
 */
export async function withBusyRetry<T>(
  db: Database.Database,
  work: () => T | Promise<T>,
  options: { budgetMs?: number; pauseMs?: number } = {},
): Promise<T> {
  const budget = options.budgetMs ?? BUSY_BUDGET_MS;
  const pause = options.pauseMs ?? 200;
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    const before = db.open ? changesSoFar(db) : 0;
    try {
      return await work();
    } catch (error) {
      if (!isBusy(error)) throw error;
      const unchanged = db.open && changesSoFar(db) === before;
      const waited = Date.now() - started;
      if (!unchanged || waited + pause > budget) {
        const seconds = Math.max(1, Math.round(waited / 1000));
        throw new AppError(
          'DATABASE_BUSY',
          `The database is in use by another program (or another Samråd); Samråd tried ${attempt} times over ${seconds} s and nothing was saved. Close the other program and try again.`,
          {
            params: { seconds, attempts: attempt },
          },
        );
      }
      await sleep(pause);
    }
  }
}
