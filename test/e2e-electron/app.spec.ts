import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { buildDesktop, desktopAvailability, electronArgs, ensureDisplay, removeDir } from './support/electron-app';

/**
 * The desktop app as a user starts it: the built app in Electron on a fresh database.
 * Checks the security baseline from the inside (window preferences, what the page can
 * reach, refused navigation and windows) and one call through the IPC relay.
 */
const availability = desktopAvailability();
if (!availability.ok) console.log(availability.reason);
test.skip(!availability.ok, availability.ok ? '' : availability.reason);
test.describe.configure({ mode: 'serial' });

let app: ElectronApplication;
let page: Page;
let dir: string;
let dbPath: string;
let display: Awaited<ReturnType<typeof ensureDisplay>>;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  if (!availability.ok) return;
  const built = buildDesktop();
  if (!built.ok) console.log(built.reason);
  test.skip(!built.ok, built.ok ? '' : built.reason);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samrad-electron-'));
  dbPath = path.join(dir, 'samrad.sqlite');
  display = await ensureDisplay();
  app = await electron.launch({
    executablePath: availability.executable,
    args: electronArgs(dbPath),
    env: { ...process.env, ...display.env, SAMRAD_DATA_DIR: dir } as Record<string, string>,
  });
  page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
});

test.afterAll(async () => {
  await app?.close();
  display?.stop();
  if (dir) removeDir(dir);
});

test('one window with the locked-down web preferences, showing app://samrad/', async () => {
  const window = await app.evaluate(({ BrowserWindow }) => {
    const windows = BrowserWindow.getAllWindows();
    // getLastWebPreferences is not in Electron's type declarations but is there at run time
    const contents = windows[0].webContents as (typeof windows)[0]['webContents'] & {
      getLastWebPreferences(): Electron.WebPreferences | null;
    };
    const prefs = contents.getLastWebPreferences() ?? {};
    return {
      count: windows.length,
      url: windows[0].webContents.getURL(),
      contextIsolation: prefs.contextIsolation,
      sandbox: prefs.sandbox,
      nodeIntegration: prefs.nodeIntegration,
      nodeIntegrationInSubFrames: prefs.nodeIntegrationInSubFrames,
      webSecurity: prefs.webSecurity,
      webviewTag: prefs.webviewTag,
    };
  });
  expect(window).toEqual({
    count: 1,
    url: 'app://samrad/index.html',
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    webviewTag: false,
  });
});

test('the page sees window.samrad with invoke and on only, and no Node', async () => {
  const seen = await page.evaluate(() => ({
    keys: Object.keys((window as unknown as { samrad: object }).samrad).sort(),
    require: typeof (window as unknown as { require?: unknown }).require,
    process: typeof (globalThis as unknown as { process?: unknown }).process,
    ipc: typeof (window as unknown as { ipcRenderer?: unknown }).ipcRenderer,
  }));
  expect(seen).toEqual({ keys: ['invoke', 'on'], require: 'undefined', process: 'undefined', ipc: 'undefined' });
});

test('a call goes through IPC to the backend in its utility process, and events come back', async () => {
  const session = await page.evaluate(() => window.samrad!.invoke('session.get', {}));
  expect(session).toMatchObject({ ok: true, value: { databasePath: dbPath, language: 'sv' } });

  const eventSeen = page.evaluate(
    () =>
      new Promise<unknown>((resolve) => {
        const off = window.samrad!.on('data.changed', (payload) => (off(), resolve(payload)));
      }),
  );
  const created = await page.evaluate(() =>
    window.samrad!.invoke('organisations.create', { name: 'Södertälje kommun', kind: 'kommun' }),
  );
  expect(created).toMatchObject({ ok: true, value: { name: 'Södertälje kommun' } });
  expect(await eventSeen).toBeTruthy();

  const invalid = await page.evaluate(() =>
    window.samrad!.invoke('organisations.create', { name: '', kind: 'kommun' }),
  );
  expect(invalid).toMatchObject({ ok: false, error: { code: 'VALIDATION', fields: { name: 'required' } } });
  const backendPids = await app.evaluate(
    ({ app: electronApp }) => electronApp.getAppMetrics().filter((m) => m.type === 'Utility').length,
  );
  expect(backendPids).toBeGreaterThanOrEqual(1);
});

test('app:// serves our files with the strict CSP and nothing outside them', async () => {
  const replies = await page.evaluate(async () => {
    const get = async (url: string) => {
      const response = await fetch(url);
      return { status: response.status, csp: response.headers.get('content-security-policy') };
    };
    return {
      index: await get('app://samrad/index.html'),
      escape: await get('app://samrad/..%2f..%2fpackage.json'),
      encoded: await get('app://samrad/%2e%2e/main/index.js'),
    };
  });
  expect(replies.index.status).toBe(200);
  expect(replies.index.csp).toContain("default-src 'self'");
  expect(replies.index.csp).toContain("script-src 'self'");
  expect(replies.escape.status).toBe(404);
  expect(replies.encoded.status).toBe(404);
});

test('navigation away and new windows are refused', async () => {
  await page.evaluate(() => {
    window.location.href = 'https://example.com/';
  });
  await page.waitForTimeout(1000);
  expect(page.url()).toMatch(/^app:\/\/samrad\//);

  const opened = await page.evaluate(() => window.open('https://example.com/') === null);
  expect(opened).toBe(true);
  await page.evaluate(() => {
    const link = document.createElement('a');
    link.href = 'https://example.com/';
    link.target = '_blank';
    document.body.appendChild(link);
    link.click();
    link.remove();
  });
  await page.waitForTimeout(1000);
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  expect(app.windows()).toHaveLength(1);
  expect(page.url()).toMatch(/^app:\/\/samrad\//);
});
