/**
 * One complete fetch of a tenant's topology: Neutron routers, networks (own, shared, external),
 * subnets, ports, floating IPs and Nova servers, listed in parallel, every page followed. The
 * number of calls is O(resource types + pages), never O(routers) or O(ports). Nova failing (or
 * absent from the catalog) leaves the network side intact and says why in `compute`.
 */
import type { Network, Port, ProjectName, Subnet, TopologySnapshot } from '@shared/models/topology';
import { AppError } from '../errors';
import { listAll, listFromBothEnds } from '../openstack/paginate';
import {
  NEUTRON_LISTS,
  toFloatingIp,
  toNetwork,
  toPort,
  toRouter,
  toSecurityGroup,
  toSubnet,
  type NeutronList,
} from '../openstack/neutron';
import { SERVERS_LIST, SERVERS_MICROVERSION, toServer } from '../openstack/nova';
import type { Query, ServiceClient } from '../openstack/service-client';
import { ProgressTracker, type TopologyProgress } from './progress';

export interface FetchScope {
  cloudName: string;
  region?: string;
  isAdmin: boolean;
  /** The token's project (absent for domain / system scope). */
  sessionProjectId?: string;
  sessionProjectName?: string;
  /** Admins: every project (Neutron lists all for an admin token; Nova needs all_tenants=1). */
  allProjects: boolean;
  /** With allProjects: only this project. */
  projectId?: string;
}

export interface FetchOptions {
  /** Items per page for Neutron and Nova; default 5,000 for Neutron and 1,000 (its max_limit) for Nova. */
  pageSize?: number;
  onProgress?: (progress: TopologyProgress) => void;
  now?: () => number;
  /**
   * `2`: ports from both ends of the id order at once. Off by default: measured slower (5,018 ports,
   * 2 API workers: 7.6 s against 3.8 s for one stream of 5,000-row pages; Neutron's cost per sorted
   * 1,000-row page outweighs the parallelism).
   */
  portStreams?: 1 | 2;
}

/** Nova's default max_limit: a bigger page is cut to it anyway. */
export const DEFAULT_PAGE_SIZE = 1000;
/**
 * Neutron serves any page size (pagination_max_limit is unlimited by default) and spends a
 * fixed cost on every page (token check, policy, marker query): 5,000 rows (about 2 MB of ports)
 * per call halves the calls of a 5,000-port tenant without making any answer large.
 */
export const DEFAULT_NEUTRON_PAGE_SIZE = 5000;
/**
 * Pages of the two port streams: small enough that the streams meet after about half the list
 * each (a 5,000-port tenant: 3 pages per stream, about 1,000 rows fetched twice), big enough
 * that the fixed cost per page stays small.
 */
export const BOTH_ENDS_PAGE_SIZE = 1000;
/** Ids per `network_id=` filter call, keeping URLs well under common 8 KB limits. */
const IDS_PER_CALL = 80;

type Raw = Record<string, unknown>;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function uniqueById<T extends { id: string }>(lists: ReadonlyArray<readonly T[]>): T[] {
  const map = new Map<string, T>();
  for (const list of lists) for (const item of list) map.set(item.id, item);
  return [...map.values()];
}

