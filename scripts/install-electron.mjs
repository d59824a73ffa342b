#!/usr/bin/env node
// Runs electron's own installer (node_modules/electron/install.js: download the binary once, then
// unzip it) and, when it fails, says in two lines what happened and what to do instead of
// @electron/get's bare stack trace ("TypeError: fetch failed"). STACKLENS_DEBUG=1 keeps the trace.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const electronDir = dirname(require.resolve('electron/package.json'));
const { version } = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8'));
const DEFAULT_HOST = 'https://github.com/electron/electron/releases/download/';

const run = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
  stdio: ['ignore', 'inherit', 'pipe'],
  encoding: 'utf8',
});
if (run.status === 0) {
  process.stderr.write(run.stderr);
  process.exit(0);
}
if (process.env.STACKLENS_DEBUG === '1') process.stderr.write(run.stderr);

const error = firstLine(run.stderr) || `install.js exited with ${run.status ?? run.signal}`;
const source = process.env.ELECTRON_MIRROR || DEFAULT_HOST;
console.error(
  `StackLens: the Electron ${version} binary could not be downloaded from ${source} (${error}).\n` +
    'Allow that host, or set ELECTRON_MIRROR to a reachable mirror, or point electron_config_cache at a copy of ' +
    'the download cache (~/.cache/electron) of a machine that has it; the CLI and the tests work without Electron.',
);
process.exit(1);

/** The error's first line, without the stack: "TypeError: fetch failed", "HTTPError: ... 404". */
function firstLine(text) {
  return (
    (text ?? '')
      .split('\n')
      .map((line) => line.trim())
      .find((line) => line && !line.startsWith('at ')) ?? ''
  );
}
