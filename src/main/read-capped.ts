/**
 * Reading a file main did not write (clouds.yaml, secure.yaml, an openrc, a CA bundle, a client
 * certificate): asynchronous, a regular file only, below a size cap. A FIFO, /dev/zero, a
 * directory or a 2 GB file gets a clear error instead of blocking or filling main's memory.
 */
import { constants, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';
import { AppError } from './errors';

/** clouds.yaml / secure.yaml / openrc. */
export const MAX_CONFIG_BYTES = 1024 * 1024;
/** A PEM CA bundle, certificate or key. */
export const MAX_PEM_BYTES = 256 * 1024;

export interface CappedReadOptions {
  maxBytes: number;
  /** What the file is, for the message ("clouds.yaml", "cacert file"). */
  what: string;
  /** The fix to suggest when the file is unusable. */
  hint: string;
}

function human(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MiB` : `${Math.round(bytes / 1024)} KiB`;
}

/**
 * Reads a whole file. O_NONBLOCK makes opening a FIFO return at once (instead of parking a
 * thread until a writer comes); fstat on the open descriptor then refuses anything that is not a
 * regular file, so the check and the read are about the same file.
 */
export async function readCappedFile(path: string, options: CappedReadOptions): Promise<Buffer> {
  const { maxBytes, what, hint } = options;
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    const why = code === 'ENOENT' ? 'does not exist' : `cannot be opened (${code})`;
    throw new AppError('CONFIG_INVALID', `The ${what} ${path} ${why}.`, hint, { file: path, code });
  }
  try {
    const info = await handle.stat();
    checkRegular(info, path, options);
    // The file may grow between fstat and read: read at most one byte past the cap to notice.
    const buffer = Buffer.alloc(Math.min(info.size, maxBytes) + 1);
    let total = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, total, buffer.length - total, total);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes)
        throw new AppError(
          'CONFIG_INVALID',
          `The ${what} ${path} grew past the ${human(maxBytes)} allowed while it was read.`,
          hint,
          { file: path },
        );
      if (total === buffer.length) break;
    }
    return buffer.subarray(0, total);
  } finally {
    await handle.close();
  }
}

/** What a non-regular file is, for messages ("a FIFO (named pipe)", "a directory"). */
export function kindOf(info: Stats): string {
  if (info.isDirectory()) return 'a directory';
  if (info.isFIFO()) return 'a FIFO (named pipe)';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  if (info.isSocket()) return 'a socket';
  return 'a special file';
}

function checkRegular(info: Stats, path: string, { maxBytes, what, hint }: CappedReadOptions): void {
  if (!info.isFile()) {
    throw new AppError('CONFIG_INVALID', `The ${what} ${path} is ${kindOf(info)}, not a regular file.`, hint, {
      file: path,
    });
  }
  if (info.size > maxBytes) {
    throw new AppError(
      'CONFIG_INVALID',
      `The ${what} ${path} is ${human(info.size)}, more than the ${human(maxBytes)} allowed.`,
      hint,
      { file: path, bytes: info.size },
    );
  }
}
