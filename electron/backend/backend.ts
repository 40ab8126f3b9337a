import os from 'node:os';
import { EventEmitter } from 'node:events';
import type { EventMap, EventName } from '../../shared/contract';
import type { OpenOptions } from './db/open';
import { systemClock, type Clock, type Ctx } from './context';
import { createDispatcher, type Dispatch } from './dispatcher';
import { handlers, sqlErrors } from './handlers';
import { sealEarlierActs } from './records/backfill';
import { convertEarlierEvents } from './audit/convert';
import { openOrRecover } from './db/recovery';
import { damageOf } from './db/health';
import { startMaintenance, type MaintenanceOptions } from './db/maintenance';
import { completeDueSeals } from './records/pending-seal';

export interface Backend {
  ctx: Ctx;
  dispatch: Dispatch;
  events: EventEmitter;
  close(): void;
}

export interface BackendOptions extends OpenOptions {
  clock?: Clock;
  osUserName?: string;
  /**
   * The app (desktop, browser mode): a database SQLite reports as damaged still starts the
   * backend, refusing everything but `database.status` and `database.restore`, so the user is
   * offered a backup instead of a crash. The CLI leaves this off and reports the damage.
   */
  recoverDamaged?: boolean;
  /** background integrity check and daily backup after start (the app); off unless given */
  maintenance?: MaintenanceOptions;
}

function osUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'okänd';
  }
}

/**
 * After a call, the organisation's seals left waiting for trusted time (an act sealed while a TSA
 * is set, or a TSA that was down before) are made before the call answers: the act itself has
 * committed already and stands whatever the TSA does.
 */
function sealingAfterCalls(ctx: Ctx, dispatch: Dispatch): Dispatch {
  return async (method, input) => {
    const result = await dispatch(method, input);
    // after a refused call nothing is written, not even a retry
    if (result.ok && ctx.db.open && !damageOf(ctx.db)) await completeDueSeals(ctx);
    return result;
  };
}

/** Opens the database and wires one dispatcher to it: the same for IPC, HTTP, CLI and tests. */
export async function startBackend(dbPath: string, options: BackendOptions = {}): Promise<Backend> {
  const db = await openOrRecover(dbPath, options, options.recoverDamaged === true);
  const events = new EventEmitter();
  const ctx: Ctx = {
    db,
    dbPath,
    nativeBinding: options.nativeBinding,
    clock: options.clock ?? systemClock,
    osUserName: options.osUserName ?? osUser(),
    emit: <E extends EventName>(event: E, payload: EventMap[E]) => void events.emit('event', event, payload),
  };
  // events logged before the log stored changes are converted, and records of acts completed
  // before records existed are sealed, once, right after the migrations that made room for them
  try {
    if (options.migrate !== false && !damageOf(db)) {
      convertEarlierEvents(db);
      sealEarlierActs(ctx);
    }
  } catch (error) {
    db.close();
    throw error;
  }
  const maintenance = options.maintenance && !damageOf(db) ? startMaintenance(ctx, options.maintenance) : null;
  return {
    ctx,
    dispatch:
      options.migrate === false
        ? createDispatcher(ctx, handlers, sqlErrors)
        : sealingAfterCalls(ctx, createDispatcher(ctx, handlers, sqlErrors)),
    events,
    close: () => {
      maintenance?.stop();
      // ctx.db, not the first connection: a restore from backup replaces it
      if (ctx.db.open) ctx.db.close();
    },
  };
}
