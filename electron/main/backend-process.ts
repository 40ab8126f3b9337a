import { utilityProcess } from 'electron';
import type { FromBackend } from '../backend/host/messages';
import { superviseBackend, type BackendChild, type SupervisedBackend } from './backend-supervisor';

export interface BackendProcessOptions {
  modulePath: string;
  dbPath: string;
  nativeBinding?: string;
  onEvent(event: string, payload: unknown): void;
  /** the backend died and a new one is up on the same database; the window stays */
  onRestarted(info: { restarts: number; exitCode: number }): void;
  /** it died again and again: the app cannot go on */
  onGaveUp(reason: string): void;
}

/**
 * Runs the backend (database, services, exports) in its own utility process, so heavy work
 * never blocks the window, talks to it by message, and starts it again if it dies
 * (backend-supervisor.ts, which holds the logic and its tests).
 */
export function startBackendProcess(options: BackendProcessOptions): SupervisedBackend {
  return superviseBackend({
    fork: () => {
      const child = utilityProcess.fork(options.modulePath, [], { serviceName: 'Samråd backend', stdio: 'inherit' });
      return {
        postMessage: (message) => child.postMessage(message),
        on: (event: 'message' | 'exit', listener: (value: never) => void) =>
          event === 'message'
            ? child.on('message', (message: FromBackend) => (listener as (m: FromBackend) => void)(message))
            : child.on('exit', (code) => (listener as (c: number) => void)(code)),
        kill: () => child.kill(),
      } as BackendChild;
    },
    start: { type: 'start', dbPath: options.dbPath, nativeBinding: options.nativeBinding },
    onEvent: options.onEvent,
    onRestarted: options.onRestarted,
    onGaveUp: options.onGaveUp,
  });
}
