import { dialog, type BrowserWindow } from 'electron';
import type { Dialogs } from '../ports';

/** Native open/save dialogs, modal to the main window when there is one. null = cancelled. */
export function createElectronDialogs(getWindow: () => BrowserWindow | null): Dialogs {
  return {
    async openFile({ title, filters }) {
      const window = getWindow();
      const options = { title, filters, properties: ['openFile' as const] };
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return result.canceled || result.filePaths.length === 0 ? null : result.filePaths[0];
    },
    async confirm({ title, message, detail, confirmLabel }) {
      const window = getWindow();
      // Cancel is the default and the escape answer: only an explicit click exposes anything.
      const options = {
        type: 'warning' as const,
        title,
        message,
        detail,
        buttons: ['Cancel', confirmLabel],
        defaultId: 0,
        cancelId: 0,
        noLink: true,
      };
      const result = window ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options);
      return result.response === 1;
    },
    async saveFile({ title, defaultName }) {
      const window = getWindow();
      const options = { title, defaultPath: defaultName };
      const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
  };
}
