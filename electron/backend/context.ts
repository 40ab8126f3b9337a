import type { Db } from './db/open';
import type { EventMap, EventName } from '../../shared/contract';

/** A clock the tests can set; services never call `new Date()` themselves. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(iso: string): Clock & { set(iso: string): void } {
  let current = new Date(iso);
  return { now: () => new Date(current), set: (next) => void (current = new Date(next)) };
}

/** Everything a service needs: the database, the time, and a way to tell listeners. */
export interface Ctx {
  db: Db;
  dbPath: string;
  /** the Electron build of better-sqlite3, so worker threads can open the database too */
  nativeBinding?: string;
  clock: Clock;
  osUserName: string;
  emit<E extends EventName>(event: E, payload: EventMap[E]): void;
}
