/// <reference lib="dom" />
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test, expect, _electron as electron, type ElectronApplication, type Page } from '@playwright/test';
import { findElectronBinary } from './electron-binary';

const binary = findElectronBinary();
const repoRoot = resolve(__dirname, '../..');
// The list reporter does not print skip reasons: say it once, plainly.
if ('missing' in binary) console.warn(`[electron smoke] skipped: ${binary.missing}`);

test.describe('the real Electron app (built by the e2e global setup)', () => {
  test.skip('missing' in binary, 'missing' in binary ? binary.missing : '');

  let app: ElectronApplication;
  let mainWindow: Page;
  let userData: string;

  test.beforeAll(async () => {
    if (!('path' in binary)) return;
    userData = mkdtempSync(join(tmpdir(), 'stacklens-electron-'));
    const args = [repoRoot, `--user-data-dir=${userData}`];
    // Chromium refuses to run as root without this; CI here is root.
    if (process.getuid?.() === 0) args.push('--no-sandbox');
    const env = { ...process.env, ELECTRON_RENDERER_URL: '' } as Record<string, string>;
    app = await electron.launch({ executablePath: binary.path, args, env, cwd: repoRoot });
    mainWindow = await app.firstWindow();
    await mainWindow.waitForLoadState('domcontentloaded');
  });

  test.afterAll(async () => {
    await app?.close();
    if (userData) rmSync(userData, { recursive: true, force: true });
  });

  test('opens the locked-down window with the app in it', async () => {
    await expect(mainWindow).toHaveTitle('StackLens');
    await expect(mainWindow.getByRole('heading', { name: 'StackLens' })).toBeVisible();
    // The page has no Node and no Electron: contextIsolation + sandbox leave only window.api.
    const exposed = await mainWindow.evaluate(() =>
      ['require', 'process', 'module', 'ipcRenderer', 'electron'].filter((k) => k in window),
    );
    expect(exposed).toEqual([]);
  });

  test('exposes window.api only, and it reaches main through the sender check', async () => {
    const page = await mainWindow.evaluate(async () => {
      const w = window as unknown as Record<string, unknown> & { api: { app: { info(): Promise<unknown> } } };
      return {
        node: typeof w.require !== 'undefined' || typeof w.process !== 'undefined',
        info: await w.api.app.info(),
      };
    });
    expect(page.node).toBe(false);
    expect(page.info).toMatchObject({ ok: true, data: { shell: 'electron' } });
  });

  test('refuses navigation away and new windows', async () => {
    const before = mainWindow.url();
    // Loopback addresses only: nothing may leave this machine even if the policy failed.
    await mainWindow.evaluate(() => {
      window.location.href = 'http://127.0.0.1:9/elsewhere';
    });
    await mainWindow.waitForTimeout(500);
    expect(mainWindow.url()).toBe(before);
    await mainWindow.evaluate(() => window.open('http://127.0.0.1:9/popup'));
    await mainWindow.waitForTimeout(500);
    expect(app.windows()).toHaveLength(1);
  });
});
