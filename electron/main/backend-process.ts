import { utilityProcess } from 'electron';
import type { FromBackend } from '../backend/host/messages';
import { createBackendClient, type BackendClient } from './backend-client';

export interface BackendProcessOptions {
  modulePath: string;
  dbPath: string;
  nativeBinding?: string;
  onEvent(event: string, payload: unknown): void;
  /** the process ended while the app still needed it */
  onExit(code: number): void;
}

/**
 * Runs the backend (database, services, exports) in its own utility process, so heavy work
 * never blocks the window, and talks to it by message.
 */
export function startBackendProcess(options: BackendProcessOptions): BackendClient & { stop(): void } {
  const child = utilityProcess.fork(options.modulePath, [], { serviceName: 'Samråd backend', stdio: 'inherit' });
  const client = createBackendClient(child, options.onEvent);
  let stopping = false;
  child.on('message', (message: FromBackend) => client.receive(message));
  child.on('exit', (code) => {
    client.lost(`The Samråd backend stopped (exit code ${code})`);
    if (!stopping) options.onExit(code);
  });
  child.postMessage({ type: 'start', dbPath: options.dbPath, nativeBinding: options.nativeBinding });
  return {
    ...client,
    stop() {
      stopping = true;
      child.kill();
    },
  };
}
