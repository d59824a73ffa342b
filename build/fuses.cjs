// The Electron fuses every packaged StackLens binary gets (flipped in build/after-pack.cjs).
// Each one closes a way to run code in StackLens's name or to swap its code on disk:
// - RunAsNode off: ELECTRON_RUN_AS_NODE=1 cannot turn the signed binary into a plain Node.
// - NodeOptions off: NODE_OPTIONS (--require evil.js) is ignored.
// - NodeCliInspectArguments off: --inspect / --inspect-brk cannot attach a debugger to main.
// - GrantFileProtocolExtraPrivileges off: the renderer loads from app://, file:// gets no extras.
// - EmbeddedAsarIntegrityValidation on: a modified app.asar is refused (macOS, Windows).
// - OnlyLoadAppFromAsar on: an app/ folder next to app.asar is never loaded instead.
// - CookieEncryption on: cookies on disk are encrypted with the OS keyring.
const { FuseV1Options, FuseVersion } = require('@electron/fuses');

/** Fuse option name -> wanted value (names as in @electron/fuses' FuseV1Options). */
const wanted = {
  RunAsNode: false,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  GrantFileProtocolExtraPrivileges: false,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
  EnableCookieEncryption: true,
};

/** The config object @electron/fuses' flipFuses takes. */
function fuseConfig(options = {}) {
  const config = { version: FuseVersion.V1, ...options };
  for (const [name, value] of Object.entries(wanted)) {
    if (FuseV1Options[name] === undefined) throw new Error(`@electron/fuses has no fuse ${name}`);
    config[FuseV1Options[name]] = value;
  }
  return config;
}

module.exports = { wanted, fuseConfig };
