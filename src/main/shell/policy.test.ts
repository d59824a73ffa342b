import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isExternalUrlAllowed } from '../external-links';
import {
  CONTENT_SECURITY_POLICY,
  META_CONTENT_SECURITY_POLICY,
  isKeyringUsable,
  isNavigationAllowed,
  isPermissionGranted,
  needsCspHeader,
  rendererLocation,
  secureWebPreferences,
  windowOpenDecision,
  withCspHeader,
} from './policy';

describe('isNavigationAllowed', () => {
  const devUrl = 'http://localhost:5173/';
  const fileUrl = 'file:///opt/StackLens/resources/app.asar/out/renderer/index.html';
  const appUrl = 'app://stacklens/index.html';

  it.each([
    ['same dev-server origin, other path', devUrl, 'http://localhost:5173/index.html#/clouds', true],
    ['other port', devUrl, 'http://localhost:5174/', false],
    ['look-alike host that starts with the app origin', devUrl, 'http://localhost:5173.evil.example/', false],
    ['userinfo trick', devUrl, 'http://localhost:5173@evil.example/', false],
    ['https instead of http', devUrl, 'https://localhost:5173/', false],
    ['external site', devUrl, 'https://evil.example/', false],
    ['javascript: URL', devUrl, 'javascript:alert(1)', false],
    ['unparsable URL', devUrl, 'not a url', false],
    ['the built index.html with a hash', fileUrl, `${fileUrl}#/topology`, true],
    ['another local file', fileUrl, 'file:///etc/passwd', false],
    ['a file beside the app', fileUrl, 'file:///opt/StackLens/resources/app.asar/out/renderer/other.html', false],
    ['the app scheme, other page', appUrl, 'app://stacklens/index.html#/proxy', true],
    ['another custom scheme with the same host', appUrl, 'evil://stacklens/index.html', false],
    ['the app scheme, other host', appUrl, 'app://evil/index.html', false],
    ['the app scheme with userinfo', appUrl, 'app://x@stacklens/index.html', false],
    ['http with the app host', appUrl, 'http://stacklens/index.html', false],
    ['the app page navigating to the dev server', appUrl, devUrl, false],
  ])('%s', (_name, appUrl, target, allowed) => {
    expect(isNavigationAllowed(target, appUrl)).toBe(allowed);
  });
});

describe('external links', () => {
  it.each([
    ['https://docs.openstack.org/keystone/latest/', true],
    ['http://docs.openstack.org/', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['smb://share/x', false],
    ['https://bank.example@evil.example/', false],
    ['', false],
  ])('%s -> %s', (url, allowed) => {
    expect(isExternalUrlAllowed(url)).toBe(allowed);
    expect(windowOpenDecision(url)).toEqual({ action: 'deny', openExternally: allowed });
  });
});

describe('CSP', () => {
  it('is the strict policy, directive by directive', () => {
    const directives = Object.fromEntries(
      CONTENT_SECURITY_POLICY.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values.join(' ')];
      }),
    );
    expect(directives).toEqual({
      'default-src': "'self'",
      'script-src': "'self'",
      'style-src': "'self' 'unsafe-inline'",
      'img-src': "'self' data:",
      'connect-src': "'self'",
      'object-src': "'none'",
      'base-uri': "'none'",
      'frame-ancestors': "'none'",
      'form-action': "'none'",
    });
  });

  it('is exactly the meta tag of the renderer index.html, less frame-ancestors (ignored in a meta tag)', () => {
    const html = readFileSync(resolve(__dirname, '../../renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
    expect(meta?.[1]).toBe(META_CONTENT_SECURITY_POLICY);
    expect(META_CONTENT_SECURITY_POLICY).toBe(CONTENT_SECURITY_POLICY.replace("; frame-ancestors 'none'", ''));
  });

  it('is sent as a header for http(s) pages only', () => {
    expect(needsCspHeader('http://localhost:5173/')).toBe(true);
    expect(needsCspHeader('https://localhost:5173/')).toBe(true);
    expect(needsCspHeader('file:///x/index.html')).toBe(false);
    expect(needsCspHeader('devtools://devtools/')).toBe(false);
  });

  it('replaces a CSP header the server sent, whatever its casing, and keeps the others', () => {
    const headers = withCspHeader({ 'content-security-policy': ['default-src *'], 'Content-Type': 'text/html' });
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });
});

describe('window and permissions', () => {
  it('locks down the webPreferences', () => {
    expect(secureWebPreferences('/p/preload.js')).toMatchObject({
      preload: '/p/preload.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
    });
  });

  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen'])(
    'refuses %s',
    (p) => {
      expect(isPermissionGranted(p)).toBe(false);
    },
  );
});

describe('isKeyringUsable', () => {
  it.each([
    ['linux', true, 'gnome_libsecret', true],
    ['linux', true, 'kwallet5', true],
    ['linux', true, 'basic_text', false],
    ['linux', true, 'unknown', false],
    ['linux', false, 'gnome_libsecret', false],
    ['darwin', true, undefined, true],
    ['win32', false, undefined, false],
  ])('%s available=%s backend=%s -> %s', (platform, available, backend, usable) => {
    expect(isKeyringUsable(platform, available, backend)).toBe(usable);
  });
});

describe('rendererLocation', () => {
  it('uses the dev server when electron-vite gives an http URL', () => {
    expect(rendererLocation('http://localhost:5173', 'app://stacklens/index.html', false)).toEqual({
      url: 'http://localhost:5173',
      isDevServer: true,
    });
  });
  it('uses the built file otherwise', () => {
    expect(rendererLocation(undefined, 'app://stacklens/index.html', false)).toEqual({
      url: 'app://stacklens/index.html',
      isDevServer: false,
    });
    expect(rendererLocation('javascript:alert(1)', 'app://stacklens/index.html', false).isDevServer).toBe(false);
  });
  it('a packaged app ignores ELECTRON_RENDERER_URL', () => {
    expect(rendererLocation('http://evil.example:5173', 'app://stacklens/index.html', true)).toEqual({
      url: 'app://stacklens/index.html',
      isDevServer: false,
    });
  });
  it('DevTools are off unless asked for (the shell asks only when unpackaged)', () => {
    expect(secureWebPreferences('/p').devTools).toBe(false);
    expect(secureWebPreferences('/p', { devTools: true }).devTools).toBe(true);
  });
});
