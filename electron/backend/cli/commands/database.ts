import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../../shared/errors';
import { checkDatabase, describeCheck, failedChecks } from '../../db/check';
import { openForInspection } from '../../db/inspect';
import { schemaVersion } from '../../db/open';
import { backupsOf, restoreDatabaseFile } from '../../db/recovery';
import { defaultBackupDir } from '../../db/backups';
import { UsageError, flag, requiredFlag, type Command } from '../command';
import { call } from '../call';

export const initCommand: Command = {
  usage: 'samrad init [--db FILE]',
  summary: 'create the database (or bring it up to date)',
  flags: [],
  async run(ctx) {
    const backend = await ctx.openBackend({ create: true });
    try {
      const info = await call(backend, 'database.info', {});
      ctx.io.out(`Database ready: ${info.path} (schema ${info.schemaVersion})`);
      return 0;
    } finally {
      backend.close();
    }
  },
};

export const exampleCommand: Command = {
  usage: 'samrad example [--yes] [--db FILE]',
  summary: 'load the Södertälje example; --yes adds it to a database that already holds data',
  flags: ['yes'],
  async run(ctx) {
    const backend = await ctx.openBackend({ create: true });
    try {
      await call(backend, 'example.load', { confirmed: ctx.flags.yes === true });
      ctx.io.out('The Södertälje example is loaded.');
      return 0;
    } catch (error) {
      if (error instanceof AppError && error.params?.reason === 'example_needs_confirmation') {
        ctx.io.err(
          'samrad example: the database already holds data. Run again with --yes to add what is missing from the example; nothing existing is changed.',
        );
        return 1;
      }
      throw error;
    } finally {
      backend.close();
    }
  },
};

export const backupCommand: Command = {
  usage: 'samrad backup --out FILE [--db FILE]',
  summary: 'write a consistent copy of the database with the online backup API',
  flags: ['out'],
  async run(ctx) {
    const target = path.resolve(requiredFlag(ctx, 'out'));
    // copied as it is: a backup must not wait for, or be changed by, a migration
    const backend = await ctx.openBackend({ migrate: false });
    try {
      const written = await call(backend, 'database.backup', { target });
      ctx.io.out(`Backup written: ${written.path} (schema ${written.schemaVersion})`);
      return 0;
    } finally {
      backend.close();
    }
  },
};

/*
 * check and restore work on the database file before any backend may open it (a damaged or
 * foreign file, a file about to be replaced), so they are the two commands that call db/ directly.
 */
export const checkCommand: Command = {
  usage: 'samrad check [--json] [--full] [--db FILE]',
  summary:
    "check database integrity (the tables changed since the app's last whole-file check, and, while the check has taken under 1 s, the longest unchecked), foreign keys, schema version, the audit chain and the seals from the last checkpoint (the records sealed since it and a sample of the older ones), the search index (the newest documents and a sample; --full: all of them, and SQLite's whole-file check) and handlingar's SHA-256 (the newest and a sample; --full: every file) (read-only); exit 1 when anything fails",
  flags: ['json', 'full'],
  async run(ctx) {
    const file = path.resolve(ctx.dbPath);
    // read-only, no migration, no journal-mode change: check must not alter what it inspects;
    // a zero-byte or foreign file is refused here with its reason (exit 1), never initialised
    const db = openForInspection(file);
    try {
      const report = await checkDatabase(db, file, { full: ctx.flags.full === true });
      if (ctx.flags.json) ctx.io.out(JSON.stringify(report, null, 2));
      else for (const line of describeCheck(report)) ctx.io.out(line);
      if (!report.ok) ctx.io.err(`samrad check: FAILED (${failedChecks(report).join(', ')})`);
      return report.ok ? 0 : 1;
    } finally {
      db.close();
    }
  },
};

export const restoreCommand: Command = {
  usage: 'samrad restore --from BACKUP.sqlite [--db FILE]  (without --from: lists the backups)',
  summary: 'replace the database with a backup, checked first; the current file is kept aside as <name>.damaged-<time>',
  flags: ['from'],
  async run(ctx) {
    const file = path.resolve(ctx.dbPath);
    const from = flag(ctx, 'from');
    if (!from) {
      const backups = backupsOf(file);
      if (backups.length === 0) ctx.io.out(`No backups of ${file} in ${defaultBackupDir(file)}.`);
      for (const b of backups) ctx.io.out(`${b.createdAt}  schema ${b.schemaVersion}  ${b.path}`);
      throw new UsageError(
        backups.length ? 'choose one with --from FILE (the newest is listed first)' : '--from FILE is required',
      );
    }
    assertNotInUse(file);
    const { setAside, version } = await restoreDatabaseFile(file, path.resolve(from));
    // an older backup's schema is brought up to date now, as the app would do at start
    const backend = await ctx.openBackend({ migrate: true });
    try {
      ctx.io.out(`Restored ${file} from ${path.resolve(from)} (schema ${version} → ${schemaVersion(backend.ctx.db)}).`);
      if (setAside) ctx.io.out(`The previous file is kept as ${setAside}.`);
      return 0;
    } finally {
      backend.close();
    }
  },
};

/**
 * Refuses to restore under a running Samråd: replacing a file another process holds open
 * leaves that process writing into the file set aside. Best effort: an exclusive lock is
 * taken and given back at once; a file too damaged to open cannot be locked, and is restored.
 */
function assertNotInUse(file: string): void {
  if (!fs.existsSync(file)) return;
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { fileMustExist: true, timeout: 0 });
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE; COMMIT');
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
      throw new AppError('DATABASE_BUSY', `${file} is in use (is Samråd running?). Close Samråd first, then restore.`);
    }
  } finally {
    db?.close();
  }
}
