/**
 * What the doctor fetches beyond the topology, as Neutron rows -> doctor models: agents (admin
 * only), what each agent hosts, security groups with their rules, port bindings and port
 * security, subnet host routes. Every list is one paged call; hosting is one call per agent
 * (fleet) or per router / network (one instance).
 */
import { AppError } from '../errors';
import { listAll } from '../openstack/paginate';
import type { Query, ServiceClient } from '../openstack/service-client';
import type { Agent, HostingAgent, HostRoute, SecurityGroup, SecurityGroupRule } from './doctor-data';

type Raw = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : v == null ? '' : String(v));
const num = (v: unknown) => (typeof v === 'number' ? v : null);

/** Counts calls per resource for the report. */
export class CallCounter {
  readonly byResource: Record<string, number> = {};
  add(resource: string, n = 1): void {
    this.byResource[resource] = (this.byResource[resource] ?? 0) + n;
  }
}

export function toAgent(r: Raw): Agent {
  return {
    id: str(r.id),
    type: str(r.agent_type),
    binary: str(r.binary),
    host: str(r.host),
    alive: r.alive === true,
    adminStateUp: r.admin_state_up !== false,
    ...(r.heartbeat_timestamp ? { heartbeat: str(r.heartbeat_timestamp) } : {}),
    configurations:
      r.configurations && typeof r.configurations === 'object' ? (r.configurations as Record<string, unknown>) : {},
  };
}

export function toRule(r: Raw): SecurityGroupRule {
  return {
    id: str(r.id),
    direction: r.direction === 'ingress' ? 'ingress' : 'egress',
    ethertype: r.ethertype === 'IPv6' ? 'IPv6' : 'IPv4',
    protocol: r.protocol == null ? null : str(r.protocol),
    portMin: num(r.port_range_min),
    portMax: num(r.port_range_max),
    remoteIpPrefix: r.remote_ip_prefix ? str(r.remote_ip_prefix) : null,
    remoteGroupId: r.remote_group_id ? str(r.remote_group_id) : null,
    remoteAddressGroupId: r.remote_address_group_id ? str(r.remote_address_group_id) : null,
  };
}

export function toSecurityGroup(r: Raw): SecurityGroup {
  const rules = Array.isArray(r.security_group_rules) ? (r.security_group_rules as Raw[]).map(toRule) : [];
  return { id: str(r.id), name: str(r.name), rules };
}

export interface PortExtras {
  bindingHost?: string;
  vifType?: string;
  portSecurity?: boolean;
  securityGroups?: string[];
}

/** The binding / security fields of a port row; absent fields (members do not see bindings) stay undefined. */
export function toPortExtras(r: Raw): PortExtras {
  const out: PortExtras = {};
  if ('binding:vif_type' in r) out.vifType = str(r['binding:vif_type']);
  if ('binding:host_id' in r) out.bindingHost = str(r['binding:host_id']);
  if (typeof r.port_security_enabled === 'boolean') out.portSecurity = r.port_security_enabled;
  if (Array.isArray(r.security_groups)) out.securityGroups = r.security_groups.map(str);
  return out;
}

export function toHostRoutes(r: Raw): HostRoute[] {
  return Array.isArray(r.host_routes)
    ? (r.host_routes as Raw[]).map((h) => ({ destination: str(h.destination), nexthop: str(h.nexthop) }))
    : [];
}

export const PORT_EXTRA_FIELDS = [
  'id',
  'binding:host_id',
  'binding:vif_type',
  'port_security_enabled',
  'security_groups',
];

/** Lists a Neutron collection (every page), counting calls. */
export async function listNeutron(
  client: ServiceClient,
  counter: CallCounter,
  path: string,
  collection: string,
  query: Query,
  pageSize?: number,
): Promise<Raw[]> {
  const { items } = await listAll<Raw>(client, {
    service: 'network',
    path,
    collection,
    query,
    pageSize,
    onRequest: () => counter.add(collection),
  });
  return items;
}

/** The agents (admin only) and Neutron's clock; a policy refusal is returned as `forbidden`. */
export async function fetchAgents(
  client: ServiceClient,
  counter: CallCounter,
): Promise<{ agents: Agent[]; now?: number } | { forbidden: string }> {
  try {
    counter.add('agents');
    const res = await client.request<{ agents?: Raw[] }>('network', 'agents');
    const date = Date.parse(res.headers.date ?? '');
    return { agents: (res.data.agents ?? []).map(toAgent), ...(Number.isFinite(date) ? { now: date } : {}) };
  } catch (err) {
    if (err instanceof AppError && (err.code === 'FORBIDDEN' || err.code === 'NOT_FOUND'))
      return { forbidden: err.message };
    throw err;
  }
}

/** Fleet: what every L3 / DHCP agent hosts (one call per agent). HA state is not in these lists. */
export async function hostingByAgent(client: ServiceClient, counter: CallCounter, agents: Agent[]) {
  const routerAgents = new Map<string, HostingAgent[]>();
  const networkAgents = new Map<string, string[]>();
  await Promise.all(
    agents.map(async (a) => {
      if (a.type === 'L3 agent') {
        counter.add('l3-routers');
        const res = await client.request<{ routers?: Raw[] }>(
          'network',
          `agents/${encodeURIComponent(a.id)}/l3-routers`,
        );
        for (const r of res.data.routers ?? [])
          (routerAgents.get(str(r.id)) ?? routerAgents.set(str(r.id), []).get(str(r.id))!).push({ agentId: a.id });
      } else if (a.type === 'DHCP agent') {
        counter.add('dhcp-networks');
        const res = await client.request<{ networks?: Raw[] }>(
          'network',
          `agents/${encodeURIComponent(a.id)}/dhcp-networks`,
        );
        for (const n of res.data.networks ?? [])
          (networkAgents.get(str(n.id)) ?? networkAgents.set(str(n.id), []).get(str(n.id))!).push(a.id);
      }
    }),
  );
  return { routerAgents, networkAgents };
}

/** One instance: the agents hosting each router (with ha_state) and each network. */
export async function hostingByResource(
  client: ServiceClient,
  counter: CallCounter,
  routerIds: string[],
  networkIds: string[],
) {
  const routerAgents = new Map<string, HostingAgent[]>();
  const networkAgents = new Map<string, string[]>();
  await Promise.all([
    ...routerIds.map(async (id) => {
      counter.add('l3-agents');
      const res = await client.request<{ agents?: Raw[] }>('network', `routers/${encodeURIComponent(id)}/l3-agents`);
      routerAgents.set(
        id,
        (res.data.agents ?? []).map((a) => ({
          agentId: str(a.id),
          ...(a.ha_state !== undefined ? { haState: a.ha_state == null ? null : str(a.ha_state) } : {}),
        })),
      );
    }),
    ...networkIds.map(async (id) => {
      counter.add('dhcp-agents');
      const res = await client.request<{ agents?: Raw[] }>('network', `networks/${encodeURIComponent(id)}/dhcp-agents`);
      networkAgents.set(
        id,
        (res.data.agents ?? []).map((a) => str(a.id)),
      );
    }),
  ]);
  return { routerAgents, networkAgents };
}
