/**
 * Fetches what the doctor reasons over, live (a whole scope, or one instance) or from a snapshot.
 * Fleet: one topology fetch + port bindings + subnet host routes + security groups + agents +
 * what each agent hosts: O(resource types + agents + pages) calls, never one per instance.
 */
import type { TopologySnapshot } from '@shared/models/topology';
import { AppError } from '../errors';
import { NEUTRON_LISTS, toNetwork, toPort, toRouter, toSubnet } from '../openstack/neutron';
import { toServer } from '../openstack/nova';
import type { ServiceClient } from '../openstack/service-client';
import { fetchTopology, type FetchScope } from '../topology/fetch-topology';
import { ROUTER_INTERFACE_OWNERS } from '../metadata/neutron-ports';
import type { Agent, DoctorData, DoctorPort, DoctorSubnet, HostingAgent, Missing } from './doctor-data';
import {
  CallCounter,
  fetchAgents,
  hostingByAgent,
  hostingByResource,
  listNeutron,
  PORT_EXTRA_FIELDS,
  toHostRoutes,
  toPortExtras,
  toSecurityGroup,
} from './neutron-extras';

type Raw = Record<string, unknown>;

export interface GatherSession {
  cloudId: string;
  client: ServiceClient;
  isAdmin: boolean;
  cloudName: string;
  region?: string;
  sessionProjectId?: string;
  sessionProjectName?: string;
  pageSize?: number;
}

export interface Gathered {
  data: DoctorData;
  counter: CallCounter;
}

const MEMBER_BINDINGS =
  "Port bindings (binding:host_id, binding:vif_type) are admin-only in Neutron's policy: this session is not admin.";
const MEMBER_AGENTS =
  'Neutron lists agents to admins only: the L3, DHCP and metadata agents behind the paths could not be checked (this session is not admin).';

/** Agents and hosting; `perAgent` for a fleet, else per router / network. */
async function agentsAndHosting(
  s: GatherSession,
  counter: CallCounter,
  missing: Missing,
  hosting: { routers: string[]; networks: string[] } | 'per-agent',
): Promise<{
  agents: Agent[];
  now?: number;
  routerAgents: Map<string, HostingAgent[]>;
  networkAgents: Map<string, string[]>;
}> {
  const res = await fetchAgents(s.client, counter);
  if ('forbidden' in res) {
    missing.agents = { reason: 'role', detail: MEMBER_AGENTS };
    return { agents: [], routerAgents: new Map(), networkAgents: new Map() };
  }
  // ML2/OVN has no L3/DHCP agents and no l3-agents/dhcp-agents APIs (404): nothing is hosted.
  if (res.agents.some((a) => /^OVN /.test(a.type)))
    return { agents: res.agents, now: res.now, routerAgents: new Map(), networkAgents: new Map() };
  const hosted =
    hosting === 'per-agent'
      ? await hostingByAgent(s.client, counter, res.agents)
      : await hostingByResource(s.client, counter, hosting.routers, hosting.networks);
  return { agents: res.agents, now: res.now, ...hosted };
}

function mergePorts(ports: ReturnType<typeof toPort>[], extras: Raw[]): DoctorPort[] {
  const byId = new Map(extras.map((r) => [String(r.id), toPortExtras(r)]));
  return ports.map((p) => ({ ...p, ...(byId.get(p.id) ?? {}) }));
}

/** A whole scope (the session's project, one project, or every project for an admin). */
export async function gatherFleet(
  s: GatherSession,
  scope: { allProjects: boolean; projectId?: string },
): Promise<Gathered> {
  const counter = new CallCounter();
  const fetchScope: FetchScope = {
    cloudName: s.cloudName,
    region: s.region,
    isAdmin: s.isAdmin,
    sessionProjectId: s.sessionProjectId,
    sessionProjectName: s.sessionProjectName,
    allProjects: scope.allProjects,
    projectId: scope.allProjects ? scope.projectId : undefined,
  };
  const filter = scope.allProjects ? scope.projectId : s.isAdmin ? s.sessionProjectId : undefined;
  const byProject = filter ? { project_id: filter } : {};
  const missing: Missing = {};
  const [topo, portExtras, routes, groups, agents] = await Promise.all([
    fetchTopology(s.client, fetchScope, { pageSize: s.pageSize }),
    listNeutron(s.client, counter, 'ports', 'ports', { ...byProject, fields: PORT_EXTRA_FIELDS }, s.pageSize),
    listNeutron(s.client, counter, 'subnets', 'subnets', { ...byProject, fields: ['id', 'host_routes'] }, s.pageSize),
    listNeutron(
      s.client,
      counter,
      'security-groups',
      'security_groups',
      { ...byProject, fields: ['id', 'name', 'security_group_rules'] },
      s.pageSize,
    ),
    agentsAndHosting(s, counter, missing, 'per-agent'),
  ]);
  for (const [k, v] of Object.entries(topo.stats.callsByResource)) counter.add(k, v);
  const hostRoutes = new Map(routes.map((r) => [String(r.id), toHostRoutes(r)]));
  if (!s.isAdmin) missing.bindings = { reason: 'role', detail: MEMBER_BINDINGS };
  if (!topo.compute.available) missing.servers = { reason: 'api-error', detail: topo.compute.reason };
  return {
    counter,
    data: {
      cloudId: s.cloudId,
      mode: 'live',
      role: s.isAdmin ? 'admin' : 'member',
      projects: topo.projects,
      routers: topo.routers,
      networks: topo.networks,
      subnets: topo.subnets.map((sn): DoctorSubnet => ({ ...sn, hostRoutes: hostRoutes.get(sn.id) ?? [] })),
      ports: mergePorts(topo.ports, portExtras),
      servers: topo.servers,
      securityGroups: groups.map(toSecurityGroup),
      agents: agents.agents,
      routerAgents: agents.routerAgents,
      networkAgents: agents.networkAgents,
      neutronNow: agents.now,
      missing,
    },
  };
}

