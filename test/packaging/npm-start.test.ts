import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../electron/bridge/server';
import { findElectronBinary } from '../../scripts/electron-binary.cjs';
import { root } from './support';

/**
 * README's `npm start` where Electron's binary is missing, as on this machine: one clear
 * line, then the app in browser mode on 127.0.0.1, printing its address and trying to open
 * a browser. ELECTRON_OVERRIDE_DIST_PATH points at an empty folder so the fallback is taken
 * on machines that do have the binary too.
 */
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'samrad-start-'));
let child: ChildProcess | null = null;
afterAll(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  fs.rmSync(scratch, { recursive: true, force: true });
});

function waitFor(read: () => string, pattern: RegExp, ms: number): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const timer = setInterval(() => {
      const match = pattern.exec(read());
      if (match) {
        clearInterval(timer);
        return resolve(match);
      }
      if (Date.now() - started > ms) {
        clearInterval(timer);
        reject(new Error(`no ${pattern} within ${ms} ms in:\n${read()}`));
      }
    }, 100);
  });
}

describe('Electron binary detection', () => {
  it('finds no binary without path.txt and never loads the electron package (which would download)', () => {
    const fake = path.join(scratch, 'electron-pkg');
    fs.mkdirSync(path.join(fake, 'dist'), { recursive: true });
    fs.writeFileSync(path.join(fake, 'package.json'), JSON.stringify({ version: '45.5.0' }));
    fs.writeFileSync(path.join(fake, 'index.js'), 'throw new Error("loading electron/index.js starts a download")');
    expect(findElectronBinary(fake)).toEqual({
      present: false,
      version: '45.5.0',
      reason: 'the Electron 45.5.0 binary has not been downloaded',
    });

    fs.writeFileSync(path.join(fake, 'path.txt'), 'electron');
    expect(findElectronBinary(fake)).toMatchObject({ present: false, reason: expect.stringContaining('missing') });

    fs.writeFileSync(path.join(fake, 'dist', 'electron'), '');
    expect(findElectronBinary(fake)).toEqual({
      present: true,
      version: '45.5.0',
      executable: path.join(fake, 'dist', 'electron'),
    });
    expect(findElectronBinary(null)).toMatchObject({
      present: false,
      reason: expect.stringContaining('not installed'),
    });
  });
});

describe('npm start without the Electron binary', () => {
  it('says so in one line, serves the app on 127.0.0.1, prints the address and opens it through a private launcher', async () => {
    // a stand-in xdg-open/open that records what it was asked to open
    const fakeBin = path.join(scratch, 'bin');
    fs.mkdirSync(fakeBin);
    const opened = path.join(scratch, 'opened.txt');
    for (const name of ['xdg-open', 'open'])
      fs.writeFileSync(path.join(fakeBin, name), `#!/bin/sh\necho "$1" >> ${opened}\n`, { mode: 0o755 });
    fs.mkdirSync(path.join(scratch, 'no-electron'));
    const dbPath = path.join(scratch, 'data', 'samrad.sqlite');

    let output = '';
    child = spawn('npm', ['start', '--', '--db', dbPath], {
      cwd: root,
      env: {
        ...process.env,
        PATH: `${fakeBin}:${process.env.PATH}`,
        ELECTRON_OVERRIDE_DIST_PATH: path.join(scratch, 'no-electron'),
        SAMRAD_DATA_DIR: path.join(scratch, 'data'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));

    const [, openUrl, origin, token] = await waitFor(
      () => output,
      /browser mode: ((http:\/\/127\.0\.0\.1:\d+)\/#token=(\S+))/,
      90_000,
    );
    const notices = output.split('\n').filter((line) => line.includes('Electron'));
    expect(notices).toEqual([
      'Electron is not available here: the Electron binary is missing at ' +
        path.join(scratch, 'no-electron', 'electron') +
        '. Samråd starts in browser mode instead.',
    ]);

    const page = await fetch(`${origin}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await page.text()).toContain('<div id="root">');

    const reply = await fetch(`${origin}/api/call`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-samrad-token': token, origin },
      body: JSON.stringify({ method: 'session.get', input: {} }),
    });
    expect(await reply.json()).toMatchObject({ ok: true, value: { databasePath: dbPath, language: 'sv' } });

    // the browser is handed a private launcher file, never the address with the token (it would show in the process list)
    await waitFor(() => (fs.existsSync(opened) ? fs.readFileSync(opened, 'utf8') : ''), /./, 10_000);
    const launcher = fs.readFileSync(opened, 'utf8').trim();
    expect(launcher).not.toContain(token);
    expect(fs.statSync(launcher).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(launcher, 'utf8')).toContain(`location.replace(${JSON.stringify(openUrl)})`);

    // Ctrl+C in the terminal: the whole process group stops and the port closes
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    process.kill(-child.pid!, 'SIGINT');
    await exited;
    const port = Number(new URL(origin).port);
    const refused = await new Promise((resolve) =>
      net
        .connect(port, '127.0.0.1')
        .on('connect', () => resolve(false))
        .on('error', () => resolve(true)),
    );
    expect(refused).toBe(true);
  }, 150_000);
});
