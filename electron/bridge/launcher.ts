import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Opens the page without the token on any command line: the browser is handed a small HTML
 * file, readable only by this user, that forwards to the address with the token in its
 * fragment (the way Jupyter opens its pages). The file is removed after two minutes.
 */
export function openInBrowser(url: string, spawnBrowser: typeof spawn = spawn): { file: string; remove(): void } {
  const file = writeLauncher(url);
  const remove = () => fs.rmSync(path.dirname(file), { recursive: true, force: true });
  const timer = setTimeout(remove, 120_000);
  timer.unref();
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  const { SAMRAD_BRIDGE_TOKEN: _never, ...env } = process.env;
  const child = spawnBrowser(command, [file], { stdio: 'ignore', detached: true, env });
  child.on('error', () => console.log('(No browser could be opened here: open the address above yourself.)'));
  child.unref();
  return { file, remove };
}

/** A private folder (0700) with open.html (0600) that forwards to `url`. */
export function writeLauncher(url: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samrad-open-'));
  fs.chmodSync(dir, 0o700);
  const file = path.join(dir, 'open.html');
  const quoted = JSON.stringify(url).replace(/</g, '\\u003c');
  const html = `<!doctype html><meta charset="utf-8"><title>Samråd</title><meta name="referrer" content="no-referrer"><script>location.replace(${quoted})</script><p>Opening Samråd…</p>`;
  fs.writeFileSync(file, html, { mode: 0o600 });
  return file;
}
