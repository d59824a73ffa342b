/**
 * Which metadata paths apply to one instance (before anything is resolved): for each of its ports,
 * the routers with an interface on the port's subnet (the l3-agent's haproxy, router path) and the
 * DHCP-enabled subnets (the dhcp-agent's haproxy, network path), over IPv4 fixed IPs and, where the
 * network has IPv6, the link-local address the instance uses towards fe80::a9fe:a9fe.
 */
import type {
  InstancePort,
  InstanceSummary,
  LookupPath,
  LookupPlan,
  NetworkBackendInfo,
  Visibility,
} from '@shared/models/metadata';
import { AppError } from '../errors';
import type { ServiceClient } from '../openstack/service-client';
import { fetchProjectName } from './project-name';
import { ovnServedPaths, servedPaths, type PathInputs, type PortPaths } from '../doctor/served-paths';
import { detectBackend } from './backend-detect';
import { ROUTER_INTERFACE_OWNERS } from './neutron-ports';

type Client = Pick<ServiceClient, 'request' | 'hasService' | 'stats'>;

interface PortRow {
  id: string;
  network_id: string;
  mac_address: string;
  device_id: string;
  device_owner: string;
  fixed_ips: Array<{ ip_address: string; subnet_id: string }>;
}
interface SubnetRow {
  id: string;
  network_id: string;
  cidr: string;
  ip_version: 4 | 6;
  enable_dhcp: boolean;
  gateway_ip: string | null;
  ipv6_address_mode?: string | null;
  host_routes?: Array<{ destination: string; nexthop: string }>;
}
interface NamedRow {
  id: string;
  name: string;
}
interface ServerRow {
  id: string;
  name: string;
  status: string;
  tenant_id?: string;
  project_id?: string;
  config_drive?: string | boolean;
}

/** Nova keeps config_drive as a string ("True", "" ...). */
function configDriveSet(value: unknown): boolean {
  return value === true || (typeof value === 'string' && value !== '' && value.toLowerCase() !== 'false');
}

async function server(client: Client, instanceId: string, notes: string[]): Promise<InstanceSummary> {
  if (!client.hasService('compute')) {
    notes.push('The catalog has no compute endpoint: the instance name and config drive are unknown.');
    return { id: instanceId };
  }
  try {
    const res = await client.request<{ server: ServerRow }>('compute', `servers/${encodeURIComponent(instanceId)}`);
    const s = res.data.server;
    return {
      id: s.id,
      name: s.name,
      status: s.status,
      projectId: s.project_id ?? s.tenant_id,
      configDrive: configDriveSet(s.config_drive),
    };
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND') {
      notes.push(
        `Nova's compute API has no server ${instanceId} visible to this session (another project, or deleted).`,
      );
      return { id: instanceId };
    }
    // The metadata path is Neutron's business: a compute API that fails only costs the name and config drive.
    if (
      err instanceof AppError &&
      ['UNREACHABLE', 'TLS_ERROR', 'SERVICE_ERROR', 'FORBIDDEN', 'NO_ENDPOINT'].includes(err.code)
    ) {
      notes.push(`Nova's compute API did not answer (${err.message}): the instance name and config drive are unknown.`);
      return { id: instanceId };
    }
    throw err;
  }
}

/** The shared served-paths model of the cloud's backend (OVN: the ovnmeta- network path). */
function pathsFor(
  backend: 'ml2-ovs' | 'ovn',
  inputs: PathInputs & { metadataIps: Array<{ ip: string; subnetId: string }> },
): PortPaths {
  return backend === 'ovn' ? ovnServedPaths(inputs.port, inputs.subnets, inputs.metadataIps) : servedPaths(inputs);
}

