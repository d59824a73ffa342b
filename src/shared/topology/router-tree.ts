/**
 * The router tree: router -> gateway (external network) and interface ports -> subnets -> ports
 * (fixed IPs, MAC, device_owner, status) -> floating IPs and the instance.
 */
import type { Port, Router } from '../models/topology';
import {
  displayName,
  naturalCompare,
  projectLabel,
  sortedRouters,
  subnetInstanceIds,
  type TopologyModel,
} from './build-model';
import { childKey, treeNode, type TreeNode } from './tree';
import { subnetNode } from './tree-nodes';

function gatewayNode(model: TopologyModel, router: Router, parentKey: string): TreeNode | undefined {
  const gateway = router.externalGateway;
  if (!gateway) return undefined;
  const network = model.networks.get(gateway.networkId);
  const ips = gateway.fixedIps.map((f) => f.ip).join(', ');
  const badges = ['external'];
  if (gateway.enableSnat === false) badges.push('SNAT off');
  else if (gateway.enableSnat) badges.push('SNAT');
  return treeNode({
    key: childKey(parentKey, `gateway:${gateway.networkId}`),
    kind: 'gateway',
    ref: { kind: 'network', id: gateway.networkId },
    label: `gateway \u2192 ${network ? displayName(network) : gateway.networkId}`,
    secondary: ips || 'no gateway IP visible',
    badges,
  });
}

function firstIp(port: Port): string {
  return port.fixedIps[0]?.ip ?? '';
}

function interfaceNode(model: TopologyModel, port: Port, routerKey: string): TreeNode {
  const key = childKey(routerKey, `interface:${port.id}`);
  const subnetIds = [...new Set(port.fixedIps.map((f) => f.subnetId))];
  const network = model.networks.get(port.networkId);
  return treeNode(
    {
      key,
      kind: 'interface',
      ref: { kind: 'port', id: port.id },
      label: port.fixedIps.map((f) => f.ip).join(', ') || 'interface without IP',
      secondary: [`interface on ${network ? displayName(network) : port.networkId}`, port.macAddress].join(' \u00b7 '),
      status: port.status,
      badges: port.adminStateUp ? [] : ['admin down'],
      counts: { subnets: subnetIds.length },
    },
    () => subnetIds.map((subnetId) => subnetNode(model, subnetId, key, { skipPortId: port.id, showNetwork: true })),
    subnetIds.length > 0,
  );
}

/** Unique ports and instances behind a router's interfaces (its own interface ports excluded). */
function routerCounts(model: TopologyModel, interfaces: readonly Port[]) {
  const subnets = new Set<string>();
  for (const port of interfaces) for (const fixed of port.fixedIps) subnets.add(fixed.subnetId);
  const own = new Set(interfaces.map((p) => p.id));
  const ports = new Set<string>();
  const instances = new Set<string>();
  for (const subnetId of subnets) {
    for (const port of model.portsBySubnet.get(subnetId) ?? []) if (!own.has(port.id)) ports.add(port.id);
    for (const id of subnetInstanceIds(model, subnetId)) instances.add(id);
  }
  return { interfaces: interfaces.length, subnets: subnets.size, ports: ports.size, instances: instances.size };
}

function routerNode(model: TopologyModel, router: Router): TreeNode {
  const key = `router:${router.id}`;
  const interfaces = model.routerInterfaces.get(router.id) ?? [];
  const badges: string[] = [];
  if (router.ha) badges.push('HA');
  if (router.distributed) badges.push('DVR');
  if (!router.adminStateUp) badges.push('admin down');
  if (model.snapshot.source.allProjects) badges.push(`project ${projectLabel(model, router.projectId)}`);
  const build = () => {
    const children: TreeNode[] = [];
    const gateway = gatewayNode(model, router, key);
    if (gateway) children.push(gateway);
    const sorted = [...interfaces].sort((a, b) => naturalCompare(firstIp(a), firstIp(b)));
    for (const port of sorted) children.push(interfaceNode(model, port, key));
    return children;
  };
  return treeNode(
    {
      key,
      kind: 'router',
      ref: { kind: 'router', id: router.id },
      label: displayName(router),
      secondary: router.externalGateway
        ? `gateway ${router.externalGateway.fixedIps.map((f) => f.ip).join(', ')}`.trim()
        : 'no gateway',
      status: router.status,
      badges,
      counts: routerCounts(model, interfaces),
    },
    build,
    !!router.externalGateway || interfaces.length > 0,
  );
}

/** One root per router, sorted by name. */
export function buildRouterTree(model: TopologyModel): TreeNode[] {
  return sortedRouters(model).map((router) => routerNode(model, router));
}
