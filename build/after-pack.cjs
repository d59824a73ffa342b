// electron-builder afterPack hook: flips the fuses (build/fuses.cjs) in the packaged Electron
// binary before it is signed and wrapped into AppImage / deb / dmg / nsis.
const { join } = require('node:path');
const { flipFuses } = require('@electron/fuses');
const { fuseConfig } = require('./fuses.cjs');

/** Where electron-builder put the Electron binary for this platform. */
function binaryPath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const name = packager.appInfo.productFilename;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') return join(appOutDir, `${name}.app`);
  if (electronPlatformName === 'win32') return join(appOutDir, `${name}.exe`);
  return join(appOutDir, packager.executableName);
}

module.exports = async function afterPack(context) {
  const target = binaryPath(context);
  // Flipping fuses invalidates an ad-hoc signature on Apple silicon: re-sign ad hoc (the real
  // signature, if any, is applied after this hook).
  const arm64Mac = context.electronPlatformName === 'darwin' && context.arch === 3;
  await flipFuses(target, fuseConfig({ resetAdHocDarwinSignature: arm64Mac }));
  console.log(`  • fuses flipped in ${target}`);
};