/** The instance's networks around its ports: subnets, names, router / DHCP / metadata ports, router names. */
async function fetchNeighbourhood(client: Client, ports: PortRow[]) {
  const networkIds = [...new Set(ports.map((p) => p.network_id))];
  const [subnets, networks, interfaces] =
    networkIds.length === 0
      ? [[], [], []]
      : await Promise.all([
          client
            .request<{ subnets: SubnetRow[] }>('network', 'subnets', {
              query: {
                network_id: networkIds,
                fields: [
                  'id',
                  'network_id',
                  'cidr',
                  'ip_version',
                  'enable_dhcp',
                  'gateway_ip',
                  'ipv6_address_mode',
                  'host_routes',
                ],
              },
            })
            .then((r) => r.data.subnets ?? []),
          client
            .request<{ networks: NamedRow[] }>('network', 'networks', {
              query: { id: networkIds, fields: ['id', 'name'] },
            })
            .then((r) => r.data.networks ?? []),
          client
            .request<{ ports: PortRow[] }>('network', 'ports', {
              query: {
                network_id: networkIds,
                device_owner: [...ROUTER_INTERFACE_OWNERS, 'network:dhcp', 'network:distributed'],
                fields: ['id', 'network_id', 'device_id', 'device_owner', 'fixed_ips', 'mac_address'],
              },
            })
            .then((r) => r.data.ports ?? []),
        ]);
  const routerIds = [
    ...new Set(
      interfaces
        .filter((p) => (ROUTER_INTERFACE_OWNERS as readonly string[]).includes(p.device_owner))
        .map((p) => p.device_id),
    ),
  ];
  const routers = routerIds.length
    ? ((
        await client.request<{ routers: NamedRow[] }>('network', 'routers', {
          query: { id: routerIds, fields: ['id', 'name'] },
        })
      ).data.routers ?? [])
    : [];
  const routerName = new Map(routers.map((r) => [r.id, r.name]));
  const networkName = new Map(networks.map((n) => [n.id, n.name]));
  const subnetById = new Map(subnets.map((s) => [s.id, s]));
  return { subnets, interfaces, networkName, routerName, subnetById };
}
type Neighbourhood = Awaited<ReturnType<typeof fetchNeighbourhood>>;

const toNeighbour = (i: PortRow) => ({
  id: i.id,
  deviceId: i.device_id,
  fixedIps: i.fixed_ips.map((f) => ({ ip: f.ip_address, subnetId: f.subnet_id })),
});

/** One port of the instance as the plan shows it, and the paths that serve it. */
function describePort(
  p: PortRow,
  backend: 'ml2-ovs' | 'ovn',
  near: Neighbourhood,
): { port: InstancePort; served: LookupPath[] } {
  const { subnets, interfaces, networkName, routerName, subnetById } = near;
  const netInterfaces = interfaces.filter(
    (i) => i.network_id === p.network_id && (ROUTER_INTERFACE_OWNERS as readonly string[]).includes(i.device_owner),
  );
  // The one model of "which paths serve this port", shared with the doctor.
  const served = pathsFor(backend, {
    port: {
      id: p.id,
      networkId: p.network_id,
      networkName: networkName.get(p.network_id),
      macAddress: p.mac_address,
      fixedIps: p.fixed_ips.map((f) => ({ ip: f.ip_address, subnetId: f.subnet_id })),
    },
    subnets: subnets
      .filter((s) => s.network_id === p.network_id)
      .map((s) => ({
        id: s.id,
        networkId: s.network_id,
        cidr: s.cidr,
        ipVersion: s.ip_version,
        enableDhcp: s.enable_dhcp,
        gatewayIp: s.gateway_ip,
        hostRoutes: s.host_routes,
      })),
    interfaces: netInterfaces.map(toNeighbour),
    dhcpPorts: interfaces
      .filter((i) => i.network_id === p.network_id && i.device_owner === 'network:dhcp')
      .map(toNeighbour),
    routerName: (id) => routerName.get(id),
    metadataIps: interfaces
      .filter((i) => i.network_id === p.network_id && i.device_owner === 'network:distributed')
      .flatMap((i) => toNeighbour(i).fixedIps),
  });
  const linkLocal = served.linkLocal;
  const port: InstancePort = {
    id: p.id,
    networkId: p.network_id,
    networkName: networkName.get(p.network_id),
    macAddress: p.mac_address,
    fixedIps: p.fixed_ips.map((f) => {
      const s = subnetById.get(f.subnet_id);
      return {
        ip: f.ip_address,
        subnetId: f.subnet_id,
        subnetCidr: s?.cidr,
        dhcp: s?.enable_dhcp,
        ipVersion: s?.ip_version,
        ...(s?.ip_version === 6 ? { ipv6AddressMode: s.ipv6_address_mode ?? null } : {}),
      };
    }),
    routers: served.routerIds.map((id) => ({ id, name: routerName.get(id) })),
    ...(linkLocal ? { linkLocal } : {}),
  };
  return { port, served: served.paths };
}

