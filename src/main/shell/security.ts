import type { Session, WebContents } from 'electron';
import { openExternalLink } from '../external-links';
import type { ExternalLinks } from '../ports';
import { isNavigationAllowed, isPermissionGranted, needsCspHeader, windowOpenDecision, withCspHeader } from './policy';

/**
 * Locks down one webContents: no navigation away from the app, no new windows (https links go to
 * the system browser), no <webview>. Applied to every webContents the app ever creates.
 */
export function hardenWebContents(
  contents: WebContents,
  appUrl: string,
  log: (line: string) => void,
  external: ExternalLinks,
): void {
  const guardNavigation = (event: { preventDefault(): void }, url: string) => {
    if (!isNavigationAllowed(url, appUrl)) {
      event.preventDefault();
      log(`blocked navigation to ${safeForLog(url)}`);
    }
  };
  contents.on('will-navigate', (event) => guardNavigation(event, event.url));
  contents.on('will-redirect', (event) => guardNavigation(event, event.url));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('blocked a <webview>');
  });
  contents.setWindowOpenHandler(({ url }) => {
    const decision = windowOpenDecision(url);
    if (decision.openExternally)
      openExternalLink(external, url).catch((err: unknown) => log(`could not open ${safeForLog(url)}: ${String(err)}`));
    else log(`blocked window.open of ${safeForLog(url)}`);
    return { action: decision.action };
  });
}

/**
 * Session-wide policy: every permission refused (request and check), and the CSP sent as a
 * response header for http(s) pages (the dev server), on top of the meta tag.
 */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => callback(isPermissionGranted(permission)));
  session.setPermissionCheckHandler((_contents, permission) => isPermissionGranted(permission));
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    if (!needsCspHeader(details.url)) return callback({});
    callback({ responseHeaders: withCspHeader(details.responseHeaders) });
  });
}

/** URLs in log lines lose their query and credentials (they could carry a token). */
function safeForLog(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return '(unparsable URL)';
  }
}
