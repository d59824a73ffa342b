/**
 * Colour only where a person reads it: stdout is a terminal, NO_COLOR is unset and TERM is not
 * "dumb" (https://no-color.org). FORCE_COLOR turns it on in pipes (CI logs). Pipes and files get
 * plain text, so `stacklens find ... | grep` and `-f value` never carry escape codes.
 */
import { styleText } from 'node:util';
import type { CliIo } from './cli-io';

export type Paint = (colour: 'red' | 'green' | 'yellow' | 'cyan' | 'dim' | 'bold', text: string) => string;

/** Whether this run may colour stdout. */
export function colourEnabled(io: Pick<CliIo, 'env' | 'stdoutIsTTY'>): boolean {
  const force = io.env.FORCE_COLOR;
  if (force !== undefined && force !== '0' && force !== 'false') return true;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.TERM === 'dumb') return false;
  return io.stdoutIsTTY === true;
}

/** A painter for this run: the identity when colour is off. */
export function painter(io: Pick<CliIo, 'env' | 'stdoutIsTTY'>): Paint {
  if (!colourEnabled(io)) return (_colour, text) => text;
  // The decision is ours (above); styleText must not re-check process.stdout.
  return (colour, text) => styleText(colour === 'dim' ? 'gray' : colour, text, { validateStream: false });
}
