import { spawn } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startBackend } from '../backend/backend';
import { defaultDatabasePath } from '../backend/db/location';
import { startBridge } from './server';

/**
 * Browser mode: the backend in this process, the renderer served on 127.0.0.1.
 * Used by `npm start` when Electron cannot run, and by the browser tests.
 */
async function main() {
  const { values } = parseArgs({
    options: {
      db: { type: 'string' },
      port: { type: 'string', default: '0' },
      static: { type: 'string', default: path.resolve(__dirname, '../../out/renderer') },
      token: { type: 'string' },
      open: { type: 'boolean', default: false },
    },
  });
  const dbPath = values.db ?? process.env.SAMRAD_DB ?? defaultDatabasePath();
  const backend = await startBackend(dbPath);
  const bridge = await startBridge({
    dispatch: backend.dispatch,
    events: backend.events,
    staticDir: values.static,
    port: Number(values.port),
    token: values.token ?? process.env.SAMRAD_BRIDGE_TOKEN,
  });
  console.log(`Samråd is running in browser mode: ${bridge.openUrl}`);
  console.log(`Database: ${dbPath}`);
  if (values.open) openInBrowser(bridge.openUrl);

  const stop = async () => {
    await bridge.close();
    backend.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

function openInBrowser(url: string): void {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  const child = spawn(command, [url], { stdio: 'ignore', detached: true });
  child.on('error', () => console.log('(No browser could be opened here: open the address above yourself.)'));
  child.unref();
}

main().catch((error) => {
  console.error(`Samråd could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
