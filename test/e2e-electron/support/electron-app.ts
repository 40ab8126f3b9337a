import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { findElectronBinary } from '../../../scripts/electron-binary.cjs';

export const root = path.resolve(__dirname, '../../..');

/**
 * Whether the desktop app can be launched here, and why not. Never loads the `electron`
 * package itself: that would start a download of the binary.
 */
export function desktopAvailability(): { ok: true; executable: string } | { ok: false; reason: string } {
  const binary = findElectronBinary();
  if (!binary.present)
    return {
      ok: false,
      reason: `Electron e2e skipped: ${binary.reason} (Electron 45 fetches it on first launch; none can be downloaded here)`,
    };
  return { ok: true, executable: binary.executable };
}

/** Builds what `npm start` builds: out/ with electron-vite, and better-sqlite3 for Electron. */
export function buildDesktop(): { ok: true } | { ok: false; reason: string } {
  const vite = spawnSync(path.join(root, 'node_modules/.bin/electron-vite'), ['build', '--logLevel', 'warn'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (vite.status !== 0) throw new Error(`electron-vite build failed:\n${vite.stdout}${vite.stderr}`);
  const native = spawnSync(process.execPath, ['scripts/build-native-electron.mjs'], { cwd: root, encoding: 'utf8' });
  if (native.status !== 0)
    return {
      ok: false,
      reason: `Electron e2e skipped: better-sqlite3 could not be built for Electron here:\n${native.stdout}${native.stderr}`,
    };
  return { ok: true };
}

/** Electron needs a display on Linux: use the one there is, or start Xvfb for the test run. */
export async function ensureDisplay(): Promise<{ env: Record<string, string>; stop(): void }> {
  if (process.platform !== 'linux' || process.env.DISPLAY || process.env.WAYLAND_DISPLAY)
    return { env: {}, stop: () => undefined };
  const xvfb: ChildProcess = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
  });
  const display = await new Promise<string>((resolve, reject) => {
    let out = '';
    xvfb.on('error', (error) =>
      reject(new Error(`Electron needs a display and Xvfb could not start: ${error.message}`)),
    );
    (xvfb.stdio[3] as NodeJS.ReadableStream).on('data', (chunk) => {
      out += chunk;
      if (out.includes('\n')) resolve(`:${out.trim()}`);
    });
  });
  return { env: { DISPLAY: display }, stop: () => void xvfb.kill() };
}

export function electronArgs(dbPath: string): string[] {
  // Chromium refuses to run as root with its sandbox (CI runs as root); the renderer's own
  // sandbox preference is still set and checked by the tests
  const rootUser = typeof process.getuid === 'function' && process.getuid() === 0;
  return [...(rootUser ? ['--no-sandbox'] : []), root, '--db', dbPath];
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}
