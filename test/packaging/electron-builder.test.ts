import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { extractAll, listPackage } from '@electron/asar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root, runToEnd } from './support';

/**
 * Packs the desktop app offline with electron-builder, on a stand-in Electron distribution
 * (no Electron binary can be downloaded here): `--linux dir -c.electronDist=<stand-in>
 * -c.npmRebuild=false`, in a scratch copy of the project so the real tree is only read.
 *
 * The stand-in is a small executable that carries Electron's fuse wire (the sentinel
 * @electron/fuses searches for, followed by version 1 and Electron's default fuse states),
 * so electron-builder really flips the fuses from electron-builder.yml and the test reads
 * them back. What this does NOT check: that a real Electron binary starts the package (see
 * test/e2e-electron), and the deb/AppImage/NSIS/dmg targets themselves (they need tools and
 * downloads this machine lacks): their configuration is checked as data below.
 */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
// Electron's fuse order (@electron/fuses FuseV1Options) and default states ('1' on, '0' off)
const FUSES = [
  'runAsNode',
  'enableCookieEncryption',
  'enableNodeOptionsEnvironmentVariable',
  'enableNodeCliInspectArguments',
  'enableEmbeddedAsarIntegrityValidation',
  'onlyLoadAppFromAsar',
  'loadBrowserProcessSpecificV8Snapshot',
  'grantFileProtocolExtraPrivileges',
] as const;
const ELECTRON_DEFAULTS = '10110001';

const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };
// the parsed file is read field by field by the assertions below
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const config = yaml.load(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Record<string, any>;
const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);

let scratch: string;
let unpacked: string;
let nativeStandIn: Buffer;

beforeAll(async () => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'samrad-pack-'));
  const app = path.join(scratch, 'app');
  // the real build (npm run build), written into the scratch project rather than the tree's out/
  const build = await runToEnd(
    bin('electron-vite'),
    ['build', '--logLevel', 'warn', '--outDir', path.join(app, 'out')],
    { cwd: root },
  );
  expect(build.code, build.output).toBe(0);

  // the stand-in Electron distribution
  const dist = path.join(scratch, 'electron-dist');
  fs.mkdirSync(dist);
  const version = JSON.parse(fs.readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8'))
    .version as string;
  fs.writeFileSync(
    path.join(dist, 'electron'),
    Buffer.concat([
      Buffer.from('#!/bin/sh\necho "stand-in for Electron"\n# '),
      Buffer.from(FUSE_SENTINEL),
      Buffer.from([1, FUSES.length]),
      Buffer.from(ELECTRON_DEFAULTS),
      Buffer.from('\n'),
    ]),
    { mode: 0o755 },
  );
  fs.writeFileSync(path.join(dist, 'version'), version);

  // the project as electron-builder sees it, with a stand-in Electron build of better-sqlite3
  fs.mkdirSync(path.join(app, '.native/electron'), { recursive: true });
  for (const item of ['package.json', 'electron-builder.yml', 'resources/icons'])
    fs.cpSync(path.join(root, item), path.join(app, item), { recursive: true });
  nativeStandIn = Buffer.from(`stand-in for better_sqlite3.node built for Electron ${version}`);
  fs.writeFileSync(path.join(app, '.native/electron/better_sqlite3.node'), nativeStandIn);
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(app, 'node_modules'), 'dir');

  const pack = await runToEnd(
    bin('electron-builder'),
    [
      '--linux',
      'dir',
      `-c.electronDist=${dist}`,
      '-c.npmRebuild=false',
      `-c.directories.output=${path.join(scratch, 'release')}`,
    ],
    {
      cwd: app,
      env: { ...process.env, CI: 'true', ELECTRON_BUILDER_OFFLINE: 'true' },
    },
  );
  expect(pack.code, pack.output).toBe(0);
  unpacked = path.join(scratch, 'release', 'linux-unpacked');
}, 150_000);

afterAll(() => {
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
});

