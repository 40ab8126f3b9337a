import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './channels';

/**
 * The renderer's whole view of the desktop: `window.samrad.invoke(method, input)` and
 * `window.samrad.on(event, listener)` (returns an unsubscribe function). Nothing else —
 * no ipcRenderer, no Node. Shape: renderer/api/transport.ts `SamradBridge`.
 */
contextBridge.exposeInMainWorld('samrad', {
  invoke: (method: string, input: unknown) => ipcRenderer.invoke(INVOKE_CHANNEL, String(method), input),
  on(event: string, listener: (payload: unknown) => void): () => void {
    if (typeof listener !== 'function') throw new TypeError('listener must be a function');
    const forward = (_event: IpcRendererEvent, name: string, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, forward);
    return () => void ipcRenderer.removeListener(EVENT_CHANNEL, forward);
  },
});
