import { beforeEach, describe, expect, it, vi } from 'vitest';

// Electron's own modules do not load outside Electron: the dialog and ipcMain are stood in for here
const electron = vi.hoisted(() => ({
  handlers: new Map<string, (...args: unknown[]) => unknown>(),
  showOpenDialog: vi.fn(),
  showSaveDialog: vi.fn(),
}));
vi.mock('electron', () => ({
  dialog: { showOpenDialog: electron.showOpenDialog, showSaveDialog: electron.showSaveDialog },
  ipcMain: {
    handle: (channel: string, handler: (...args: unknown[]) => unknown) => electron.handlers.set(channel, handler),
  },
}));

import { archiveDialogHandlers } from './archive-dialog';
import { relayInvokeToBackend } from './ipc-relay';
import { INVOKE_CHANNEL } from '../preload/channels';

const window = {} as Electron.BrowserWindow;

describe('the archive target picker (desktop)', () => {
  beforeEach(() => {
    electron.showOpenDialog.mockReset();
    electron.showSaveDialog.mockReset();
  });

  it('opens a folder picker or a save dialog that always ends in .zip; cancelling gives no path', async () => {
    const handlers = archiveDialogHandlers(() => window);
    electron.showOpenDialog.mockResolvedValue({ canceled: false, filePaths: ['/home/arkiv/samrad-2017'] });
    expect(await handlers['archive.chooseTarget']({ format: 'folder' })).toEqual({
      ok: true,
      value: { available: true, path: '/home/arkiv/samrad-2017' },
    });
    expect(electron.showOpenDialog.mock.calls[0][1].properties).toContain('openDirectory');
    electron.showSaveDialog.mockResolvedValue({ canceled: false, filePath: '/home/arkiv/samrad-2017' });
    expect(
      await handlers['archive.chooseTarget']({ format: 'zip', suggestedName: 'arkiv_2017-01-01_2017-12-31.zip' }),
    ).toEqual({ ok: true, value: { available: true, path: '/home/arkiv/samrad-2017.zip' } });
    expect(electron.showSaveDialog.mock.calls[0][1].defaultPath).toBe('arkiv_2017-01-01_2017-12-31.zip');
    electron.showSaveDialog.mockResolvedValue({ canceled: true, filePath: '' });
    expect(await handlers['archive.chooseTarget']({ format: 'zip' })).toEqual({
      ok: true,
      value: { available: true, path: null },
    });
    expect(await handlers['archive.chooseTarget']({ format: 'tar' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(await archiveDialogHandlers(() => null)['archive.chooseTarget']({ format: 'folder' })).toEqual({
      ok: true,
      value: { available: false, path: null },
    });
  });

  it('is answered by the main process through the one IPC relay; every other method still goes to the backend', async () => {
    const invoke = vi.fn().mockResolvedValue({ ok: true, value: 'from the backend' });
    relayInvokeToBackend({ invoke, isOurWindow: () => true, local: archiveDialogHandlers(() => window) });
    const relay = electron.handlers.get(INVOKE_CHANNEL)!;
    const event = { sender: {}, senderFrame: { url: 'app://samrad/index.html', parent: null } };
    electron.showOpenDialog.mockResolvedValue({ canceled: false, filePaths: ['/arkiv'] });
    expect(await relay(event, 'archive.chooseTarget', { format: 'folder' })).toEqual({
      ok: true,
      value: { available: true, path: '/arkiv' },
    });
    expect(invoke).not.toHaveBeenCalled();
    expect(await relay(event, 'bodies.list', {})).toEqual({ ok: true, value: 'from the backend' });
    // a method name that is an Object prototype key is no local handler
    await relay(event, 'constructor', {});
    expect(invoke).toHaveBeenCalledTimes(2);
  });
});
