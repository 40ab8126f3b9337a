/**
 * Entry of the backend in the desktop app: runs inside an Electron utilityProcess, forked by
 * the main process, and talks to it over `process.parentPort`. Plain Node otherwise: this file
 * must not import 'electron' (the port is reached through `process`).
 */
import { startBackend } from '../backend';
import type { FromBackend, ToBackend } from './messages';
import { createPortServer } from './port-server';

interface ParentPort {
  on(event: 'message', listener: (message: { data: ToBackend }) => void): void;
  postMessage(message: FromBackend): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
if (!parentPort) {
  console.error('This file is the backend of the Samråd desktop app and runs only inside Electron.');
  process.exit(1);
}

// the app's backend: a damaged database still starts (recovery only, the window offers a
// backup), and the full integrity check and the daily backup run in the background
const server = createPortServer({
  start: (dbPath, options) => startBackend(dbPath, { ...options, recoverDamaged: true, maintenance: {} }),
  reply: parentPort,
});
parentPort.on('message', ({ data }) => {
  server
    .handle(data)
    .catch((error: unknown) =>
      console.error(
        `[samrad] a message from the window could not be handled: ${error instanceof Error ? error.stack : String(error)}`,
      ),
    );
});

// Last resort: every call is already answered inside the dispatcher's guard. Whatever still
// escapes is logged and the process goes on serving the window; if it dies anyway, the main
// process starts a new one (electron/main/backend-supervisor.ts).
process.on('unhandledRejection', (reason) =>
  console.error(
    `[samrad] unhandled rejection in the backend (kept running): ${reason instanceof Error ? reason.stack : String(reason)}`,
  ),
);
process.on('uncaughtException', (error) =>
  console.error(`[samrad] uncaught exception in the backend (kept running): ${error.stack ?? error.message}`),
);

const stop = () => {
  server.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
