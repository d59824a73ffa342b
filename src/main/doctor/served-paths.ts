/**
 * The ONE model of "which metadata paths serve this port" (ML2/OVS): the metadata page's path list
 * and the doctor both use it, so they never disagree. For each IPv4 fixed IP it also says which
 * path the instance's packets to 169.254.169.254 really take: a host route for 169.254.169.254
 * wins, else the subnet's gateway when a router interface owns it, else (an isolated subnet) the
 * DHCP port via option 121 (docs/metadata-spec.md §3.2). IPv6 link-local paths are listed as before.
 */
import ipaddr from 'ipaddr.js';
import type { LookupPath } from '@shared/models/metadata';
import { linkLocalFromMac } from '../metadata/address';

export const METADATA_V4 = '169.254.169.254';

export interface PathPort {
  id: string;
  networkId: string;
  networkName?: string;
  macAddress: string;
  fixedIps: Array<{ ip: string; subnetId: string }>;
}

export interface PathSubnet {
  id: string;
  networkId: string;
  cidr: string;
  ipVersion: 4 | 6;
  enableDhcp: boolean;
  gatewayIp: string | null;
  /** undefined = not known (not fetched, or a snapshot): the gateway rule is then assumed. */
  hostRoutes?: Array<{ destination: string; nexthop: string }>;
}

/** A router interface port or a DHCP port on the port's network. */
export interface PathNeighbour {
  id: string;
  deviceId: string;
  fixedIps: Array<{ ip: string; subnetId: string }>;
}

/** How the instance reaches 169.254.169.254 from one IPv4 address. */
export interface MetadataRoute {
  ip: string;
  subnetId: string;
  /** 'host-route': a 169.254.169.254 host route; 'gateway': the default route; 'dhcp-route': option 121 on an isolated subnet; 'none'. */
  via: 'host-route' | 'gateway' | 'dhcp-route' | 'none';
  nextHop: string | null;
  /** The path that answers, or null when nothing does. */
  path: ServedPath | null;
  /** One line: why this route (or why none). */
  why: string;
}

/** A LookupPath with the subnet it comes from and whether the instance's packets take it. */
export interface ServedPath extends LookupPath {
  subnetId?: string;
  /** True for the path the instance's 169.254.169.254 packets take from this address. */
  used: boolean;
}

export interface PortPaths {
  paths: ServedPath[];
  routes: MetadataRoute[];
  linkLocal?: string;
  /** Routers with an interface on the port's network. */
  routerIds: string[];
}

export interface PathInputs {
  port: PathPort;
  /** Subnets of the port's network. */
  subnets: readonly PathSubnet[];
  /** Router interface ports on the port's network. */
  interfaces: readonly PathNeighbour[];
  /** DHCP ports on the port's network (optional: only to recognise a host route's next hop). */
  dhcpPorts?: readonly PathNeighbour[];
  routerName?: (id: string) => string | undefined;
}

const ISOLATED_CAVEAT =
  'Served only if the dhcp-agent has enable_isolated_metadata = true (or force_metadata = true); OVN serves it from the ovnmeta namespace instead.';
const ROUTED_CAVEAT =
  'The subnet has a router, so the dhcp-agent serves metadata only with force_metadata = true; otherwise the router path answers.';

/** The most specific host route covering 169.254.169.254, if any. */
export function metadataHostRoute(
  routes: PathSubnet['hostRoutes'],
): { destination: string; nexthop: string } | undefined {
  const target = ipaddr.parse(METADATA_V4);
  let best: { destination: string; nexthop: string; bits: number } | undefined;
  for (const r of routes ?? []) {
    try {
      const [net, bits] = ipaddr.parseCIDR(r.destination);
      if (net.kind() !== 'ipv4' || !target.match(net, bits)) continue;
      if (!best || bits > best.bits) best = { ...r, bits };
    } catch {
      /* not a CIDR: Neutron validates host routes, ignore the odd one */
    }
  }
  return best ? { destination: best.destination, nexthop: best.nexthop } : undefined;
}

const onSubnet = (n: PathNeighbour, subnetId: string, ip?: string) =>
  n.fixedIps.some((f) => f.subnetId === subnetId && (ip === undefined || f.ip === ip));

