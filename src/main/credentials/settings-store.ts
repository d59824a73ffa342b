/**
 * Small JSON settings files, written atomically (temp file + fsync + rename, mode 0600) and read
 * defensively: a file that does not parse or validate is renamed aside to
 * `<name>.corrupt-<timestamp>` and reported, never silently emptied. Every feature that keeps its
 * own settings file uses JsonFileStore.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { AppError } from '../errors';

/** Writes a file atomically: readers see the old or the new content, never half of it. */
export function writeFileAtomic(path: string, data: string | Buffer, mode = 0o600): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const fd = openSync(tmp, 'wx', mode);
  try {
    writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw err;
  }
  closeSync(fd);
  try {
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
  // Make the rename itself durable (not supported on every platform: best effort).
  try {
    const dfd = openSync(dir, 'r');
    try {
      fsyncSync(dfd);
    } finally {
      closeSync(dfd);
    }
  } catch {
    /* directories cannot be opened for fsync on Windows */
  }
}

export interface CorruptionNotice {
  path: string;
  movedTo: string;
  reason: string;
}

export interface JsonFileStoreOptions<T> {
  path: string;
  /** Validates (and may migrate) the parsed JSON; throw to declare the file corrupt. */
  parse: (data: unknown) => T;
  /** The value of a file that does not exist yet. */
  defaults: () => T;
  /** Told when a corrupt file was moved aside (log it, tell the user). */
  onCorrupt?: (notice: CorruptionNotice) => void;
  /** What the file holds, for messages ("cloud list", "proxy settings"). */
  label?: string;
}

/**
 * One JSON settings file with an in-memory copy. Reads and writes are synchronous so that a
 * read-modify-write in `update` cannot interleave with another one in this process.
 */
export class JsonFileStore<T> {
  private cache?: T;

  constructor(private readonly opts: JsonFileStoreOptions<T>) {}

  get path(): string {
    return this.opts.path;
  }

  /**
   * The current value. A corrupt file is moved aside and this call throws CONFIG_INVALID naming
   * both paths; the next call starts from the defaults.
   */
  read(): T {
    if (this.cache !== undefined) return this.cache;
    let text: string;
    try {
      text = readFileSync(this.opts.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        this.cache = this.opts.defaults();
        return this.cache;
      }
      throw new AppError(
        'CONFIG_INVALID',
        `${this.opts.path} cannot be read (${(err as NodeJS.ErrnoException).code}).`,
        'Check the permissions of the settings directory.',
        { file: this.opts.path },
      );
    }
    try {
      this.cache = this.opts.parse(JSON.parse(text));
      return this.cache;
    } catch (err) {
      const reason = err instanceof Error ? err.message.split('\n')[0].slice(0, 300) : String(err);
      const movedTo = `${this.opts.path}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      renameSync(this.opts.path, movedTo);
      this.opts.onCorrupt?.({ path: this.opts.path, movedTo, reason });
      throw new AppError(
        'CONFIG_INVALID',
        `The ${this.opts.label ?? 'settings'} file ${this.opts.path} was unreadable (${reason}); it was kept as ${movedTo} and StackLens starts from an empty one.`,
        `Nothing was deleted: repair ${movedTo} and move it back, or add the entries again.`,
        { file: this.opts.path, movedTo },
      );
    }
  }

  /** Replaces the value and writes the file atomically. */
  write(value: T): void {
    writeFileAtomic(this.opts.path, `${JSON.stringify(value, null, 2)}\n`);
    this.cache = value;
  }

  /** Read-modify-write; `fn` may mutate the draft or return a new value. */
  update(fn: (draft: T) => T | void): T {
    const draft = structuredClone(this.read());
    const next = fn(draft) ?? draft;
    this.write(next);
    return next;
  }

  /** Drops the in-memory copy (after an outside change to the file). */
  reload(): void {
    this.cache = undefined;
  }
}
