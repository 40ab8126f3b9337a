/**
 * The benchmarks' browser: the built renderer served by the loopback bridge on a bench
 * database (a separate plain Node process running the bridge bundled as the desktop backend
 * ships, bench/bundled-bridge.ts), in Debian's Chromium, past the "who works in Samråd"
 * question. Null when no renderer is built.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { bundledBridge } from './bundled-bridge';

export interface BrowserSession {
  page: Page;
  url: string;
  /** the bridge process (its backend runs in it, nothing else does) */
  server: ChildProcess;
  close(): Promise<void>;
}

export async function openBrowserSession(file: string): Promise<BrowserSession | null> {
  const renderer = path.resolve(process.env.BENCH_RENDERER ?? path.join(__dirname, '../out/renderer'));
  if (!fs.existsSync(path.join(renderer, 'index.html'))) {
    console.log(
      `  in the browser: not measured, no built renderer in ${renderer} (run npm run build:web, or set BENCH_RENDERER)`,
    );
    return null;
  }
  const { chromium } = await import('@playwright/test');
  const server = spawn(process.execPath, [await bundledBridge(), '--db', file, '--static', renderer], {
    env: { ...process.env, SAMRAD_DATA_DIR: path.dirname(file) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let browser: Browser | null = null;
  const close = async () => {
    await browser?.close();
    server.kill('SIGTERM');
  };
  try {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    });
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`bridge did not start:\n${out}`)), 60_000);
      server.stdout!.on('data', (chunk) => {
        out += chunk;
        const match = /browser mode: (\S+)/.exec(out);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      server.stderr!.on('data', (chunk) => (out += chunk));
    });
    const page = await browser.newPage({ locale: 'sv-SE', viewport: { width: 1366, height: 768 } });
    await page.goto(url);
    const who = page.getByRole('dialog', { name: /Vem arbetar i Samråd\?/ });
    // isVisible does not wait: the question comes once the session is read, after the page has loaded
    const asked = await who.waitFor({ timeout: 15_000 }).then(
      () => true,
      () => false,
    );
    if (asked) {
      await who.getByLabel('Ditt namn').fill('Bench');
      await who.getByRole('button', { name: 'Börja' }).click();
    }
    return { page, url, server, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * Resident memory of a process and of any processes it started, from /proc (Linux), in bytes:
 * now, and the most it has held since it started (the kernel's high-water mark, VmHWM).
 */
export function residentBytes(pid: number): { now: number; peak: number } {
  const kilobytes = (p: number, field: 'VmRSS' | 'VmHWM') => {
    const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync(`/proc/${p}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  };
  const children = (p: number): number[] =>
    fs
      .readdirSync(`/proc/${p}/task`)
      .flatMap((t) => fs.readFileSync(`/proc/${p}/task/${t}/children`, 'utf8').trim().split(/\s+/).filter(Boolean))
      .map(Number);
  const all = [pid];
  for (let i = 0; i < all.length; i++) all.push(...children(all[i]));
  const sum = (field: 'VmRSS' | 'VmHWM') => all.reduce((total, p) => total + kilobytes(p, field), 0);
  return { now: sum('VmRSS'), peak: sum('VmHWM') };
}
