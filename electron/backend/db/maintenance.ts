import fs from 'node:fs';
import path from 'node:path';
import type { Ctx } from '../context';
import { backupBaseName, defaultBackupDir, listBackups, removeUnfinished, rotateBackups } from './backups';
import { damageOf, markDamaged, setIntegrity } from './health';
import { schemaVersion } from './open';
import { fullPassAndCheckpoint } from '../audit/chain';
import { recordWholeCheck, tableStates } from './integrity';
import { integrityInWorker } from './integrity-worker';

/** The whole-file check's verdict: ok, SQLite's first problems, or why the check could not run. */
interface IntegrityResult {
  ok: boolean;
  problems?: string[];
  /** the check itself could not run (SQLite's message and code) */
  error?: string;
  code?: string;
}

/** SQLite's full integrity check of `file`, off the calling thread (db/integrity-worker.ts). */
async function wholeFileCheck(file: string, nativeBinding?: string): Promise<IntegrityResult> {
  const result = await integrityInWorker({ file, due: [null], nativeBinding });
  if ('error' in result) return { ok: false, error: result.error, code: result.code };
  const problems = result.checked[0].problems;
  return { ok: problems.length === 0, problems: problems.slice(0, 20) };
}

const DAY = 24 * 60 * 60 * 1000;

export interface MaintenanceOptions {
  /** wait this long after start before checking, so start-up work goes first (ms) */
  delayMs?: number;
  backupDir?: string;
  keepBackups?: number;
  /** take a backup after a passed check when the newest is older than this (ms); 0: never */
  backupEveryMs?: number;
}

/**
 * After start, in the background: SQLite's full integrity check, its verdict stored per table
 * (what `samrad check` starts from, db/integrity.ts), and when it passes a full re-hash of the audit chain that writes its next checkpoint and, when the
 * newest backup is more than a day old, a backup (written under a temporary name, renamed
 * when complete, ten kept). A failed check marks the database damaged exactly as a failed
 * call does: no more writes, and the user is offered the newest good backup.
 */
export function startMaintenance(ctx: Ctx, options: MaintenanceOptions = {}): { done: Promise<void>; stop(): void } {
  let stopped = false;
  const db = ctx.db;
  const done = (async () => {
    await new Promise((r) => setTimeout(r, options.delayMs ?? 3_000).unref?.());
    if (stopped || !db.open || damageOf(db)) return;
    setIntegrity(db, 'running');
    // read before the worker starts: a write during its check moves a count, so that table is not trusted on this verdict
    const states = tableStates(db);
    const startedAt = ctx.clock.now().toISOString();
    let result: IntegrityResult;
    try {
      result = await wholeFileCheck(path.resolve(ctx.dbPath), ctx.nativeBinding);
    } catch (error) {
      // no worker here (or it died): not a verdict on the file, so nothing is marked
      console.warn(
        `[samrad] the background integrity check could not run: ${error instanceof Error ? error.message : String(error)}`,
      );
      setIntegrity(db, 'skipped');
      return;
    }
    if (stopped || ctx.db !== db) return;
    if (!result.ok) {
      setIntegrity(db, 'failed');
      try {
        // every table due again for `samrad check`, before the file is closed to writes
        recordWholeCheck(db, states, startedAt, false);
      } catch {
        // too damaged to take even this: check finds the damage on its own
      }
      const notADb = result.code === 'SQLITE_NOTADB';
      markDamaged(db, {
        code: notADb ? 'NOT_A_DATABASE' : 'DATABASE_CORRUPT',
        message:
          "SQLite's integrity check found damage in the database file. Samråd will not write to it again: restore the newest good backup.",
        noticed: 'integrity_check',
        detail: result.error ?? (result.problems ?? []).join('; '),
      });
      ctx.emit('data.changed', { entity: 'database' });
      return;
    }
    setIntegrity(db, 'ok');
    recordWholeCheck(db, states, startedAt, true);
    // the full re-hash of the audit chain that lets `samrad check` start from a checkpoint (audit/chain.ts)
    const chain = await fullPassAndCheckpoint(db, ctx.clock, { stopped: () => stopped || ctx.db !== db });
    if (chain && !chain.ok)
      console.warn(`[samrad] the audit log's hash chain is broken at event ${chain.brokenAt ?? '(a checkpoint)'}`);
    const every = options.backupEveryMs ?? DAY;
    if (every > 0) await backupIfDue(ctx, every, options);
  })().catch((error: unknown) => {
    // maintenance must never take the backend down; a failed backup is logged and tried next start
    console.warn(`[samrad] background maintenance failed: ${error instanceof Error ? error.message : String(error)}`);
  });
  return {
    done,
    stop: () => void (stopped = true),
  };
}

async function backupIfDue(ctx: Ctx, every: number, options: MaintenanceOptions): Promise<void> {
  const dir = options.backupDir ?? defaultBackupDir(ctx.dbPath);
  const base = backupBaseName(ctx.dbPath);
  const newest = listBackups(dir, base)[0];
  if (newest && Date.now() - fs.statSync(path.join(dir, newest)).mtimeMs < every) return;
  fs.mkdirSync(dir, { recursive: true });
  const stamp = ctx.clock.now().toISOString().replace(/[:.]/g, '-');
  const target = path.join(dir, `${base}-v${schemaVersion(ctx.db)}-${stamp}.sqlite`);
  if (fs.existsSync(target)) return;
  const temp = path.join(dir, `.${path.basename(target)}.part`);
  try {
    await ctx.db.backup(temp);
    fs.renameSync(temp, target);
  } finally {
    fs.rmSync(temp, { force: true });
  }
  removeUnfinished(dir);
  rotateBackups(dir, base, options.keepBackups ?? 10);
}
