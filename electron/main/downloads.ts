import path from 'node:path';
import { app, type Session } from 'electron';

/**
 * The renderer saves exports through a download link (a Blob). In the desktop app that
 * becomes a save dialog opening in the Documents folder with the suggested file name.
 */
export function askWhereToSaveDownloads(target: Session, language: () => 'sv' | 'en'): void {
  target.on('will-download', (_event, item) => {
    item.setSaveDialogOptions({
      title: language() === 'en' ? 'Save file' : 'Spara fil',
      defaultPath: path.join(app.getPath('documents'), item.getFilename()),
      buttonLabel: language() === 'en' ? 'Save' : 'Spara',
    });
  });
}
