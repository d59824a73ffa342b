import { BrowserWindow } from 'electron';
import { secureWebPreferences } from './policy';

export interface MainWindowOptions {
  preloadPath: string;
  /** The renderer URL (dev server, or app://stacklens/index.html). */
  url: string;
  iconPath?: string;
  /** DevTools allowed (unpackaged runs only). */
  devTools?: boolean;
}

/**
 * The one StackLens window: sandboxed, context-isolated, no Node, no <webview>; shown only when
 * the first paint is ready so the user never sees a white flash.
 */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1320,
    height: 860,
    minWidth: 960,
    minHeight: 620,
    show: false,
    title: 'StackLens',
    icon: options.iconPath,
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(options.preloadPath, { devTools: options.devTools }),
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(options.url);
  return window;
}
