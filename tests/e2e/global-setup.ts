import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Builds the app once per run (`electron-vite build`: main, preload, renderer) so the specs test
 * what ships. E2E_NO_BUILD=1 reuses out/ (after a build of your own).
 */
export default function globalSetup(): () => void {
  const root = resolve(__dirname, '../..');
  if (process.env.E2E_NO_BUILD !== '1') {
    const started = Date.now();
    execFileSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    console.log(`[e2e] electron-vite build: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  const index = join(root, 'out/renderer/index.html');
  if (!existsSync(index))
    throw new Error(`${index} is missing: run \`npx electron-vite build\` (or unset E2E_NO_BUILD).`);
  // The specs serve a private copy: another build into out/ (a shared working tree) must not pull
  // the files from under a running test. Workers inherit the variable.
  const copy = join(root, 'test-results/e2e-renderer', process.env.E2E_RUN_ID ?? String(process.pid));
  cpSync(join(root, 'out/renderer'), copy, { recursive: true });
  process.env.E2E_RENDERER_DIR = copy;
  // Returned function = global teardown.
  return () => rmSync(copy, { recursive: true, force: true });
}
