/**
 * Samråd's desktop shell: one window showing app://samrad/, one IPC relay to the backend in
 * a utility process, a menu, and the security baseline (sandboxed renderer, no navigation,
 * no new windows, no permissions, strict CSP).
 */
import path from 'node:path';
import { app, BrowserWindow, dialog, Menu, safeStorage, session } from 'electron';
import type { Result } from '../../shared/errors';
import type { Language } from '../../shared/contract/system';
import { EVENT_CHANNEL } from '../preload/channels';
import { APP_START_URL } from './app-origin';
import { registerAppScheme, serveAppScheme } from './app-protocol';
import { startBackendProcess } from './backend-process';
import { askWhereToSaveDownloads } from './downloads';
import { relayInvokeToBackend } from './ipc-relay';
import { archiveDialogHandlers } from './archive-dialog';
import {
  electronSafeStorage,
  KeystorePassphraseMemory,
  rememberedPassphraseFile,
  type RestoreOutcome,
} from './keystore-safe-storage';
import { buildMenu } from './menu';
import { menuLabels } from './menu-labels';
import { builtPaths, databasePath, nativeBindingPath } from './paths';
import { askBeforeDiscardingEdits } from './unsaved-changes';
import { denyPermissions, lockDownContents } from './window-security';

// SAMRAD_DATA_DIR moves the whole user-data folder (tests, portable use), as it does for the CLI
if (process.env.SAMRAD_DATA_DIR) app.setPath('userData', path.resolve(process.env.SAMRAD_DATA_DIR));

registerAppScheme();
app.enableSandbox();

// Last resort in the main process: log what escapes and keep the window (and what the user
// typed in it) rather than showing Electron's crash dialog and quitting.
process.on('uncaughtException', (error) =>
  console.error(`[samrad] uncaught exception in the main process (kept running): ${error.stack ?? error.message}`),
);
process.on('unhandledRejection', (reason) =>
  console.error(
    `[samrad] unhandled rejection in the main process (kept running): ${reason instanceof Error ? reason.stack : String(reason)}`,
  ),
);

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
    // the window stays: the renderer is told, reloads what it shows and re-sends unsaved text;
    // the keystore, locked again in the new process, is unlocked with the remembered passphrase
    onRestarted: (info) => {
      console.warn(
        `[samrad] the backend stopped (exit code ${info.exitCode}) and was started again (restart ${info.restarts})`,
      );
      void afterRestart?.();
      if (mainWindow && !mainWindow.isDestroyed()) {
        mainWindow.webContents.send(EVENT_CHANNEL, 'backend.restarted', { restarts: info.restarts });
        mainWindow.webContents.send(EVENT_CHANNEL, 'data.changed', { entity: '*' });
      }
    },
    onGaveUp: (reason) => fail('Samråd', new Error(`${reason}. Your saved work is in ${dbPath}.`)),
  });
  let afterRestart: (() => Promise<unknown>) | null = null;
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

  // the keystore passphrase remembered with safeStorage: unlock now, through the contract;
  // renderer calls wait for this, then pass through the same memory (stored on unlock,
  // forgotten on lock)
  const keystoreMemory = new KeystorePassphraseMemory({
    safeStorage: electronSafeStorage(safeStorage),
    file: rememberedPassphraseFile(app.getPath('userData'), dbPath),
    onError: (action, error) =>
      console.warn(
        `[samrad] could not ${action} the keystore passphrase on this computer (${(error as NodeJS.ErrnoException)?.code ?? (error instanceof Error ? error.name : 'error')})`,
      ),
  });
  const restored = keystoreMemory.restore(backend.invoke).then(reportRestore);
  afterRestart = () => keystoreMemory.restore(backend.invoke).then(reportRestore);

  relayInvokeToBackend({
    invoke: keystoreMemory.relay(backend.invoke, restored),
    isOurWindow: (sender) => !!mainWindow && sender === mainWindow.webContents,
    afterCall: followLanguage,
    local: archiveDialogHandlers(() => mainWindow),
  });
  mainWindow = createWindow();
}

/** Logs what became of the remembered passphrase: fixed words only, never the passphrase. */
function reportRestore(outcome: RestoreOutcome): void {
  switch (outcome.kind) {
    case 'unlocked':
      return console.info('[samrad] keystore unlocked with the passphrase remembered on this computer');
    case 'unavailable':
      return console.warn(
        '[samrad] a keystore passphrase is remembered, but safe storage is not available now: asking for it',
      );
    case 'forgotten':
      return console.warn(
        `[samrad] the remembered keystore passphrase could not be used (${outcome.reason}) and was forgotten`,
      );
    case 'backend-error':
      return console.warn('[samrad] could not check the keystore to use the remembered passphrase');
    default:
      return;
  }
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
  askBeforeDiscardingEdits(window, () => menuLabels[language]);
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => (mainWindow = null));
  void window.loadURL(APP_START_URL);
  return window;
}
