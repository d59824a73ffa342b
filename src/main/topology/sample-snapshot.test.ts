/**
 * The bundled sample (resources/sample-topology.json) is generated from
 * src/shared/topology/testing/sample-cloud.ts. This test keeps the two in step:
 * `UPDATE_SAMPLE=1 npx vitest run --project unit src/main/topology/sample-snapshot.test.ts` rewrites it.
 */
import { existsSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleCloud } from '@shared/topology/testing/sample-cloud';
import { readSnapshotFile, writeSnapshotFile } from './snapshot-file';
import { SAMPLE_FILE } from './topology-service';

const resources = resolve(__dirname, '../../../resources');
const path = join(resources, SAMPLE_FILE);

describe('bundled sample snapshot', () => {
  it('matches its generator and opens as a valid snapshot', async () => {
    const expected = sampleCloud();
    if (process.env.UPDATE_SAMPLE === '1' || !existsSync(path)) {
      mkdirSync(resources, { recursive: true });
      await writeSnapshotFile(path, expected);
    }
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