/** Fetches the whole topology for the scope. Throws AppError when Neutron fails; Nova failures are reported in `compute`. */
export async function fetchTopology(
  client: ServiceClient,
  scope: FetchScope,
  options: FetchOptions = {},
): Promise<TopologySnapshot> {
  if (scope.allProjects && !scope.isAdmin) {
    throw new AppError(
      'FORBIDDEN',
      'All-projects mode needs the admin role; this session is not an admin one.',
      'Connect as an admin, or turn all-projects off to see your project.',
    );
  }
  const now = options.now ?? Date.now;
  const started = now();
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const neutronPageSize = options.pageSize ?? DEFAULT_NEUTRON_PAGE_SIZE;
  const tracker = new ProgressTracker(options.onProgress);
  // An admin token lists every project's resources unless filtered by project_id.
  const filterProject = scope.allProjects ? scope.projectId : scope.isAdmin ? scope.sessionProjectId : undefined;

  const neutron = neutronLister(client, tracker, neutronPageSize, portListing(options));
  const servers = fetchServers(client, scope, pageSize, tracker);
  const projects = fetchProjectNames(client, scope, tracker);
  const byProject: Query = filterProject ? { project_id: filterProject } : {};
  // Names for the groups ports carry; a Neutron without the extension leaves them as ids.
  const securityGroups = neutron('securitygroups', byProject).then(
    (l) => l.map(toSecurityGroup),
    () => undefined,
  );
  const networksReady = listVisibleNetworks(neutron, filterProject);
  // The member view's second round starts as soon as the networks are known, beside the port list.
  const memberView = filterProject
    ? networksReady.then((networks) => memberViewExtras(neutron, filterProject, networks))
    : Promise.resolve({ subnets: [], ports: [] });
  const [routersRaw, networks, subnetsRaw, portsRaw, fipsRaw, extras] = await Promise.all([
    neutron('routers', byProject),
    networksReady,
    neutron('subnets', byProject),
    neutron('ports', byProject),
    neutron('floatingips', byProject),
    memberView,
  ]);
  const subnets = uniqueById([subnetsRaw.map(toSubnet), extras.subnets]);
  const ports = uniqueById([portsRaw.map(toPort), extras.ports]);
  const [compute, projectNames, groups] = await Promise.all([servers, projects, securityGroups]);

  const snapshot: TopologySnapshot = {
    format: 'stacklens-topology',
    version: 1,
    fetchedAt: new Date(now()).toISOString(),
    source: {
      cloudName: scope.cloudName,
      ...(scope.region ? { region: scope.region } : {}),
      ...(filterProject ? { projectId: filterProject } : {}),
      ...(filterProject && filterProject === scope.sessionProjectId && scope.sessionProjectName
        ? { projectName: scope.sessionProjectName }
        : {}),
      allProjects: scope.allProjects,
    },
    routers: routersRaw.map(toRouter),
    networks,
    subnets,
    ports,
    floatingIps: fipsRaw.map(toFloatingIp),
    servers: compute.servers,
    ...(groups ? { securityGroups: groups } : {}),
    compute: compute.availability,
    stats: { ...tracker.stats(), durationMs: Math.round(now() - started) },
  };
  if (projectNames) {
    snapshot.projects = projectNames;
    const name = filterProject ? projectNames.find((p) => p.id === filterProject)?.name : undefined;
    if (name) snapshot.source.projectName = name;
  }
  if (!filterProject && !scope.allProjects && scope.sessionProjectId) {
    snapshot.source.projectId = scope.sessionProjectId;
    if (scope.sessionProjectName) snapshot.source.projectName = scope.sessionProjectName;
  }
  return snapshot;
}

type Lister = (resource: NeutronList, query?: Query, fields?: readonly string[]) => Promise<Raw[]>;

/** Enough to tell a port's owner: the member view asks the rest only for ports others own. */
const OWNER_FIELDS = ['id', 'project_id'] as const;

function portListing(options: FetchOptions): { bothEnds: boolean; pageSize: number } {
  return { bothEnds: options.portStreams === 2, pageSize: options.pageSize ?? BOTH_ENDS_PAGE_SIZE };
}

/**
 * One Neutron list, every page, reported to the progress tracker. Ports, the one list that grows
 * to thousands, come from both ends of the id order at once when `ports.bothEnds`.
 */
function neutronLister(
  client: ServiceClient,
  tracker: ProgressTracker,
  pageSize: number,
  ports: { bothEnds: boolean; pageSize: number },
): Lister {
  return async (resource, query = {}, fields = NEUTRON_LISTS[resource].fields) => {
    const list = NEUTRON_LISTS[resource];
    const call = tracker.begin(resource);
    const bothEnds = resource === 'ports' && ports.bothEnds;
    try {
      const { items } = await (bothEnds ? listFromBothEnds<Raw> : listAll<Raw>)(client, {
        service: 'network',
        path: list.path,
        collection: list.collection,
        query: { ...query, fields: [...fields] },
        pageSize: bothEnds ? ports.pageSize : pageSize,
        onRequest: () => tracker.request(resource),
        onPage: ({ items: n }) => call.page(n),
      });
      return items;
    } finally {
      call.end();
    }
  };
}

