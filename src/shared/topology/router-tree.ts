/**
 * The router tree: router -> gateway (external network) and interface ports -> subnets -> ports
 * (fixed IPs, MAC, device_owner, status) -> floating IPs and the instance.
 */
import type { Port, Router } from '../models/topology';
import { displayName, naturalCompare, projectLabel, sortedRouters, type TopologyModel } from './build-model';
import { childKey, type TreeNode } from './tree';
import { newTally, subnetNode } from './tree-nodes';

function gatewayNode(model: TopologyModel, router: Router, parentKey: string): TreeNode | undefined {
  const gateway = router.externalGateway;
  if (!gateway) return undefined;
  const network = model.networks.get(gateway.networkId);
  const ips = gateway.fixedIps.map((f) => f.ip).join(', ');
  const badges = ['external'];
  if (gateway.enableSnat === false) badges.push('SNAT off');
  else if (gateway.enableSnat) badges.push('SNAT');
  return {
    key: childKey(parentKey, `gateway:${gateway.networkId}`),
    kind: 'gateway',
    ref: { kind: 'network', id: gateway.networkId },
    label: `gateway \u2192 ${network ? displayName(network) : gateway.networkId.slice(0, 8)}`,
    secondary: ips || 'no gateway IP visible',
    badges,
    children: [],
  };
}

function firstIp(port: Port): string {
  return port.fixedIps[0]?.ip ?? '';
}

function routerNode(model: TopologyModel, router: Router): TreeNode {
  const key = `router:${router.id}`;
  const children: TreeNode[] = [];
  const gateway = gatewayNode(model, router, key);
  if (gateway) children.push(gateway);
  const interfaces = [...(model.routerInterfaces.get(router.id) ?? [])].sort((a, b) => naturalCompare(firstIp(a), firstIp(b)));
  const tally = newTally();
  const subnets = new Set<string>();
  for (const port of interfaces) {
    const ifaceKey = childKey(key, `interface:${port.id}`);
    const subnetIds = [...new Set(port.fixedIps.map((f) => f.subnetId))];
    const subnetChildren = subnetIds.map((subnetId) => {
      subnets.add(subnetId);
      return subnetNode(model, subnetId, ifaceKey, { skipPortId: port.id, showNetwork: true, tally });
    });
    const network = model.networks.get(port.networkId);
    children.push({
      key: ifaceKey,
      kind: 'interface',
      ref: { kind: 'port', id: port.id },
      label: port.fixedIps.map((f) => f.ip).join(', ') || 'interface without IP',
      secondary: [`interface on ${network ? displayName(network) : port.networkId.slice(0, 8)}`, port.macAddress].join(' \u00b7 '),
      status: port.status,
      badges: port.adminStateUp ? [] : ['admin down'],
      children: subnetChildren,
      counts: { subnets: subnetChildren.length },
    });
  }
  const badges: string[] = [];
  if (router.ha) badges.push('HA');
  if (router.distributed) badges.push('DVR');
  if (!router.adminStateUp) badges.push('admin down');
  if (model.snapshot.source.allProjects) badges.push(`project ${projectLabel(model, router.projectId)}`);
  return {
    key,
    kind: 'router',
    ref: { kind: 'router', id: router.id },
    label: displayName(router),
    secondary: router.externalGateway ? `gateway ${router.externalGateway.fixedIps.map((f) => f.ip).join(', ')}`.trim() : 'no gateway',
    status: router.status,
    badges,
    children,
    counts: { interfaces: interfaces.length, subnets: subnets.size, ports: tally.ports.size, instances: tally.instances.size },
  };
}

/** One root per router, sorted by name. */
export function buildRouterTree(model: TopologyModel): TreeNode[] {
  return sortedRouters(model).map((router) => routerNode(model, router));
}
