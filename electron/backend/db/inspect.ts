import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * Refuses a file that cannot be a Samråd database before SQLite is let near it: SQLite would
 * quietly treat a zero-byte file as a new, empty database (and give it a header on the first
 * write), and only fail on a foreign file at its first read.
 */
export function assertDatabaseFile(file: string): void {
  let size: number;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile())
      throw new AppError('NOT_A_DATABASE', `${file} is not a file.`, { params: { path: file, reason: 'not_a_file' } });
    size = stat.size;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('NOT_FOUND', `The database ${file} does not exist.`, {
      params: { entity: 'database', id: file },
    });
  }
  if (size === 0) {
    throw new AppError(
      'NOT_A_DATABASE',
      `The database file ${file} is empty (0 bytes): it holds no data and is not a Samråd database. Restore a backup (samrad restore --from FILE), or move the empty file away to start a new database.`,
      {
        params: { path: file, reason: 'empty_file' },
      },
    );
  }
  const head = Buffer.alloc(SQLITE_HEADER.length);
  const fd = fs.openSync(file, 'r');
  let read: number;
  try {
    read = fs.readSync(fd, head, 0, head.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (read < head.length || !head.equals(SQLITE_HEADER)) {
    throw new AppError(
      'NOT_A_DATABASE',
      `${file} is not an SQLite database (it does not start with the SQLite header). Check the file name, or restore a backup.`,
      {
        params: { path: file, reason: 'not_sqlite' },
      },
    );
  }
}

/**
 * Opens a database to look at it and nothing else: read-only at the SQLite level, so no
 * journal-mode change, no migration, no header written. For `samrad check` and for judging a
 * backup before it is restored.
 */
export function openForInspection(file: string, options: { nativeBinding?: string } = {}): Database.Database {
  const resolved = path.resolve(file);
  assertDatabaseFile(resolved);
  const db = new Database(resolved, {
    readonly: true,
    fileMustExist: true,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  db.pragma('query_only = ON');
  return db;
}
