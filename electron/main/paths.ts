import fs from 'node:fs';
import path from 'node:path';
import { app } from 'electron';

/** `--db FILE` / `--db=FILE` on the command line, then SAMRAD_DB, then the user-data folder. */
export function databasePath(argv: string[] = process.argv): string {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--db' && argv[i + 1]) return path.resolve(argv[i + 1]);
    if (argv[i].startsWith('--db=')) return path.resolve(argv[i].slice('--db='.length));
  }
  if (process.env.SAMRAD_DB) return path.resolve(process.env.SAMRAD_DB);
  return path.join(app.getPath('userData'), 'samrad.sqlite');
}

/**
 * better-sqlite3 built against Electron's headers. node_modules keeps the Node build for the
 * tests and the CLI; the desktop app loads its own copy: from the resources folder when
 * packaged (electron-builder's extraResources), from `.native/electron/` while developing
 * (made by scripts/build-native-electron.mjs).
 */
export function nativeBindingPath(): string | undefined {
  const candidates = [
    process.env.SAMRAD_NATIVE_BINDING,
    app.isPackaged ? path.join(process.resourcesPath, 'native', 'better_sqlite3.node') : undefined,
    path.join(app.getAppPath(), '.native', 'electron', 'better_sqlite3.node'),
  ];
  return candidates.find((file): file is string => !!file && fs.existsSync(file));
}

/** Where electron-vite put the pieces (next to this file once built: out/main/index.js). */
export const builtPaths = {
  renderer: path.join(__dirname, '../renderer'),
  preload: path.join(__dirname, '../preload/index.js'),
  backend: path.join(__dirname, 'backend.js'),
};