describe('electron-builder package (linux dir, stand-in Electron)', () => {
  it('packs the built app into app.asar with our main entry', () => {
    const asar = path.join(unpacked, 'resources', 'app.asar');
    expect(fs.existsSync(asar)).toBe(true);
    expect(fs.existsSync(path.join(unpacked, 'resources', 'app'))).toBe(false);
    const files = listPackage(asar, { isPack: false }).map((file) => file.split(path.sep).join('/'));
    const main = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).main as string;
    expect(main).toBe('out/main/index.js');
    for (const file of [
      `/${main}`,
      '/out/main/backend.js',
      '/out/preload/index.js',
      '/out/renderer/index.html',
      '/package.json',
      '/resources/icons/icon.png',
    ]) {
      expect(files).toContain(file);
    }
    // nothing but the built app and better-sqlite3's JavaScript: no sources, maps, tests or
    // other dependencies (they are bundled), and no native build for Node
    const unexpected = files.filter(
      (file) => !/^\/(out|resources|node_modules)(\/|$)/.test(file) && file !== '/package.json',
    );
    expect(unexpected).toEqual([]);
    expect(files.filter((file) => file.endsWith('.map') || file.endsWith('.ts'))).toEqual([]);
    const modules = [
      ...new Set(files.filter((file) => file.startsWith('/node_modules/')).map((file) => file.split('/')[2])),
    ];
    expect(modules).toEqual(['better-sqlite3']);
    expect(files.filter((file) => file.endsWith('.node'))).toEqual([]);
    expect(fs.existsSync(path.join(unpacked, 'resources', 'app.asar.unpacked'))).toBe(false);
  });

  it('puts the Electron build of better-sqlite3 beside app.asar, where the main process looks', () => {
    expect(fs.readFileSync(path.join(unpacked, 'resources', 'native', 'better_sqlite3.node'))).toEqual(nativeStandIn);
    expect(fs.readFileSync(path.join(root, 'electron/main/paths.ts'), 'utf8')).toContain(
      "path.join(process.resourcesPath, 'native', 'better_sqlite3.node')",
    );
  });

  it('flips the fuses in the packaged executable as electron-builder.yml says', () => {
    const executable = fs.readFileSync(path.join(unpacked, 'samrad'));
    const at = executable.indexOf(FUSE_SENTINEL) + FUSE_SENTINEL.length;
    const wire = executable.subarray(at + 2, at + 2 + FUSES.length).toString('latin1');
    const state = Object.fromEntries(FUSES.map((fuse, i) => [fuse, wire[i] === '1']));
    expect(state).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('runs the packed backend from app.asar alone (Node build of better-sqlite3 as its native part)', async () => {
    const extracted = extractedApp();
    const dbPath = path.join(scratch, 'packed.sqlite');
    // plays the Electron main process: a parentPort on `process`, then start + one call
    const driver = `
      const { EventEmitter } = require('node:events');
      const port = new EventEmitter();
      port.postMessage = (message) => {
        if (message.type === 'ready') port.emit('message', { data: { type: 'call', id: 1, method: 'session.get', input: {} } });
        else { console.log(JSON.stringify(message)); process.exit(0); }
      };
      process.parentPort = port;
      require(${JSON.stringify(path.join(extracted, 'out/main/backend.js'))});
      port.emit('message', { data: { type: 'start', dbPath: ${JSON.stringify(dbPath)}, nativeBinding: ${JSON.stringify(path.join(root, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'))} } });
    `;
    // NODE_PATH empty and cwd outside the project: nothing may resolve from the repository
    const run = await runToEnd(process.execPath, ['-e', driver], {
      cwd: scratch,
      env: { ...process.env, NODE_PATH: '' },
    });
    expect(run.code, run.output).toBe(0);
    const reply = JSON.parse(run.output.trim().split('\n').pop()!);
    expect(reply).toMatchObject({
      type: 'result',
      id: 1,
      result: { ok: true, value: { databasePath: dbPath, schemaVersion: expect.any(Number) } },
    });
  });
});

let extracted: string | undefined;
/** app.asar unpacked once into the scratch folder, for running what it holds with Node */
function extractedApp(): string {
  if (!extracted) {
    extracted = path.join(scratch, 'extracted');
    extractAll(path.join(unpacked, 'resources', 'app.asar'), extracted);
  }
  return extracted;
}

describe('electron-builder.yml (targets electron-builder cannot make here)', () => {
  it('names the app and packs it as asar, never rebuilding node_modules', () => {
    expect(config.appId).toBe('se.samrad.desktop');
    expect(config.productName).toBe('Samråd');
    expect(config.asar).toBe(true);
    expect(config.npmRebuild).toBe(false);
    expect(config.extraResources).toEqual([
      { from: '.native/electron/better_sqlite3.node', to: 'native/better_sqlite3.node' },
    ]);
  });

  it('builds deb and AppImage for Linux, NSIS for Windows, dmg for macOS', () => {
    expect(config.linux.target).toEqual(['deb', 'AppImage']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
  });

  it('sets the fuses for every platform (they are one setting, applied per packaged binary)', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
    for (const platform of ['linux', 'win', 'mac']) expect(config[platform]?.electronFuses).toBeUndefined();
  });
});
