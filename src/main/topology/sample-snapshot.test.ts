/**
 * The bundled sample (resources/sample-topology.json) is generated from
 * src/shared/topology/testing/sample-cloud.ts. This test keeps the two in step: a missing or stale
 * file fails it; `npm run sample:update` (this test with UPDATE_SAMPLE=1) rewrites the file.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sampleCloud } from '@shared/topology/testing/sample-cloud';
import { readSnapshotFile, writeSnapshotFile } from './snapshot-file';
import { SAMPLE_FILE } from './topology-service';

const path = resolve(__dirname, '../../../resources', SAMPLE_FILE);
const FIX = 'regenerate it with `npm run sample:update` and commit it';

/** The file's text, or undefined when it does not exist. */
function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

describe('bundled sample snapshot', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'sl-sample-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('is committed, byte for byte what its generator writes', async () => {
    const expected = sampleCloud();
    // Only `npm run sample:update` writes the bundled file; a plain run only compares.
    if (process.env.UPDATE_SAMPLE === '1') await writeSnapshotFile(path, expected);
    const generated = join(scratch, SAMPLE_FILE);
    await writeSnapshotFile(generated, expected);
    const committed = readText(path);
    expect(committed, `resources/${SAMPLE_FILE} is missing: ${FIX}`).toBeDefined();
    expect(committed === readText(generated), `resources/${SAMPLE_FILE} is stale (its generator changed): ${FIX}`).toBe(
      true,
    );
  });

  it('opens as a valid snapshot equal to its generator', async () => {
    const expected = sampleCloud();
    const opened = await readSnapshotFile(path);
    const { offline: _o, file, ...source } = opened.source;
    expect(file).toBe(SAMPLE_FILE);
    expect({ ...opened, source }).toEqual({
      ...expected,
      source: { ...expected.source, offline: undefined } as typeof expected.source,
    });
  });

  it('looks like a real small cloud', () => {
    const s = sampleCloud();
    expect(s.routers.length).toBeGreaterThanOrEqual(2);
    expect(s.servers).toHaveLength(10);
    expect(s.subnets.filter((x) => x.cidr === '10.0.0.0/24').length).toBeGreaterThanOrEqual(2);
    expect(s.ports.filter((p) => p.deviceOwner === 'network:dhcp').length).toBeGreaterThanOrEqual(3);
    expect(s.floatingIps.filter((f) => f.portId).length).toBeGreaterThanOrEqual(2);
  });
});
