/**
 * StackLens main process: lifecycle only. Single-instance lock, the locked-down window, IPC
 * registration, quit cleanup. Everything else lives in electron-free modules (services, routes).
 */
import { join } from 'node:path';
import { app, BrowserWindow, session } from 'electron';
import { createServices } from './services';
import { routes } from './ipc/routes';
import { createMainWindow } from './shell/window';
import { hardenSession, hardenWebContents } from './shell/security';
import { registerIpc } from './shell/register-ipc';
import { SafeStorageCipher } from './shell/safe-storage-cipher';
import { createElectronDialogs } from './shell/dialogs';
import { createEventSink } from './shell/event-sink';
import { createElectronExternalLinks } from './shell/external';
import { rendererLocation } from './shell/policy';
import { registerAppScheme, serveAppScheme } from './shell/app-protocol';
import { APP_INDEX_URL } from './shell/app-scheme';

const log = (line: string) => console.log(`[stacklens] ${line}`);
let mainWindow: BrowserWindow | null = null;

function focusMainWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

async function start(): Promise<void> {
  const renderer = rendererLocation(process.env.ELECTRON_RENDERER_URL, APP_INDEX_URL, app.isPackaged);
  const appUrl = renderer.url;
  if (!renderer.isDevServer) serveAppScheme(join(__dirname, '../renderer'));
  const resourcesDir = join(app.getAppPath(), 'resources');

  hardenSession(session.defaultSession);
  const external = createElectronExternalLinks();
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, appUrl, log, external));

  const services = createServices({
    dataDir: app.getPath('userData'),
    cipher: new SafeStorageCipher(),
    dialogs: createElectronDialogs(() => mainWindow),
    external,
    emit: createEventSink(() => mainWindow?.webContents ?? null),
    env: process.env,
    cwd: process.cwd(),
    homeDir: app.getPath('home'),
    appVersion: app.getVersion(),
    shell: 'electron',
    resourcesDir,
    log,
  });
  const unregisterIpc = registerIpc({ routes, services, appUrl, log });

  const openWindow = () => {
    mainWindow = createMainWindow({
      preloadPath: join(__dirname, '../preload/index.js'),
      url: appUrl,
      iconPath: join(resourcesDir, 'icon.png'),
      devTools: !app.isPackaged,
    });
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
  };
  openWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });

  // Quit cleanup runs once: stop taking IPC, then let services close sockets and listeners.
  let cleanedUp = false;
  app.on('before-quit', (event) => {
    if (cleanedUp) return;
    event.preventDefault();
    cleanedUp = true;
    unregisterIpc();
    // dispose() stops the metadata proxy's listeners and closes sockets.
    services
      .dispose()
      .catch((err: unknown) => log(`cleanup failed: ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => app.quit());
  });
}

if (!app.requestSingleInstanceLock()) {
  // Another StackLens is running: it gets focus (second-instance), this one leaves.
  app.quit();
} else {
  app.enableSandbox();
  // Before ready: app:// must be a standard, secure scheme when the window loads from it.
  registerAppScheme();
  app.on('second-instance', focusMainWindow);
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => {
      log(`start failed: ${err instanceof Error ? err.message : String(err)}`);
      app.exit(1);
    });
}
