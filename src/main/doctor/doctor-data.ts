/**
 * What the doctor reasons over: the topology lists plus what only the doctor fetches (agents and
 * what they host, security groups, port bindings, subnet host routes). Fetched once for a whole
 * scope (or one instance), from the live API or a snapshot; `missing` says what could not be had
 * and why, so a check never passes for lack of data.
 */
import type { NotCheckedReason } from '@shared/models/doctor';
import type { Network, Port, Router, Server, Subnet } from '@shared/models/topology';

export interface HostRoute {
  destination: string;
  nexthop: string;
}

/** A subnet with its host routes (undefined = not fetched). */
export interface DoctorSubnet extends Subnet {
  hostRoutes?: HostRoute[];
}

/** A port with what the topology does not carry (undefined = not fetched or not visible). */
export interface DoctorPort extends Port {
  bindingHost?: string;
  vifType?: string;
  portSecurity?: boolean;
  securityGroups?: string[];
}

export interface SecurityGroupRule {
  id: string;
  direction: 'ingress' | 'egress';
  ethertype: 'IPv4' | 'IPv6';
  protocol: string | null;
  portMin: number | null;
  portMax: number | null;
  remoteIpPrefix: string | null;
  remoteGroupId: string | null;
  remoteAddressGroupId?: string | null;
}

export interface SecurityGroup {
  id: string;
  name: string;
  rules: SecurityGroupRule[];
}

/** One row of /v2.0/agents. */
export interface Agent {
  id: string;
  type: string;
  binary: string;
  host: string;
  alive: boolean;
  adminStateUp: boolean;
  /** ISO time of the last heartbeat Neutron recorded (UTC). */
  heartbeat?: string;
  configurations: Record<string, unknown>;
}

/** An agent hosting a router (HA routers: with its keepalived state). */
export interface HostingAgent {
  agentId: string;
  haState?: string | null;
}

/** Pieces the doctor could not get, by kind, with the reason and a sentence for the admin. */
export type MissingKind =
  'agents' | 'hosting' | 'securityGroups' | 'bindings' | 'hostRoutes' | 'servers' | 'nova' | 'resolution';
export type Missing = Partial<Record<MissingKind, { reason: NotCheckedReason; detail: string }>>;

export interface DoctorData {
  cloudId: string;
  mode: 'live' | 'offline';
  role: 'admin' | 'member';
  routers: Router[];
  networks: Network[];
  subnets: DoctorSubnet[];
  ports: DoctorPort[];
  servers: Server[];
  securityGroups: SecurityGroup[];
  agents: Agent[];
  /** Router id -> agents hosting it (from /routers/{id}/l3-agents or /agents/{id}/l3-routers). */
  routerAgents: Map<string, HostingAgent[]>;
  /** Network id -> DHCP agent ids hosting it. */
  networkAgents: Map<string, string[]>;
  missing: Missing;
  /** Project names for labels, when known. */
  projects?: Array<{ id: string; name: string }>;
  /** Neutron's clock (its Date header) when the agents were listed: heartbeats are compared to it. */
  neutronNow?: number;
}

/** Lookups the checks need, built once per data set (a fleet of 2,000 instances stays linear). */
export interface DoctorIndex {
  data: DoctorData;
  router: Map<string, Router>;
  network: Map<string, Network>;
  subnet: Map<string, DoctorSubnet>;
  server: Map<string, Server>;
  agent: Map<string, Agent>;
  securityGroup: Map<string, SecurityGroup>;
  /** device_id -> ports (instances' ports). */
  portsByDevice: Map<string, DoctorPort[]>;
  /** network id -> router interface ports on it. */
  interfacesByNetwork: Map<string, DoctorPort[]>;
  /** network id -> DHCP ports on it. */
  dhcpPortsByNetwork: Map<string, DoctorPort[]>;
  /** network id -> subnets. */
  subnetsByNetwork: Map<string, DoctorSubnet[]>;
  /** host -> metadata agents there. */
  metadataAgentsByHost: Map<string, Agent[]>;
}

export const ROUTER_INTERFACE_OWNER_SET = new Set([
  'network:router_interface',
  'network:ha_router_replicated_interface',
  'network:router_interface_distributed',
]);

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function isMetadataAgent(a: Agent): boolean {
  return a.type === 'Metadata agent' || a.binary === 'neutron-metadata-agent';
}

export function indexData(data: DoctorData): DoctorIndex {
  const idx: DoctorIndex = {
    data,
    router: new Map(data.routers.map((r) => [r.id, r])),
    network: new Map(data.networks.map((n) => [n.id, n])),
    subnet: new Map(data.subnets.map((s) => [s.id, s])),
    server: new Map(data.servers.map((s) => [s.id, s])),
    agent: new Map(data.agents.map((a) => [a.id, a])),
    securityGroup: new Map(data.securityGroups.map((g) => [g.id, g])),
    portsByDevice: new Map(),
    interfacesByNetwork: new Map(),
    dhcpPortsByNetwork: new Map(),
    subnetsByNetwork: new Map(),
    metadataAgentsByHost: new Map(),
  };
  for (const p of data.ports) {
    if (ROUTER_INTERFACE_OWNER_SET.has(p.deviceOwner)) push(idx.interfacesByNetwork, p.networkId, p);
    else if (p.deviceOwner === 'network:dhcp') push(idx.dhcpPortsByNetwork, p.networkId, p);
    if (p.deviceId) push(idx.portsByDevice, p.deviceId, p);
  }
  for (const s of data.subnets) push(idx.subnetsByNetwork, s.networkId, s);
  for (const a of data.agents) if (isMetadataAgent(a)) push(idx.metadataAgentsByHost, a.host, a);
  return idx;
}