/** Where 169.254.169.254 packets from `ip` on subnet `s` go, and which path answers them. */
function routeFor(ip: string, s: PathSubnet, inputs: PathInputs, paths: ServedPath[]): MetadataRoute {
  const routerPath = (routerId: string) =>
    paths.find((p) => p.kind === 'router' && p.routerId === routerId && p.ip === ip) ?? null;
  const dhcpPath = paths.find((p) => p.kind === 'network' && p.ip === ip) ?? null;
  const hr = metadataHostRoute(s.hostRoutes);
  if (hr) {
    const router = inputs.interfaces.find((i) => onSubnet(i, s.id, hr.nexthop));
    if (router)
      return {
        ip,
        subnetId: s.id,
        via: 'host-route',
        nextHop: hr.nexthop,
        path: routerPath(router.deviceId),
        why: `Host route ${hr.destination} via ${hr.nexthop}, a router interface.`,
      };
    const dhcp = inputs.dhcpPorts?.find((d) => onSubnet(d, s.id, hr.nexthop));
    if (dhcp)
      return {
        ip,
        subnetId: s.id,
        via: 'host-route',
        nextHop: hr.nexthop,
        path: dhcpPath,
        why: `Host route ${hr.destination} via ${hr.nexthop}, the DHCP port.`,
      };
    return {
      ip,
      subnetId: s.id,
      via: 'host-route',
      nextHop: hr.nexthop,
      path: null,
      why: `Host route ${hr.destination} via ${hr.nexthop}, which is neither a router interface nor a DHCP port of ${s.cidr}.`,
    };
  }
  const gwOwner = s.gatewayIp ? inputs.interfaces.find((i) => onSubnet(i, s.id, s.gatewayIp as string)) : undefined;
  if (gwOwner)
    return {
      ip,
      subnetId: s.id,
      via: 'gateway',
      nextHop: s.gatewayIp,
      path: routerPath(gwOwner.deviceId),
      why: `The default gateway ${s.gatewayIp} is an interface of router ${inputs.routerName?.(gwOwner.deviceId) ?? gwOwner.deviceId}.`,
    };
  if (s.enableDhcp) {
    return {
      ip,
      subnetId: s.id,
      via: 'dhcp-route',
      nextHop: null,
      path: dhcpPath,
      why: `No router owns the gateway${s.gatewayIp ? ` ${s.gatewayIp}` : ''} of ${s.cidr}: the subnet is isolated, the DHCP agent pushes a 169.254.169.254 route to its port (option 121).`,
    };
  }
  return {
    ip,
    subnetId: s.id,
    via: 'none',
    nextHop: s.gatewayIp,
    path: null,
    why: `No router owns the gateway${s.gatewayIp ? ` ${s.gatewayIp}` : ''} of ${s.cidr} and DHCP is off: nothing answers 169.254.169.254.`,
  };
}

