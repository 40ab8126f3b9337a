import Database from 'better-sqlite3';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError, fieldError } from '../../../shared/errors';
import type { BackupInfo, DatabaseStatus } from '../../../shared/contract/database';
import type { Ctx } from '../context';
import { backupBaseName, defaultBackupDir, listBackups } from './backups';
import { damagedPlaceholder, damageOf, integrityOf } from './health';
import { openForInspection } from './inspect';
import { LATEST_VERSION } from './migrations';
import { openDatabase, schemaVersion, type Db, type OpenOptions } from './open';
import { translateEnvironmentError } from '../environment-errors';
import { sealEarlierActs } from '../records/backfill';

const setAsideByPath = new Map<string, string>();

/** Complete backups of the database at `dbPath` (pre-migration and daily), newest first. */
export function backupsOf(dbPath: string, backupDir = defaultBackupDir(dbPath)): BackupInfo[] {
  const base = backupBaseName(dbPath);
  return listBackups(backupDir, base).map((fileName) => {
    const file = path.join(backupDir, fileName);
    const m = /-v(\d+)-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z/.exec(fileName);
    const version = m?.[1];
    const createdAt = m ? `${m[2]}T${m[3]}:${m[4]}:${m[5]}.${m[6]}Z` : '';
    let bytes = 0;
    try {
      bytes = fs.statSync(file).size;
    } catch {
      // listed a moment ago, gone now: shown with size 0 rather than failing the whole list
    }
    return { path: file, fileName, createdAt, schemaVersion: Number(version ?? 0), bytes };
  });
}

export function databaseStatus(ctx: Ctx): DatabaseStatus {
  const damage = damageOf(ctx.db);
  return {
    path: ctx.dbPath,
    state: damage ? 'damaged' : 'ok',
    problem: damage
      ? { code: damage.code, message: damage.message, noticed: damage.noticed, detail: damage.detail }
      : null,
    integrity: integrityOf(ctx.db),
    backups: backupsOf(ctx.dbPath),
    setAside: setAsideByPath.get(path.resolve(ctx.dbPath)) ?? null,
  };
}

/**
 * Checks that `backup` can replace a database: a readable SQLite file that passes SQLite's
 * integrity check, holds Samråd's tables and is not from a newer Samråd. Opened read-only.
 */
export function judgeBackup(backup: string, field = 'backupPath'): { version: number } {
  let db: Db;
  try {
    db = openForInspection(backup);
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND')
      throw fieldError(field, 'backup_missing', `The backup ${backup} does not exist`);
    throw fieldError(
      field,
      'backup_damaged',
      `The backup ${backup} is not a usable database: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok')
      throw fieldError(
        field,
        'backup_damaged',
        `The backup ${backup} fails SQLite's integrity check: ${String(integrity)}`,
      );
    const version = schemaVersion(db);
    const samrad = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'audit_event'").get();
    if (!samrad || version < 1) throw fieldError(field, 'backup_not_samrad', `${backup} is not a Samråd database`);
    if (version > LATEST_VERSION)
      throw fieldError(
        field,
        'backup_too_new',
        `The backup ${backup} was written by a newer Samråd (schema ${version})`,
      );
    return { version };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw fieldError(
      field,
      'backup_damaged',
      `The backup ${backup} cannot be read: ${error instanceof Error ? error.message : String(error)}`,
    );
  } finally {
    db.close();
  }
}

/**
 * Puts `backup` in the place of the database file at `dbPath` (which must not be open). The
 * current file, with its -wal and -shm, is moved aside under `<name>.damaged-<time>` — never
 * deleted: it may still hold the last days' work for someone to recover by hand. The backup
 * is copied with SQLite's backup API under a temporary name and renamed when complete, so a
 * restore cut off midway leaves either the old file or the whole new one in place.
 */
export async function restoreDatabaseFile(
  dbPath: string,
  backup: string,
  now = new Date(),
): Promise<{ setAside: string | null; version: number }> {
  const target = path.resolve(dbPath);
  const source = path.resolve(backup);
  if (source === target) throw fieldError('backupPath', 'backup_is_database', 'The backup is the database itself');
  const { version } = judgeBackup(source);
  const temp = path.join(
    path.dirname(target),
    `.${path.basename(target)}.restore-${crypto.randomBytes(4).toString('hex')}.part`,
  );
  const copyFrom = openForInspection(source);
  try {
    await copyFrom.backup(temp);
  } finally {
    copyFrom.close();
  }
  let setAside: string | null = null;
  try {
    if (fs.existsSync(target)) {
      setAside = `${target}.damaged-${now.toISOString().replace(/[:.]/g, '-')}`;
      fs.renameSync(target, setAside);
      for (const companion of ['-wal', '-shm', '-journal']) {
        if (fs.existsSync(target + companion)) fs.renameSync(target + companion, setAside + companion);
      }
    }
    fs.renameSync(temp, target);
  } finally {
    fs.rmSync(temp, { force: true });
  }
  setAsideByPath.set(target, setAside ?? '');
  if (!setAside) setAsideByPath.delete(target);
  return { setAside, version };
}

/**
 * `database.restore`: closes the damaged connection, restores the backup in its place and
 * opens it (bringing an older backup's schema up to date), so the app goes on without a restart.
 * A backup that does not pass is refused before anything is closed or moved.
 */
export async function restoreBackup(ctx: Ctx, backupPath: string): Promise<DatabaseStatus> {
  judgeBackup(backupPath);
  const damage = damageOf(ctx.db);
  if (ctx.db.open) ctx.db.close();
  let restored = false;
  try {
    await restoreDatabaseFile(ctx.dbPath, backupPath, ctx.clock.now());
    restored = true;
  } finally {
    if (restored) {
      ctx.db = await openDatabase(ctx.dbPath, { nativeBinding: ctx.nativeBinding });
      // a backup from before sealed records existed: its earlier acts are sealed now, as at a start
      sealEarlierActs(ctx);
    } else {
      // nothing was moved: back to the file as it was, still refused for writing if it was damaged
      ctx.db = damage
        ? damagedPlaceholder(damage, () => new Database(':memory:'))
        : await openDatabase(ctx.dbPath, { nativeBinding: ctx.nativeBinding });
    }
  }
  ctx.emit('data.changed', { entity: '*' });
  return databaseStatus(ctx);
}

/**
 * Opens the database for the app. An environment failure becomes its typed, translated error
 * (read-only, locked, missing…). A file SQLite reports as damaged, or that is not a database,
 * gives — when `recover` is set — a stand-in connection marked damaged, so the backend starts
 * and offers the newest good backup instead of failing to start.
 */
export async function openOrRecover(dbPath: string, options: OpenOptions, recover: boolean): Promise<Db> {
  try {
    return await openDatabase(dbPath, options);
  } catch (error) {
    const typed = error instanceof AppError ? error : translateEnvironmentError(error);
    if (!typed) throw error;
    if (recover && (typed.code === 'DATABASE_CORRUPT' || typed.code === 'NOT_A_DATABASE')) {
      return damagedPlaceholder(
        {
          code: typed.code,
          message: typed.message,
          noticed: 'open',
          detail: error instanceof Error ? error.message : String(error),
        },
        () => new Database(':memory:'),
      );
    }
    throw typed;
  }
}
