import type { TopologySnapshot } from '../models/topology';

export const topologyChannels = [
  'topology:get',
  'topology:saveSnapshot',
  'topology:openSnapshot',
  'topology:openSample',
] as const;

export interface TopologyRequest {
  cloudId: string;
  /** Admins only: every project's resources; projectId then filters to one. */
  allProjects?: boolean;
  projectId?: string;
}

export interface TopologyContract {
  'topology:get': { request: TopologyRequest; response: TopologySnapshot };
  /** Writes a snapshot (no secrets) to a file the user picks; returns the path or null if cancelled. */
  'topology:saveSnapshot': { request: { snapshot: TopologySnapshot }; response: { path: string } | null };
  /** Opens a snapshot file the user picks; null if cancelled. */
  'topology:openSnapshot': { request: void; response: TopologySnapshot | null };
  /** The bundled sample snapshot of a realistic lab, for a first start without a cloud. */
  'topology:openSample': { request: void; response: TopologySnapshot };
}
