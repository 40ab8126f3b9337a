import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';

/** Where pre-migration backups go and how many are kept (part of opening a database). */
export interface BackupOptions {
  /** Where pre-migration backups go; defaults to `<db folder>/backups`. */
  backupDir?: string;
  /** How many pre-migration backups to keep. */
  keepBackups?: number;
}

/** The backup folder used when none is given: `backups/` beside the database file. */
export function defaultBackupDir(file: string): string {
  return path.join(path.dirname(path.resolve(file)), 'backups');
}

/** 2026-11-26T16:10:43.123Z → 2026-11-26T16-10-43-123Z: sortable and valid on every file system. */
function stampOf(date: Date): string {
  return date.toISOString().replace(/[:.]/g, '-');
}

const BACKUP_NAME = /-v(\d+)-(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z)(?:-(\d+))?\.sqlite$/;

/**
 * Takes a consistent copy with SQLite's online backup API before the schema is changed,
 * so a migration that goes wrong in a way no test foresaw can be undone by hand.
 * Named `<db>-v<old version>-<UTC time>.sqlite`; only the newest `keepBackups` (10) are kept.
 */
export async function backupBeforeMigration(
  db: Database.Database,
  file: string,
  fromVersion: number,
  options: BackupOptions = {},
): Promise<string> {
  const dir = options.backupDir ?? defaultBackupDir(file);
  fs.mkdirSync(dir, { recursive: true });
  const base = backupBaseName(file);
  const stamp = stampOf(new Date());
  let target = path.join(dir, `${base}-v${fromVersion}-${stamp}.sqlite`);
  // two migrations within one millisecond must not overwrite each other's backup
  for (let n = 2; fs.existsSync(target); n++) target = path.join(dir, `${base}-v${fromVersion}-${stamp}-${n}.sqlite`);
  // written under a temporary name and renamed when complete: a backup cut off midway (killed,
  // disk full) never carries a backup's name, so it is never restored nor counted as one of the kept
  const temp = path.join(dir, `.${path.basename(target)}.part`);
  try {
    await db.backup(temp);
    fs.renameSync(temp, target);
  } finally {
    fs.rmSync(temp, { force: true });
  }
  removeUnfinished(dir);
  rotateBackups(dir, base, options.keepBackups ?? 10);
  return target;
}

export function backupBaseName(file: string): string {
  return path.basename(file).replace(/\.[^.]+$/, '');
}

/** This database's pre-migration backups in `dir`, newest first (by the time in their names). */
export function listBackups(dir: string, base: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => name.startsWith(`${base}-v`) && name.slice(base.length).match(BACKUP_NAME)?.index === 0)
    .map((name) => {
      const [, , stamp, n] = BACKUP_NAME.exec(name)!;
      return { name, key: `${stamp}-${(n ?? '1').padStart(6, '0')}` };
    })
    .sort((a, b) => (a.key < b.key ? 1 : a.key > b.key ? -1 : 0))
    .map((b) => b.name);
}

/** Keeps the newest `keep` backups of this database and removes the older ones. */
export function rotateBackups(dir: string, base: string, keep: number): void {
  for (const old of listBackups(dir, base).slice(keep)) fs.rmSync(path.join(dir, old));
}

/**
 * Removes what interrupted backups left behind (`.<name>.part`): incomplete copies, never backups.
 * Only those untouched for ten minutes, so another process's backup in progress is left alone.
 */
export function removeUnfinished(dir: string, now = Date.now()): void {
  for (const name of fs.readdirSync(dir)) {
    if (!name.startsWith('.') || !name.endsWith('.sqlite.part')) continue;
    const file = path.join(dir, name);
    try {
      if (now - fs.statSync(file).mtimeMs > 10 * 60_000) fs.rmSync(file, { force: true });
    } catch {
      // gone already, or not ours to remove: either way not a backup
    }
  }
}
