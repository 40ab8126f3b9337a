import type { HandlerMap } from '../handlers';
import type { Method } from '../../../shared/contract';
import { databaseStatus, restoreBackup } from './recovery';

type DatabaseMethod = Extract<Method, `database.${string}`>;

export const databaseHandlers: HandlerMap<DatabaseMethod> = {
  'database.status': (ctx) => databaseStatus(ctx),
  'database.restore': (ctx, i) => restoreBackup(ctx, i.backupPath),
};
