import path from 'node:path';
import { parseArgs } from 'node:util';
import { startBackend } from '../backend/backend';
import { defaultDatabasePath } from '../backend/db/location';
import { startBridge } from './server';
import { openInBrowser } from './launcher';

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
      // the token never travels in argv (any user can read another's process list): it comes
      // from SAMRAD_BRIDGE_TOKEN, or from the first line of standard input with --token-stdin
      'token-stdin': { type: 'boolean', default: false },
      open: { type: 'boolean', default: false },
    },
  });
  const token = values['token-stdin'] ? await firstLineOfStdin() : process.env.SAMRAD_BRIDGE_TOKEN || undefined;
  // not passed on to anything this process starts (a browser, xdg-open)
  delete process.env.SAMRAD_BRIDGE_TOKEN;
  const dbPath = values.db ?? process.env.SAMRAD_DB ?? defaultDatabasePath();
  const backend = await startBackend(dbPath, { recoverDamaged: true, maintenance: {} });
  const bridge = await startBridge({
    dispatch: backend.dispatch,
    events: backend.events,
    staticDir: values.static,
    port: Number(values.port),
    token,
  });
  console.log(`Samråd is running in browser mode: ${bridge.openUrl}`);
  console.log(`Database: ${dbPath}`);
  const launcher = values.open ? openInBrowser(bridge.openUrl) : null;

  const stop = async () => {
    launcher?.remove();
    await bridge.close();
    backend.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

function firstLineOfStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (chunk) => {
      text += chunk;
      const end = text.indexOf('\n');
      if (end >= 0) {
        process.stdin.pause();
        resolve(text.slice(0, end).trim());
      }
    });
    process.stdin.on('end', () => resolve(text.trim()));
    process.stdin.on('error', reject);
  });
}

// The terminal that started us may go away (closed window, `| head`): a log line then fails
// with EPIPE. Without a listener that error is thrown, the last-resort handler below logs it,
// which fails again — a loop at 100 % CPU, found on this machine. Nobody reads the log any more:
// drop it and keep serving the open page.
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
const isBrokenPipe = (error: unknown) => (error as NodeJS.ErrnoException | undefined)?.code === 'EPIPE';

// Last resort, after every request and stream error is handled where it happens: whatever
// still slips through is logged and the server keeps serving the user's open page.
process.on('unhandledRejection', (reason) => {
  if (!isBrokenPipe(reason))
    console.error(
      `[samrad] unhandled rejection (kept running): ${reason instanceof Error ? reason.stack : String(reason)}`,
    );
});
process.on('uncaughtException', (error) => {
  if (!isBrokenPipe(error))
    console.error(`[samrad] uncaught exception (kept running): ${error.stack ?? error.message}`);
});

main().catch((error) => {
  console.error(`Samråd could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
