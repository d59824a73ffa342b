/**
 * The packaging config as shipped: the targets and the fuses a packaged StackLens must have. The
 * packages themselves are built where Electron can be downloaded (.github/workflows/release.yml).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { FuseV1Options, FuseVersion } from '@electron/fuses';

const root = resolve(__dirname, '../../..');
const require = createRequire(import.meta.url);
const config = parse(readFileSync(resolve(root, 'electron-builder.yml'), 'utf8'));
const fuses = require(resolve(root, 'build/fuses.cjs')) as {
  wanted: Record<string, boolean>;
  fuseConfig: (o?: object) => Record<string, unknown>;
};

describe('electron-builder config', () => {
  it('builds AppImage and deb, dmg, nsis with the app icon, as one asar', () => {
    expect(config.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.mac.target).toContain('dmg');
    expect(config.win.target).toContain('nsis');
    expect(config.asar).toBe(true);
    for (const icon of [config.icon, config.linux.icon, config.mac.icon, config.win.icon])
      expect(icon).toBe('resources/icon.png');
    expect(readFileSync(resolve(root, 'resources/icon.png')).subarray(1, 4).toString()).toBe('PNG');
    expect(config.files).toEqual(expect.arrayContaining(['out/main/**', 'out/preload/**', 'out/renderer/**']));
  });

  it('flips the fuses after pack', () => {
    expect(config.afterPack).toBe('./build/after-pack.cjs');
    const hook = require(resolve(root, 'build/after-pack.cjs'));
    expect(typeof hook).toBe('function');
    const scripts = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')).scripts;
    expect(scripts.dist).toContain('electron-builder --config electron-builder.yml');
  });
});

describe('fuses', () => {
  it('turn off RunAsNode, NODE_OPTIONS, CLI inspect and the file:// extra privileges', () => {
    const flipped = fuses.fuseConfig();
    expect(flipped.version).toBe(FuseVersion.V1);
    expect(flipped[FuseV1Options.RunAsNode]).toBe(false);
    expect(flipped[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false);
    expect(flipped[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
    expect(flipped[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(false);
  });

  it('turn on embedded asar integrity and only-load-from-asar', () => {
    const flipped = fuses.fuseConfig();
    expect(flipped[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true);
    expect(flipped[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
  });

  it('the release workflow builds every target with the same config', () => {
    const workflow = parse(readFileSync(resolve(root, '.github/workflows/release.yml'), 'utf8'));
    const targets = workflow.jobs.package.strategy.matrix.include.map((m: { targets: string }) => m.targets).join(' ');
    for (const t of ['AppImage', 'deb', 'dmg', 'nsis']) expect(targets).toContain(t);
    const steps = JSON.stringify(workflow.jobs.package.steps);
    expect(steps).toContain('electron-builder --config electron-builder.yml');
    expect(steps).toContain('install-electron');
  });
});
