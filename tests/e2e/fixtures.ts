import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import type { Services } from '../../src/main/services';
import type { EmitEvent } from '../../src/main/ports';
import { routes } from '../../src/main/ipc/routes';
import { createDispatcher, sameOrigin } from '../../src/main/ipc/handle';
import { createTestServices } from '../../src/main/testing/test-services';
import { installBridge, deliverEvent } from './harness/bridge';
import { PresetDialogs } from './harness/dialogs';
import { findLab, type Lab } from './harness/lab';
import { decide, type LabService } from '../lab-gate';
import { PayloadRecorder } from './harness/recorder';
import { rendererDir, startStaticServer, type StaticServer } from './harness/static-server';
import { TokenTap } from './harness/token-tap';

const repoRoot = resolve(__dirname, '../..');
const appVersion = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;

/** One StackLens "app" for one test: real services and handlers, the built renderer, the bridge. */
export interface AppHarness {
  page: Page;
  /** The renderer's origin (the only trusted sender). */
  origin: string;
  services: Services;
  recorder: PayloadRecorder;
  tokens: TokenTap;
  dialogs: PresetDialogs;
  /** Main -> renderer events, as the services emit them. */
  emit: EmitEvent;
  dataDir: string;
  logs: string[];
  /** Uncaught page errors and CSP violations seen so far. */
  pageProblems: string[];
  /** Loads the app page (again). */
  open(): Promise<void>;
}

export interface HarnessOptions {
  /** The environment main sees (OS_*, OS_CLIENT_CONFIG_FILE...). Nothing of the real env leaks in. */
  appEnv: Record<string, string | undefined>;
  /** Answers for the native open/save dialogs, in order. */
  dialogAnswers: { open?: Array<string | null>; save?: Array<string | null>; confirm?: boolean[] };
  /** Lab services a spec needs beyond Keystone and Neutron (the `lab` fixture gates on them). */
  labServices: LabService[];
}

interface Fixtures extends HarnessOptions {
  app: AppHarness;
  lab: Lab;
}

export const test = base.extend<Fixtures, { rendererServer: StaticServer }>({
  appEnv: [{}, { option: true }],
  dialogAnswers: [{}, { option: true }],
  labServices: [[], { option: true }],

  rendererServer: [
    async ({}, use) => {
      const server = await startStaticServer(rendererDir());
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],

  // The one lab gate (tests/lab-gate.ts): without the lab the spec skips, saying why; under
  // CI=true `decide` throws instead and the spec fails.
  lab: async ({ labServices }, use, testInfo) => {
    const found = await findLab(labServices);
    if ('lab' in found) return use(found.lab);
    const gate = decide(found.skip);
    if (!gate.run) testInfo.skip(true, gate.reason);
  },

  app: async ({ page, rendererServer, appEnv, dialogAnswers }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'stacklens-e2e-'));
    // An empty cwd and home: discovery finds only what the test's env points at.
    const cwd = join(dataDir, 'cwd');
    const homeDir = join(dataDir, 'home');
    mkdirSync(cwd);
    mkdirSync(homeDir);
    const recorder = new PayloadRecorder();
    const tokens = new TokenTap().start();
    const dialogs = new PresetDialogs(dialogAnswers.open, dialogAnswers.save, dialogAnswers.confirm);
    const logs: string[] = [];
    const pageProblems: string[] = [];
    const emit: EmitEvent = (event, payload) => deliverEvent(page, recorder, event, payload);
    const { services } = createTestServices({
      dataDir: join(dataDir, 'data'),
      dialogs,
      emit,
      env: { ...appEnv, HOME: homeDir },
      cwd,
      homeDir,
      appVersion,
      resourcesDir: join(repoRoot, 'resources'),
      log: (line) => logs.push(line),
    });
    const dispatch = createDispatcher(routes, services, {
      isTrustedSender: (url) => sameOrigin(url, rendererServer.origin),
      log: (line) => logs.push(line),
    });
    page.on('pageerror', (error) => pageProblems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text()))
        pageProblems.push(`CSP: ${message.text()}`);
    });
    await installBridge(page, dispatch, recorder);
    const open = async () => {
      await page.goto(`${rendererServer.origin}/index.html`);
    };
    await open();

    await use({
      page,
      origin: rendererServer.origin,
      services,
      recorder,
      tokens,
      dialogs,
      emit,
      dataDir,
      logs,
      pageProblems,
      open,
    });

    tokens.stop();
    await services.dispose();
    // Every test is also a leak test: no lab secret and no token issued to main reached the page.
    const found = await findLab();
    const secrets = 'lab' in found ? found.lab.secrets : [];
    expect(recorder.leaks([...secrets, ...tokens.tokens]), 'secrets in main -> renderer payloads').toEqual([]);
    expect(pageProblems, 'page errors / CSP violations').toEqual([]);
    rmSync(dataDir, { recursive: true, force: true });
  },
});

export { expect };
