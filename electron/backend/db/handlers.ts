import type { HandlerMap } from '../handler';
import type { Method } from '../../../shared/contract';
import { databaseStatus, restoreBackup } from './recovery';
import { schemaVersion } from './open';
import { writeBackupFile } from './backup-file';

type DatabaseMethod = Extract<Method, `database.${string}`>;

export const databaseHandlers: HandlerMap<DatabaseMethod> = {
  'database.status': (ctx) => databaseStatus(ctx),
  'database.restore': (ctx, i) => restoreBackup(ctx, i.backupPath),
  'database.info': (ctx) => ({ path: ctx.dbPath, schemaVersion: schemaVersion(ctx.db) }),
  'database.backup': (ctx, i) => writeBackupFile(ctx, i.target),
};
