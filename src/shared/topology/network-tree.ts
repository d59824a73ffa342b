/**
 * The network tree: network -> subnets -> ports (DHCP and router ports included) -> floating IPs
 * and instance; then the loose ends an admin hunts for, each as a group: ports without a device,
 * ports whose instance is not listed, ports on networks outside the view, instances without ports.
 */
import type { Network, Port, Server } from '../models/topology';
import { displayName, projectLabel, sortedNetworks, type TopologyModel } from './build-model';
import { isCompute } from './device-owner';
import { childKey, treeNode, type TreeNode } from './tree';
import { instanceNode, portNode, subnetNode } from './tree-nodes';

/** Ports of a network with no fixed IP on one of its subnets that is in view. */
function portsWithoutListedSubnet(model: TopologyModel, network: Network): Port[] {
  const ports = model.portsByNetwork.get(network.id) ?? [];
  return ports.filter((port) => !port.fixedIps.some((f) => model.subnets.get(f.subnetId)?.networkId === network.id));
}

function instancesOf(model: TopologyModel, ports: readonly Port[]): number {
  const ids = new Set<string>();
  for (const port of ports) if (isCompute(port.deviceOwner) && model.servers.has(port.deviceId)) ids.add(port.deviceId);
  return ids.size;
}

function networkNode(model: TopologyModel, network: Network): TreeNode {
  const key = `network:${network.id}`;
  const subnets = model.subnetsByNetwork.get(network.id) ?? [];
  const ports = model.portsByNetwork.get(network.id) ?? [];
  const loose = portsWithoutListedSubnet(model, network);
  const build = () => {
    const children = subnets.map((subnet) => subnetNode(model, subnet.id, key, {}));
    if (loose.length) {
      const groupKey = childKey(key, 'group:no-subnet');
      children.push(
        treeNode(
          {
            key: groupKey,
            kind: 'group',
            label: 'ports without an IP on a listed subnet',
            counts: { ports: loose.length },
          },
          () => loose.map((port) => portNode(model, port, groupKey, undefined)),
        ),
      );
    }
    return children;
  };
  const badges: string[] = [];
  if (network.external) badges.push('external');
  if (network.shared) badges.push('shared');
  if (
    model.snapshot.source.allProjects ||
    (model.snapshot.source.projectId && network.projectId !== model.snapshot.source.projectId)
  ) {
    badges.push(`project ${projectLabel(model, network.projectId)}`);
  }
  return treeNode(
    {
      key,
      kind: 'network',
      ref: { kind: 'network', id: network.id },
      label: displayName(network),
      secondary: subnets.map((s) => s.cidr).join(', ') || 'no subnets',
      status: network.status,
      badges,
      counts: { subnets: subnets.length, ports: ports.length, instances: instancesOf(model, ports) },
    },
    build,
    subnets.length > 0 || loose.length > 0,
  );
}

function portGroup(model: TopologyModel, id: string, label: string, ports: readonly Port[]): TreeNode | undefined {
  if (!ports.length) return undefined;
  const key = `group:${id}`;
  const build = () =>
    ports.map((port) => {
      const network = model.networks.get(port.networkId);
      return portNode(model, port, key, undefined, `network ${network ? displayName(network) : port.networkId}`);
    });
  return treeNode(
    { key, kind: 'group', label, counts: { ports: ports.length, instances: instancesOf(model, ports) } },
    build,
  );
}

function serverGroup(model: TopologyModel, servers: readonly Server[]): TreeNode | undefined {
  if (!servers.length) return undefined;
  const key = 'group:no-ports';
  return treeNode(
    { key, kind: 'group', label: 'instances without ports in view', counts: { instances: servers.length } },
    () => servers.map((server) => instanceNode(model, server, key)),
  );
}

/** One root per network (own, shared, external), then the loose-end groups that are not empty. */
export function buildNetworkTree(model: TopologyModel): TreeNode[] {
  const roots = sortedNetworks(model).map((network) => networkNode(model, network));
  const groups = [
    portGroup(model, 'unattached', 'ports without a device', model.unattachedPorts),
    portGroup(model, 'missing-instance', 'ports whose instance is not listed', model.portsWithMissingInstance),
    portGroup(model, 'outside', 'ports on networks outside this view', model.portsOutsideView),
    serverGroup(model, model.serversWithoutPorts),
  ];
  for (const group of groups) if (group) roots.push(group);
  return roots;
}
