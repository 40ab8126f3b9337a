import { z } from 'zod';
import { method } from './define';
import { absolutePath } from './common';

export const backupInfo = z.object({
  path: z.string(),
  fileName: z.string(),
  /** when it was written (ISO), from its name */
  createdAt: z.string(),
  /** the schema version it was taken at */
  schemaVersion: z.number(),
  bytes: z.number(),
});
export type BackupInfo = z.infer<typeof backupInfo>;

export const databaseStatus = z.object({
  path: z.string(),
  /** damaged: SQLite reported the file as corrupt or not a database; Samråd no longer writes to it */
  state: z.enum(['ok', 'damaged']),
  problem: z
    .object({
      code: z.enum(['DATABASE_CORRUPT', 'NOT_A_DATABASE']),
      message: z.string(),
      noticed: z.enum(['open', 'call', 'integrity_check']),
      detail: z.string(),
    })
    .nullable(),
  /** the background integrity check after start: not run yet, running, passed, or failed */
  integrity: z.enum(['pending', 'running', 'ok', 'failed', 'skipped']),
  /** complete backups of this database, newest first; the first is offered for restore */
  backups: z.array(backupInfo),
  /** where the damaged file was moved by the last restore, if any */
  setAside: z.string().nullable(),
});
export type DatabaseStatus = z.infer<typeof databaseStatus>;

export const databaseInfo = z.object({
  /** the file as it was named when opened */
  path: z.string(),
  schemaVersion: z.number(),
});
export type DatabaseInfo = z.infer<typeof databaseInfo>;

/**
 * The database's health and its way back: answered even when the database is damaged
 * (every other method is then refused with DATABASE_CORRUPT / NOT_A_DATABASE).
 */
export const databaseContract = {
  'database.status': method(z.object({}).default({}), databaseStatus),
  /** replaces the damaged (or any) database with a backup; the current file is kept aside, never deleted */
  'database.restore': method(z.object({ backupPath: absolutePath(4000) }), databaseStatus),
  'database.info': method(z.object({}).default({}), databaseInfo),
  /**
   * Writes a consistent, self-contained copy (online backup API, no -wal companion) to a new
   * file, checked with quick_check before it takes its name; an existing file is refused.
   */
  'database.backup': method(z.object({ target: absolutePath(4000) }), databaseInfo),
};

/** Methods the dispatcher still answers for a damaged database: its status and the way back. */
export const RECOVERY_METHODS: ReadonlySet<string> = new Set(['database.status', 'database.restore']);
