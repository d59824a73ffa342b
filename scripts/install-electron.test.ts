import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(__dirname, '..');
const electronDir = join(root, 'node_modules/electron');
const version = (JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')) as { version: string }).version;
// electron's installer exits 0 at once when its binary is in place: nothing is downloaded then.
const installed = existsSync(join(electronDir, 'path.txt'));

describe('scripts/install-electron.mjs', () => {
  const cache = mkdtempSync(join(tmpdir(), 'sl-electron-cache-'));
  afterAll(() => rmSync(cache, { recursive: true, force: true }));

  it.skipIf(installed)(
    'an unreachable download host: two lines naming it and what to do, no stack trace, exit 1',
    () => {
      // Port 9 on loopback: nothing listens, so the real @electron/get download really fails.
      const run = spawnSync(process.execPath, [join(root, 'scripts/install-electron.mjs')], {
        env: {
          ...process.env,
          ELECTRON_MIRROR: 'http://127.0.0.1:9/',
          electron_config_cache: cache,
          STACKLENS_DEBUG: '',
        },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(run.status).toBe(1);
      const lines = run.stderr.trim().split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[0]).toBe(
        `StackLens: the Electron ${version} binary could not be downloaded from http://127.0.0.1:9/ (TypeError: fetch failed).`,
      );
      expect(lines[1]).toMatch(
        /ELECTRON_MIRROR.*electron_config_cache.*the CLI and the tests work without Electron\.$/,
      );
      expect(run.stderr).not.toMatch(/^\s+at /m);
    },
  );
});