async function fetchServer(s: GatherSession, counter: CallCounter, instanceId: string, missing: Missing) {
  if (!s.client.hasService('compute')) {
    missing.servers = {
      reason: 'api-error',
      detail: "The catalog has no compute (Nova) endpoint: the server's state, host and config drive are unknown.",
    };
    return [];
  }
  try {
    counter.add('servers');
    const res = await s.client.request<{ server: Raw }>('compute', `servers/${encodeURIComponent(instanceId)}`);
    return [toServer(res.data.server)];
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND') return [];
    missing.servers = {
      reason: 'api-error',
      detail: `Nova's compute API did not answer: ${err instanceof Error ? err.message : String(err)}`,
    };
    return [];
  }
}

/** One instance: its ports, their networks, subnets, routers, neighbours, groups and agents. */
export async function gatherInstance(s: GatherSession, instanceId: string): Promise<Gathered> {
  const counter = new CallCounter();
  const missing: Missing = {};
  const net = (path: string, collection: string, query: Raw) =>
    listNeutron(s.client, counter, path, collection, query as never);
  const [servers, portRows] = await Promise.all([
    fetchServer(s, counter, instanceId, missing),
    net('ports', 'ports', { device_id: instanceId }),
  ]);
  const netIds = [...new Set(portRows.map((p) => String(p.network_id)))];
  const sgIds = [
    ...new Set(portRows.flatMap((p) => (Array.isArray(p.security_groups) ? p.security_groups.map(String) : []))),
  ];
  const none = Promise.resolve([] as Raw[]);
  const [networks, subnets, neighbours, groups] = await Promise.all([
    netIds.length ? net('networks', 'networks', { id: netIds, fields: [...NEUTRON_LISTS.networks.fields] }) : none,
    netIds.length ? net('subnets', 'subnets', { network_id: netIds }) : none,
    netIds.length
      ? net('ports', 'ports', {
          network_id: netIds,
          device_owner: [...ROUTER_INTERFACE_OWNERS, 'network:dhcp', 'network:distributed'],
          fields: [...NEUTRON_LISTS.ports.fields],
        })
      : none,
    sgIds.length
      ? net('security-groups', 'security_groups', { id: sgIds, fields: ['id', 'name', 'security_group_rules'] })
      : none,
  ]);
  const routerIds = [
    ...new Set(
      neighbours
        .filter((p) => (ROUTER_INTERFACE_OWNERS as readonly string[]).includes(String(p.device_owner)))
        .map((p) => String(p.device_id)),
    ),
  ];
  const [routers, agents] = await Promise.all([
    routerIds.length ? net('routers', 'routers', { id: routerIds, fields: [...NEUTRON_LISTS.routers.fields] }) : none,
    agentsAndHosting(s, counter, missing, { routers: routerIds, networks: netIds }),
  ]);
  if (portRows.length > 0 && !('binding:vif_type' in portRows[0]))
    missing.bindings = { reason: 'role', detail: MEMBER_BINDINGS };
  const ports: DoctorPort[] = [
    ...portRows.map((r) => ({ ...toPort(r), ...toPortExtras(r) })),
    ...neighbours.map(toPort),
  ];
  return {
    counter,
    data: {
      cloudId: s.cloudId,
      mode: 'live',
      role: s.isAdmin ? 'admin' : 'member',
      routers: routers.map(toRouter),
      networks: networks.map(toNetwork),
      subnets: subnets.map((r) => ({ ...toSubnet(r), hostRoutes: toHostRoutes(r) })),
      ports,
      servers,
      securityGroups: groups.map(toSecurityGroup),
      agents: agents.agents,
      routerAgents: agents.routerAgents,
      networkAgents: agents.networkAgents,
      neutronNow: agents.now,
      missing,
    },
  };
}

const OFFLINE = (what: string) => ({
  reason: 'offline' as const,
  detail: `Not checked offline: ${what} (a snapshot carries no live state).`,
});

/** A snapshot: the topology only; everything live is marked "not checked offline". */
export function dataFromSnapshot(cloudId: string, snapshot: TopologySnapshot): DoctorData {
  return {
    cloudId,
    mode: 'offline',
    role: snapshot.source.allProjects ? 'admin' : 'member',
    projects: snapshot.projects,
    routers: snapshot.routers,
    networks: snapshot.networks,
    subnets: snapshot.subnets,
    ports: snapshot.ports,
    servers: snapshot.servers,
    securityGroups: [],
    agents: [],
    routerAgents: new Map(),
    networkAgents: new Map(),
    missing: {
      agents: OFFLINE('the L3, DHCP and metadata agents'),
      securityGroups: OFFLINE('security group rules'),
      bindings: OFFLINE('port bindings'),
      hostRoutes: OFFLINE('subnet host routes'),
      nova: OFFLINE('nova-api-metadata'),
      ...(snapshot.compute.available
        ? {}
        : { servers: { reason: 'api-error' as const, detail: snapshot.compute.reason } }),
    },
  };
}