/** Every path serving the port, and the route its IPv4 addresses take. */
export function servedPaths(inputs: PathInputs): PortPaths {
  const { port, subnets, interfaces } = inputs;
  const subnetById = new Map(subnets.map((s) => [s.id, s]));
  const name = (r: string) => inputs.routerName?.(r) ?? r;
  const base = { networkId: port.networkId, networkName: port.networkName, portId: port.id };
  const routersOn = (subnetId: string) => [
    ...new Set(interfaces.filter((i) => onSubnet(i, subnetId)).map((i) => i.deviceId)),
  ];
  const isolated = (s: PathSubnet) => !interfaces.some((i) => s.gatewayIp !== null && onSubnet(i, s.id, s.gatewayIp));
  const paths: ServedPath[] = [];
  const v4: Array<{ ip: string; s: PathSubnet }> = [];

  for (const f of port.fixedIps) {
    const s = subnetById.get(f.subnetId);
    if (s?.ipVersion !== 4) continue; // IPv6 metadata uses the link-local source address (below)
    v4.push({ ip: f.ip, s });
    for (const r of routersOn(s.id)) {
      paths.push({
        kind: 'router',
        ip: f.ip,
        routerId: r,
        routerName: inputs.routerName?.(r),
        ...base,
        subnetId: s.id,
        used: false,
        why: `Router ${name(r)} has an interface on ${s.cidr}: the instance reaches 169.254.169.254 through it (l3-agent haproxy, X-Neutron-Router-ID).`,
      });
    }
    if (s.enableDhcp) {
      paths.push({
        kind: 'network',
        ip: f.ip,
        ...base,
        subnetId: s.id,
        used: false,
        caveat: isolated(s) ? ISOLATED_CAVEAT : ROUTED_CAVEAT,
        why: `${s.cidr} has DHCP enabled: the dhcp-agent's haproxy can answer 169.254.169.254 on this network (X-Neutron-Network-ID).`,
      });
    }
  }
  const routes = v4.map(({ ip, s }) => routeFor(ip, s, inputs, paths));
  for (const r of routes) if (r.path) r.path.used = true;

  const netSubnets = subnets.filter((s) => s.networkId === port.networkId);
  const v6 = netSubnets.filter((s) => s.ipVersion === 6);
  const linkLocal = v6.length > 0 && port.macAddress ? linkLocalFromMac(port.macAddress) : undefined;
  if (linkLocal) {
    for (const r of [...new Set(v6.flatMap((s) => routersOn(s.id)))]) {
      paths.push({
        kind: 'router',
        ip: linkLocal,
        routerId: r,
        routerName: inputs.routerName?.(r),
        ...base,
        used: false,
        why: `IPv6: the instance asks fe80::a9fe:a9fe from its link-local address; router ${name(r)} has an IPv6 interface here and the agent looks the port up by the MAC in it.`,
      });
    }
    const dhcp = netSubnets.filter((s) => s.enableDhcp);
    if (dhcp.length > 0) {
      paths.push({
        kind: 'network',
        ip: linkLocal,
        ...base,
        used: false,
        caveat: isolated(dhcp[0]) ? ISOLATED_CAVEAT : ROUTED_CAVEAT,
        why: 'IPv6: the dhcp-agent also binds fe80::a9fe:a9fe when the network has an IPv6 subnet; the port is found by the MAC in the link-local address.',
      });
    }
  }
  return {
    paths,
    routes,
    routerIds: [...new Set(interfaces.map((i) => i.deviceId))],
    ...(linkLocal ? { linkLocal } : {}),
  };
}

/**
 * OVN (docs/metadata-spec.md §4): no router or DHCP agent path. Each chassis runs haproxy in
 * ovnmeta-<network>; the instance reaches it through the network's metadata port, to which OVN's
 * native DHCP routes 169.254.169.254 (option 121) on DHCP-enabled IPv4 subnets only.
 */
export function ovnServedPaths(
  port: PathPort,
  subnets: readonly PathSubnet[],
  metadataIps: PathNeighbour['fixedIps'],
): PortPaths {
  const paths: ServedPath[] = [];
  const routes: MetadataRoute[] = [];
  for (const f of port.fixedIps) {
    const s = subnets.find((x) => x.id === f.subnetId);
    if (!s || s.ipVersion !== 4) continue;
    const md = metadataIps.find((m) => m.subnetId === s.id)?.ip;
    if (!s.enableDhcp || !md) {
      const why = !s.enableDhcp
        ? `DHCP is off on ${s.cidr}: OVN hands out no 169.254.169.254 route (config drive only).`
        : `The network's metadata port has no IP on ${s.cidr}: nothing answers there.`;
      routes.push({ ip: f.ip, subnetId: s.id, via: 'none', nextHop: null, path: null, why });
      continue;
    }
    const path: ServedPath = {
      kind: 'network',
      ip: f.ip,
      networkId: port.networkId,
      networkName: port.networkName,
      portId: port.id,
      subnetId: s.id,
      used: true,
      why: `OVN: haproxy in ovnmeta-${port.networkId} on the instance's chassis answers 169.254.169.254 (X-OVN-Network-ID), reached via the metadata port ${md}.`,
    };
    paths.push(path);
    routes.push({
      ip: f.ip,
      subnetId: s.id,
      via: 'dhcp-route',
      nextHop: md,
      path,
      why: `OVN DHCP option 121: 169.254.169.254 via ${md}.`,
    });
  }
  return { paths, routes, routerIds: [] };
}