/** Plain facts about the plan: no port, no path, config drive, project view, OVN, unknown backend. */
function planNotes(input: {
  instanceId: string;
  view?: Visibility;
  ports: number;
  paths: number;
  configDrive: boolean;
  backend: NetworkBackendInfo;
}): string[] {
  const notes: string[] = [];
  if (input.ports === 0)
    notes.push(
      `No port has device_id ${input.instanceId}${input.view === 'project' ? ' in this project' : ''}: the instance has no metadata path (or it is not visible to this session).`,
    );
  else if (input.paths === 0)
    notes.push(
      "No router interface on the instance's subnets and no DHCP-enabled subnet: the instance cannot reach 169.254.169.254 (add a router, enable DHCP with isolated metadata, or use a config drive).",
    );
  if (input.configDrive)
    notes.push(
      'The instance has a config drive: cloud-init reads it (ConfigDrive datasource) before the metadata service, so the documents below matter only for what the config drive does not carry.',
    );
  if (input.view === 'project')
    notes.push(
      "This is a project-scoped session: the agent searches every project, so resolutions here may differ from the agent's (use an admin session).",
    );
  if (input.backend.effective === 'ovn')
    notes.push(
      "ML2/OVN: no router or DHCP-agent path; haproxy in ovnmeta-<network> on the instance's chassis answers, reached via the network's metadata port (OVN DHCP route), and neutron-ovn-metadata-agent looks up bound ports only.",
    );
  if (input.backend.detected === 'mixed' || input.backend.detected === 'unknown')
    notes.push(
      `The networking backend is ${input.backend.detected}${input.backend.override === 'auto' ? ": ML2/OVS paths are shown; set the backend in the cloud's metadata settings if that is wrong" : ''}.`,
    );
  return notes;
}

/** Builds the plan with a handful of list calls (no per-port loop of requests). */
export async function planInstanceLookup(
  client: Client,
  cloudId: string,
  instanceId: string,
  view?: Visibility,
  backendOverride: 'auto' | 'ml2-ovs' | 'ovn' = 'auto',
): Promise<LookupPlan> {
  const callsBefore = client.stats.calls;
  const notes: string[] = [];
  const [found, backend] = await Promise.all([
    server(client, instanceId, notes),
    detectBackend(client, backendOverride),
  ]);
  const [projectName, portRes] = await Promise.all([
    fetchProjectName(client, found.projectId),
    client.request<{ ports: PortRow[] }>('network', 'ports', {
      query: {
        device_id: instanceId,
        fields: ['id', 'network_id', 'mac_address', 'device_id', 'device_owner', 'fixed_ips'],
      },
    }),
  ]);
  const instance = projectName ? { ...found, projectName } : found;
  const ports = portRes.data.ports ?? [];
  const near = await fetchNeighbourhood(client, ports);

  const paths: LookupPath[] = [];
  const instancePorts: InstancePort[] = ports.map((p) => {
    const { port, served } = describePort(p, backend.effective, near);
    paths.push(...served);
    return port;
  });

  notes.push(
    ...planNotes({
      instanceId,
      view,
      ports: ports.length,
      paths: paths.length,
      configDrive: !!instance.configDrive,
      backend,
    }),
  );
  return {
    cloudId,
    backend,
    instance,
    ports: instancePorts,
    paths,
    notes,
    apiCalls: client.stats.calls - callsBefore,
  };
}
