import os from 'node:os';
import { EventEmitter } from 'node:events';
import type { EventMap, EventName } from '../../shared/contract';
import { openDatabase, type OpenOptions } from './db/open';
import { systemClock, type Clock, type Ctx } from './context';
import { createDispatcher, type Dispatch } from './dispatcher';

export interface Backend {
  ctx: Ctx;
  dispatch: Dispatch;
  events: EventEmitter;
  close(): void;
}

export interface BackendOptions extends OpenOptions {
  clock?: Clock;
  osUserName?: string;
}

function osUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'okänd';
  }
}

/** Opens the database and wires one dispatcher to it: the same for IPC, HTTP, CLI and tests. */
export async function startBackend(dbPath: string, options: BackendOptions = {}): Promise<Backend> {
  const db = await openDatabase(dbPath, options);
  const events = new EventEmitter();
  const ctx: Ctx = {
    db,
    dbPath,
    nativeBinding: options.nativeBinding,
    clock: options.clock ?? systemClock,
    osUserName: options.osUserName ?? osUser(),
    emit: <E extends EventName>(event: E, payload: EventMap[E]) => void events.emit('event', event, payload),
  };
  return { ctx, dispatch: createDispatcher(ctx), events, close: () => db.close() };
}
