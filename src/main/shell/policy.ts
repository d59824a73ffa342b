/**
 * The window's security policy as pure decisions (no electron import), so every rule is unit
 * tested. The Electron glue in security.ts / window.ts only applies these answers.
 */
import { sameOrigin } from '../ipc/handle';
import { isExternalUrlAllowed } from '../external-links';

const cspDirectives = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
];

/**
 * The Content-Security-Policy of the renderer, sent as a response header for http(s) pages (the
 * dev server) and by the e2e server. style-src needs 'unsafe-inline' because Mantine writes its
 * CSS variables in <style> tags.
 */
export const CONTENT_SECURITY_POLICY = cspDirectives.join('; ');

/**
 * The same policy for src/renderer/index.html's meta tag (a unit test keeps them equal), without
 * frame-ancestors: browsers ignore that directive in a meta tag and log an error on every load.
 * A file:// page cannot be framed by another origin anyway; the header carries it for http(s).
 */
export const META_CONTENT_SECURITY_POLICY = cspDirectives.filter((d) => !d.startsWith('frame-ancestors')).join('; ');

/** Navigation (will-navigate / will-redirect) is allowed only within the app's own origin. */
export function isNavigationAllowed(targetUrl: string, appUrl: string): boolean {
  return sameOrigin(targetUrl, appUrl);
}

/** What to do with window.open / target=_blank: never a new Electron window; maybe the browser. */
export function windowOpenDecision(url: string): { action: 'deny'; openExternally: boolean } {
  return { action: 'deny', openExternally: isExternalUrlAllowed(url) };
}

/**
 * Whether a response gets the CSP header: http(s) pages (the dev server). file:// pages carry the
 * meta tag only, because webRequest does not see file loads.
 */
export function needsCspHeader(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/** Response headers with our CSP set, replacing any CSP header the server sent (any casing). */
export function withCspHeader(headers: Record<string, string[] | string> | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() === 'content-security-policy') continue;
    out[name] = Array.isArray(value) ? value : [value];
  }
  out['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
  return out;
}

/** Every permission request (camera, notifications, geolocation, ...) is refused. */
export function isPermissionGranted(_permission: string): boolean {
  return false;
}

/** The locked-down webPreferences of every StackLens window (Electron security checklist). */
export function secureWebPreferences(preloadPath: string, options: { devTools?: boolean } = {}) {
  return {
    preload: preloadPath,
    // Closed in packaged builds: DevTools would run any code in the page that holds window.api.
    devTools: options.devTools ?? false,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
  } as const;
}

/**
 * Whether safeStorage really encrypts. On Linux without a keyring Chromium falls back to
 * 'basic_text' (a hard-coded key): that is plain text in disguise, so it counts as unavailable.
 */
export function isKeyringUsable(platform: string, encryptionAvailable: boolean, linuxBackend?: string): boolean {
  if (!encryptionAvailable) return false;
  if (platform !== 'linux') return true;
  return linuxBackend !== undefined && linuxBackend !== 'basic_text' && linuxBackend !== 'unknown';
}

/**
 * Where the renderer comes from: the electron-vite dev server in an unpackaged run, the built
 * files over app:// otherwise. A packaged app ignores ELECTRON_RENDERER_URL: whoever can set an
 * environment variable must not be able to load a page that gets window.api.
 */
export function rendererLocation(
  devServerUrl: string | undefined,
  builtIndexUrl: string,
  isPackaged: boolean,
): { url: string; isDevServer: boolean } {
  if (!isPackaged && devServerUrl && needsCspHeader(devServerUrl)) return { url: devServerUrl, isDevServer: true };
  return { url: builtIndexUrl, isDevServer: false };
}
