import { dialog, type BrowserWindow } from 'electron';
import { archiveContract } from '../../shared/contract/archive';
import type { Result } from '../../shared/errors';

/**
 * The archive page's "Choose…" button in the desktop app: a native folder picker (a package
 * folder) or save dialog (a .zip). Answered here in the main process, the only code that may
 * show a window; the input is checked against the same contract schema as every call.
 */
export function archiveDialogHandlers(
  window: () => BrowserWindow | null,
): Record<string, (input: unknown) => Promise<Result<unknown>>> {
  return {
    'archive.chooseTarget': async (input) => {
      const parsed = archiveContract['archive.chooseTarget'].input.safeParse(input);
      if (!parsed.success)
        return { ok: false, error: { code: 'VALIDATION', message: 'invalid input for archive.chooseTarget' } };
      const owner = window();
      if (!owner) return { ok: true, value: { available: false, path: null } };
      if (parsed.data.format === 'folder') {
        // an empty folder, or an earlier Samråd package to replace; the backend refuses anything else
        const chosen = await dialog.showOpenDialog(owner, {
          properties: ['openDirectory', 'createDirectory', 'promptToCreate'],
        });
        return { ok: true, value: { available: true, path: chosen.canceled ? null : (chosen.filePaths[0] ?? null) } };
      }
      const chosen = await dialog.showSaveDialog(owner, {
        defaultPath: parsed.data.suggestedName || 'arkiv.zip',
        filters: [{ name: 'Zip', extensions: ['zip'] }],
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      });
      const file =
        chosen.canceled || !chosen.filePath
          ? null
          : chosen.filePath.toLowerCase().endsWith('.zip')
            ? chosen.filePath
            : `${chosen.filePath}.zip`;
      return { ok: true, value: { available: true, path: file } };
    },
  };
}
