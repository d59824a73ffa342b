/**
 * The agent's two RPC port queries, as Neutron REST calls (the pre-Mitaka agent's REST fallback,
 * `_get_ports_using_client`): router interface ports -> networks, then ports by fixed IP (or MAC)
 * on those networks. Long network lists are split like nova's metadata handler does.
 */
import type { PortMatch } from '@shared/models/metadata';
import type { Query, ServiceClient } from '../openstack/service-client';
import { buildUrl } from '../openstack/service-client';

/** neutron-lib ROUTER_INTERFACE_OWNERS: gateway and SNAT ports are not interfaces. */
export const ROUTER_INTERFACE_OWNERS = [
  'network:router_interface',
  'network:ha_router_replicated_interface',
  'network:router_interface_distributed',
] as const;

/**
 * Networks per port query. nova/api/metadata/handler.py MAX_QUERY_NETWORKS: "while reaching 182
 * networks Neutron server will break as URL length exceeds the maximum".
 */
export const MAX_QUERY_NETWORKS = 160;

/** Pages followed per query at most (Neutron only pages when pagination_max_limit is set). */
const MAX_PAGES = 50;

export const PORT_FIELDS = [
  'id',
  'device_id',
  'device_owner',
  'project_id',
  'tenant_id',
  'network_id',
  'mac_address',
  'fixed_ips',
];

/** The client surface the resolver needs (ServiceClient satisfies it). */
export type NeutronRequester = Pick<ServiceClient, 'request' | 'endpoint'>;

export interface NeutronPortRow {
  id: string;
  device_id?: string;
  device_owner?: string;
  project_id?: string;
  tenant_id?: string;
  network_id?: string;
  mac_address?: string;
  fixed_ips?: Array<{ ip_address: string; subnet_id?: string }>;
}

interface PortsPage {
  ports?: NeutronPortRow[];
  ports_links?: Array<{ rel: string; href: string }>;
}

/** Splits a list into consecutive chunks of at most `size` items (an empty list gives no chunk). */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`chunk size must be a positive integer, got ${size}`);
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** `GET /v2.0/ports?...` as sent (path under the endpoint + encoded query), for the trace. */
export function describeRequest(client: NeutronRequester, path: string, query: Query, method = 'GET'): string {
  let root = 'http://neutron/v2.0';
  try {
    root = client.endpoint('network');
  } catch {
    /* no endpoint: the request itself will fail and say so; describe it relative to /v2.0 */
  }
  const url = buildUrl(root, path, query);
  return `${method} ${url.pathname}${url.search}`;
}

/** Converts a Neutron port row to the trimmed, secret-free match the trace shows. */
export function toPortMatch(p: NeutronPortRow): PortMatch {
  return {
    id: p.id,
    deviceId: p.device_id ?? '',
    deviceOwner: p.device_owner ?? '',
    // Zed's agent reads tenant_id, master project_id; Neutron returns both with the same value.
    projectId: p.project_id ?? p.tenant_id ?? '',
    networkId: p.network_id ?? '',
    macAddress: p.mac_address,
    fixedIps: p.fixed_ips?.map((f) => f.ip_address),
  };
}

export interface PortQueryResult {
  ports: NeutronPortRow[];
  /** One entry per HTTP call (pages included). */
  calls: Array<{ request: string; status: number; count: number; durationMs: number }>;
}

/** Lists ports matching `query`, following `ports_links` next pages (bounded). */
export async function listPorts(client: NeutronRequester, query: Query): Promise<PortQueryResult> {
  const ports: NeutronPortRow[] = [];
  const calls: PortQueryResult['calls'] = [];
  let path = 'ports';
  let q: Query | undefined = query;
  for (let page = 0; page < MAX_PAGES; page++) {
    const request = q ? describeRequest(client, path, q) : `GET ${new URL(path).pathname}${new URL(path).search}`;
    const t0 = performance.now();
    const res = await client.request<PortsPage>('network', path, q ? { query: q } : {});
    const got = res.data?.ports ?? [];
    calls.push({ request, status: res.status, count: got.length, durationMs: performance.now() - t0 });
    ports.push(...got);
    const next = res.data?.ports_links?.find((l) => l.rel === 'next')?.href;
    if (!next || got.length === 0) break;
    path = next;
    q = undefined;
  }
  return { ports, calls };
}

/** Query for the router's interface ports (agent `_get_router_networks`). */
export function routerInterfacesQuery(routerId: string): Query {
  return {
    device_id: routerId,
    device_owner: [...ROUTER_INTERFACE_OWNERS],
    fields: ['id', 'network_id', 'device_owner'],
  };
}

/** Query for ports by address on some networks (agent `_get_port_filters`). */
export function portsByAddressQuery(lookup: { ip?: string; mac?: string }, networks: readonly string[]): Query {
  const query: Query = { fields: PORT_FIELDS };
  // A link-local source is not a fixed IP of the port: the agent then matches on the MAC only.
  if (lookup.mac) query.mac_address = lookup.mac;
  else if (lookup.ip) query.fixed_ips = `ip_address=${lookup.ip}`;
  if (networks.length > 0) query.network_id = [...networks];
  return query;
}
