import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';

const root = path.resolve(__dirname, '../../..');

export interface RunningApp {
  url: string;
  dbPath: string;
  dir: string;
  /** stop the backend process and start a new one on the same database; `whileStopped` runs in between */
  restart(whileStopped?: () => void | Promise<void>): Promise<void>;
  stop(): Promise<void>;
}

function startServer(dbPath: string): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    // SAMRAD_E2E_RENDERER points at a private renderer build (vite build --outDir DIR), so a
    // build running elsewhere in the tree cannot empty out/renderer under a running test
    const renderer = process.env.SAMRAD_E2E_RENDERER ? ['--static', path.resolve(process.env.SAMRAD_E2E_RENDERER)] : [];
    const child = spawn(
      path.join(root, 'node_modules/.bin/tsx'),
      ['electron/bridge/serve.ts', '--db', dbPath, ...renderer],
      {
        cwd: root,
        env: { ...process.env, SAMRAD_DATA_DIR: path.dirname(dbPath) },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    const timer = setTimeout(() => reject(new Error(`bridge did not start:\n${out}`)), 30_000);
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const match = /browser mode: (\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1] });
      }
    });
    child.stderr!.on('data', (chunk) => (out += chunk));
    child.on('exit', (code) => reject(new Error(`bridge exited ${code}:\n${out}`)));
  });
}

function stopServer(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

export async function launchApp(): Promise<RunningApp> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samrad-e2e-'));
  const dbPath = path.join(dir, 'samrad.sqlite');
  let server = await startServer(dbPath);
  const app: RunningApp = {
    url: server.url,
    dbPath,
    dir,
    async restart(whileStopped) {
      await stopServer(server.child);
      await whileStopped?.();
      server = await startServer(dbPath);
      app.url = server.url;
    },
    async stop() {
      await stopServer(server.child);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return app;
}

/** Opens the app and answers the first-start question "who is working?" with the given name. */
export async function openApp(page: Page, app: RunningApp, actorName = 'Sekreterare Test'): Promise<void> {
  await page.goto(app.url);
  const dialog = page.getByRole('dialog', { name: /Vem arbetar i Samråd\?|Who is working in Samråd\?/ });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel(/Ditt namn|Your name/).fill(actorName);
  await dialog.getByRole('button', { name: /Börja|Start/ }).click();
  await expect(dialog).toBeHidden();
}

export const test = base.extend<{ app: RunningApp }>({
  // Playwright reads a fixture's dependencies from this pattern; this one has none
  // eslint-disable-next-line no-empty-pattern
  app: async ({}, use) => {
    const app = await launchApp();
    await use(app);
    await app.stop();
  },
});
export { expect };

/**
 * Loads the Södertälje example from the overview, as a user would, and waits for it to finish
 * (it grows as areas add their parts, so it may take a while on a busy machine).
 */
export async function loadExample(page: Page): Promise<void> {
  await page.getByRole('navigation').locator('a[href="#/"]').click();
  await page.getByRole('button', { name: /Läs in exempel|Load example/ }).click();
  await expect(page.getByText(/Exemplet är inläst\.|The example is loaded\./)).toBeVisible({ timeout: 60_000 });
}
