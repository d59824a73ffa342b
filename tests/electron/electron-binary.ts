import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Where the electron package keeps its binary, found WITHOUT require('electron'): that require
 * starts a download when the binary is missing, and this machine must not reach the internet.
 * Same rules as node_modules/electron/index.js: path.txt names the file under dist/ (or under
 * ELECTRON_OVERRIDE_DIST_PATH).
 */
export function findElectronBinary(): { path: string } | { missing: string } {
  const pkgDir = resolve(__dirname, '../../node_modules/electron');
  const pathFile = join(pkgDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const path = join(override, relative ?? 'electron');
    return existsSync(path)
      ? { path }
      : { missing: `ELECTRON_OVERRIDE_DIST_PATH points at ${path}, which does not exist.` };
  }
  if (!relative) {
    return {
      missing: `No Electron binary: ${pathFile} is missing (its download failed; run \`npm run install-electron\` where the network allows).`,
    };
  }
  const path = join(pkgDir, 'dist', relative);
  return existsSync(path) ? { path } : { missing: `No Electron binary at ${path} (run \`npm run install-electron\`).` };
}
