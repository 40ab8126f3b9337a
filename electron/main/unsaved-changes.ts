import { dialog, type BrowserWindow } from 'electron';
import type { MenuLabels } from './menu-labels';

/**
 * A page with unsaved edits refuses `beforeunload` (renderer/components/UnsavedChangesGuard);
 * Chromium would then keep the window open without a word, so the desktop app asks the user
 * and closes or reloads only if they choose to leave.
 */
export function askBeforeDiscardingEdits(window: BrowserWindow, labels: () => MenuLabels): void {
  window.webContents.on('will-prevent-unload', (event) => {
    const t = labels();
    const choice = dialog.showMessageBoxSync(window, {
      type: 'question',
      title: t.unsavedTitle,
      message: t.unsavedMessage,
      buttons: [t.unsavedLeave, t.unsavedStay],
      defaultId: 1,
      cancelId: 1,
      noLink: true,
    });
    // preventDefault here means: ignore the page's refusal and unload
    if (choice === 0) event.preventDefault();
  });
}
