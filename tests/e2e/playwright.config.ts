import { defineConfig } from '@playwright/test';

// One output folder per run: engineers share one working tree, and Playwright empties its
// outputDir when a run starts. Set here once; the workers inherit it.
process.env.E2E_RUN_ID ??= `${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}`;

/**
 * Two projects over one build:
 * - renderer: the built renderer in Debian's Chromium, with the preload replaced by a bridge to the
 *   REAL main handlers (tests/e2e/fixtures.ts);
 * - electron: a smoke test of the real Electron app, skipped when no Electron binary is installed.
 */
export default defineConfig({
  globalSetup: './global-setup.ts',
  tsconfig: '../../tsconfig.node.json',
  outputDir: `../../test-results/e2e-runs/${process.env.E2E_RUN_ID}`,
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    viewport: { width: 1320, height: 860 },
  },
  projects: [
    {
      name: 'renderer',
      testDir: '.',
      testMatch: '*.spec.ts',
      use: {
        browserName: 'chromium',
        launchOptions: {
          executablePath: '/usr/bin/chromium',
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
    {
      name: 'electron',
      testDir: '../electron',
      testMatch: '*.spec.ts',
    },
  ],
});
