import { AppError, type ErrorCode } from '../../shared/errors';

/**
 * Errors that come from the machine rather than from what the user typed: SQLite's result
 * codes for a locked, read-only, full, damaged or missing database, and Node's for the same
 * conditions on plain files. Each becomes a typed code whose translated message says what
 * happened and what to do, instead of "An unexpected error occurred".
 */
const FULL = 'The disk is full: nothing was saved. Free space and try again.';

const SQLITE: Array<[prefix: string, code: ErrorCode, message: string]> = [
  [
    'SQLITE_BUSY',
    'DATABASE_BUSY',
    'The database is in use by another program (or another Samråd) and stayed locked: nothing was saved. Close the other program and try again.',
  ],
  [
    'SQLITE_LOCKED',
    'DATABASE_BUSY',
    'The database is in use by another program (or another Samråd) and stayed locked: nothing was saved. Close the other program and try again.',
  ],
  [
    'SQLITE_READONLY',
    'DATABASE_READ_ONLY',
    'The database can only be read (the file or its folder is write-protected): nothing was saved. Make it writable, or open a copy you may change.',
  ],
  ['SQLITE_FULL', 'DISK_FULL', FULL],
  [
    'SQLITE_CORRUPT',
    'DATABASE_CORRUPT',
    'The database file is damaged. Samråd will not write to it again: restore the newest good backup.',
  ],
  [
    'SQLITE_NOTADB',
    'NOT_A_DATABASE',
    'The file is not a Samråd database (or is damaged beyond reading). Samråd will not write to it: restore a backup.',
  ],
  [
    'SQLITE_CANTOPEN',
    'DATABASE_UNAVAILABLE',
    'The database file cannot be opened (it was moved, its disk was removed, or access is denied). Check that the file and its folder are there, then start Samråd again.',
  ],
  [
    'SQLITE_IOERR',
    'DISK_IO',
    'The disk reported an error while reading or writing the database: the last change may not have been saved. Check the disk (or network drive) and try again.',
  ],
];

const ERRNO: Record<string, [ErrorCode, string]> = {
  ENOSPC: ['DISK_FULL', FULL],
  EDQUOT: ['DISK_FULL', 'Your disk quota is used up: nothing was saved. Free space and try again.'],
  EROFS: ['DATABASE_READ_ONLY', 'The disk is read-only: nothing was saved. Choose a place you may write to.'],
  EIO: ['DISK_IO', 'The disk reported an error: the file may not have been written. Check the disk and try again.'],
};

/** The typed error for an environment failure, or null when `error` is something else. */
export function translateEnvironmentError(error: unknown): AppError | null {
  if (!(error instanceof Error)) return null;
  const code = (error as Error & { code?: unknown }).code;
  if (typeof code !== 'string') return null;
  if (code.startsWith('SQLITE_')) {
    // SQLITE_BUSY_SNAPSHOT, SQLITE_IOERR_WRITE, SQLITE_READONLY_DBMOVED, … share their primary code's meaning
    const found = SQLITE.find(([prefix]) => code === prefix || code.startsWith(`${prefix}_`));
    if (!found) return null;
    // SQLite's disk-I/O error for a full disk is still a full disk
    if (found[1] === 'DISK_IO' && /full/i.test(error.message))
      return new AppError('DISK_FULL', FULL, { params: { sqlite: code } });
    return new AppError(found[1], found[2], { params: { sqlite: code } });
  }
  const errno = ERRNO[code];
  return errno ? new AppError(errno[0], errno[1], { params: { errno: code } }) : null;
}

/** Codes after which the database must not be written to again. */
export const DAMAGED: ReadonlySet<ErrorCode> = new Set(['DATABASE_CORRUPT', 'NOT_A_DATABASE']);
