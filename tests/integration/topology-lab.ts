/**
 * Helpers for the topology integration tests and the fetch benchmark: a Keystone session for a lab
 * user, the FetchScope it implies, direct (unpaginated) API lists to compare against, and typed
 * access to topology.json's ids.
 */
import type { KeystoneSession } from '../../src/main/openstack/keystone-session';
import type { FetchScope } from '../../src/main/topology/fetch-topology';
import type { LabTopology } from './lab';

type Raw = { id: string } & Record<string, unknown>;

/** The scope the app derives from a session (admin role, token project). */
export function scopeOf(session: KeystoneSession): FetchScope {
  const auth = session.auth;
  const project = auth.scope.kind === 'project' ? auth.scope : undefined;
  return {
    cloudName: `lab-${auth.user.name}`,
    isAdmin: auth.roles.some((r) => r.name.toLowerCase() === 'admin'),
    sessionProjectId: project?.id,
    sessionProjectName: project?.name,
    allProjects: false,
  };
}

export interface DirectLists {
  routers: Raw[];
  networks: Raw[];
  subnets: Raw[];
  ports: Raw[];
  floatingips: Raw[];
  servers: Raw[];
}

async function getJson(
  url: string,
  token: string,
  headers: Record<string, string> = {},
): Promise<Record<string, unknown>> {
  const res = await fetch(url, { headers: { 'x-auth-token': token, accept: 'application/json', ...headers } });
  if (res.status !== 200) throw new Error(`GET ${url.split('?')[0]} answered ${res.status}`);
  return (await res.json()) as Record<string, unknown>;
}

/**
 * The services' own lists in one request each (Neutron without `limit` returns everything; Nova
 * with limit=1000 holds the lab's handful), for comparing with what StackLens assembled.
 */
export async function directList(
  session: KeystoneSession,
  neutronQuery: Record<string, string>,
  novaQuery: Record<string, string> = {},
): Promise<DirectLists> {
  const token = await session.token();
  const network = session.endpointUrl('network').replace(/\/+$/, '');
  const compute = session.endpointUrl('compute').replace(/\/+$/, '');
  const q = new URLSearchParams(neutronQuery).toString();
  const neutron = async (resource: string) =>
    (await getJson(`${network}/v2.0/${resource}${q ? `?${q}` : ''}`, token))[resource] as Raw[];
  const nova = new URLSearchParams({ limit: '1000', ...novaQuery });
  const [routers, networks, subnets, ports, floatingips, servers] = await Promise.all([
    neutron('routers'),
    neutron('networks'),
    neutron('subnets'),
    neutron('ports'),
    neutron('floatingips'),
    getJson(`${compute}/servers/detail?${nova}`, token).then((d) => d.servers as Raw[]),
  ]);
  return { routers, networks, subnets, ports, floatingips, servers };
}

/** Typed access to topology.json's ids. */
export function labIdsFor(lab: LabTopology) {
  const networks = lab.networks as Record<string, { id: string }>;
  const routers = lab.routers as Record<string, { id: string }>;
  const ports = lab.ports as Record<string, { id: string; ip: string }>;
  const instances = lab.instances as Record<string, { id: string; portId: string; ip: string }>;
  const must = <T>(map: Record<string, T>, name: string, what: string): T => {
    if (!map[name]) throw new Error(`topology.json has no ${what} named ${name}`);
    return map[name];
  };
  return {
    network: (name: string) => must(networks, name, 'network').id,
    router: (name: string) => must(routers, name, 'router').id,
    port: (name: string) => must(ports, name, 'port'),
    instance: (name: string) => must(instances, name, 'instance'),
  };
}