/** Filtered, a project also sees shared and external networks it does not own (as its members would). */
async function listVisibleNetworks(neutron: Lister, filterProject: string | undefined): Promise<Network[]> {
  const lists = filterProject
    ? await Promise.all([
        neutron('networks', { project_id: filterProject }),
        neutron('networks', { shared: true }),
        neutron('networks', { 'router:external': true }),
      ])
    : [await neutron('networks')];
  return uniqueById(lists.map((l) => l.map(toNetwork)));
}

/**
 * What a project's members see beyond what it owns: subnets of shared networks owned by others (an
 * external network's subnets stay hidden from members), and ports others own on the project's
 * networks (DHCP, another project's router interface or instance). Still O(pages): the ports on
 * the project's networks are listed as ids and owners only (Neutron's own ports come from the
 * project_id list running beside this one), then the few others are asked for in full by id.
 */
async function memberViewExtras(
  neutron: Lister,
  filterProject: string,
  networks: Network[],
): Promise<{ subnets: Subnet[]; ports: Port[] }> {
  const foreign = networks.filter((n) => n.projectId !== filterProject && n.shared).map((n) => n.id);
  const own = networks.filter((n) => n.projectId === filterProject).map((n) => n.id);
  const [moreSubnets, othersPorts] = await Promise.all([
    Promise.all(chunks(foreign, IDS_PER_CALL).map((ids) => neutron('subnets', { network_id: ids }))),
    portsOwnedByOthers(neutron, filterProject, own),
  ]);
  return { subnets: moreSubnets.flat().map(toSubnet), ports: othersPorts };
}

async function portsOwnedByOthers(neutron: Lister, filterProject: string, ownNetworks: string[]): Promise<Port[]> {
  const owners = await Promise.all(
    chunks(ownNetworks, IDS_PER_CALL).map((ids) => neutron('ports', { network_id: ids }, OWNER_FIELDS)),
  );
  const others = owners
    .flat()
    .filter((p) => p.project_id !== filterProject)
    .map((p) => String(p.id));
  const lists = await Promise.all(chunks(others, IDS_PER_CALL).map((ids) => neutron('ports', { id: ids })));
  return lists.flat().map(toPort);
}

async function fetchServers(client: ServiceClient, scope: FetchScope, pageSize: number, tracker: ProgressTracker) {
  if (!client.hasService('compute')) {
    return {
      servers: [],
      availability: {
        available: false as const,
        reason: 'The catalog has no compute (Nova) endpoint for this region and interface.',
      },
    };
  }
  const query: Query = scope.allProjects
    ? { all_tenants: 1, ...(scope.projectId ? { project_id: scope.projectId } : {}) }
    : {};
  const call = tracker.begin('servers');
  const list = (microversion: string | undefined) =>
    listAll<Raw>(client, {
      service: 'compute',
      path: SERVERS_LIST.path,
      collection: SERVERS_LIST.collection,
      query,
      microversion,
      pageSize,
      onRequest: () => tracker.request('servers'),
      onPage: ({ items }) => call.page(items),
    });
  try {
    // Flavor names need 2.47; a Nova that refuses it (406 before Pike, 500 on flavors without
    // extra_specs) is asked again at 2.1 and shows flavor ids.
    const result = await list(SERVERS_MICROVERSION).catch((err: unknown) => {
      if (err instanceof AppError && err.code === 'SERVICE_ERROR') return list(undefined);
      throw err;
    });
    return { servers: result.items.map(toServer), availability: { available: true as const } };
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return {
      servers: [],
      availability: { available: false as const, reason: `Nova could not list the instances: ${reason}` },
    };
  } finally {
    call.end();
  }
}

/** Project names for labels: Keystone's project list for admins, else the token's own projects. Optional. */
async function fetchProjectNames(
  client: ServiceClient,
  scope: FetchScope,
  tracker: ProgressTracker,
): Promise<ProjectName[] | undefined> {
  try {
    tracker.request('projects');
    const res = await client.request<{ projects?: Raw[] }>('identity', scope.isAdmin ? 'projects' : 'auth/projects');
    return (res.data?.projects ?? [])
      .map((p) => ({ id: String(p.id ?? ''), name: String(p.name ?? '') }))
      .filter((p) => p.id);
  } catch {
    return undefined; // names are a nicety: ids are shown instead
  }
}
