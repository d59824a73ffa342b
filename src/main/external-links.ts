/**
 * The one way a link leaves the app, for the renderer's app:openExternal and for window.open /
 * target=_blank alike: the https policy, then the ExternalLinks port (the system browser).
 */
import { AppError } from './errors';
import type { ExternalLinks } from './ports';

/** Only https links may leave the app, and only to the system browser. */
export function isExternalUrlAllowed(url: string): boolean {
  try {
    const parsed = new URL(url);
    // A username/password in a link is a classic phishing disguise (https://bank.com@evil.example).
    return parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}

/**
 * Opens an allowed link in the system browser. Refused links are INVALID_ARGUMENT; a shell
 * without a browser (the test bridge) answers INTERNAL, as it always has.
 */
export async function openExternalLink(links: ExternalLinks | undefined, url: string): Promise<void> {
  if (!isExternalUrlAllowed(url))
    throw new AppError(
      'INVALID_ARGUMENT',
      'Only https links can be opened in the browser.',
      'Use an https:// address.',
    );
  if (!links) throw new AppError('INTERNAL', 'This shell opens no links in a browser.');
  await links.open(url);
}
