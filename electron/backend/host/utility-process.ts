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

const server = createPortServer({ start: startBackend, reply: parentPort });
parentPort.on('message', ({ data }) => void server.handle(data));

const stop = () => {
  server.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
