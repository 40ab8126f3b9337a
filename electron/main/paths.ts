import fs from 'node:fs';
import path from 'node:path';
import { app } from 'electron';
import { databasePathFrom } from './database-path';

export function databasePath(): string {
  return databasePathFrom(process.argv, process.env, app.getPath('userData'));
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
