import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import { migrations as registeredMigrations, type Migration } from './migrations';
import { latestVersion, checkMigrationList } from './migration-list';
import { backupBeforeMigration, type BackupOptions } from './backups';
import { StatementCachingDatabase } from './statement-cache';
import { assertDatabaseFile } from './inspect';
import { BUSY_TIMEOUT_MS } from './busy-retry';

export type Db = Database.Database;

export interface OpenOptions extends BackupOptions {
  /** Path to an Electron build of better-sqlite3 when running inside Electron. */
  nativeBinding?: string;
  /** The schema steps to apply; the registered list unless a test brings its own. */
  migrations?: Migration[];
  /** false: open as found (still refusing a newer schema) — for `samrad check`, which must not change what it inspects. */
  migrate?: boolean;
  /** false: refuse a file that does not exist yet instead of creating it. */
  create?: boolean;
}

/**
 * Opens (creating if needed) the database and brings its schema up to date.
 * A database written by a newer Samråd is refused rather than guessed at, before anything
 * in the file is touched.
 */
export async function openDatabase(file: string, options: OpenOptions = {}): Promise<Db> {
  const list = options.migrations ?? registeredMigrations;
  checkMigrationList(list);
  const resolved = path.resolve(file);
  if (options.create === false && !fs.existsSync(resolved)) {
    throw new AppError('NOT_FOUND', `The database ${resolved} does not exist. Create it with "samrad init".`, {
      params: { entity: 'database', id: resolved },
    });
  }
  // an existing file must already be a database: SQLite would turn a zero-byte file into a new empty one
  if (fs.existsSync(resolved)) assertDatabaseFile(resolved);
  fs.mkdirSync(path.dirname(resolved), { recursive: true });
  const db = new StatementCachingDatabase(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    const current = schemaVersion(db);
    const latest = latestVersion(list);
    if (current > latest) {
      throw new AppError(
        'SCHEMA_TOO_NEW',
        `The database ${file} was written by a newer version of Samråd (schema ${current}; this version knows ${latest}). Update Samråd to open it.`,
        { params: { found: current, known: latest } },
      );
    }
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    // short on purpose: better-sqlite3 waits synchronously, freezing every call behind it; the
    // dispatcher retries a busy call without blocking for a bounded time instead (busy-retry.ts)
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('synchronous = NORMAL');
    if (current < latest && options.migrate !== false) {
      if (current > 0) await backupBeforeMigration(db, file, current, options);
      migrate(db, list);
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

/**
 * Applies every pending migration in one transaction: all of them or none, so a failing
 * step leaves both the schema and `user_version` as they were.
 *
 * Foreign keys are switched off while the steps run (SQLite's advice for schema changes that
 * rebuild a table) and the whole result is checked with `foreign_key_check` before commit.
 */
export function migrate(db: Db, list: Migration[] = registeredMigrations, target = latestVersion(list)): void {
  checkMigrationList(list);
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma('foreign_keys = OFF');
  try {
    const apply = db.transaction(() => {
      const current = schemaVersion(db);
      for (const migration of list) {
        if (migration.version <= current || migration.version > target) continue;
        for (const [name, fn] of Object.entries(migration.functions ?? {}))
          db.function(name, { deterministic: true }, fn as (...args: unknown[]) => unknown);
        db.exec(migration.up);
        db.pragma(`user_version = ${migration.version}`);
      }
      const broken = db.pragma('foreign_key_check') as unknown[];
      if (broken.length > 0)
        throw new Error(
          `Migration left ${broken.length} broken foreign key reference(s): ${JSON.stringify(broken.slice(0, 5))}`,
        );
    });
    apply.immediate();
  } finally {
    db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
  }
}
