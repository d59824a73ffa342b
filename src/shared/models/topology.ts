/**
 * The tenant's network resources as fetched from Neutron and Nova, normalised to what StackLens
 * shows. These cross IPC (and go into snapshot files), so they carry no secret.
 */

export interface FixedIp {
  subnetId: string;
  ip: string;
}

export interface Router {
  id: string;
  name: string;
  projectId: string;
  status: string;
  adminStateUp: boolean;
  externalGateway?: { networkId: string; fixedIps: FixedIp[]; enableSnat?: boolean };
  ha?: boolean;
  distributed?: boolean;
}

export interface Network {
  id: string;
  name: string;
  projectId: string;
  status: string;
  shared: boolean;
  external: boolean;
  subnetIds: string[];
  mtu?: number;
}

export interface Subnet {
  id: string;
  name: string;
  networkId: string;
  projectId: string;
  cidr: string;
  ipVersion: 4 | 6;
  gatewayIp: string | null;
  enableDhcp: boolean;
  ipv6AddressMode?: string | null;
  ipv6RaMode?: string | null;
}

export interface Port {
  id: string;
  name: string;
  networkId: string;
  projectId: string;
  macAddress: string;
  fixedIps: FixedIp[];
  deviceOwner: string;
  deviceId: string;
  status: string;
  adminStateUp: boolean;
  /** binding:host_id: the compute / network node the port is bound to (admins only; '' when unbound). */
  bindingHostId?: string;
  /** binding:vif_type: ovs, bridge, vhostuser ... 'unbound' and 'binding_failed' are what an admin looks for. */
  vifType?: string;
  securityGroupIds?: string[];
  portSecurityEnabled?: boolean;
}

/** A security group, by id, for naming the groups ports carry. */
export interface SecurityGroup {
  id: string;
  name: string;
  projectId: string;
}

export interface FloatingIp {
  id: string;
  floatingIp: string;
  fixedIp: string | null;
  portId: string | null;
  routerId: string | null;
  networkId: string;
  projectId: string;
  status: string;
}

export interface ServerAddress {
  network: string;
  ip: string;
  version: 4 | 6;
  type: 'fixed' | 'floating' | 'unknown';
  mac?: string;
}

export interface Server {
  id: string;
  name: string;
  status: string;
  projectId: string;
  /** Nova keeps config_drive as a string ("True", "" ...); normalised here. */
  configDrive: boolean;
  addresses: ServerAddress[];
  keyName?: string | null;
  /** The flavor's name (compute microversion 2.47+), else its id. */
  flavor?: string;
  /** Security group names as Nova lists them. */
  securityGroups?: string[];
  host?: string;
  created?: string;
}

/** Where the instance side came from, or why it is missing. */
export type ComputeAvailability = { available: true } | { available: false; reason: string };

export interface TopologyFetchStats {
  apiCalls: number;
  pages: number;
  durationMs: number;
  /** Calls per resource type, e.g. { ports: 3, servers: 1 }. */
  callsByResource: Record<string, number>;
}

/** Project id -> name, for labels (admin all-projects mode lists many projects). */
export interface ProjectName {
  id: string;
  name: string;
}

/** Where a snapshot came from. */
export interface TopologySource {
  cloudName: string;
  region?: string;
  /** The project in view (the session's, or the admin's filter). Absent in all-projects mode without a filter. */
  projectId?: string;
  projectName?: string;
  allProjects: boolean;
  /** True when opened from a file (or the bundled sample) rather than fetched live. */
  offline?: boolean;
  file?: string;
  /** True for the bundled sample snapshot. */
  sample?: boolean;
}

/** The snapshot file format version; bump it when a field changes meaning (old files are refused with a clear error). */
export const TOPOLOGY_SNAPSHOT_VERSION = 1;

/** One complete fetch of a tenant (or of all projects for an admin). Versioned: it is also the snapshot file format. */
export interface TopologySnapshot {
  format: 'stacklens-topology';
  version: 1;
  fetchedAt: string;
  source: TopologySource;
  /** Names of the projects the resources belong to, when known (Keystone may refuse a non-admin). */
  projects?: ProjectName[];
  routers: Router[];
  networks: Network[];
  subnets: Subnet[];
  ports: Port[];
  floatingIps: FloatingIp[];
  servers: Server[];
  /** Security groups visible to the session (absent in snapshots from before they were fetched). */
  securityGroups?: SecurityGroup[];
  compute: ComputeAvailability;
  stats: TopologyFetchStats;
}
