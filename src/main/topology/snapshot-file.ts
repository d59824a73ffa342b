/**
 * Snapshot files: write a fetched topology as versioned JSON (no secrets: the model has none) and
 * read one back, validated, with an error that says what is wrong with the file.
 */
import { randomBytes } from 'node:crypto';
import { rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { TopologySnapshot } from '@shared/models/topology';
import { parseSnapshotText, topologySnapshotSchema } from '@shared/topology/snapshot-schema';
import { AppError } from '../errors';
import { readCappedFile } from '../read-capped';

/** Larger files are refused before reading (a 10,000-port snapshot is about 5 MB). */
export const MAX_SNAPSHOT_BYTES = 256 * 1024 * 1024;

const HINTS = {
  'not-json': 'Pick a file saved by StackLens (Topology \u2192 Export); this one may be truncated or corrupt.',
  'not-a-snapshot': 'Pick a file saved by StackLens (Topology \u2192 Export).',
  'unsupported-version':
    'Open it with the StackLens version that saved it, or export the topology again with this one.',
  invalid: 'The file was changed or damaged after it was saved; export the topology again.',
} as const;

/** Reads and validates a snapshot file; marks it offline with its file name. */
export async function readSnapshotFile(path: string): Promise<TopologySnapshot> {
  const name = basename(path);
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      throw new AppError('NOT_FOUND', `The snapshot file ${name} does not exist.`, 'Pick another file.', {
        file: path,
      });
    throw new AppError(
      'CONFIG_INVALID',
      `The snapshot file ${name} cannot be read (${code ?? (err as Error).message}).`,
      'Check the file\u2019s permissions.',
      { file: path },
    );
  }
  if (size > MAX_SNAPSHOT_BYTES) {
    throw new AppError(
      'CONFIG_INVALID',
      `The file ${name} is ${Math.round(size / 1048576)} MB, larger than any topology snapshot.`,
      HINTS['not-a-snapshot'],
      { file: path, bytes: size },
    );
  }
  // A regular file only, read on one descriptor with the cap: a FIFO picked in the dialog would
  // hang the read forever, /dev/zero (size 0 to stat) would fill memory.
  const data = await readCappedFile(path, {
    maxBytes: MAX_SNAPSHOT_BYTES,
    what: 'snapshot file',
    hint: HINTS['not-a-snapshot'],
  });
  const parsed = parseSnapshotText(data.toString('utf8'));
  if (!parsed.ok)
    throw new AppError('CONFIG_INVALID', `${name}: ${parsed.message}`, HINTS[parsed.problem], {
      file: path,
      problem: parsed.problem,
    });
  return { ...parsed.snapshot, source: { ...parsed.snapshot.source, offline: true, file: name } };
}

/** Writes the snapshot atomically (temp file + rename), validated first. */
export async function writeSnapshotFile(path: string, snapshot: TopologySnapshot): Promise<void> {
  const checked = topologySnapshotSchema.safeParse(snapshot);
  if (!checked.success) {
    throw new AppError(
      'INVALID_ARGUMENT',
      `The topology cannot be saved: ${checked.error.issues[0]?.path.join('.')}: ${checked.error.issues[0]?.message}`,
    );
  }
  // `file` and `offline` describe where a snapshot was opened from, not what it holds.
  const { file: _file, offline: _offline, ...source } = checked.data.source;
  const data = { ...checked.data, source };
  // A fresh temp name created exclusively (never through a planted file or symlink), owner-only:
  // a topology names every project, network and address of a cloud.
  const temp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temp, `${JSON.stringify(data, null, 1)}\n`, { mode: 0o600, flag: 'wx' });
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}
