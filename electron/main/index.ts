/**
 * Samråd's desktop shell: one window showing app://samrad/, one IPC relay to the backend in
 * a utility process, a menu, and the security baseline (sandboxed renderer, no navigation,
 * no new windows, no permissions, strict CSP).
 */
import path from 'node:path';
import { app, BrowserWindow, dialog, Menu, session } from 'electron';
import type { Result } from '../../shared/errors';
import type { Language } from '../../shared/contract/system';
import { EVENT_CHANNEL } from '../preload/channels';
import { APP_START_URL } from './app-origin';
import { registerAppScheme, serveAppScheme } from './app-protocol';
import { startBackendProcess } from './backend-process';
import { askWhereToSaveDownloads } from './downloads';
import { relayInvokeToBackend } from './ipc-relay';
import { buildMenu } from './menu';
import { builtPaths, databasePath, nativeBindingPath } from './paths';
import { denyPermissions, lockDownContents } from './window-security';

// SAMRAD_DATA_DIR moves the whole user-data folder (tests, portable use), as it does for the CLI
if (process.env.SAMRAD_DATA_DIR) app.setPath('userData', path.resolve(process.env.SAMRAD_DATA_DIR));

registerAppScheme();
app.enableSandbox();

const dev = !app.isPackaged;
let mainWindow: BrowserWindow | null = null;
let language: Language = 'sv';

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  // every web contents, including any we did not create ourselves, gets the same locks
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents));
  app.on('window-all-closed', () => app.quit());
  app.whenReady().then(start, (error) => fail('Samråd could not start', error));
}

function fail(title: string, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`[samrad] ${title}: ${message}`);
  dialog.showErrorBox(title, message);
  app.exit(1);
}

async function start(): Promise<void> {
  const dbPath = databasePath();
  denyPermissions(session.defaultSession);
  serveAppScheme(builtPaths.renderer);
  askWhereToSaveDownloads(session.defaultSession, () => language);

  const backend = startBackendProcess({
    modulePath: builtPaths.backend,
    dbPath,
    nativeBinding: nativeBindingPath(),
    onEvent: (event, payload) => {
      if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(EVENT_CHANNEL, event, payload);
    },
    onExit: (code) => fail('Samråd', new Error(`The Samråd backend stopped unexpectedly (exit code ${code}). Your saved work is in ${dbPath}.`)),
  });
  app.on('will-quit', () => backend.stop());
  try {
    await backend.ready;
  } catch (error) {
    return fail('Samråd could not open its database', error);
  }

  const setMenu = () => Menu.setApplicationMenu(buildMenu({ language, dev, dbPath }));
  const followLanguage = (method: string, result: Result<unknown>) => {
    if (!result.ok || !method.startsWith('session.')) return;
    const next = (result.value as { language?: Language } | null)?.language;
    if (next && next !== language) {
      language = next;
      setMenu();
    }
  };
  followLanguage('session.get', await backend.invoke('session.get', {}));
  setMenu();

  relayInvokeToBackend({
    invoke: backend.invoke,
    isOurWindow: (sender) => !!mainWindow && sender === mainWindow.webContents,
    afterCall: followLanguage,
  });
  mainWindow = createWindow();
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Samråd',
    backgroundColor: '#ffffff',
    icon: path.join(__dirname, '../../resources/icons/icon.png'),
    webPreferences: {
      preload: builtPaths.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      safeDialogs: true,
      spellcheck: true,
    },
  });
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => (mainWindow = null));
  void window.loadURL(APP_START_URL);
  return window;
}
