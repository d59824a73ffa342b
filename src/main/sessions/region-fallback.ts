/**
 * Which region a session works in once its catalog is known (connect, project switch, renewal):
 * the region the admin wants while the catalog offers it; otherwise the cloud's configured region,
 * else the first region with a network endpoint, and a notice naming both. The wanted region is
 * kept, so a later catalog that offers it again (another project) goes back to it.
 */

import type { RegionFallback } from '@shared/models/cloud';

export type { RegionFallback };

export interface RegionPick {
  /** The region to select; undefined: leave the session's selection as it is. */
  region?: string;
  fallback?: RegionFallback;
}

/**
 * `offered`: the catalog's regions with a network endpoint, in the order they are listed.
 * `wanted`: the region chosen last (remembered) or configured; `configured`: the cloud's region_name.
 */
export function pickRegion(offered: readonly string[], wanted?: string, configured?: string): RegionPick {
  if (!wanted || offered.length === 0) return {};
  if (offered.includes(wanted)) return { region: wanted };
  const region = configured && offered.includes(configured) ? configured : offered[0];
  return { region, fallback: { wanted, region } };
}
