/// <reference lib="dom" />
import { test, expect } from './fixtures';
import { rendererDir, startStaticServer } from './harness/static-server';
import { AppPage } from './pages/app-page';
import { CloudsPage } from './pages/clouds-page';
import { channels, eventNames } from '../../src/shared/ipc/channels';

test.describe('the app shell in the browser harness', () => {
  test('window.api is the contract and nothing more', async ({ app }) => {
    const shape = await app.page.evaluate(() => {
      const api = (window as unknown as { api: Record<string, Record<string, unknown>> }).api;
      const w = window as unknown as Record<string, unknown>;
      return {
        domains: Object.keys(api).sort(),
        verbs: Object.fromEntries(Object.entries(api).map(([d, v]) => [d, Object.keys(v).sort()])),
        frozen: Object.isFrozen(api) && Object.values(api).every((v) => Object.isFrozen(v)),
        hasNode:
          typeof w.require !== 'undefined' || typeof w.process !== 'undefined' || typeof w.ipcRenderer !== 'undefined',
        genericInvoke: typeof (api as Record<string, unknown>).invoke !== 'undefined',
      };
    });
    const expected: Record<string, string[]> = {};
    for (const channel of channels) {
      const [domain, verb] = channel.split(':');
      (expected[domain] ??= []).push(verb);
    }
    for (const domain of Object.keys(expected)) expected[domain].sort();
    expect(shape.domains).toEqual([...Object.keys(expected), 'on'].sort());
    expect(Object.fromEntries(Object.entries(shape.verbs).filter(([d]) => d !== 'on'))).toEqual(expected);
    const onNames = eventNames.map((e) => {
      const [domain, verb] = e.split(':');
      return domain + verb.charAt(0).toUpperCase() + verb.slice(1);
    });
    expect(shape.verbs.on).toEqual([...onNames].sort());
    expect(shape.frozen).toBe(true);
    expect(shape.hasNode).toBe(false);
    expect(shape.genericInvoke).toBe(false);
  });

  test('a call goes through the real dispatcher and comes back as an envelope', async ({ app }) => {
    const info = await app.page.evaluate(() =>
      (window as unknown as { api: { app: { info(): Promise<unknown> } } }).api.app.info(),
    );
    expect(info).toMatchObject({ ok: true, data: { shell: 'bridge', version: expect.any(String) } });
    const bad = await app.page.evaluate(() =>
      (window as unknown as { api: { app: { openExternal(r: unknown): Promise<unknown> } } }).api.app.openExternal({
        url: 42,
      }),
    );
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(app.recorder.channels('request')).toEqual(expect.arrayContaining(['app:info', 'app:openExternal']));
  });

  test('a page from another origin is refused by the sender check', async ({ app }) => {
    const other = await startStaticServer(rendererDir());
    try {
      await app.page.goto(`${other.origin}/index.html`);
      const result = await app.page.evaluate(() =>
        (window as unknown as { api: { app: { info(): Promise<unknown> } } }).api.app.info(),
      );
      expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
      // The app itself shows the refusal as an error that names the cause.
      await expect(app.page.getByRole('alert').first()).toContainText('FORBIDDEN_SENDER');
    } finally {
      await other.close();
    }
  });

  test('the CSP blocks inline scripts and connections to other origins', async ({ app }) => {
    const elsewhere = await startStaticServer(rendererDir());
    try {
      const outcome = await app.page.evaluate(async (otherOrigin) => {
        const violations: string[] = [];
        document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective));
        const w = window as unknown as { __inlineRan?: boolean };
        const script = document.createElement('script');
        script.textContent = 'window.__inlineRan = true';
        document.body.appendChild(script);
        const fetched = await fetch(`${otherOrigin}/index.html`).then(
          () => true,
          () => false,
        );
        await new Promise((r) => setTimeout(r, 100));
        return { inlineRan: w.__inlineRan === true, fetched, violations };
      }, elsewhere.origin);
      expect(outcome.inlineRan).toBe(false);
      expect(outcome.fetched).toBe(false);
      expect(outcome.violations).toEqual(expect.arrayContaining(['script-src-elem', 'connect-src']));
      // Those violations were the point of this test, not a problem of the app.
      app.pageProblems.length = 0;
    } finally {
      await elsewhere.close();
    }
  });

  test('the theme toggle switches light, dark, and follows the system', async ({ app }) => {
    const shell = new AppPage(app.page);
    const html = app.page.locator('html');
    await shell.setColorScheme('Dark');
    await shell.setColorScheme('Light');
    await app.page.emulateMedia({ colorScheme: 'dark' });
    await shell.setColorScheme('Follow the system');
    await expect(html).toHaveAttribute('data-mantine-color-scheme', 'dark');
    await app.page.emulateMedia({ colorScheme: 'light' });
    await expect(html).toHaveAttribute('data-mantine-color-scheme', 'light');
  });

  test('main -> renderer events reach the page and refresh what they concern', async ({ app }) => {
    await expect(new CloudsPage(app.page).heading()).toBeVisible();
    const before = app.recorder.channels('request').filter((c) => c === 'session:list').length;
    app.emit('session:changed', { cloudId: 'gone', session: null });
    await expect
      .poll(() => app.recorder.channels('request').filter((c) => c === 'session:list').length)
      .toBeGreaterThan(before);
    expect(app.recorder.channels('event')).toContain('session:changed');
  });

  test('the leak detector is not blind: it finds a planted secret and a Fernet-shaped token', async ({ app }) => {
    const planted = 'planted-secret-value';
    const fernet = `gAAAAAB${'x'.repeat(60)}`;
    app.recorder.record({
      direction: 'response',
      channel: 'test:planted',
      payload: { ok: true, data: { note: `a ${planted} b` } },
    });
    app.recorder.record({ direction: 'event', channel: 'test:token', payload: { token: fernet } });
    app.recorder.record({ direction: 'request', channel: 'session:connect', payload: { password: 'typed-by-user' } });
    expect(app.recorder.leaks([planted])).toEqual([
      'response test:planted contains a secret (20 chars)',
      'event test:token contains a Fernet token',
    ]);
    // What the user types travels renderer -> main only: it shows up when requests are included.
    const tokenFinding = 'event test:token contains a Fernet token';
    expect(app.recorder.leaks(['typed-by-user'])).toEqual([tokenFinding]);
    expect(app.recorder.leaks(['typed-by-user'], 'all')).toEqual([
      tokenFinding,
      'request session:connect contains a secret (13 chars)',
    ]);
    app.recorder.entries.splice(0); // planted on purpose: keep the teardown's leak check meaningful for the rest
  });
});
