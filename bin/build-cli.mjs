// Builds src/cli into out/cli/stacklens.mjs with vite (SSR build, config src/cli/vite.config.mts)
// when the bundle is missing or older than any source file under src/cli, src/main or src/shared.
// Concurrent runs are safe: each builds into its own temp dir and renames the files into place.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cliOut = join(root, 'out/cli');
export const bundlePath = join(cliOut, 'stacklens.mjs');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else if (/\.(ts|tsx|mts)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name))
      newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/** True when there are sources (a git checkout) and one of them is newer than the bundle. */
export function isStale() {
  if (!existsSync(join(root, 'src/cli'))) return false; // an installed package ships only out/
  if (!existsSync(bundlePath)) return true;
  const built = statSync(bundlePath).mtimeMs;
  return ['src/cli', 'src/main', 'src/shared'].some((d) => newestMtime(join(root, d)) > built);
}

/** Builds when stale (or forced); returns the bundle path. */
export async function ensureCliBuilt({ force = false } = {}) {
  if (!force && !isStale()) return bundlePath;
  const { build } = await import('vite');
  mkdirSync(cliOut, { recursive: true });
  const tmp = mkdtempSync(join(root, 'out', '.cli-build-'));
  try {
    await build({ configFile: join(root, 'src/cli/vite.config.mts'), build: { outDir: tmp, emptyOutDir: true } });
    for (const name of readdirSync(tmp)) renameSync(join(tmp, name), join(cliOut, name));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return bundlePath;
}

// `node bin/build-cli.mjs [--force]` builds and prints the bundle path.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(await ensureCliBuilt({ force: process.argv.includes('--force') }));
}
