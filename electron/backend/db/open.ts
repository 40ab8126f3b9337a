import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import { LATEST_VERSION, migrations } from './migrations';

export type Db = Database.Database;

export interface OpenOptions {
  /** Where pre-migration backups go; defaults to `<db folder>/backups`. */
  backupDir?: string;
  /** Path to an Electron build of better-sqlite3 when running inside Electron. */
  nativeBinding?: string;
  /** How many pre-migration backups to keep. */
  keepBackups?: number;
}

/**
 * Opens (creating if needed) the database and brings its schema up to date.
 * A database written by a newer Samråd is refused rather than guessed at.
 */
export async function openDatabase(file: string, options: OpenOptions = {}): Promise<Db> {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    const current = schemaVersion(db);
    if (current > LATEST_VERSION) {
      throw new AppError(
        'SCHEMA_TOO_NEW',
        `The database ${file} was written by a newer version of Samråd (schema ${current}; this version knows ${LATEST_VERSION}). Update Samråd to open it.`,
        { params: { found: current, known: LATEST_VERSION } },
      );
    }
    if (current < LATEST_VERSION) {
      if (current > 0) await backupBeforeMigration(db, file, current, options);
      migrate(db);
    }
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies every pending migration in one transaction: all of them or none. */
export function migrate(db: Db, target = LATEST_VERSION): void {
  const apply = db.transaction(() => {
    const current = schemaVersion(db);
    for (const migration of migrations) {
      if (migration.version <= current || migration.version > target) continue;
      db.exec(migration.up);
      db.pragma(`user_version = ${migration.version}`);
    }
  });
  apply.immediate();
}

async function backupBeforeMigration(db: Db, file: string, fromVersion: number, options: OpenOptions): Promise<void> {
  const dir = options.backupDir ?? path.join(path.dirname(path.resolve(file)), 'backups');
  fs.mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const base = path.basename(file).replace(/\.[^.]+$/, '');
  await db.backup(path.join(dir, `${base}-v${fromVersion}-${stamp}.sqlite`));
  rotateBackups(dir, base, options.keepBackups ?? 10);
}

export function rotateBackups(dir: string, base: string, keep: number): void {
  const ours = fs
    .readdirSync(dir)
    .filter((name) => name.startsWith(`${base}-v`) && name.endsWith('.sqlite'))
    .map((name) => ({ name, mtime: fs.statSync(path.join(dir, name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime || b.name.localeCompare(a.name));
  for (const old of ours.slice(keep)) fs.rmSync(path.join(dir, old.name));
}
