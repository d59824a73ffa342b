import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSnapshotFile, writeSnapshotFile } from './snapshot-file';

const sample = resolve(__dirname, '../../../resources/sample-topology.json');

describe('snapshot writes', () => {
  it('are owner-only and never write through a planted temp file or symlink', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sl-snap-'));
    const path = join(dir, 'export.json');
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'keep me');
    // The temp name the old code used: a local attacker could plant a symlink there.
    symlinkSync(victim, `${path}.${process.pid}.tmp`);
    const snapshot = await readSnapshotFile(sample);
    await writeSnapshotFile(path, snapshot);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(victim, 'utf8')).toBe('keep me');
    expect((await readSnapshotFile(path)).routers.length).toBe(snapshot.routers.length);
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp') && !existsSync(join(dir, n)))).toEqual([]);
  });
});
