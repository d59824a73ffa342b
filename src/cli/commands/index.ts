/**
 * The subcommands. Each lives in its own file; `stacklens proxy` is added here by the proxy
 * feature the same way (one import, one entry).
 */
import type { CliCommand } from '../cli-io';
import { completionCommand } from './completion';
import { doctorCommand } from './doctor';
import { findCommand } from './find';
import { metadataCommand } from './metadata';
import { proxyCommand } from './proxy';
import { resolveCommand } from './resolve';

export const commands: Record<string, CliCommand> = {
  resolve: resolveCommand,
  metadata: metadataCommand,
  proxy: proxyCommand,
  find: findCommand,
  doctor: doctorCommand,
};
// Built last: its scripts list every command, itself included.
commands.completion = completionCommand(() => commands);
