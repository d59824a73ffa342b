/**
 * Neutron's list APIs as the topology needs them: the raw shapes, the `fields=` each list asks
 * for (smaller answers), and the normalisation to the secret-free models in @shared.
 */
import type { FloatingIp, Network, Port, Router, SecurityGroup, Subnet } from '@shared/models/topology';

type Raw = Record<string, unknown>;

const str = (v: unknown): string => (typeof v === 'string' ? v : v == null ? '' : String(v));
const bool = (v: unknown, fallback = false): boolean => (typeof v === 'boolean' ? v : fallback);
const project = (r: Raw): string => str(r.project_id ?? r.tenant_id);

function fixedIps(v: unknown): Array<{ subnetId: string; ip: string }> {
  if (!Array.isArray(v)) return [];
  return v.map((f: Raw) => ({ subnetId: str(f?.subnet_id), ip: str(f?.ip_address) }));
}

/** The Neutron collections the topology lists, with the fields each one needs (`id` always: it is the page marker). */
export const NEUTRON_LISTS = {
  routers: {
    path: 'routers',
    collection: 'routers',
    fields: ['id', 'name', 'project_id', 'status', 'admin_state_up', 'external_gateway_info', 'ha', 'distributed'],
  },
  networks: {
    path: 'networks',
    collection: 'networks',
    fields: ['id', 'name', 'project_id', 'status', 'shared', 'router:external', 'subnets', 'mtu'],
  },
  subnets: {
    path: 'subnets',
    collection: 'subnets',
    fields: [
      'id',
      'name',
      'network_id',
      'project_id',
      'cidr',
      'ip_version',
      'gateway_ip',
      'enable_dhcp',
      'ipv6_address_mode',
      'ipv6_ra_mode',
    ],
  },
  ports: {
    path: 'ports',
    collection: 'ports',
    fields: [
      'id',
      'name',
      'network_id',
      'project_id',
      'mac_address',
      'fixed_ips',
      'device_owner',
      'device_id',
      'status',
      'admin_state_up',
      // What an admin checks next. Neutron drops the binding fields for members (policy).
      'binding:host_id',
      'binding:vif_type',
      'security_groups',
      'port_security_enabled',
    ],
  },
  securitygroups: { path: 'security-groups', collection: 'security_groups', fields: ['id', 'name', 'project_id'] },
  floatingips: {
    path: 'floatingips',
    collection: 'floatingips',
    fields: [
      'id',
      'floating_ip_address',
      'fixed_ip_address',
      'port_id',
      'router_id',
      'floating_network_id',
      'project_id',
      'status',
    ],
  },
} as const;

export type NeutronList = keyof typeof NEUTRON_LISTS;

export function toRouter(r: Raw): Router {
  const gw = r.external_gateway_info as Raw | null | undefined;
  const router: Router = {
    id: str(r.id),
    name: str(r.name),
    projectId: project(r),
    status: str(r.status),
    adminStateUp: bool(r.admin_state_up, true),
  };
  if (gw && typeof gw === 'object' && gw.network_id) {
    router.externalGateway = {
      networkId: str(gw.network_id),
      fixedIps: fixedIps(gw.external_fixed_ips),
      ...(typeof gw.enable_snat === 'boolean' ? { enableSnat: gw.enable_snat } : {}),
    };
  }
  // ha / distributed are admin-only attributes: absent for members, so only set when present.
  if (typeof r.ha === 'boolean') router.ha = r.ha;
  if (typeof r.distributed === 'boolean') router.distributed = r.distributed;
  return router;
}

export function toNetwork(r: Raw): Network {
  const network: Network = {
    id: str(r.id),
    name: str(r.name),
    projectId: project(r),
    status: str(r.status),
    shared: bool(r.shared),
    external: bool(r['router:external']),
    subnetIds: Array.isArray(r.subnets) ? r.subnets.map(str) : [],
  };
  if (typeof r.mtu === 'number') network.mtu = r.mtu;
  return network;
}

export function toSubnet(r: Raw): Subnet {
  return {
    id: str(r.id),
    name: str(r.name),
    networkId: str(r.network_id),
    projectId: project(r),
    cidr: str(r.cidr),
    ipVersion: r.ip_version === 6 ? 6 : 4,
    gatewayIp: typeof r.gateway_ip === 'string' ? r.gateway_ip : null,
    enableDhcp: bool(r.enable_dhcp),
    ipv6AddressMode: typeof r.ipv6_address_mode === 'string' ? r.ipv6_address_mode : null,
    ipv6RaMode: typeof r.ipv6_ra_mode === 'string' ? r.ipv6_ra_mode : null,
  };
}

export function toPort(r: Raw): Port {
  return {
    id: str(r.id),
    name: str(r.name),
    networkId: str(r.network_id),
    projectId: project(r),
    macAddress: str(r.mac_address),
    fixedIps: fixedIps(r.fixed_ips),
    deviceOwner: str(r.device_owner),
    deviceId: str(r.device_id),
    status: str(r.status),
    adminStateUp: bool(r.admin_state_up, true),
    ...optionalPortFields(r),
  };
}

function optionalPortFields(r: Raw): Partial<Port> {
  const out: Partial<Port> = {};
  if (typeof r['binding:host_id'] === 'string') out.bindingHostId = r['binding:host_id'];
  if (typeof r['binding:vif_type'] === 'string') out.vifType = r['binding:vif_type'];
  if (Array.isArray(r.security_groups)) out.securityGroupIds = r.security_groups.map(str);
  if (typeof r.port_security_enabled === 'boolean') out.portSecurityEnabled = r.port_security_enabled;
  return out;
}

export function toSecurityGroup(r: Raw): SecurityGroup {
  return { id: str(r.id), name: str(r.name), projectId: project(r) };
}

export function toFloatingIp(r: Raw): FloatingIp {
  return {
    id: str(r.id),
    floatingIp: str(r.floating_ip_address),
    fixedIp: typeof r.fixed_ip_address === 'string' ? r.fixed_ip_address : null,
    portId: typeof r.port_id === 'string' && r.port_id ? r.port_id : null,
    routerId: typeof r.router_id === 'string' && r.router_id ? r.router_id : null,
    networkId: str(r.floating_network_id),
    projectId: project(r),
    status: str(r.status),
  };
}
