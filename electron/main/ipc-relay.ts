import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import type { Result } from '../../shared/errors';
import { INVOKE_CHANNEL } from '../preload/channels';
import { isAppUrl } from './app-origin';

/**
 * The one IPC handler: the renderer's `invoke(method, input)` goes to the backend's
 * dispatcher, which validates it against the contract. Only our own app:// page in our own
 * window may call it.
 */
export function relayInvokeToBackend(options: {
  invoke(method: string, input: unknown): Promise<Result<unknown>>;
  isOurWindow(sender: Electron.WebContents): boolean;
  /** sees every successful call, e.g. to follow the language for the menu */
  afterCall?(method: string, result: Result<unknown>): void;
  /** methods the main process answers itself (native dialogs) instead of the backend */
  local?: Record<string, (input: unknown) => Promise<Result<unknown>>>;
}): void {
  ipcMain.handle(
    INVOKE_CHANNEL,
    async (event: IpcMainInvokeEvent, method: unknown, input: unknown): Promise<Result<unknown>> => {
      const frameUrl = event.senderFrame?.url;
      if (!options.isOurWindow(event.sender) || !isAppUrl(frameUrl) || event.senderFrame?.parent) {
        console.warn(`[samrad] refused IPC call from ${frameUrl ?? 'an unknown frame'}`);
        // same answer the HTTP transport gives for a refused call (renderer/api/transport.ts)
        return {
          ok: false,
          error: {
            code: 'INTERNAL',
            message: 'Calls are accepted only from the Samråd window',
            params: { reason: 'forbidden' },
          },
        };
      }
      if (typeof method !== 'string')
        return { ok: false, error: { code: 'VALIDATION', message: 'method must be a string' } };
      const local = Object.hasOwn(options.local ?? {}, method) ? options.local![method] : undefined;
      const result = local ? await local(input) : await options.invoke(method, input);
      if (result.ok) options.afterCall?.(method, result);
      return result;
    },
  );
}
