import { shell } from 'electron';
import type { ExternalLinks } from '../ports';

/** The system browser. Callers go through openExternalLink (external-links.ts), which checks the policy. */
export function createElectronExternalLinks(): ExternalLinks {
  return { open: (url) => shell.openExternal(url) };
}
