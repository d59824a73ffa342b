/**
 * Node builders shared by the router tree and the network tree: subnet -> ports -> (floating IPs,
 * instance). Children are built lazily (when a row is expanded); counts come from the model's
 * indexes, so a collapsed row still says what is inside.
 */
import type { Port, Server } from '../models/topology';
import {
  displayName,
  ipOnSubnet,
  projectLabel,
  sortedSubnetPorts,
  subnetInstanceIds,
  type TopologyModel,
} from './build-model';
import { isCompute, portRole } from './device-owner';
import { childKey, treeNode, type TreeNode } from './tree';

const DOT = ' \u00b7 ';

export function instanceNode(model: TopologyModel, server: Server, parentKey: string | undefined): TreeNode {
  return treeNode({
    key: childKey(parentKey, `server:${server.id}`),
    kind: 'instance',
    ref: { kind: 'server', id: server.id },
    label: displayName(server),
    secondary: `project ${projectLabel(model, server.projectId)}`,
    status: server.status,
    badges: server.configDrive ? ['config drive'] : [],
  });
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

function portChildren(model: TopologyModel, port: Port, key: string): TreeNode[] {
  const children: TreeNode[] = [];
  for (const fip of model.floatingIpsByPort.get(port.id) ?? []) {
    children.push(
      treeNode({
        key: childKey(key, `floatingIp:${fip.id}`),
        kind: 'floating-ip',
        ref: { kind: 'floatingIp', id: fip.id },
        label: fip.floatingIp,
        secondary: 'floating IP',
        status: fip.status,
      }),
    );
  }
  if (isCompute(port.deviceOwner) && port.deviceId) {
    const server = model.servers.get(port.deviceId);
    if (server) {
      children.push(instanceNode(model, server, key));
    } else {
      const why = model.snapshot.compute.available ? 'not in Nova\u2019s list' : 'Nova unavailable';
      children.push(
        treeNode({
          key: childKey(key, `missing:${port.deviceId}`),
          kind: 'missing-instance',
          label: `instance ${port.deviceId}`,
          secondary: why,
        }),
      );
    }
  }
  return children;
}

/** A port row: its IP on `subnetId` (or all IPs), then name, MAC; children: floating IPs, instance. */
export function portNode(
  model: TopologyModel,
  port: Port,
  parentKey: string | undefined,
  subnetId: string | undefined,
  extraSecondary?: string,
): TreeNode {
  const key = childKey(parentKey, `port:${port.id}`);
  const ip = subnetId ? ipOnSubnet(port, subnetId) : undefined;
  const label = ip ?? (port.fixedIps.map((f) => f.ip).join(', ') || 'no fixed IP');
  // Name the instance on the row itself: an admin scanning IPs should not have to expand each one.
  const server = isCompute(port.deviceOwner) ? model.servers.get(port.deviceId) : undefined;
  const serverName = server ? displayName(server) : undefined;
  const portName = port.name && port.name !== serverName ? port.name : undefined;
  const secondary = [serverName ? `\u2192 ${serverName}` : undefined, portName, port.macAddress, extraSecondary]
    .filter(Boolean)
    .join(DOT);
  const hasChildren = model.floatingIpsByPort.has(port.id) || (isCompute(port.deviceOwner) && !!port.deviceId);
  return treeNode(
    {
      key,
      kind: 'port',
      ref: { kind: 'port', id: port.id },
      label,
      secondary,
      status: port.status,
      badges: portBadges(model, port),
    },
    () => portChildren(model, port, key),
    hasChildren,
  );
}

/** A subnet row and its ports. `skipPortId`: the router interface the subnet hangs under. */
export function subnetNode(
  model: TopologyModel,
  subnetId: string,
  parentKey: string | undefined,
  options: { skipPortId?: string; showNetwork?: boolean },
): TreeNode {
  const key = childKey(parentKey, `subnet:${subnetId}`);
  const subnet = model.subnets.get(subnetId);
  const all = model.portsBySubnet.get(subnetId) ?? [];
  const skipped = options.skipPortId && all.some((p) => p.id === options.skipPortId) ? 1 : 0;
  const counts = { ports: all.length - skipped, instances: subnetInstanceIds(model, subnetId).size };
  const build = () =>
    sortedSubnetPorts(model, subnetId)
      .filter((p) => p.id !== options.skipPortId)
      .map((port) => portNode(model, port, key, subnetId));
  const hasChildren = counts.ports > 0;
  if (!subnet) {
    return treeNode(
      {
        key,
        kind: 'subnet',
        ref: { kind: 'subnet', id: subnetId },
        label: `subnet ${subnetId}`,
        secondary: 'not in view',
        counts,
      },
      build,
      hasChildren,
    );
  }
  const network = model.networks.get(subnet.networkId);
  const networkText = options.showNetwork ? `network ${network ? displayName(network) : subnet.networkId}` : undefined;
  const badges: string[] = [`IPv${subnet.ipVersion}`];
  if (subnet.enableDhcp) badges.push('DHCP');
  if (subnet.ipv6AddressMode) badges.push(subnet.ipv6AddressMode);
  return treeNode(
    {
      key,
      kind: 'subnet',
      ref: { kind: 'subnet', id: subnetId },
      label: subnet.cidr,
      secondary: [displayName(subnet), networkText].filter(Boolean).join(DOT),
      badges,
      counts,
    },
    build,
    hasChildren,
  );
}
