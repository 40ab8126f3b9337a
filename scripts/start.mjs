// `npm start`: the desktop app when Electron's binary is here, otherwise the same app in
// browser mode on 127.0.0.1 (Electron 45 fetches its binary on first launch, which fails
// on machines without access to its download host).
//
//   npm start                      desktop app, or browser mode when Electron cannot run
//   npm start -- --browser         browser mode even where Electron is present
//   npm start -- --db FILE         another database (also SAMRAD_DB)
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildNativeForElectron, isUpToDate } from './build-native-electron.mjs';
import { findElectronBinary } from './electron-binary.cjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
const args = process.argv.slice(2);

function run(command, commandArgs) {
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** Why the desktop app cannot run here, or null when it can. */
function whyNoDesktop(electron) {
  if (!electron.present) return electron.reason;
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY)
    return 'there is no graphical display (DISPLAY is not set)';
  if (!isUpToDate()) {
    const native = buildNativeForElectron();
    if (!native.ok) return native.message;
  }
  return null;
}

function forward(child) {
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function startDesktop(executable) {
  run(bin('electron-vite'), ['build', '--logLevel', 'warn']);
  const electronArgs = [root, ...args.filter((arg) => arg !== '--browser')];
  forward(spawn(executable, electronArgs, { cwd: root, stdio: 'inherit' }));
}

function startBrowserMode() {
  run(bin('vite'), ['build', '--config', 'renderer/vite.config.mts', '--logLevel', 'warn']);
  const serveArgs = ['electron/bridge/serve.ts', '--open', ...args.filter((arg) => arg !== '--browser')];
  forward(spawn(bin('tsx'), serveArgs, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' }));
}

const electron = findElectronBinary();
if (args.includes('--browser')) {
  console.log('Samråd starts in browser mode (asked for with --browser).');
  startBrowserMode();
} else {
  const reason = whyNoDesktop(electron);
  if (reason) {
    console.log(`Electron is not available here: ${reason}. Samråd starts in browser mode instead.`);
    startBrowserMode();
  } else {
    startDesktop(electron.executable);
  }
}
