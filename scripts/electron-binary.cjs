// Finds Electron's executable WITHOUT loading the `electron` package: since Electron 45 its
// index.js downloads the binary on first use (and throws where that host is unreachable).
// CommonJS so that start.mjs, vitest and Playwright's test loader can all use it.
const fs = require('node:fs');
const path = require('node:path');

/** The installed `electron` package folder, or null when it is not installed. */
function electronPackageDir(fromDir = process.cwd()) {
  try {
    return path.dirname(require.resolve('electron/package.json', { paths: [fromDir] }));
  } catch {
    return null;
  }
}

/**
 * `{ present: true, executable, version }` when the binary is on disk, else
 * `{ present: false, reason }` with a sentence a person can act on.
 */
function findElectronBinary(packageDir = electronPackageDir()) {
  if (!packageDir) return { present: false, reason: 'the electron package is not installed (run npm ci)' };
  const version = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')).version;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const pathFile = path.join(packageDir, 'path.txt');
  const relative = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : null;
  if (!relative && !override) {
    return { present: false, version, reason: `the Electron ${version} binary has not been downloaded` };
  }
  const executable = override ? path.join(override, relative || 'electron') : path.join(packageDir, 'dist', relative);
  if (!fs.existsSync(executable))
    return { present: false, version, reason: `the Electron binary is missing at ${executable}` };
  return { present: true, version, executable };
}

module.exports = { electronPackageDir, findElectronBinary };
