/**
 * The region the admin last chose per cloud (regions.json), so the next connect opens where they
 * left off. Kept apart from clouds.json: the cloud's configured region_name stays as imported.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { JsonFileStore, type CorruptionNotice } from '../credentials/settings-store';

const fileSchema = z.object({ version: z.literal(1), regions: z.record(z.string(), z.string().min(1)) });
type RegionsFile = z.infer<typeof fileSchema>;

export class RegionMemory {
  private readonly store: JsonFileStore<RegionsFile>;

  constructor(dataDir: string, onCorrupt?: (n: CorruptionNotice) => void) {
    this.store = new JsonFileStore<RegionsFile>({
      path: join(dataDir, 'regions.json'),
      label: 'chosen regions',
      parse: (d) => fileSchema.parse(d),
      defaults: () => ({ version: 1, regions: {} }),
      onCorrupt,
    });
  }

  /** The region chosen for a cloud, if any (a corrupt file was moved aside: none). */
  get(cloudId: string): string | undefined {
    try {
      return Object.hasOwn(this.store.read().regions, cloudId) ? this.store.read().regions[cloudId] : undefined;
    } catch {
      return undefined;
    }
  }

  set(cloudId: string, region: string): void {
    if (this.get(cloudId) === region) return;
    this.store.update((f) => {
      f.regions[cloudId] = region;
    });
  }

  forget(cloudId: string): void {
    if (this.get(cloudId) === undefined) return;
    this.store.update((f) => {
      delete f.regions[cloudId];
    });
  }
}
