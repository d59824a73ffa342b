/**
 * Node builders shared by the router tree and the network tree: subnet -> ports -> (floating IPs,
 * instance). Counts are accumulated by the callers from what these return.
 */
import type { Port, Server } from '../models/topology';
import { displayName, ipOnSubnet, projectLabel, type TopologyModel } from './build-model';
import { isCompute, isRouterInterface, portRole } from './device-owner';
import { childKey, type TreeNode } from './tree';

/** Unique ports and instances below a node, for the counts shown on a row. */
export interface Tally {
  ports: Set<string>;
  instances: Set<string>;
}

export function newTally(): Tally {
  return { ports: new Set(), instances: new Set() };
}

export function instanceNode(model: TopologyModel, server: Server, parentKey: string | undefined): TreeNode {
  const badges: string[] = [];
  if (server.configDrive) badges.push('config drive');
  return {
    key: childKey(parentKey, `server:${server.id}`),
    kind: 'instance',
    ref: { kind: 'server', id: server.id },
    label: displayName(server),
    secondary: `project ${projectLabel(model, server.projectId)}`,
    status: server.status,
    badges,
    children: [],
  };
}

function portBadges(model: TopologyModel, port: Port): string[] {
  const badges: string[] = [];
  const role = portRole(port.deviceOwner, port.deviceId);
  if (role === 'router interface') {
    const router = model.routers.get(port.deviceId);
    badges.push(router ? `router ${displayName(router)}` : 'router interface');
  } else if (role === 'unattached') {
    badges.push('no device');
  } else if (role !== 'instance') {
    badges.push(role);
  }
  if (!port.adminStateUp) badges.push('admin down');
  return badges;
}

/** A port row: its IP on `subnetId` (or all IPs), then name, MAC; children: floating IPs, instance. */
export function portNode(model: TopologyModel, port: Port, parentKey: string | undefined, subnetId: string | undefined, tally?: Tally): TreeNode {
  const key = childKey(parentKey, `port:${port.id}`);
  const children: TreeNode[] = [];
  for (const fip of model.floatingIpsByPort.get(port.id) ?? []) {
    children.push({
      key: childKey(key, `floatingIp:${fip.id}`),
      kind: 'floating-ip',
      ref: { kind: 'floatingIp', id: fip.id },
      label: fip.floatingIp,
      secondary: 'floating IP',
      status: fip.status,
      children: [],
    });
  }
  if (isCompute(port.deviceOwner) && port.deviceId) {
    const server = model.servers.get(port.deviceId);
    if (server) {
      children.push(instanceNode(model, server, key));
      tally?.instances.add(server.id);
    } else {
      const why = model.snapshot.compute.available ? 'not in Nova\u2019s list' : 'Nova unavailable';
      children.push({
        key: childKey(key, `missing:${port.deviceId}`),
        kind: 'missing-instance',
        label: `instance ${port.deviceId.slice(0, 8)}`,
        secondary: why,
        children: [],
      });
    }
  }
  tally?.ports.add(port.id);
  const ip = subnetId ? ipOnSubnet(port, subnetId) : undefined;
  const ips = ip ?? (port.fixedIps.map((f) => f.ip).join(', ') || 'no fixed IP');
  return {
    key,
    kind: 'port',
    ref: { kind: 'port', id: port.id },
    label: ips,
    secondary: [port.name, port.macAddress].filter(Boolean).join(' \u00b7 '),
    status: port.status,
    badges: portBadges(model, port),
    children,
  };
}

/** A subnet row and its ports. `skipPortId`: the router interface the subnet hangs under. */
export function subnetNode(model: TopologyModel, subnetId: string, parentKey: string | undefined, options: { skipPortId?: string; showNetwork?: boolean; tally?: Tally }): TreeNode {
  const key = childKey(parentKey, `subnet:${subnetId}`);
  const subnet = model.subnets.get(subnetId);
  const ports = model.portsBySubnet.get(subnetId) ?? [];
  const local = newTally();
  const children: TreeNode[] = [];
  for (const port of ports) {
    if (port.id === options.skipPortId) continue;
    children.push(portNode(model, port, key, subnetId, local));
  }
  for (const id of local.ports) options.tally?.ports.add(id);
  for (const id of local.instances) options.tally?.instances.add(id);
  if (!subnet) {
    return {
      key,
      kind: 'subnet',
      ref: { kind: 'subnet', id: subnetId },
      label: `subnet ${subnetId.slice(0, 8)}`,
      secondary: 'not in view',
      children,
      counts: { ports: local.ports.size, instances: local.instances.size },
    };
  }
  const network = model.networks.get(subnet.networkId);
  const secondary = [subnet.cidr, options.showNetwork ? `network ${network ? displayName(network) : subnet.networkId.slice(0, 8)}` : undefined, displayName(subnet)]
    .filter(Boolean)
    .join(' \u00b7 ');
  const badges: string[] = [`IPv${subnet.ipVersion}`];
  if (subnet.enableDhcp) badges.push('DHCP');
  if (subnet.ipv6AddressMode) badges.push(subnet.ipv6AddressMode);
  return {
    key,
    kind: 'subnet',
    ref: { kind: 'subnet', id: subnetId },
    label: subnet.cidr,
    secondary,
    badges,
    children,
    counts: { ports: local.ports.size, instances: local.instances.size },
  };
}

/** True when the port is one of a router's interfaces (used to label rows). */
export function isInterfacePort(port: Port): boolean {
  return isRouterInterface(port.deviceOwner);
}
