// Builds better-sqlite3 for Electron into .native/electron/better_sqlite3.node.
//
// node_modules/better-sqlite3 keeps its Node build (tests, CLI, browser mode). The desktop app
// loads this second build through better-sqlite3's `nativeBinding` option, so nothing is ever
// rebuilt back and forth. The build happens in a copy of the package; node_modules is only read.
//
//   node scripts/build-native-electron.mjs            build if missing or out of date
//   node scripts/build-native-electron.mjs --check    exit 0 when up to date, 1 otherwise
//   node scripts/build-native-electron.mjs --force    build again
//
// Needs python3, make, a C++ compiler and Electron's headers: node-gyp downloads them from
// SAMRAD_ELECTRON_HEADERS_URL (default https://electronjs.org/headers) into
// SAMRAD_ELECTRON_HEADERS_DIR (default .native/headers), or finds them there already.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
const outDir = path.resolve(root, process.env.SAMRAD_NATIVE_DIR ?? '.native/electron');
const output = path.join(outDir, 'better_sqlite3.node');
const stampFile = path.join(outDir, 'build.json');

function packageOf(name) {
  const file = require.resolve(`${name}/package.json`);
  return { dir: path.dirname(file), version: JSON.parse(fs.readFileSync(file, 'utf8')).version };
}

/** What the existing build was made for; a different Electron or better-sqlite3 means rebuild. */
export function wantedStamp() {
  return {
    electron: process.env.SAMRAD_ELECTRON_TARGET ?? packageOf('electron').version,
    betterSqlite3: packageOf('better-sqlite3').version,
    platform: process.platform,
    arch: process.env.SAMRAD_ELECTRON_ARCH ?? process.arch,
  };
}

export function isUpToDate() {
  if (!fs.existsSync(output) || !fs.existsSync(stampFile)) return false;
  return JSON.stringify(JSON.parse(fs.readFileSync(stampFile, 'utf8'))) === JSON.stringify(wantedStamp());
}

export function buildNativeForElectron({ log = console.log } = {}) {
  const stamp = wantedStamp();
  const source = packageOf('better-sqlite3').dir;
  const work = path.join(
    root,
    '.native',
    'work',
    `better-sqlite3-${stamp.betterSqlite3}-electron-${stamp.electron}-${stamp.arch}`,
  );
  fs.rmSync(work, { recursive: true, force: true });
  // a copy without the Node build, so node-gyp cannot reuse or overwrite it
  const skipped = ['build', 'node_modules'].map((name) => path.join(source, name));
  fs.cpSync(source, work, {
    recursive: true,
    filter: (file) => !skipped.some((dir) => file === dir || file.startsWith(dir + path.sep)),
  });

  // npm passes its own config as npm_config_* variables; a nodedir or target there (this
  // machine sets nodedir=/usr) would silently build against Node's headers instead
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !/^npm_config_(nodedir|target|runtime|dist_?url|arch|devdir)$/i.test(key),
    ),
  );
  const gyp = require.resolve('node-gyp/bin/node-gyp.js');
  const args = [
    gyp,
    'rebuild',
    '--release',
    `--target=${stamp.electron}`,
    `--arch=${stamp.arch}`,
    `--dist-url=${process.env.SAMRAD_ELECTRON_HEADERS_URL ?? 'https://electronjs.org/headers'}`,
    // where node-gyp keeps (or finds, for offline builds) the headers
    `--devdir=${path.resolve(root, process.env.SAMRAD_ELECTRON_HEADERS_DIR ?? '.native/headers')}`,
  ];
  log(
    `Building better-sqlite3 ${stamp.betterSqlite3} for Electron ${stamp.electron} (${stamp.platform}-${stamp.arch})…`,
  );
  const result = spawnSync(process.execPath, args, { cwd: work, env, stdio: ['ignore', 'inherit', 'inherit'] });
  const built = path.join(work, 'build', 'Release', 'better_sqlite3.node');
  if (result.status !== 0 || !fs.existsSync(built)) {
    fs.rmSync(work, { recursive: true, force: true });
    return {
      ok: false,
      message: `better-sqlite3 could not be built for Electron ${stamp.electron} (node-gyp exit ${result.status ?? result.signal}). It needs Electron's headers from ${args[5].slice('--dist-url='.length)} and python3, make and a C++ compiler.`,
    };
  }
  fs.mkdirSync(outDir, { recursive: true });
  fs.copyFileSync(built, output);
  fs.writeFileSync(stampFile, `${JSON.stringify(stamp, null, 2)}\n`);
  fs.rmSync(work, { recursive: true, force: true });
  log(`Built ${path.relative(root, output)}`);
  return { ok: true, file: output };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const flags = new Set(process.argv.slice(2));
  if (flags.has('--check')) {
    const fresh = isUpToDate();
    console.log(
      fresh
        ? `${path.relative(root, output)} is up to date`
        : `${path.relative(root, output)} is missing or out of date`,
    );
    process.exit(fresh ? 0 : 1);
  }
  if (!flags.has('--force') && isUpToDate()) {
    console.log(`${path.relative(root, output)} is up to date`);
  } else {
    const result = buildNativeForElectron();
    if (!result.ok) {
      console.error(result.message);
      process.exit(1);
    }
  }
}
