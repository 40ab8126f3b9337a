import path from 'node:path';
import { app, dialog, Menu, shell, type MenuItemConstructorOptions } from 'electron';
import type { Language } from '../../shared/contract/system';
import { menuLabels } from './menu-labels';

export interface MenuOptions {
  language: Language;
  /** reload and developer tools only while developing */
  dev: boolean;
  dbPath: string;
}

/** Arkiv / Redigera / Visa / Hjälp, in the language the user chose in the app. */
export function buildMenu({ language, dev, dbPath }: MenuOptions): Menu {
  const t = menuLabels[language] ?? menuLabels.sv;
  const view: MenuItemConstructorOptions[] = [
    { role: 'resetZoom', label: t.resetZoom },
    { role: 'zoomIn', label: t.zoomIn },
    { role: 'zoomOut', label: t.zoomOut },
    { type: 'separator' },
    { role: 'togglefullscreen', label: t.fullScreen },
  ];
  if (dev)
    view.unshift(
      { role: 'reload', label: t.reload },
      { role: 'toggleDevTools', label: t.devTools },
      { type: 'separator' },
    );

  const template: MenuItemConstructorOptions[] = [
    { label: t.file, submenu: [{ role: 'quit', label: t.quit }] },
    {
      label: t.edit,
      submenu: [
        { role: 'undo', label: t.undo },
        { role: 'redo', label: t.redo },
        { type: 'separator' },
        { role: 'cut', label: t.cut },
        { role: 'copy', label: t.copy },
        { role: 'paste', label: t.paste },
        { role: 'selectAll', label: t.selectAll },
      ],
    },
    { label: t.view, submenu: view },
    {
      role: 'help',
      label: t.help,
      submenu: [
        { label: t.dataFolder, click: () => void shell.openPath(path.dirname(dbPath)) },
        {
          label: t.about,
          click: () =>
            void dialog.showMessageBox({
              type: 'info',
              title: t.about,
              message: `Samråd ${app.getVersion()}`,
              detail: t.aboutDetail,
              buttons: ['OK'],
            }),
        },
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}
