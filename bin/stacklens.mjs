#!/usr/bin/env node
// The headless StackLens CLI (plain Node, no Electron). In a git checkout the TypeScript in src/cli
// is bundled on first use (and again whenever a source is newer) by bin/build-cli.mjs with vite's
// SSR build into out/cli/stacklens.mjs; an installed package ships that file built.
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import { ensureCliBuilt } from './build-cli.mjs';

const bundle = await ensureCliBuilt();
const { runCli } = await import(pathToFileURL(bundle).href);
process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (chunk) => process.stdout.write(chunk),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
  homeDir: os.homedir(),
  stdoutIsTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
});
