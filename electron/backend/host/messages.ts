import type { Result } from '../../../shared/errors';

/**
 * What the Electron main process and the backend's utility process say to each other.
 * Plain structured-clone values only, so the same shapes work over any message port.
 */
export type ToBackend =
  | { type: 'start'; dbPath: string; nativeBinding?: string }
  | { type: 'call'; id: number; method: string; input: unknown };

export type FromBackend =
  | { type: 'ready' }
  | { type: 'fatal'; code: string; message: string }
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'event'; event: string; payload: unknown };

/** The part of a message port both sides use: Electron's parentPort and UtilityProcess both fit. */
export interface MessageSink<T> {
  postMessage(message: T): void;
}
